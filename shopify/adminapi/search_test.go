package adminapi

import (
	"reflect"
	"testing"
	"time"
)

func TestSearchQueryRoundTrip(t *testing.T) {
	tests := []struct {
		terms []SearchTerm
		want  string
	}{
		{[]SearchTerm{UpdatedSince(time.Date(2026, 9, 1, 4, 0, 0, 0, time.FixedZone("EDT", -4*3600)))},
			`updated_at:>="2026-09-01T08:00:00Z"`},
		{[]SearchTerm{{Field: "customer_id", Value: "7001"}}, `customer_id:7001`},
		{[]SearchTerm{{Field: "status", Value: "active"}, {Value: "merino"}, {Value: "hoodie"}}, `status:active merino hoodie`},
		{[]SearchTerm{{Field: "title", Value: `say "hi" \ bye`}}, `title:"say \"hi\" \\ bye"`},
		{[]SearchTerm{{Field: "created_at", Op: "<", Value: "2026-10-01"}}, `created_at:<2026-10-01`},
		{[]SearchTerm{{Value: "Überjacke"}}, `Überjacke`},
	}
	for _, tt := range tests {
		got := SearchQuery(tt.terms...)
		if got != tt.want {
			t.Errorf("SearchQuery(%v) = %s, want %s", tt.terms, got, tt.want)
		}
		back, err := ParseSearchQuery(got)
		if err != nil || !reflect.DeepEqual(back, tt.terms) {
			t.Errorf("ParseSearchQuery(%s) = %v, %v; want %v", got, back, err, tt.terms)
		}
	}
}

func TestParseSearchQueryRejectsWhatItDoesNotModel(t *testing.T) {
	for _, q := range []string{`a OR b`, `-status:active`, `title:foo*`, `(a b)`, `NOT a`, `title:"open`} {
		if terms, err := ParseSearchQuery(q); err == nil {
			t.Errorf("ParseSearchQuery(%q) = %v, want an error", q, terms)
		}
	}
	if terms, err := ParseSearchQuery("  "); err != nil || len(terms) != 0 {
		t.Errorf("blank query = %v, %v", terms, err)
	}
}

func TestSearchWordsKeepOnlyLettersAndDigits(t *testing.T) {
	got := searchWords(`merino OR "hoodie" status:draft -socks (a) 2 b c d e f g h`)
	want := []string{"merino", "hoodie", "status", "draft", "socks", "a", "2", "b"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("searchWords = %q, want %q", got, want)
	}
}
