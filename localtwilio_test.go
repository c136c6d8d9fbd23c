package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/twilio"
	"hubchat/storage/pgtest"
)

// `hubchat dev` runs a local Twilio on loopback and prints its API, the
// credentials it takes (which pass the client's credential check) and its
// phone page, opened as the demo customer's number.
func TestDevRunsLocalTwilio(t *testing.T) {
	out := &apptest.Output{}
	startRunTo(t, "dev", map[string]string{"PORT": "0", "DATABASE_URL": pgtest.NewEmptyURL(t)}, out)
	api := regexp.MustCompile(`Twilio\s+a local Twilio for SMS \(Settings → SMS\): API (http://127\.0\.0\.1:\d+)\s+Account SID (AC[0-9a-f]{32}), auth token ([0-9a-f]{32}), number (\+\d+)\s+Phone\s+(\S+)`)
	var m []string
	apptest.Eventually(t, 20*time.Second, "the local Twilio to be printed", func() bool {
		m = api.FindStringSubmatch(out.String())
		return m != nil
	})
	c, err := twilio.New(twilio.Credentials{AccountSID: m[2], AuthToken: twilio.AuthToken(m[3])}, twilio.WithBaseURL(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.CheckCredentials(ctx); err != nil {
		t.Fatalf("the printed credentials: %v", err)
	}
	if !strings.HasPrefix(m[5], m[1]+"/phone?me=%2B") {
		t.Fatalf("phone page %s: want the local Twilio's, opened as the demo customer's number", m[5])
	}
	res, err := http.Get(m[5])
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), `data-testid="thread"`) {
		t.Fatalf("phone page answered %d", res.StatusCode)
	}
	// The number's webhook is the demo shop's incoming URL, as Settings → SMS shows it.
	res, err = http.Get(m[1] + "/phone/numbers")
	if err != nil {
		t.Fatal(err)
	}
	var numbers []struct{ Number, Webhook string }
	err = json.NewDecoder(res.Body).Decode(&numbers)
	res.Body.Close()
	if err != nil || len(numbers) != 1 || numbers[0].Number != m[4] ||
		!regexp.MustCompile(`^http://localhost:\d+/twilio/hubchat-demo\.myshopify\.com/messages$`).MatchString(numbers[0].Webhook) {
		t.Fatalf("numbers %+v (%v): want the demo shop's incoming URL as the webhook", numbers, err)
	}
}
