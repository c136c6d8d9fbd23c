package twilio

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"unicode/utf16"

	"hubchat/app/apperr"
)

// SignatureHeader is the header that carries a request's signature.
const SignatureHeader = "X-Twilio-Signature"

// ErrBadSignature is the answer to a request whose signature does not match:
// it did not come from Twilio, or not for this account, or not to this URL.
var ErrBadSignature = apperr.New(apperr.Unauthorized, "The request is not signed by Twilio for this account.")

// Signature is the X-Twilio-Signature of a request Twilio makes to rawURL
// (the full URL, query string included, exactly as configured in Twilio)
// with the form-encoded POST parameters params: the base64 of the
// HMAC-SHA1, keyed by the auth token, of the URL followed by each parameter
// name and value, without separators, in order of name.
//
// Two details the documentation leaves to Twilio's helper libraries, and
// this follows them (twilio-node's getExpectedTwilioSignature, which the
// tests run against this on generated inputs): a name sent with several
// values contributes each distinct value once, in order of value; and
// names and values are ordered by UTF-16 code units (JavaScript's and
// Java's string order), which differs from byte order only past U+FFFF.
func Signature(token AuthToken, rawURL string, params url.Values) string {
	mac := hmac.New(sha1.New, []byte(token.reveal()))
	mac.Write([]byte(rawURL))
	for _, name := range sortedUTF16(keys(params)) {
		for _, value := range sortedUTF16(distinct(params[name])) {
			mac.Write([]byte(name))
			mac.Write([]byte(value))
		}
	}
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// VerifySignature returns nil when header is the signature, by token, of a
// request to rawURL with params, and ErrBadSignature otherwise. The
// comparison takes the same time whatever the header holds.
//
// Twilio may sign the URL with or without the scheme's default port (":443"
// for https, ":80" for http) whichever the webhook's URL showed, so both
// forms are accepted; any other change of the URL is not: a port other than
// the default, a host in other letters, a query encoded differently. (Twilio's
// Node library is more lenient there: it also drops a non-default port and
// retries the URL as Node normalises it. The cross-check test lists each
// case where this refuses what it accepts.)
func VerifySignature(token AuthToken, rawURL string, params url.Values, header string) error {
	got := []byte(strings.TrimSpace(header))
	ok := 0
	for _, candidate := range urlForms(rawURL) {
		want := []byte(Signature(token, candidate, params))
		ok |= subtle.ConstantTimeCompare(got, want)
	}
	if ok != 1 || token == "" {
		return ErrBadSignature
	}
	return nil
}

// urlForms is rawURL as given, and with the scheme's default port added
// when it names none or removed when it names that one.
func urlForms(rawURL string) []string {
	forms := []string{rawURL}
	schemeEnd := strings.Index(rawURL, "://")
	if schemeEnd < 0 {
		return forms
	}
	scheme := strings.ToLower(rawURL[:schemeEnd])
	defaultPort := map[string]string{"https": "443", "http": "80"}[scheme]
	if defaultPort == "" {
		return forms
	}
	rest := rawURL[schemeEnd+3:]
	authorityEnd := strings.IndexAny(rest, "/?#")
	if authorityEnd < 0 {
		authorityEnd = len(rest)
	}
	authority, tail := rest[:authorityEnd], rest[authorityEnd:]
	host, port := splitPort(authority)
	switch port {
	case "":
		forms = append(forms, rawURL[:schemeEnd+3]+authority+":"+defaultPort+tail)
	case defaultPort:
		forms = append(forms, rawURL[:schemeEnd+3]+host+tail)
	}
	return forms
}

// splitPort splits "host:port" (host may be a bracketed IPv6 literal or
// carry user info) into the part before the port and the port.
func splitPort(authority string) (hostPart, port string) {
	afterBracket := strings.LastIndexByte(authority, ']') + 1
	colon := strings.LastIndexByte(authority[afterBracket:], ':')
	if colon < 0 {
		return authority, ""
	}
	colon += afterBracket
	return authority[:colon], authority[colon+1:]
}

func keys(v url.Values) []string {
	out := make([]string, 0, len(v))
	for k := range v {
		out = append(out, k)
	}
	return out
}

// distinct returns the values without repeats.
func distinct(values []string) []string {
	seen := make(map[string]bool, len(values))
	out := make([]string, 0, len(values))
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// sortedUTF16 sorts s in place by UTF-16 code units and returns it.
func sortedUTF16(s []string) []string {
	slices.SortFunc(s, func(a, b string) int {
		return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
	})
	return s
}
