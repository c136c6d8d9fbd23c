package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"hubchat/app/admin"
	"hubchat/app/config"
	"hubchat/app/twilio/twiliotest"
)

// The local Twilio's account, printed by `hubchat dev` so that a merchant
// trying the demo can enter it in Settings → SMS. The number is in the
// 555-01xx range kept for fiction.
const (
	localTwilioAccountSID = "AC5ca1ab1e000000000000000000000001"
	localTwilioAuthToken  = "d3e0d3e0d3e0d3e0d3e0d3e0d3e0d3e0"
	localTwilioNumber     = "+15555550199"
)

// startLocalTwilio runs, for `hubchat dev`, the local Twilio on its
// loopback port until ctx ends, and points the configuration at it; nil
// when TWILIO_URL names another Twilio.
func startLocalTwilio(ctx context.Context, cfg *config.Config, log *slog.Logger) (*twiliotest.Twilio, error) {
	if !cfg.LocalTwilio.Enabled {
		return nil, nil
	}
	tw, err := twiliotest.Start(twiliotest.Config{
		AccountSID: localTwilioAccountSID, AuthToken: localTwilioAuthToken, Numbers: []string{localTwilioNumber},
		// Slow enough for a person to see a message go sent, then delivered.
		StepDelay: 700 * time.Millisecond,
	}, fmt.Sprintf("127.0.0.1:%d", cfg.LocalTwilio.Port))
	if err != nil {
		return nil, err
	}
	go func() {
		<-ctx.Done()
		tw.Close()
		log.Info("local Twilio stopped")
	}()
	cfg.TwilioURL = tw.URL()
	return tw, nil
}

// pointLocalTwilioAt sets the local Twilio number's "A message comes in"
// webhook to the demo shop's incoming-message URL, the one Settings → SMS
// shows, as a merchant would paste it in the Twilio Console.
func pointLocalTwilioAt(tw *twiliotest.Twilio, appURL, domain string) error {
	if tw == nil {
		return nil
	}
	return tw.SetWebhook(localTwilioNumber, strings.TrimRight(appURL, "/")+admin.SMSIncomingPath(domain))
}

// printLocalTwilio tells the developer how to reach the local Twilio: the
// credentials for Settings → SMS, and the phone page, opened as phone (the
// demo customer's number, so texts come from a known customer; "" for the
// page's own default).
func printLocalTwilio(w io.Writer, tw *twiliotest.Twilio, phone string) {
	if tw == nil {
		return
	}
	page := tw.PhoneURL()
	if phone != "" {
		page += "?me=" + url.QueryEscape(phone)
	}
	fmt.Fprintf(w, "  Twilio          a local Twilio for SMS (Settings → SMS): API %s\n", tw.URL())
	fmt.Fprintf(w, "                  Account SID %s, auth token %s, number %s\n", tw.AccountSID(), tw.AuthToken(), tw.Numbers()[0])
	fmt.Fprintf(w, "  Phone           %s\n", page)
	fmt.Fprintf(w, "                  (text the shop as a customer; change the number's webhook there)\n\n")
}
