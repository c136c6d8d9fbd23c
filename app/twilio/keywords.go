package twilio

import "strings"

// Keyword is what Twilio does with a message that is one reserved word.
type Keyword int

// The keyword kinds.
const (
	NoKeyword Keyword = iota
	// OptOut stops everything from the number the person texted (Twilio
	// then refuses to send to them with error 21610) until they opt in.
	OptOut
	// OptIn lifts an opt-out.
	OptIn
	// Help asks who is texting and how to stop.
	Help
)

// The default keywords Twilio handles on long-code and toll-free numbers,
// from its help centre article "Twilio support for opt-out keywords (SMS
// STOP filtering)" and the Advanced Opt-Out guide
// (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out).
var keywords = map[string]Keyword{
	"STOP": OptOut, "STOPALL": OptOut, "UNSUBSCRIBE": OptOut, "CANCEL": OptOut,
	"END": OptOut, "QUIT": OptOut, "REVOKE": OptOut, "OPTOUT": OptOut,
	"START": OptIn, "YES": OptIn, "UNSTOP": OptIn,
	"HELP": Help, "INFO": Help,
}

// KeywordOf classifies a message's body. As Twilio does, only a message
// that is the keyword alone counts, in any letter case and with any
// surrounding spaces: "stop" opts out, "stop please" does not.
func KeywordOf(body string) Keyword {
	return keywords[strings.ToUpper(strings.TrimSpace(body))]
}

// String names the kind.
func (k Keyword) String() string {
	switch k {
	case OptOut:
		return "opt-out"
	case OptIn:
		return "opt-in"
	case Help:
		return "help"
	}
	return "none"
}
