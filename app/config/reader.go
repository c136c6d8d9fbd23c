package config

import (
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// reader collects validation errors while reading variables.
type reader struct {
	getenv func(string) string
	errs   []error
}

func (r *reader) fail(format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf(format, args...))
}

func (r *reader) require(name, value, hint string) {
	if value != "" {
		return
	}
	if hint != "" {
		r.fail("%s is required (%s)", name, hint)
		return
	}
	r.fail("%s is required", name)
}

func (r *reader) str(name, def string) string {
	if v := strings.TrimSpace(r.getenv(name)); v != "" {
		return v
	}
	return def
}

func (r *reader) intIn(name string, def, lo, hi int) int {
	v := strings.TrimSpace(r.getenv(name))
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		r.fail("%s must be a whole number from %d to %d, got %q", name, lo, hi, v)
		return def
	}
	return n
}

func (r *reader) duration(name string, def time.Duration) time.Duration {
	v := strings.TrimSpace(r.getenv(name))
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		r.fail("%s must be a positive duration such as 10s, got %q", name, v)
		return def
	}
	return d
}

func (r *reader) boolean(name string, def bool) bool {
	switch v := strings.ToLower(strings.TrimSpace(r.getenv(name))); v {
	case "":
		return def
	case "true", "1", "yes":
		return true
	case "false", "0", "no":
		return false
	default:
		r.fail("%s must be true or false, got %q", name, v)
		return def
	}
}

func (r *reader) oneOf(name, def string, allowed ...string) string {
	v := strings.ToLower(r.str(name, def))
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	r.fail("%s must be one of %s, got %q", name, strings.Join(allowed, ", "), v)
	return def
}

func (r *reader) level(name string) slog.Level {
	var l slog.Level
	v := r.oneOf(name, "info", "debug", "info", "warn", "error")
	_ = l.UnmarshalText([]byte(v)) // v is one of the names slog knows
	return l
}

// appURL reads APP_URL (or HOST, which the Shopify CLI sets). Serve requires an
// absolute https URL because Shopify only loads embedded apps over https.
func (r *reader) appURL(mode Mode, port int) *url.URL {
	name, v := "APP_URL", strings.TrimSpace(r.getenv("APP_URL"))
	if v == "" {
		name, v = "HOST", strings.TrimSpace(r.getenv("HOST"))
	}
	if v == "" {
		if mode == Serve {
			r.fail("APP_URL is required (the app's public https URL)")
			return nil
		}
		return &url.URL{Scheme: "http", Host: fmt.Sprintf("localhost:%d", port)}
	}
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		r.fail("%s must be an absolute URL such as https://hubchat.example.com, got %q", name, v)
		return nil
	}
	if mode == Serve && u.Scheme != "https" {
		r.fail("%s must use https in serve mode, got %q", name, v)
		return nil
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u
}

// absoluteURL reads an absolute URL; serve mode requires https, since the
// real Shopify and its CDN only speak https.
func (r *reader) absoluteURL(mode Mode, name, def string) string {
	v := r.str(name, def)
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		r.fail("%s must be an absolute URL, got %q", name, v)
		return def
	}
	if mode == Serve && u.Scheme != "https" {
		r.fail("%s must use https in serve mode, got %q", name, v)
		return def
	}
	return strings.TrimRight(v, "/")
}

func (r *reader) origin(mode Mode, name, def string) *url.URL {
	u, _ := url.Parse(r.absoluteURL(mode, name, def))
	return u
}

// shopURL reads SHOPIFY_SHOP_URL, which must name the shop; it is checked
// with a sample shop in place of {shop}.
func (r *reader) shopURL(mode Mode) string {
	const def = "https://{shop}"
	v := strings.TrimRight(r.str("SHOPIFY_SHOP_URL", def), "/")
	if !strings.Contains(v, "{shop}") {
		r.fail("SHOPIFY_SHOP_URL must contain {shop}, got %q", v)
		return def
	}
	sample := reader{getenv: func(string) string { return strings.ReplaceAll(v, "{shop}", "sample.myshopify.com") }}
	sample.absoluteURL(mode, "SHOPIFY_SHOP_URL", def)
	r.errs = append(r.errs, sample.errs...)
	return v
}

