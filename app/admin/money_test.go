package admin

import (
	"testing"

	"golang.org/x/text/language"
)

func TestMoney(t *testing.T) {
	t.Parallel()
	tests := []struct{ amount, currency, want string }{
		{"489.00", "USD", "$489.00"},
		{"489", "usd", "$489.00"},
		{"5000.5", "EUR", "€5,000.50"},
		{"12.5", "GBP", "£12.50"},
		{"1200", "JPY", "¥1,200"},
		{"1234.5", "CHF", "1,234.50 CHF"},
		{"89", "PLN", "89.00 zł"},
		{"-10", "CAD", "-$10.00"},
		{"n/a", "USD", "n/a USD"},
		{"10.00", "", "10.00"},
	}
	for _, tt := range tests {
		if got := money(tt.amount, tt.currency); got != tt.want {
			t.Errorf("money(%q, %q) = %q, want %q", tt.amount, tt.currency, got, tt.want)
		}
	}
	if got := moneyIn(language.Polish, "1234.5", "PLN"); got != "1\u00a0234,50 zł" { // a no-break space groups thousands
		t.Errorf("in Polish: %q", got)
	}
}
