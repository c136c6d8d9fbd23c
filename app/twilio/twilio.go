// Package twilio talks to Twilio's Programmable Messaging for a merchant's
// account: it sends SMS and MMS through the Messages API, checks an
// account's credentials, verifies the requests Twilio makes to the app
// (X-Twilio-Signature) and reads their forms (an incoming message, a
// delivery status), and recognises the opt-out, opt-in and help keywords
// Twilio handles on long codes.
//
// Every failure of a call to Twilio is an *Error that says, in words a
// merchant understands, what went wrong and whether trying again later can
// help (Temporary, RetryAfter): sending is meant for a retried job. The
// auth token never appears in errors, and this package logs nothing.
//
// Twilio's documentation, from which every field and rule here is taken:
//   - Messages API: https://www.twilio.com/docs/messaging/api/message-resource
//   - Accounts API: https://www.twilio.com/docs/iam/api/account
//   - REST errors: https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions
//     and each code's page under https://www.twilio.com/docs/api/errors/
//   - Webhook signatures: https://www.twilio.com/docs/usage/webhooks/webhooks-security
//   - Incoming message webhook: https://www.twilio.com/docs/messaging/guides/webhook-request
//   - Status callbacks: https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
//     and https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks
//   - Opt-out keywords: https://support.twilio.com/hc/en-us/articles/223134027-Twilio-support-for-opt-out-keywords-SMS-STOP-filtering
//     and https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out
package twilio

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"time"
)

// DefaultBaseURL is Twilio's REST API.
const DefaultBaseURL = "https://api.twilio.com"

// apiVersion is the one version of Twilio's REST API for messages and accounts.
const apiVersion = "2010-04-01"

// AuthToken is an account's auth token: the password of its REST API and
// the key of its webhook signatures. It prints and logs as "[redacted]", so
// that no format verb or log line reveals it by accident.
type AuthToken string

const redacted = "[redacted]"

func (AuthToken) String() string             { return redacted }
func (AuthToken) GoString() string           { return redacted }
func (AuthToken) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }
func (AuthToken) LogValue() slog.Value       { return slog.StringValue(redacted) }
func (t AuthToken) reveal() string           { return string(t) }
func (t AuthToken) plausible() bool          { return authTokenPattern.MatchString(string(t)) }

// SIDs are two letters naming the kind of resource and 32 hex digits.
var (
	accountSIDPattern = regexp.MustCompile(`^AC[0-9a-fA-F]{32}$`)
	serviceSIDPattern = regexp.MustCompile(`^MG[0-9a-fA-F]{32}$`)
	messageSIDPattern = regexp.MustCompile(`^(SM|MM)[0-9a-fA-F]{32}$`)
	authTokenPattern  = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)
	// e164Pattern is a phone number in E.164: "+", a country code that does
	// not start with 0, and up to 15 digits in all.
	e164Pattern = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
)

// ValidAccountSID reports whether s has the shape of an Account SID.
func ValidAccountSID(s string) bool { return accountSIDPattern.MatchString(s) }

// ValidServiceSID reports whether s has the shape of a Messaging Service SID.
func ValidServiceSID(s string) bool { return serviceSIDPattern.MatchString(s) }

// ValidMessageSID reports whether s has the shape of a Message SID (SM… for
// SMS, MM… for MMS).
func ValidMessageSID(s string) bool { return messageSIDPattern.MatchString(s) }

// ValidAuthToken reports whether s has the shape of an auth token.
func ValidAuthToken(s string) bool { return AuthToken(s).plausible() }

// ValidE164 reports whether s is a phone number in E.164, the form Twilio
// reads and writes phone numbers in.
func ValidE164(s string) bool { return e164Pattern.MatchString(s) }

// Option changes how a Client is built.
type Option func(*options)

type options struct {
	baseURL    string
	httpClient *http.Client
}

// WithBaseURL sends requests to base instead of Twilio: the local Twilio of
// package twiliotest. It must be https, or http on a loopback address, so
// that credentials never cross a network in clear.
func WithBaseURL(base string) Option { return func(o *options) { o.baseURL = base } }

// WithHTTPClient uses c instead of the default client (15 s timeout, no
// redirects followed).
func WithHTTPClient(c *http.Client) Option { return func(o *options) { o.httpClient = c } }

// requestTimeout bounds one call when the caller's context allows longer:
// Twilio answers a create or fetch in well under a second, and a job that
// waits longer holds a worker for nothing.
const requestTimeout = 15 * time.Second

// checkBaseURL accepts an absolute https URL, or http to a loopback host.
func checkBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("twilio: base URL %q is not an absolute URL without credentials or query", raw)
	}
	if u.Scheme == "https" || u.Scheme == "http" && isLoopback(u.Hostname()) {
		return u, nil
	}
	return nil, fmt.Errorf("twilio: base URL %q must use https (http only on a loopback address)", raw)
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || ip != nil && ip.IsLoopback()
}
