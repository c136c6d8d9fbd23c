package logging_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"hubchat/app/logging"
)

// Every kind of secret the app handles, passed the ways call sites pass
// things, is gone from the written line; ordinary attributes stay.
func TestHandlerRedactsSecrets(t *testing.T) {
	const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXZhbHVl"
	secrets := []string{jwt, "shpat_0123456789abcdef", "s3cr3t-db-pass", "app-secret-9f8e7d", "hmacvalue42",
		"mediatoken123", "jane@example.com", "+15555550100", "my card is 4242"}
	var buf bytes.Buffer
	log := slog.New(logging.NewHandler(slog.NewJSONHandler(&buf, nil), "app-secret-9f8e7d"))
	log = log.With("session_token", jwt)
	log.Info("request", "path", "/media/mediatoken123", "status", 200, "shop", "demo.myshopify.com")
	log.Error("failed", "error", errors.New(`Get "http://h/auth/callback?code=1&hmac=hmacvalue42&shop=x": refused`))
	log.Warn("db", "error", errors.New("dial postgres://hubchat:s3cr3t-db-pass@localhost/db failed"))
	log.Info("sent", "access_token", "shpat_0123456789abcdef", "customer_email", "jane@example.com",
		slog.Group("sms", "to", "+15555550100", "body", "my card is 4242"))
	log.Info("config app-secret-9f8e7d loaded", "detail", "Authorization: Bearer "+jwt)
	out := buf.String()
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("the log carries %q:\n%s", s, out)
		}
	}
	for _, keep := range []string{`"status":200`, `"shop":"demo.myshopify.com"`, `"path":"/media/[redacted]"`, "&shop=x"} {
		if !strings.Contains(out, keep) {
			t.Errorf("the log lost %s:\n%s", keep, out)
		}
	}
}
