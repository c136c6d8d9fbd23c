package notify

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"hubchat/app/config"
)

// Sender delivers an email. An error means it was not known to be accepted:
// a *RefusedError when the server refused it for good, a *NotSentError when
// it was certainly not accepted but may be later, and any other error when
// the conversation broke while the server was taking the message, so it may
// have been accepted (NotSent tells them apart).
type Sender interface {
	Send(ctx context.Context, e Email) error
}

// NewSender returns a Sender through the configured SMTP server, or nil
// when none is configured: email is off.
func NewSender(cfg config.SMTP) Sender {
	if !cfg.Enabled() {
		return nil
	}
	return &smtpSender{cfg: cfg}
}

// sendTimeout bounds one delivery attempt (connect, TLS, the whole SMTP
// conversation): a server that hangs must not hold a worker for the job's
// whole lease.
const sendTimeout = 30 * time.Second

// smtpSender sends through an SMTP server, one connection per email: new
// tickets are few, and a fresh connection has no stale state to recover.
type smtpSender struct {
	cfg config.SMTP
}

func (s *smtpSender) Send(ctx context.Context, e Email) error {
	m, err := s.message(e)
	if err != nil {
		return &NotSentError{err.Error()}
	}
	opts := []mail.Option{mail.WithPort(s.cfg.Port), mail.WithTimeout(sendTimeout)}
	if s.cfg.ImplicitTLS {
		opts = append(opts, mail.WithSSL())
	} else {
		opts = append(opts, mail.WithTLSPolicy(mail.TLSOpportunistic))
	}
	if s.cfg.Username != "" {
		// The strongest mechanism the server offers; go-mail refuses to send
		// a password in the clear to anything but localhost.
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover),
			mail.WithUsername(s.cfg.Username), mail.WithPassword(s.cfg.Password))
	}
	client, err := mail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return &NotSentError{fmt.Sprintf("smtp client: %v", err)}
	}
	ctx, cancel := context.WithTimeout(ctx, sendTimeout)
	defer cancel()
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return &NotSentError{s.reason(err, e.To)}
	}
	// Once the server accepted the message a failed QUIT changes nothing:
	// the email is on its way, so closing is not part of the outcome.
	defer client.CloseWithSMTPClient(conn)
	if err := client.SendWithSMTPClient(conn, m); err != nil {
		return s.failure(err, e.To)
	}
	return nil
}

// failure says what a failed SMTP conversation means for the email: a
// refusal the server replied (a 5xx for good, a 4xx for now) or a step
// before the message's content left means it was certainly not accepted; a
// conversation cut while the content was going or the server was answering
// it leaves the outcome unknown (a plain error).
func (s *smtpSender) failure(err error, to []string) error {
	reason := s.reason(err, to)
	var se *mail.SendError
	if !errors.As(err, &se) {
		return errors.New(reason)
	}
	switch code := se.ErrorCode(); {
	case code >= 500 && code < 600:
		return &RefusedError{reason}
	case code >= 400 && code < 500:
		return &NotSentError{reason}
	}
	switch se.Reason {
	case mail.ErrWriteContent, mail.ErrSMTPDataClose, mail.ErrAmbiguous:
		return errors.New(reason)
	}
	return &NotSentError{reason}
}

func (s *smtpSender) reason(err error, to []string) string {
	return fmt.Sprintf("smtp %s:%d: %s", s.cfg.Host, s.cfg.Port, withoutAddresses(err.Error(), to))
}

// RefusedError is an SMTP server's permanent refusal, a 5xx reply (unknown
// mailbox, message rejected as spam, relaying denied): the same email would
// be refused again, so the job stops. A 4xx reply, or a server that cannot
// be reached, is temporary: a NotSentError.
type RefusedError struct{ reason string }

func (e *RefusedError) Error() string { return e.reason }

// Permanent tells the job runner that retrying cannot help.
func (e *RefusedError) Permanent() bool { return true }

// NotSentError is a failure that certainly left the email unsent (the
// server could not be reached, or replied 4xx): sending it again cannot
// make a second copy.
type NotSentError struct{ reason string }

func (e *NotSentError) Error() string { return e.reason }

// NotSent reports whether err says the email was certainly not accepted: a
// NotSentError or a RefusedError. Any other error leaves it unknown.
func NotSent(err error) bool {
	var notSent *NotSentError
	var refused *RefusedError
	return errors.As(err, &notSent) || errors.As(err, &refused)
}

func (s *smtpSender) message(e Email) (*mail.Msg, error) {
	m := mail.NewMsg()
	if err := m.FromFormat(e.FromName, s.cfg.From); err != nil {
		return nil, fmt.Errorf("from address: %w", err)
	}
	// One message to the whole team, each address visible to the others:
	// they are colleagues the merchant listed, and seeing who else was told
	// avoids two people picking up the same ticket unawares.
	if err := m.To(e.To...); err != nil {
		return nil, fmt.Errorf("recipient addresses: %w", err)
	}
	m.Subject(e.Subject)
	m.SetDate()
	if e.MessageID != "" {
		// The same id on a resent email (a retry after an unrecorded
		// success) lets mail clients show it once.
		m.SetMessageIDWithValue(e.MessageID + "@" + domainOf(s.cfg.From))
	} else {
		m.SetMessageID()
	}
	// An automatic notification: out-of-office replies should not answer it.
	m.SetGenHeader(mail.Header("Auto-Submitted"), "auto-generated")
	m.SetGenHeader(mail.Header("X-Auto-Response-Suppress"), "All")
	m.SetBodyString(mail.TypeTextPlain, e.Text)
	if e.HTML != "" {
		m.AddAlternativeString(mail.TypeTextHTML, e.HTML)
	}
	return m, nil
}

func domainOf(addr string) string {
	return addr[strings.LastIndexByte(addr, '@')+1:]
}

// withoutAddresses keeps the team's addresses out of an error, which is
// logged and stored with the job: the SMTP reply often echoes them.
func withoutAddresses(msg string, addrs []string) string {
	for _, a := range addrs {
		msg = regexp.MustCompile(`(?i)`+regexp.QuoteMeta(a)).ReplaceAllString(msg, "<recipient>")
	}
	return msg
}
