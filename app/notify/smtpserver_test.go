package notify_test

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// mailServer is a real SMTP server (emersion/go-smtp) on localhost that
// keeps what it accepts. reject, when set, is asked before each message is
// accepted and may refuse it with an SMTP error.
type mailServer struct {
	Addr string
	srv  *smtp.Server

	mu       sync.Mutex
	received []received
	attempts int
	reject   func(attempt int) error
	hold     *heldReply
}

// heldReply keeps the server's answer to a message it took until released,
// as a mail server still answering when its client dies.
type heldReply struct {
	taken   chan struct{} // closed when a message was taken and its answer held
	release chan struct{}
	once    sync.Once
}

// received is one accepted message.
type received struct {
	From string
	To   []string // the envelope's recipients
	Data []byte
}

// startMailServer listens on addr ("127.0.0.1:0" for any port) until the
// test ends.
func startMailServer(t *testing.T, addr string) *mailServer {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	m := &mailServer{Addr: ln.Addr().String()}
	m.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{server: m}, nil }))
	m.srv.Domain = "localhost"
	m.srv.ReadTimeout, m.srv.WriteTimeout = 10*time.Second, 10*time.Second
	go m.srv.Serve(ln)
	t.Cleanup(func() { m.srv.Close() })
	return m
}

// Close stops the server: the mail server is down.
func (m *mailServer) Close() { m.srv.Close() }

// Reject sets the rule deciding whether attempt n (from 1) is refused.
func (m *mailServer) Reject(f func(attempt int) error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reject = f
}

// HoldReply makes the server keep the next message it takes (it counts as
// received) without answering it until release is called; taken is closed
// once the message is in.
func (m *mailServer) HoldReply() (taken <-chan struct{}, release func()) {
	h := &heldReply{taken: make(chan struct{}), release: make(chan struct{})}
	m.mu.Lock()
	m.hold = h
	m.mu.Unlock()
	var released sync.Once
	return h.taken, func() { released.Do(func() { close(h.release) }) }
}

// Messages returns what was accepted so far.
func (m *mailServer) Messages() []received {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]received(nil), m.received...)
}

// Attempts counts the messages offered, accepted or not.
func (m *mailServer) Attempts() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.attempts
}

// errTryLater is how a mail server says "not now".
var errTryLater = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}

type session struct {
	server *mailServer
	from   string
	to     []string
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m := s.server
	m.mu.Lock()
	m.attempts++
	if m.reject != nil {
		if err := m.reject(m.attempts); err != nil {
			m.mu.Unlock()
			return err
		}
	}
	m.received = append(m.received, received{From: s.from, To: append([]string(nil), s.to...), Data: data})
	hold := m.hold
	m.hold = nil
	m.mu.Unlock()
	if hold != nil {
		hold.once.Do(func() { close(hold.taken) })
		<-hold.release
	}
	return nil
}

// parsedMail is an accepted message read back: decoded headers and parts.
type parsedMail struct {
	Header     mail.Header
	Subject    string
	Text, HTML string
}

// parse decodes a message as a mail client would.
func parse(t *testing.T, raw []byte) parsedMail {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	out := parsedMail{Header: msg.Header, Subject: subject}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	parts := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := parts.NextPart() // decodes quoted-printable
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(p)
		body := strings.ReplaceAll(string(raw), "\r\n", "\n") // SMTP's line ends
		switch ct := p.Header.Get("Content-Type"); {
		case strings.HasPrefix(ct, "text/plain"):
			out.Text = body
		case strings.HasPrefix(ct, "text/html"):
			out.HTML = body
		}
	}
	return out
}
