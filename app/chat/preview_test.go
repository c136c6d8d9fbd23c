package chat

import "testing"

func TestPreview(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"short stays", "Hello", 10, "Hello"},
		{"exactly n", "Hello", 5, "Hello"},
		{"cut with ellipsis, n runes in all", "Hello world", 8, "Hello w…"},
		{"space before the cut dropped", "Hello world", 7, "Hello…"},
		{"whitespace and lines collapsed", "  Hi\n\nthere,\t\tfriend  ", 40, "Hi there, friend"},
		{"collapse before counting", "a\n\n\n\nb", 3, "a b"},
		{"runes, not bytes", "ééééé", 4, "ééé…"},
		{"emoji", "😀😀😀😀", 3, "😀😀…"},
		{"combining accent not split", "cafe\u0301 au lait", 6, "cafe\u0301…"},
		{"combining accent at the cut", "cafe\u0301s", 5, "caf…"},
		{"skin tone kept with its emoji", "ok 👍🏽 thanks", 5, "ok…"},
		{"ZWJ sequence not split", "hi 👩‍💻 dev", 6, "hi…"},
		{"flag not split", "🇫🇷🇩🇪🇮🇹", 4, "🇫🇷…"},
		{"flag pair boundary", "🇫🇷🇩🇪🇮🇹", 5, "🇫🇷🇩🇪…"},
		{"RTL", "مرحبا بالعالم", 6, "مرحبا…"},
		{"n is 1", "Hello", 1, "…"},
		{"n is 0", "Hello", 0, ""},
		{"empty", "", 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Preview(tt.in, tt.n)
			if got != tt.want {
				t.Errorf("Preview(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
			if n := len([]rune(got)); n > tt.n && tt.n >= 0 {
				t.Errorf("Preview has %d runes, more than %d", n, tt.n)
			}
		})
	}
}
