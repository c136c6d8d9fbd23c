package shopapi

import "testing"

// A policy's HTML becomes plain text whose paragraphs the AI agent can
// quote one by one.
func TestPolicyText(t *testing.T) {
	for _, tt := range []struct{ html, want string }{
		{"<p>We ship in 1&ndash;2 days.</p><p>Free over $75 &amp; up.</p>", "We ship in 1–2 days.\n\nFree over $75 & up."},
		{"<h2>Returns</h2><ul><li>30 days</li><li>Unworn, <strong>with</strong> tags</li></ul>",
			"Returns\n\n30 days\n\nUnworn, with tags"},
		{"Line one<br>Line\n   two<br/>", "Line one\n\nLine two"},
		{"<div><p>Nested</p></div><script>alert(1)</script><style>p{}</style>Tail", "Nested\n\nTail"},
		{"plain text only", "plain text only"},
		{"", ""},
		{"<p>unclosed", "unclosed"},
	} {
		if got := policyText(tt.html); got != tt.want {
			t.Errorf("policyText(%q) = %q, want %q", tt.html, got, tt.want)
		}
	}
}
