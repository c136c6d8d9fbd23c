package pages

import "testing"

func TestCountGroupsThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 5000: "5,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int64]string{0: "0 unread tickets", 1: "1 unread ticket", 2: "2 unread tickets", 5000: "5,000 unread tickets"} {
		if got := CountOf(n, "unread ticket", "unread tickets"); got != want {
			t.Errorf("CountOf(%d) = %q, want %q", n, got, want)
		}
	}
}