// helpdeskURL reads the address of a helpdesk's API, checked with a sample
// account in place of placeholder (which it need not contain: a local fake
// serves every account). Like the helpdesk clients, it accepts https, or
// http on a loopback address, so credentials never cross a network in clear.
func (r *reader) helpdeskURL(name, def, placeholder string) string {
	v := strings.TrimRight(r.str(name, def), "/")
	u, err := url.Parse(strings.ReplaceAll(v, placeholder, "sample"))
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		r.fail("%s must be an absolute URL such as %s, got %q", name, def, v)
		return def
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	loopback := host == "localhost" || ip != nil && ip.IsLoopback()
	if u.Scheme != "https" && !(u.Scheme == "http" && loopback) {
		r.fail("%s must use https (http only on a loopback address), got %q", name, v)
		return def
	}
	return v
}

// apiURL reads the base URL of an API without an account in its address
// (Twilio's): the same rules as a helpdesk's, with no placeholder to fill.
func (r *reader) apiURL(name, def string) string { return r.helpdeskURL(name, def, "{none}") }

// localTwilio reads the dev-only local Twilio's settings. It runs in dev
// unless TWILIO_URL names another Twilio.
func (r *reader) localTwilio(mode Mode, port int) LocalTwilio {
	def := 8083
	if port == 0 {
		def = 0
	}
	return LocalTwilio{
		Enabled: mode == Dev && strings.TrimSpace(r.getenv("TWILIO_URL")) == "",
		Port:    r.intIn("LOCAL_TWILIO_PORT", def, 0, 65535),
	}
}

// localShopify reads the dev-only local Shopify's settings. It runs in dev
// unless SHOPIFY_SHOP_URL names another Shopify.
func (r *reader) localShopify(mode Mode, port int) LocalShopify {
	admin, store := 8081, 8082
	if port == 0 {
		admin, store = 0, 0
	}
	l := LocalShopify{
		Enabled:        mode == Dev && strings.TrimSpace(r.getenv("SHOPIFY_SHOP_URL")) == "",
		AdminPort:      r.intIn("LOCAL_SHOPIFY_ADMIN_PORT", admin, 0, 65535),
		StorefrontPort: r.intIn("LOCAL_SHOPIFY_STOREFRONT_PORT", store, 0, 65535),
		ShopData:       strings.TrimSpace(r.getenv("SHOP_DATA")),
		ShopDomain:     strings.ToLower(strings.TrimSpace(r.getenv("DEMO_SHOP_DOMAIN"))),
	}
	if l.ShopDomain != "" && !strings.HasSuffix(l.ShopDomain, ".myshopify.com") {
		r.fail("DEMO_SHOP_DOMAIN must be a {name}.myshopify.com domain, got %q", l.ShopDomain)
	}
	return l
}

// SMTP is an SMTP server to send email through, read from a URL:
// smtp://user:pass@host:port?from=address (STARTTLS when the server offers
// it) or smtps://… (TLS from the first byte).
type SMTP struct {
	Host               string
	Port               int
	Username, Password string
	ImplicitTLS        bool
	// From is the sender's address; the display name is the shop's.
	From string
}

// Enabled reports whether an SMTP server is configured.
func (s SMTP) Enabled() bool { return s.Host != "" }

// smtp reads SMTP_URL. Its messages never quote the value, which may hold
// a password.
func (r *reader) smtp(name string) SMTP {
	v := strings.TrimSpace(r.getenv(name))
	if v == "" {
		return SMTP{}
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		r.fail("%s must be a URL such as smtp://user:pass@mail.example.com:587?from=hubchat%%40example.com (or smtps://)", name)
		return SMTP{}
	}
	s := SMTP{Host: u.Hostname(), Port: 587, ImplicitTLS: u.Scheme == "smtps"}
	if s.ImplicitTLS {
		s.Port = 465
	}
	if p := u.Port(); p != "" {
		if s.Port, err = strconv.Atoi(p); err != nil || s.Port < 1 || s.Port > 65535 {
			r.fail("%s has an invalid port %q", name, p)
			return SMTP{}
		}
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
	}
	q := u.Query()
	for k := range q {
		if k != "from" {
			r.fail("%s has an unknown parameter %q (only from is read)", name, k)
		}
	}
	from, err := mail.ParseAddress(q.Get("from"))
	if err != nil || from.Name != "" {
		r.fail("%s needs the sender's address as ?from=, such as from=hubchat%%40example.com", name)
		return SMTP{}
	}
	s.From = from.Address
	return s
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
