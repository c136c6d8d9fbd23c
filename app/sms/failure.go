package sms

import (
	"strconv"
	"strings"

	"hubchat/app/twilio"
)

// Why a message sent as SMS failed is stored on it as a reason code, not
// in words, so that each staff member reads it in their own language when
// the ticket is shown (the admin words it). A code is our own reason
// (FailureSMSOff) or "twilio:" and Twilio's error code, or the kind of
// failure when Twilio sent no code. Rows stored before codes hold English
// words, which ParseFailure does not recognise.

// FailureSMSOff is why nothing went out: Settings → SMS was off.
const FailureSMSOff = "sms_off"

// FailureInterrupted is why a message shows as failed when it may have
// gone out: the send was cut off after the request left for Twilio (the app
// stopped, or Twilio's answer never came), and Twilio offers no way to send
// it again without risking a second text. The agent checks with the
// customer before sending it again.
const FailureInterrupted = "interrupted"

// FailureMediaGone is why nothing went out: a picture of the reply was
// deleted (a data request, retention) before the send could link it, so
// the text would have gone without what the agent attached.
const FailureMediaGone = "media_gone"

// failureTwilio starts a failure that Twilio reported.
const failureTwilio = "twilio:"

// Failure is a stored failure read back: our own Reason, or Twilio's error
// Code, or the Kind of a Twilio failure that came with no code.
type Failure struct {
	Reason string
	Code   int
	Kind   twilio.Kind
}

// ParseFailure reads a stored failure; ok is false for one stored as
// words before reason codes (or for none).
func ParseFailure(stored string) (f Failure, ok bool) {
	if stored == FailureSMSOff || stored == FailureInterrupted || stored == FailureMediaGone {
		return Failure{Reason: stored}, true
	}
	rest, found := strings.CutPrefix(stored, failureTwilio)
	if !found || rest == "" {
		return Failure{}, false
	}
	if code, err := strconv.Atoi(rest); err == nil {
		return Failure{Code: code}, true
	}
	return Failure{Kind: twilio.Kind(rest)}, true
}

// sendFailure is the reason code of a send Twilio refused or never answered.
func sendFailure(te *twilio.Error) string {
	if te.Code != 0 {
		return deliveryFailure(te.Code)
	}
	return failureTwilio + string(te.Kind)
}

// deliveryFailure is the reason code of Twilio's error code in a status
// callback; "" for no error.
func deliveryFailure(code int) string {
	if code == 0 {
		return ""
	}
	return failureTwilio + strconv.Itoa(code)
}
