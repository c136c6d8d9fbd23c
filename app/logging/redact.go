// Package logging builds the app's structured logger: a slog handler that
// keeps secrets and customers' words out of every line it writes.
package logging

import (
	"context"
	"log/slog"
	"net/url"
	"regexp"
	"strings"

	"hubchat/app/config"
)

// Redacted replaces whatever a log line must not carry.
const Redacted = "[redacted]"

// secretKeys are attribute keys (lower case, matched as a whole or as a
// suffix after "_" or ".") whose values are never written: credentials,
// signatures, and what a customer typed or is reached by.
var secretKeys = []string{
	"token", "secret", "password", "passwd", "authorization", "cookie", "api_key", "apikey", "key",
	"hmac", "signature", "body", "text", "message_body", "email", "phone", "to", "from", "dsn",
	"database_url", "smtp_url", "query",
}

// secretPatterns find secrets inside free text (errors, messages, URLs)
// whatever the attribute is called.
var secretPatterns = []struct {
	re   *regexp.Regexp
	with string
}{
	// JWTs: Shopify session tokens, the widget's shopper tokens.
	{regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*`), Redacted},
	// Shopify access and storefront tokens.
	{regexp.MustCompile(`shp(at|ss|ca|pa|ua)_[A-Za-z0-9]+`), Redacted},
	// Credentials in a URL: scheme://user:password@host.
	{regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@]*:)[^@\s/]+@`), "${1}" + Redacted + "@"},
	// Query parameters that carry tokens, signatures and keys.
	{regexp.MustCompile(`(?i)([?&](?:[a-z_]*token|hmac|signature|id_token|session|code|key|api_key|password|state)=)[^&\s"']+`), "${1}" + Redacted},
	// Capability URLs: the token is the last path segment.
	{regexp.MustCompile(`(/(?:media|attachments|unsubscribe|files)/)[A-Za-z0-9_.~%-]+`), "${1}" + Redacted},
	// Authorization header values.
	{regexp.MustCompile(`(?i)((?:bearer|basic)\s+)[A-Za-z0-9+/=._~-]+`), "${1}" + Redacted},
}

// Scrub returns s with every secret the patterns know replaced.
func Scrub(s string) string {
	for _, p := range secretPatterns {
		s = p.re.ReplaceAllString(s, p.with)
	}
	return s
}

// secretKey reports whether an attribute named key holds a secret.
func secretKey(key string) bool {
	k := strings.ToLower(key)
	for _, s := range secretKeys {
		if k == s || strings.HasSuffix(k, "_"+s) || strings.HasSuffix(k, "."+s) {
			return true
		}
	}
	return false
}

// Handler wraps another handler and redacts before it writes: attributes
// named like secrets lose their value, and every string (the message,
// errors, URLs, groups' members) is scrubbed of tokens, signatures,
// passwords and capability URLs' tokens. Exact values the app knows to be
// secret (its API secret, its database password) are removed wherever they
// appear.
type Handler struct {
	next  slog.Handler
	known *strings.Replacer
}

// NewHandler redacts for next; known are exact secret values (empty ones
// are ignored) that must never appear in any form.
func NewHandler(next slog.Handler, known ...string) *Handler {
	var pairs []string
	for _, k := range known {
		if len(k) >= 6 {
			pairs = append(pairs, k, Redacted)
		}
	}
	return &Handler{next: next, known: strings.NewReplacer(pairs...)}
}

// Enabled follows the wrapped handler.
func (h *Handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

// Handle writes a redacted copy of r.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.scrub(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

// WithAttrs redacts the attributes before the wrapped handler keeps them.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return &Handler{next: h.next.WithAttrs(clean), known: h.known}
}

// WithGroup follows the wrapped handler.
func (h *Handler) WithGroup(name string) slog.Handler {
	return &Handler{next: h.next.WithGroup(name), known: h.known}
}

func (h *Handler) scrub(s string) string { return h.known.Replace(Scrub(s)) }

// attr is a with its value redacted: by its key, else by its content.
func (h *Handler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	if v.Kind() == slog.KindGroup {
		members := v.Group()
		clean := make([]any, len(members))
		for i, m := range members {
			clean[i] = h.attr(m)
		}
		return slog.Group(a.Key, clean...)
	}
	if secretKey(a.Key) {
		return slog.String(a.Key, Redacted)
	}
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.scrub(v.String()))
	case slog.KindAny:
		// Errors, URLs, structs: what they print is what would be written.
		return slog.String(a.Key, h.scrub(v.String()))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// ConfigSecrets are the exact secrets in a configuration: the app's API
// secret, the token-sealing keys, the database's and the SMTP server's
// passwords.
func ConfigSecrets(cfg config.Config) []string {
	secrets := []string{cfg.ShopifyAPISecret, cfg.SMTP.Password}
	for _, k := range strings.Split(cfg.TokenEncryptionKeys, ",") {
		if _, key, ok := strings.Cut(k, ":"); ok {
			secrets = append(secrets, key)
		}
	}
	return append(secrets, URLPassword(cfg.DatabaseURL))
}

// URLPassword is the password in a connection URL, or "".
func URLPassword(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return ""
	}
	p, _ := u.User.Password()
	return p
}
