package sms

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"hubchat/app/twilio"
	"hubchat/storage"
)

// Outbox reads the messages to send as SMS and records what became of them.
type Outbox interface {
	SMSOutgoing(ctx context.Context, shopID, messageID int64) (storage.SMSOutgoing, error)
	RecordSMSSent(ctx context.Context, shopID, messageID int64, sid, status, failure string) error
	RecordSMSStatus(ctx context.Context, shopID int64, sid, status, failure string) error
}

// SentMarkers record the intent to send a message before Twilio is called
// and its success after (storage.SideEffects).
type SentMarkers interface {
	Begin(ctx context.Context, shopID int64, key string) (storage.SideEffectState, error)
	MarkSent(ctx context.Context, shopID int64, key string) error
	Release(ctx context.Context, shopID int64, key string) error
}

// Sender sends the shop's replies through its Twilio account.
type Sender struct {
	Outbox   Outbox
	Settings CredentialReader
	Markers  SentMarkers
	Links    MediaLinker // public links of the pictures sent as MMS (media_out.go)
	// TwilioURL is Twilio's REST API (configuration); AppURL the app's
	// public address, where Twilio posts each message's status.
	TwilioURL, AppURL string
}

// StatusPath is the path Twilio posts a shop's message statuses to.
func StatusPath(domain string) string { return "/twilio/" + domain + "/status" }

// Send sends a reply of an SMS ticket (storage.JobSendSMS) and records
// Twilio's id and status. A failure retrying may mend (Twilio down, busy,
// unreachable) is returned, so the job runs again with backoff, until its
// last attempt; any other failure, or the last, is recorded on the message
// as its reason code (see Failure), and the job ends. A message Twilio already took
// is not sent again. Its pictures go as MMS, each through a public link
// made for this send (see MediaLinkPath).
//
// A text is sent at most once: Twilio documents no idempotency key for
// creating a message, so a second request would be a second text (and a
// second charge). The message's sent-marker is recorded before the request;
// a failure Twilio answered, or a connection never made, releases it for
// the retry. A run that finds the marker without its mark follows one cut
// off after the request left (a crash, a lost claim, an answer that never
// came): the text may be on the phone, so the run sends nothing and records
// FailureInterrupted on the message, which tells the agent to check with the
// customer before sending it again.
func (s *Sender) Send(ctx context.Context, job storage.Job) error {
	var p storage.SendSMSJob
	if err := job.DecodePayload(&p); err != nil {
		return err
	}
	out, err := s.Outbox.SMSOutgoing(ctx, job.ShopID, p.MessageID)
	if err != nil || out.SID != "" {
		return err
	}
	settings, token, err := s.Settings.Credentials(ctx, job.ShopID)
	if err != nil {
		return err
	}
	if !settings.Enabled || token == "" {
		return s.Outbox.RecordSMSSent(ctx, job.ShopID, p.MessageID, "", storage.SMSFailed, FailureSMSOff)
	}
	// The pictures' links come first: nothing has left yet, so a database
	// error is retried and a picture deleted since is a clear failure.
	media, err := s.mediaURLs(ctx, settings.ShopID, out.Message)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return s.Outbox.RecordSMSSent(ctx, job.ShopID, p.MessageID, "", storage.SMSFailed, FailureMediaGone)
	case err != nil:
		return err
	}
	key := fmt.Sprintf("sms.%d", p.MessageID)
	switch state, err := s.Markers.Begin(ctx, job.ShopID, key); {
	case err != nil:
		return err
	case state == storage.SideEffectSent:
		return nil // recorded as sent: its SID is on the message
	case state == storage.SideEffectInterrupted:
		return s.Outbox.RecordSMSSent(ctx, job.ShopID, p.MessageID, "", storage.SMSFailed, FailureInterrupted)
	}
	created, err := s.send(ctx, settings, token, out, media)
	record := context.WithoutCancel(ctx) // the outcome, even if the job's time ran out
	var te *twilio.Error
	switch {
	case err == nil:
		if err := s.Outbox.RecordSMSSent(record, job.ShopID, p.MessageID, created.SID, string(created.Status), ""); err != nil {
			return err
		}
		return s.Markers.MarkSent(record, job.ShopID, key)
	case !errors.As(err, &te) || !notSent(te):
		return s.Outbox.RecordSMSSent(record, job.ShopID, p.MessageID, "", storage.SMSFailed, FailureInterrupted)
	}
	if err := s.Markers.Release(record, job.ShopID, key); err != nil {
		return err
	}
	if te.Temporary() && job.Attempts < job.MaxAttempts {
		return err
	}
	return s.Outbox.RecordSMSSent(record, job.ShopID, p.MessageID, "", storage.SMSFailed, sendFailure(te))
}

// notSent reports whether a failed request certainly created no message:
// Twilio answered with an error status, the client refused the message
// before any request (a permanent failure with no status), or the
// connection was never made. A request cut off after it left, or a success
// answer we could not read, may have created one.
func notSent(te *twilio.Error) bool {
	if te.Status >= 400 || te.Status == 0 && !te.Temporary() {
		return true
	}
	var op *net.OpError
	return te.Kind == twilio.Unreachable && errors.As(te.Err, &op) && op.Op == "dial"
}

// LateStatus records a status Twilio reported before the send's answer was
// recorded (JobStatus); while the message is not known it fails, so the job
// runs again a few times.
func (s *Sender) LateStatus(ctx context.Context, job storage.Job) error {
	var p StatusJob
	if err := job.DecodePayload(&p); err != nil {
		return err
	}
	err := s.Outbox.RecordSMSStatus(ctx, job.ShopID, p.SID, p.Status, p.Failure)
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("status %s of message %s, not recorded as sent yet", p.Status, p.SID) // temporary
	}
	return err
}

func (s *Sender) send(ctx context.Context, settings storage.SMSSettings, token string, out storage.SMSOutgoing, media []string) (twilio.Created, error) {
	client, err := twilio.New(twilio.Credentials{AccountSID: settings.AccountSID, AuthToken: twilio.AuthToken(token)},
		twilio.WithBaseURL(s.TwilioURL))
	if err != nil {
		return twilio.Created{}, err
	}
	return client.Send(ctx, twilio.Outgoing{To: out.Phone, From: settings.FromNumber, ServiceSID: settings.MessagingServiceSID,
		Body: out.Body, Media: media, StatusCallback: strings.TrimRight(s.AppURL, "/") + StatusPath(out.Domain)})
}
