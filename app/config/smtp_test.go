package config

import (
	"strings"
	"testing"
)

func TestSMTPURL(t *testing.T) {
	tests := []struct {
		url  string
		want SMTP
	}{
		{"", SMTP{}},
		{"smtp://mailer:s%40cret@mail.example.com?from=hubchat%40example.com",
			SMTP{Host: "mail.example.com", Port: 587, Username: "mailer", Password: "s@cret", From: "hubchat@example.com"}},
		{"smtps://mail.example.com?from=hubchat@example.com",
			SMTP{Host: "mail.example.com", Port: 465, ImplicitTLS: true, From: "hubchat@example.com"}},
		{"smtp://127.0.0.1:2525?from=a@example.com", SMTP{Host: "127.0.0.1", Port: 2525, From: "a@example.com"}},
	}
	for _, tt := range tests {
		cfg, err := Load(Dev, env(map[string]string{"SMTP_URL": tt.url}))
		if err != nil || cfg.SMTP != tt.want || cfg.SMTP.Enabled() != (tt.url != "") {
			t.Errorf("SMTP_URL %q: %+v, %v; want %+v", tt.url, cfg.SMTP, err, tt.want)
		}
	}
}

// A bad SMTP_URL stops start-up with a message naming it, and never quotes
// the URL: it may hold a password.
func TestSMTPURLErrors(t *testing.T) {
	tests := []struct{ url, want string }{
		{"mail.example.com", "SMTP_URL must be a URL such as smtp://"},
		{"http://mail.example.com?from=a@example.com", "SMTP_URL must be a URL such as smtp://"},
		{"smtp://user:hunter2@mail.example.com", "SMTP_URL needs the sender's address as ?from="},
		{"smtp://user:hunter2@mail.example.com?from=Hub+%3Ca@example.com%3E", "SMTP_URL needs the sender's address"},
		{"smtp://user:hunter2@mail.example.com?from=nobody", "SMTP_URL needs the sender's address"},
		{"smtp://user:hunter2@mail.example.com:99999?from=a@example.com", "SMTP_URL has an invalid port"},
		{"smtp://user:hunter2@mail.example.com?from=a@example.com&tls=off", `SMTP_URL has an unknown parameter "tls"`},
	}
	for _, tt := range tests {
		_, err := Load(Dev, env(map[string]string{"SMTP_URL": tt.url}))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("SMTP_URL %q: %v, want %q", tt.url, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("SMTP_URL %q: the error shows the password: %v", tt.url, err)
		}
	}
}
