package admin

// smsDeliveryWords say how far a message sent as SMS got, by Twilio's
// status (storage's "sending" before Twilio took it).
var smsDeliveryWords = map[string]string{
	"sending": "Sending as SMS…", "accepted": "Sending as SMS…", "scheduled": "Sending as SMS…", "queued": "Queued at Twilio",
	"sent": "Sent to the carrier", "delivered": "Delivered", "read": "Read", "partially_delivered": "Partly delivered",
	"undelivered": "Not delivered", "failed": "Failed", "canceled": "Canceled",
}

// smsDelivery is the line under a message sent as SMS: its status in
// words, and why it failed when it did.
func smsDelivery(status, failure string) (words string, failed bool, _ string) {
	words = smsDeliveryWords[status]
	if words == "" {
		words = status
	}
	failed = status == "failed" || status == "undelivered" || status == "canceled"
	if failure != "" {
		words += " — " + failure
	}
	return words, failed, status
}

// smsOptedOutText is why nothing can be texted to a person who replied STOP.
const smsOptedOutText = "This customer replied STOP, so no text can be sent to them until they reply START."
