package faults

import (
	"io"
	"net"
	"net/mail"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// mailServer is an SMTP server on loopback for hubchat's new-ticket
// emails (SMTP_URL). It keeps what it accepts by Message-ID, and can hold
// its answer to the next message it takes, as a mail server still
// answering when its client dies; or refuse everything for now (451),
// as one that is down for maintenance.
type mailServer struct {
	Addr string

	mu       sync.Mutex
	received []string // the Message-IDs accepted, in order
	refusing bool
	hold     *heldMail
}

type heldMail struct {
	taken    chan struct{}
	released chan struct{}
	once     sync.Once
}

func startMailServer(t *testing.T) *mailServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := &mailServer{Addr: ln.Addr().String()}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &mailSession{server: m}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	go srv.Serve(ln)
	t.Cleanup(func() {
		m.mu.Lock()
		h := m.hold
		m.mu.Unlock()
		if h != nil {
			h.release()
		}
		srv.Close()
	})
	return m
}

// URL is hubchat's SMTP_URL for the server.
func (m *mailServer) URL() string { return "smtp://" + m.Addr + "?from=hubchat%40shop.example" }

// holdNext takes the next message and keeps its answer until release;
// taken is closed once the message is in (it counts as received).
func (m *mailServer) holdNext() (taken <-chan struct{}, release func()) {
	h := &heldMail{taken: make(chan struct{}), released: make(chan struct{})}
	m.mu.Lock()
	m.hold = h
	m.mu.Unlock()
	return h.taken, h.release
}

func (h *heldMail) release() { h.once.Do(func() { close(h.released) }) }

// refuse makes the server answer every message 451 (try again later), or
// accept again.
func (m *mailServer) refuse(on bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refusing = on
}

// Received is the Message-IDs accepted so far.
func (m *mailServer) Received() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.received...)
}

type mailSession struct{ server *mailServer }

func (s *mailSession) Reset()                               {}
func (s *mailSession) Logout() error                        { return nil }
func (s *mailSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *mailSession) Rcpt(string, *smtp.RcptOptions) error { return nil }

// Data takes a message: refused while refusing, else kept (and its answer
// held when asked).
func (s *mailSession) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, msg.Body)
	m := s.server
	m.mu.Lock()
	if m.refusing {
		m.mu.Unlock()
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	m.received = append(m.received, msg.Header.Get("Message-ID"))
	h := m.hold
	m.hold = nil
	m.mu.Unlock()
	if h != nil {
		close(h.taken)
		<-h.released
	}
	return nil
}
