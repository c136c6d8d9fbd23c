package admin

import (
	"strconv"

	"hubchat/app/sms"
	"hubchat/app/twilio"
	"hubchat/views/i18n"
)

// smsDeliveryKeys name the words of how far a message sent as SMS got, by
// Twilio's status (storage's "sending" before Twilio took it).
var smsDeliveryKeys = map[string]string{
	"sending": "sms.delivery.sending", "accepted": "sms.delivery.sending", "scheduled": "sms.delivery.sending",
	"queued": "sms.delivery.queued", "sent": "sms.delivery.sent", "delivered": "sms.delivery.delivered",
	"read": "sms.delivery.read", "partially_delivered": "sms.delivery.partially_delivered",
	"undelivered": "sms.delivery.undelivered", "failed": "sms.delivery.failed", "canceled": "sms.delivery.canceled",
}

// smsDelivery is the line under a message sent as SMS, in l: its status in
// words, and why it failed when it did.
func smsDelivery(l i18n.Locale, status, failure string) (words string, failed bool, _ string) {
	words = status
	if key, ok := smsDeliveryKeys[status]; ok {
		words = l.T(key)
	}
	failed = status == "failed" || status == "undelivered" || status == "canceled"
	if failure != "" {
		words = l.T("sms.delivery.with_reason", "status", words, "reason", smsFailureWords(l, failure))
	}
	return words, failed, status
}

// smsFailureWords says in l why a message was not sent or not delivered,
// from the reason code stored on it; a failure stored as English words
// before reason codes is shown as it was written.
func smsFailureWords(l i18n.Locale, stored string) string {
	f, ok := sms.ParseFailure(stored)
	switch {
	case !ok:
		return stored
	case f.Reason == sms.FailureSMSOff:
		return l.T("sms.failure.sms_off")
	case f.Reason == sms.FailureInterrupted:
		return l.T("sms.failure.interrupted")
	case f.Reason == sms.FailureMediaGone:
		return l.T("sms.failure.media_gone")
	case f.Code != 0:
		code := strconv.Itoa(f.Code) // an error code, not a quantity: no digit grouping
		for _, key := range []string{"sms.failure." + code, "mms.failure." + code} {
			if reason := l.T(key); reason != key { // T gives back a key no catalog has
				return l.T("sms.failure.twilio_code", "reason", reason, "code", code)
			}
		}
		return l.T("sms.failure.twilio_unknown", "code", code)
	}
	switch f.Kind {
	case twilio.RateLimited, twilio.Unavailable, twilio.Unreachable:
		return l.T("sms.failure.unreachable")
	}
	if key := "sms.failure." + string(f.Kind); l.T(key) != key { // invalid_recipient, invalid_sender…
		return l.T(key)
	}
	return l.T("sms.failure.refused")
}
