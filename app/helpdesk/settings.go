package helpdesk

import (
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	"hubchat/app/apperr"
)

// Secret is an API token or key. It prints and logs as "[redacted]" so that
// it cannot leak through a log line or an error built with fmt; use
// string(s) where the value itself is needed. encoding/json still writes it
// in clear, for whoever seals and stores it.
type Secret string

const redacted = "[redacted]"

func (Secret) String() string   { return redacted }
func (Secret) GoString() string { return redacted }

// Format writes "[redacted]" whatever the verb.
func (Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue keeps the secret out of slog output.
func (Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// ZendeskSettings are what the merchant enters to hand chats over to Zendesk.
type ZendeskSettings struct {
	Subdomain  string // "mystore" of mystore.zendesk.com; the full host or URL is accepted and reduced
	AgentEmail string // the email of the Zendesk agent or admin the API token belongs to
	APIToken   Secret
}

// LogValue logs the settings without the token.
func (s ZendeskSettings) LogValue() slog.Value {
	return slog.GroupValue(slog.String("subdomain", s.Subdomain), slog.String("agent_email", s.AgentEmail),
		slog.String("api_token", redacted))
}

// GorgiasSettings are what the merchant enters to hand chats over to Gorgias.
type GorgiasSettings struct {
	Domain   string // "mystore" of mystore.gorgias.com; the full host or URL is accepted and reduced
	Username string // the email shown as Username under Settings → REST API in Gorgias
	APIKey   Secret
}

// LogValue logs the settings without the key.
func (s GorgiasSettings) LogValue() slog.Value {
	return slog.GroupValue(slog.String("domain", s.Domain), slog.String("username", s.Username),
		slog.String("api_key", redacted))
}

// The settings fields, as Problem.Field names them.
const (
	FieldSubdomain  = "subdomain"
	FieldAgentEmail = "agent_email"
	FieldAPIToken   = "api_token"
	FieldDomain     = "domain"
	FieldUsername   = "username"
	FieldAPIKey     = "api_key"
)

// Problem is one thing wrong with one settings field, in the merchant's words.
type Problem struct {
	Field   string // one of the Field constants
	Message string
}

// Problems lists what is wrong with settings. As an error it unwraps to an
// *apperr.Error coded Invalid, so it is shown, never logged as a fault.
type Problems []Problem

func (p Problems) Error() string {
	msgs := make([]string, len(p))
	for i, pr := range p {
		msgs[i] = pr.Message
	}
	return strings.Join(msgs, " ")
}

// Unwrap returns the same messages coded Invalid.
func (p Problems) Unwrap() error { return apperr.New(apperr.Invalid, "%s", p.Error()) }

// accountLabel is a DNS label: what both services use as the account's own
// host name under their domain.
var accountLabel = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Normalize returns the settings trimmed, with the subdomain reduced from a
// host or URL, or the Problems found.
func (s ZendeskSettings) Normalize() (ZendeskSettings, error) {
	var p Problems
	sub, ok := reduceAccount(s.Subdomain, "zendesk.com")
	if !ok {
		p = append(p, Problem{FieldSubdomain, "Enter your Zendesk subdomain: the part before .zendesk.com in your Zendesk address (for example mystore for mystore.zendesk.com)."})
	}
	email, ok := parseEmail(s.AgentEmail)
	if !ok {
		p = append(p, Problem{FieldAgentEmail, "Enter the email address of the Zendesk agent or admin who created the API token, like agent@example.com."})
	}
	token := Secret(strings.TrimSpace(string(s.APIToken)))
	if !plausibleSecret(token) {
		p = append(p, Problem{FieldAPIToken, "Paste the API token from Zendesk Admin Center (Apps and integrations → APIs → Zendesk API), without spaces."})
	}
	if len(p) > 0 {
		return s, p
	}
	return ZendeskSettings{Subdomain: sub, AgentEmail: email, APIToken: token}, nil
}

// Normalize returns the settings trimmed, with the domain reduced from a host
// or URL, or the Problems found.
func (s GorgiasSettings) Normalize() (GorgiasSettings, error) {
	var p Problems
	domain, ok := reduceAccount(s.Domain, "gorgias.com")
	if !ok {
		p = append(p, Problem{FieldDomain, "Enter your Gorgias account domain: the part before .gorgias.com in your Gorgias address (for example mystore for mystore.gorgias.com)."})
	}
	user, ok := parseEmail(s.Username)
	if !ok {
		p = append(p, Problem{FieldUsername, "Enter the Username shown under Settings → REST API in Gorgias: the email address you sign in with."})
	}
	key := Secret(strings.TrimSpace(string(s.APIKey)))
	if !plausibleSecret(key) {
		p = append(p, Problem{FieldAPIKey, "Paste the API key (the Password under Settings → REST API in Gorgias), without spaces."})
	}
	if len(p) > 0 {
		return s, p
	}
	return GorgiasSettings{Domain: domain, Username: user, APIKey: key}, nil
}

// reduceAccount accepts "x", "x.<service>", or an address such as
// "https://x.<service>/agent/" and returns "x" when it is a valid label.
func reduceAccount(raw, service string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(raw))
	for _, scheme := range []string{"https://", "http://"} {
		s = strings.TrimPrefix(s, scheme)
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	s = strings.TrimSuffix(s, "."+service)
	return s, accountLabel.MatchString(s)
}

// plausibleSecret accepts what could be a token or key: printable ASCII with
// no spaces, of a sane length. The helpdesk itself decides if it is right.
func plausibleSecret(s Secret) bool {
	if len(s) < 8 || len(s) > 512 {
		return false
	}
	for _, c := range []byte(s) {
		if c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}
