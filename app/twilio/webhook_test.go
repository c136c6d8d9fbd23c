package twilio

import (
	"net/url"
	"strings"
	"testing"

	"hubchat/app/apperr"
)

const (
	sid     = "SM0123456789abcdef0123456789abcdef"
	account = "AC0123456789abcdef0123456789abcdef"
)

func incomingForm() url.Values {
	return url.Values{"MessageSid": {sid}, "AccountSid": {account}, "From": {"+15555550123"},
		"To": {"+15005550006"}, "Body": {"Where is my order?"}, "NumMedia": {"2"},
		"MediaUrl0":         {"https://api.twilio.com/2010-04-01/Accounts/" + account + "/Messages/" + sid + "/Media/ME1"},
		"MediaContentType0": {"image/jpeg"},
		"MediaUrl1":         {"https://api.twilio.com/2010-04-01/Accounts/" + account + "/Messages/" + sid + "/Media/ME2"},
		"MediaContentType1": {"image/png"}, "SmsStatus": {"received"}, "FromCountry": {"US"}}
}

func TestParseIncoming(t *testing.T) {
	in, err := ParseIncoming(incomingForm())
	if err != nil {
		t.Fatal(err)
	}
	if in.MessageSID != sid || in.From != "+15555550123" || in.Body != "Where is my order?" ||
		len(in.Media) != 2 || in.Media[1].ContentType != "image/png" || !strings.HasSuffix(in.Media[0].URL, "/ME1") {
		t.Fatalf("parsed %+v", in)
	}
	for name, change := range map[string]func(url.Values){
		"no MessageSid":        func(f url.Values) { f.Del("MessageSid") },
		"a call SID":           func(f url.Values) { f.Set("MessageSid", "CA"+sid[2:]) },
		"a From not in E.164":  func(f url.Values) { f.Set("From", "555-0123") },
		"no To":                func(f url.Values) { f.Del("To") },
		"NumMedia not a count": func(f url.Values) { f.Set("NumMedia", "two") },
		"NumMedia over 10":     func(f url.Values) { f.Set("NumMedia", "11") },
		"a missing MediaUrl1":  func(f url.Values) { f.Del("MediaUrl1") },
		"a MediaUrl not http":  func(f url.Values) { f.Set("MediaUrl0", "javascript:alert(1)") },
		"no content type":      func(f url.Values) { f.Del("MediaContentType0") },
		"a bad service SID":    func(f url.Values) { f.Set("MessagingServiceSid", "MGxyz") },
	} {
		f := incomingForm()
		change(f)
		_, err := ParseIncoming(f)
		if apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "Twilio webhook") {
			t.Errorf("%s: %v, want an Invalid error naming the webhook", name, err)
		}
	}
	f := incomingForm()
	f.Del("NumMedia")
	if in, err := ParseIncoming(f); err != nil || len(in.Media) != 0 {
		t.Errorf("no NumMedia reads as no media: %+v, %v", in, err)
	}
}

func TestParseStatus(t *testing.T) {
	form := url.Values{"MessageSid": {sid}, "AccountSid": {account}, "MessageStatus": {"failed"}, "ErrorCode": {"30007"}}
	u, err := ParseStatus(form)
	if err != nil || u.Status != Failed || u.ErrorCode != 30007 || !u.Status.Final() {
		t.Fatalf("parsed %+v, %v", u, err)
	}
	for name, f := range map[string]url.Values{
		"unknown status": {"MessageSid": {sid}, "AccountSid": {account}, "MessageStatus": {"lost"}},
		"no status":      {"MessageSid": {sid}, "AccountSid": {account}},
		"bad error code": {"MessageSid": {sid}, "AccountSid": {account}, "MessageStatus": {"failed"}, "ErrorCode": {"x"}},
		"no MessageSid":  {"AccountSid": {account}, "MessageStatus": {"sent"}},
		"no AccountSid":  {"MessageSid": {sid}, "MessageStatus": {"sent"}},
	} {
		if _, err := ParseStatus(f); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("%s: %v, want Invalid", name, err)
		}
	}
	if Sent.Final() || Queued.Final() {
		t.Error("sent and queued are not final")
	}
}

func TestKeywordOf(t *testing.T) {
	for body, want := range map[string]Keyword{
		"STOP": OptOut, " stop\n": OptOut, "Unsubscribe": OptOut, "stopall": OptOut, "quit": OptOut,
		"cancel": OptOut, "end": OptOut, "revoke": OptOut, "optout": OptOut,
		"START": OptIn, "yes": OptIn, "Unstop": OptIn,
		"HELP": Help, "info": Help,
		"stop please": NoKeyword, "please cancel": NoKeyword, "": NoKeyword, "STOP!": NoKeyword, "hello": NoKeyword,
	} {
		if got := KeywordOf(body); got != want {
			t.Errorf("KeywordOf(%q) = %s, want %s", body, got, want)
		}
	}
}
