package twilio

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"hubchat/app/apperr"
)

// maxRefusalLen bounds a refusal's words: they are logged and sent back.
const maxRefusalLen = 512

// signedMessage is what Signature signs, before the key: the URL, then
// each name and value in order.
func signedMessage(rawURL string, params url.Values) string {
	var b strings.Builder
	b.WriteString(rawURL)
	for _, name := range sortedUTF16(keys(params)) {
		for _, value := range sortedUTF16(distinct(params[name])) {
			b.WriteString(name + value)
		}
	}
	return b.String()
}

// FuzzVerifySignature: a request signed with the auth token is accepted;
// the same signature over a changed form or URL is refused unless what is
// signed (URL, names and values concatenated) reads the same, as Twilio's
// scheme defines it; another token is refused.
func FuzzVerifySignature(f *testing.F) {
	const token = AuthToken("0123456789abcdef0123456789abcdef")
	f.Add("https://app.example/twilio/a.myshopify.com/messages", "Body=hi&From=%2B15551230000&To=%2B15557654321", uint8(0), uint(0), "x")
	f.Add("https://app.example:443/twilio/x/status?q=1", "MessageStatus=delivered&MessageSid=SM1", uint8(1), uint(1), "")
	f.Add("http://[::1]:80/p", "a=1&a=1&a=2&b=%F0%9F%98%80", uint8(2), uint(2), "\u00e9")
	f.Fuzz(func(t *testing.T, rawURL, form string, op uint8, pos uint, extra string) {
		params, _ := url.ParseQuery(form)
		sig := Signature(token, rawURL, params)
		if err := VerifySignature(token, rawURL, params, sig); err != nil {
			t.Fatalf("signed request refused: %v", err)
		}
		if VerifySignature(token+"0", rawURL, params, sig) == nil {
			t.Fatal("another token's signature accepted")
		}
		changedURL, changed := rawURL, url.Values{}
		for k, vs := range params {
			changed[k] = slices.Clone(vs)
		}
		names := slices.Sorted(maps.Keys(changed))
		switch {
		case op%4 == 0 || len(names) == 0:
			changed.Add("X"+extra, extra)
		case op%4 == 1:
			changedURL += "&" + extra
		case op%4 == 2:
			name := names[pos%uint(len(names))]
			changed[name] = append(changed[name], "v"+extra)
		default:
			delete(changed, names[pos%uint(len(names))])
		}
		err := VerifySignature(token, changedURL, changed, sig)
		if err == nil && signedMessage(changedURL, changed) != signedMessage(rawURL, params) {
			t.Fatalf("changed request accepted: %q with %v", changedURL, changed)
		}
		if err != nil && (!apperr.Is(err, apperr.Unauthorized) || len(err.Error()) > maxRefusalLen) {
			t.Fatalf("refused with %v", err)
		}
	})
}

// FuzzParseWebhookForms: Twilio's incoming-message and status forms parse
// only into SIDs and numbers of the documented shapes and at most MaxMedia
// http(s) media; anything else is refused as Invalid in bounded words.
func FuzzParseWebhookForms(f *testing.F) {
	f.Add("MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B15551230000&To=%2B15557654321&Body=hi&NumMedia=1&MediaUrl0=https%3A%2F%2Fapi.twilio.com%2Fm&MediaContentType0=image%2Fjpeg&MessageStatus=delivered")
	f.Add("MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B1&To=%2B2&NumMedia=11")
	f.Add("NumMedia=-1&MediaUrl0=javascript%3Aalert(1)&ErrorCode=30003&MessageStatus=failed")
	f.Add("MessageSid=SM0123456789abcdef0123456789abcdef&AccountSid=AC0123456789abcdef0123456789abcdef&From=" + strings.Repeat("%2B1", 3000))
	f.Fuzz(func(t *testing.T, form string) {
		values, _ := url.ParseQuery(form)
		in, err := ParseIncoming(values)
		if err != nil {
			checkFormRefusal(t, err)
		} else {
			if !ValidMessageSID(in.MessageSID) || !ValidAccountSID(in.AccountSID) || !ValidE164(in.From) || !ValidE164(in.To) {
				t.Fatalf("parsed %+v", in)
			}
			if len(in.Media) > MaxMedia {
				t.Fatalf("%d media", len(in.Media))
			}
			for _, m := range in.Media {
				if !strings.HasPrefix(m.URL, "http://") && !strings.HasPrefix(m.URL, "https://") {
					t.Fatalf("media at %q", m.URL)
				}
			}
		}
		st, err := ParseStatus(values)
		if err != nil {
			checkFormRefusal(t, err)
			return
		}
		if !knownStatuses[st.Status] || st.ErrorCode < 0 || !ValidMessageSID(st.MessageSID) {
			t.Fatalf("parsed %+v", st)
		}
	})
}

func checkFormRefusal(t *testing.T, err error) {
	t.Helper()
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("refused with %v", err)
	}
	if n := len(apperr.MessageOf(err)); n > maxRefusalLen {
		t.Fatalf("refusal of %d bytes", n)
	}
}
