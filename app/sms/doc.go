// Package sms is the SMS channel: text messages people send to a shop's
// Twilio number enter the conversation core here, as web chat's enter it
// through app/storefront. Twilio's webhook is verified by its signature
// before anything else, answered at once with empty TwiML, and the message
// is recorded by a job (Jobs.Receive), so a slow database never makes
// Twilio retry, and a retry Twilio does make is stored once (its
// MessageSid is the message's client id).
package sms
