// Package notify emails the shop's team about new tickets (SPEC §3.4): the
// rules of the address list a merchant keeps in Settings → Notifications,
// the email itself, and the job that sends it through the operator's SMTP
// server. The job runs in the worker after the ticket is committed, so a
// mail server that is slow or down never touches the chat: the job retries
// with backoff instead.
package notify

import (
	"net/mail"
	"strings"

	"hubchat/app/apperr"
)

// MaxRecipients is how many addresses a shop's list holds: enough for a
// team, few enough that the list is not a mailing list.
const MaxRecipients = 20

// MaxAddressLength is the longest address SMTP can carry (RFC 5321 §4.5.3).
const MaxAddressLength = 254

// ValidateAddress checks an address typed into the settings page and
// returns it trimmed. It accepts what looks like a real mailbox,
// name@domain.tld, and refuses display names, quoted or bracketed forms and
// domains without a top-level name, with an apperr.Invalid that says so.
func ValidateAddress(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return "", apperr.New(apperr.Invalid, "Enter an email address.")
	case len(s) > MaxAddressLength:
		return "", apperr.New(apperr.Invalid, "That address is too long: at most %d characters.", MaxAddressLength)
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s || strings.ContainsAny(s, "\"<>() \t") {
		return "", invalidAddress()
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || !plausibleDomain(s[at+1:]) {
		return "", invalidAddress()
	}
	return s, nil
}

func invalidAddress() error {
	return apperr.New(apperr.Invalid, "Enter an email address like name@example.com.")
}

// plausibleDomain accepts host names with at least two labels whose last
// label (the top-level domain) has two or more characters and is not a
// number: IP literals and "localhost" are not addresses a team reads.
func plausibleDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return false
		}
	}
	tld := labels[len(labels)-1]
	return len(tld) >= 2 && strings.Trim(tld, "0123456789") != ""
}
