package twilio

import (
	"net/url"
	"testing"
)

// The worked example of Twilio's webhook security page: its URL, its
// parameters and the auth token 12345 sign to 0/KCTR6DLpKmkAf8muzZqo1nDgQ=.
func TestSignatureOfTwiliosWorkedExample(t *testing.T) {
	u := "https://mycompany.com/myapp.php?foo=1&bar=2"
	params := url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"},
		"From": {"+12349013030"}, "To": {"+18005551212"}}
	const want = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
	if got := Signature("12345", u, params); got != want {
		t.Fatalf("signature %s, want %s", got, want)
	}
	if err := VerifySignature("12345", u, params, want); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		token, url, header string
		params             url.Values
	}{
		"another token":     {"12346", u, want, params},
		"another URL":       {"12345", u + "&baz=3", want, params},
		"a changed value":   {"12345", u, want, url.Values{"CallSid": {"CA1234567890ABCDF"}}},
		"no signature":      {"12345", u, "", params},
		"an empty token":    {"", u, Signature("", u, params), params},
		"signature of None": {"12345", u, "None", params},
	} {
		if err := VerifySignature(AuthToken(tc.token), tc.url, tc.params, tc.header); err != ErrBadSignature {
			t.Errorf("%s: %v, want ErrBadSignature", name, err)
		}
	}
}

// Twilio may sign with the scheme's default port or without it; both
// forms of the configured URL verify, and no other port does.
func TestVerifySignatureDefaultPorts(t *testing.T) {
	params := url.Values{"MessageSid": {"SM0123456789abcdef0123456789abcdef"}}
	for _, tc := range []struct {
		configured, signed string
		ok                 bool
	}{
		{"https://app.example/sms?shop=a", "https://app.example:443/sms?shop=a", true},
		{"https://app.example:443/sms", "https://app.example/sms", true},
		{"http://[::1]:80/sms", "http://[::1]/sms", true},
		{"http://user@app.example/sms", "http://user@app.example:80/sms", true},
		{"https://app.example", "https://app.example:443", true},
		{"https://app.example:8443/sms", "https://app.example/sms", false},
		{"https://app.example/sms", "https://app.example:80/sms", false},
		{"https://app.example/sms", "http://app.example/sms", false},
	} {
		err := VerifySignature("token", tc.configured, params, Signature("token", tc.signed, params))
		if (err == nil) != tc.ok {
			t.Errorf("configured %s, signed %s: %v, want ok=%v", tc.configured, tc.signed, err, tc.ok)
		}
	}
}
