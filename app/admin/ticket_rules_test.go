package admin

import (
	"testing"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/chat"
)

func TestSnoozeUntil(t *testing.T) {
	t.Parallel()
	paris, _ := time.LoadLocation("Europe/Paris")
	// Wednesday 10 June 2026, 23:30 in Paris (21:30 UTC).
	wed := time.Date(2026, 6, 10, 21, 30, 0, 0, time.UTC)
	monday := time.Date(2026, 6, 15, 8, 0, 0, 0, paris)
	tests := []struct {
		name, preset, custom string
		now                  time.Time
		want                 time.Time
	}{
		{"in an hour", "hour", "", wed, wed.Add(time.Hour)},
		{"tomorrow is the shop's tomorrow", "tomorrow", "", wed, time.Date(2026, 6, 11, 9, 0, 0, 0, paris)},
		{"next week is Monday", "next_week", "", wed, time.Date(2026, 6, 15, 9, 0, 0, 0, paris)},
		{"next week from a Monday is a week on", "next_week", "", monday, time.Date(2026, 6, 22, 9, 0, 0, 0, paris)},
		{"next week from a Sunday is the next day", "next_week", "", time.Date(2026, 6, 14, 12, 0, 0, 0, paris), monday.Add(time.Hour)},
		{"a chosen time is the shop's", "custom", " 2026-06-12T14:30 ", wed, time.Date(2026, 6, 12, 14, 30, 0, 0, paris)},
	}
	for _, tt := range tests {
		got, err := snoozeUntil(tt.preset, tt.custom, tt.now, paris)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("%s: %s, %v; want %s", tt.name, got.In(paris), err, tt.want)
		}
	}
	for _, bad := range []struct{ preset, custom string }{{"custom", ""}, {"custom", "tomorrow"}, {"", ""}, {"forever", ""}} {
		if _, err := snoozeUntil(bad.preset, bad.custom, wed, paris); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%q %q: %v, want Invalid", bad.preset, bad.custom, err)
		}
	}
	// Every preset is in the future, which chat.CheckSnooze requires.
	for _, p := range snoozePresets {
		until, _ := snoozeUntil(p, "", wed, paris)
		if err := chat.CheckSnooze(chat.StatusOpen, until, wed); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

// The WebP header gives the canvas size for the three kinds of WebP.
func TestWebPSize(t *testing.T) {
	t.Parallel()
	riff := func(chunk string, data []byte) []byte {
		b := append([]byte("RIFF\x00\x00\x00\x00WEBP"+chunk+"\x00\x00\x00\x00"), data...)
		return append(b, make([]byte, 8)...)
	}
	tests := []struct {
		name string
		data []byte
		w, h int
	}{
		// VP8X: flags (4 bytes), then width-1 and height-1 on 24 bits each.
		{"extended", riff("VP8X", []byte{0, 0, 0, 0, 0x3f, 0x01, 0, 0xdf, 0, 0}), 320, 224},
		// VP8L: signature 0x2f, then width-1 and height-1 on 14 bits each.
		{"lossless", riff("VP8L", []byte{0x2f, 0x3f, 0xc0, 0x0e, 0x00}), 64, 60},
		// VP8: a 3-byte frame tag, the start code, then 14-bit width and height.
		{"lossy", riff("VP8 ", []byte{0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01}), 640, 480},
	}
	for _, tt := range tests {
		w, h, err := webpSize(tt.data)
		if err != nil || w != tt.w || h != tt.h {
			t.Errorf("%s: %dx%d, %v; want %dx%d", tt.name, w, h, err, tt.w, tt.h)
		}
	}
	if _, _, err := webpSize([]byte("RIFF\x00\x00\x00\x00WEBPVP8Z" + string(make([]byte, 30)))); err == nil {
		t.Error("an unknown chunk was read")
	}
}

func TestMediaTokensAndClientIDs(t *testing.T) {
	t.Parallel()
	for token, ok := range map[string]bool{"AbC-_0123456789abcdefgh": false, "AbC-_0123456789abcdefg": true, "AbC-_0123456789abcdef/": false, "": false} {
		if validToken(token) != ok {
			t.Errorf("validToken(%q) = %v", token, !ok)
		}
	}
	id, err := replyClientID("")
	if err != nil || chat.ValidateClientID(id) != nil {
		t.Fatalf("a made client id %q: %v", id, err)
	}
	if again, _ := replyClientID(""); again == id {
		t.Fatal("two made client ids are equal")
	}
	if _, err := replyClientID("not-a-uuid"); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("a bad client id: %v", err)
	}
}
