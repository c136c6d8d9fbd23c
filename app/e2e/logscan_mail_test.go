package e2e_test

import (
	"crypto/hmac"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// passwordMailServer is a real SMTP server on localhost that asks for a
// user name and password (AUTH PLAIN) and counts what it accepts: the
// team's new-ticket emails, sent with a password the log must never show.
type passwordMailServer struct {
	Port int

	mu       sync.Mutex
	accepted int
}

func startPasswordMailServer(t *testing.T, user, password string) *passwordMailServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := &passwordMailServer{Port: ln.Addr().(*net.TCPAddr).Port}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &passwordSession{server: m, user: user, password: password}, nil
	}))
	srv.Domain, srv.AllowInsecureAuth = "localhost", true // loopback only
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return m
}

// Accepted counts the messages accepted so far.
func (m *passwordMailServer) Accepted() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.accepted
}

type passwordSession struct {
	server         *passwordMailServer
	user, password string
	signedIn       bool
}

var errNotSignedIn = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}

// AuthMechanisms offers CRAM-MD5: over a connection without TLS, mail
// clients only answer challenge mechanisms, never send the password itself.
func (s *passwordSession) AuthMechanisms() []string { return []string{"CRAM-MD5"} }

func (s *passwordSession) Auth(string) (sasl.Server, error) { return &cramMD5{session: s}, nil }

// cramMD5 is the server's side of CRAM-MD5 (RFC 2195): a challenge, then
// "user hex(HMAC-MD5(password, challenge))".
type cramMD5 struct {
	session   *passwordSession
	challenge []byte
}

func (c *cramMD5) Next(response []byte) ([]byte, bool, error) {
	if c.challenge == nil {
		c.challenge = fmt.Appendf(nil, "<%d.%d@localhost>", time.Now().UnixNano(), os.Getpid())
		return c.challenge, false, nil
	}
	user, digest, ok := strings.Cut(string(response), " ")
	mac := hmac.New(md5.New, []byte(c.session.password))
	mac.Write(c.challenge)
	if !ok || user != c.session.user || !hmac.Equal([]byte(digest), []byte(hex.EncodeToString(mac.Sum(nil)))) {
		return nil, true, errors.New("invalid credentials")
	}
	c.session.signedIn = true
	return nil, true, nil
}

func (s *passwordSession) Reset()        {}
func (s *passwordSession) Logout() error { return nil }
func (s *passwordSession) Mail(string, *smtp.MailOptions) error {
	if !s.signedIn {
		return errNotSignedIn
	}
	return nil
}
func (s *passwordSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *passwordSession) Data(r io.Reader) error {
	if _, err := io.Copy(io.Discard, r); err != nil {
		return err
	}
	s.server.mu.Lock()
	defer s.server.mu.Unlock()
	s.server.accepted++
	return nil
}
