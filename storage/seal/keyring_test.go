package seal

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

func key(t *testing.T) string {
	t.Helper()
	k := GenerateKey()
	if b, err := base64.StdEncoding.DecodeString(k); err != nil || len(b) != 32 {
		t.Fatalf("GenerateKey() = %q: %d bytes, %v", k, len(b), err)
	}
	return k
}

func mustParse(t *testing.T, spec string) *Keyring {
	t.Helper()
	k, err := ParseKeyring(spec)
	if err != nil {
		t.Fatalf("ParseKeyring: %v", err)
	}
	return k
}

func TestRoundTrip(t *testing.T) {
	k := mustParse(t, "k1:"+key(t))
	for _, plaintext := range [][]byte{
		[]byte("shpat_0123456789abcdef"),
		{},
		bytes.Repeat([]byte{0, 0xff}, 5000),
		[]byte("ünïcödé 😀"),
	} {
		sealed, err := k.Seal(plaintext, []byte("shop.myshopify.com"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(sealed, "v1.k1.") {
			t.Fatalf("Seal = %q, want v1.k1. prefix", sealed)
		}
		if len(plaintext) > 8 && strings.Contains(sealed, string(plaintext[:8])) {
			t.Fatal("plaintext visible in sealed value")
		}
		got, err := k.Open(sealed, []byte("shop.myshopify.com"))
		if err != nil || !bytes.Equal(got, plaintext) {
			t.Fatalf("Open = %q, %v; want %q", got, err, plaintext)
		}
	}
	a, _ := k.Seal([]byte("same"), nil)
	b, _ := k.Seal([]byte("same"), nil)
	if a == b {
		t.Fatal("two seals of the same plaintext are equal: nonce reused")
	}
}

func TestTamperAnyByteFails(t *testing.T) {
	k := mustParse(t, "k1:"+key(t)+",k0:"+key(t))
	ad := []byte("shop.myshopify.com")
	sealed, err := k.Seal([]byte("shpat_secret_token"), ad)
	if err != nil {
		t.Fatal(err)
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.v"
	for i := range len(sealed) {
		for _, c := range []byte{alphabet[(strings.IndexByte(alphabet, sealed[i])+1)%len(alphabet)], 'A', '0', '.'} {
			if c == sealed[i] {
				continue
			}
			tampered := sealed[:i] + string(c) + sealed[i+1:]
			if got, err := k.Open(tampered, ad); err == nil {
				t.Fatalf("Open(%q) with byte %d changed to %q = %q, want error", tampered, i, c, got)
			}
		}
	}
	for _, cut := range []string{sealed[:len(sealed)-1], sealed + "A", sealed[:20]} {
		if _, err := k.Open(cut, ad); err == nil {
			t.Fatalf("Open(%q) = nil error", cut)
		}
	}
}

func TestAssociatedDataBinds(t *testing.T) {
	k := mustParse(t, "k1:"+key(t))
	sealed, _ := k.Seal([]byte("token"), []byte("a.myshopify.com"))
	for _, ad := range [][]byte{[]byte("b.myshopify.com"), nil, []byte("a.myshopify.com ")} {
		if _, err := k.Open(sealed, ad); !errors.Is(err, ErrOpen) {
			t.Errorf("Open with associated data %q = %v, want ErrOpen", ad, err)
		}
	}
}

func TestRotation(t *testing.T) {
	k1, k2 := key(t), key(t)
	old := mustParse(t, "k1:"+k1)
	sealedOld, _ := old.Seal([]byte("old token"), []byte("s"))

	rotated := mustParse(t, " k2:"+k2+" , k1:"+k1+" ")
	if rotated.CurrentKeyID() != "k2" {
		t.Fatalf("CurrentKeyID = %q, want k2", rotated.CurrentKeyID())
	}
	got, err := rotated.Open(sealedOld, []byte("s"))
	if err != nil || string(got) != "old token" {
		t.Fatalf("Open(old value) after rotation = %q, %v", got, err)
	}
	if !rotated.NeedsReseal(sealedOld) {
		t.Error("NeedsReseal(old value) = false")
	}
	sealedNew, _ := rotated.Seal([]byte("new token"), []byte("s"))
	if !strings.HasPrefix(sealedNew, "v1.k2.") || rotated.NeedsReseal(sealedNew) {
		t.Fatalf("new seal %q should use k2 and need no reseal", sealedNew)
	}
	if _, err := old.Open(sealedNew, []byte("s")); !errors.Is(err, ErrUnknownKey) || !strings.Contains(err.Error(), `"k2"`) {
		t.Fatalf("old keyring Open(new value) = %v, want ErrUnknownKey naming k2", err)
	}
	// Same id, different key material: fails authentication, not silently.
	impostor := mustParse(t, "k1:"+key(t))
	if _, err := impostor.Open(sealedOld, []byte("s")); !errors.Is(err, ErrOpen) {
		t.Fatalf("Open under a different k1 = %v, want ErrOpen", err)
	}
}

func TestParseKeyringErrors(t *testing.T) {
	good := key(t)
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	short := base64.StdEncoding.EncodeToString(raw[:16])
	tests := []struct {
		name, spec, mention string
	}{
		{"empty", "", "empty"},
		{"blank", "  ", "empty"},
		{"no colon", good, "no \":\""},
		{"empty entry", "k1:" + good + ",", "entry 2 is empty"},
		{"empty id", ":" + good, "key id"},
		{"id with dot", "k.1:" + good, "key id"},
		{"id too long", strings.Repeat("k", 33) + ":" + good, "key id"},
		{"duplicate id", "k1:" + good + ",k1:" + key(t), "twice"},
		{"not base64", "k1:not*base64!", "not valid base64"},
		{"short key", "k1:" + short, "16 bytes, want 32"},
		{"empty key", "k1:", "0 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseKeyring(tt.spec)
			if !errors.Is(err, ErrInvalidKeyring) {
				t.Fatalf("ParseKeyring(%q) = %v, want ErrInvalidKeyring", tt.spec, err)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("error %q does not mention %q", err, tt.mention)
			}
			if strings.Contains(err.Error(), good) || strings.Contains(err.Error(), short) {
				t.Errorf("error %q leaks key material", err)
			}
		})
	}
	// The accepted spellings of one key.
	b := make([]byte, 32)
	b[0], b[1] = 0xfb, 0xff // makes "+/" in standard base64, "-_" in URL
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if _, err := ParseKeyring("k1:" + enc.EncodeToString(b)); err != nil {
			t.Errorf("ParseKeyring(%q) = %v", enc.EncodeToString(b), err)
		}
	}
}

func TestOpenMalformed(t *testing.T) {
	k := mustParse(t, "k1:"+key(t))
	sealed, _ := k.Seal([]byte("x"), nil)
	payload := sealed[len("v1.k1."):]
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrMalformed},
		{"plaintext-token", ErrMalformed},
		{"v2.k1." + payload, ErrMalformed},
		{"v1.k1", ErrMalformed},
		{"v1..k1." + payload, ErrMalformed},
		{"v1.k1." + payload + ".x", ErrMalformed},
		{"v1.k 1." + payload, ErrMalformed},
		{"v1.k1.", ErrMalformed},
		{"v1.k1.AAAA", ErrMalformed},
		{"v1.k1." + payload + "=", ErrMalformed},
		{"v1.k1." + payload[:5] + "+" + payload[6:], ErrMalformed},
		{"v1.k9." + payload, ErrUnknownKey},
	}
	for _, tt := range tests {
		if _, err := k.Open(tt.in, nil); !errors.Is(err, tt.want) {
			t.Errorf("Open(%q) = %v, want %v", tt.in, err, tt.want)
		}
	}
	if k.NeedsReseal("garbage") {
		t.Error("NeedsReseal(garbage) = true")
	}
}
