package i18n

import (
	"context"
	"testing"
	"time"
)

func TestMatchTakesTheLanguageOfARegionalTagAndFallsBackToEnglish(t *testing.T) {
	for tag, want := range map[string]Locale{
		"es": Spanish, "es-MX": Spanish, "es_419": Spanish, "fr-CA": French, "de-CH": German, "pl": Polish, "it-IT": Italian,
		"en-GB": English, "pt": English, "pt-BR": English, "zh-CN": English, "": English, "not a tag": English,
	} {
		if got := Match(tag); got != want {
			t.Errorf("Match(%q) = %s, want %s", tag, got.Lang(), want.Lang())
		}
	}
}

func TestTFillsPlaceholdersAndPicksThePolishPluralForms(t *testing.T) {
	ctx := WithLocale(context.Background(), Polish)
	for n, want := range map[int]string{1: "1 godzinę temu", 2: "2 godziny temu", 5: "5 godzin temu", 12: "12 godzin temu", 22: "22 godziny temu", 25: "25 godzin temu"} {
		if got := T(ctx, "time.ago.hours", "count", n); got != want {
			t.Errorf("Polish %d hours ago = %q, want %q", n, got, want)
		}
	}
	if got := English.T("time.ago.hours", "count", 1); got != "1 hour ago" {
		t.Errorf("English one = %q", got)
	}
	if got := English.T("time.ago.hours", "count", 1500); got != "1,500 hours ago" {
		t.Errorf("English count not grouped: %q", got)
	}
	if got := T(context.Background(), "no.such.key"); got != "no.such.key" {
		t.Errorf("a missing key reads %q; it should show itself", got)
	}
}

func TestNumbersAndDatesAreWrittenAsEachLanguageWritesThem(t *testing.T) {
	at := time.Date(2026, time.December, 5, 15, 4, 0, 0, time.UTC)
	cases := []struct {
		l                         Locale
		small, large, date, clock string
	}{
		{English, "5,000", "12,345", "Dec 5, 2026", "3:04 PM"},
		{Spanish, "5000", "12.345", "5 dic 2026", "15:04"},
		{French, "5\u00a0000", "12\u00a0345", "5 déc. 2026", "15:04"},
		{Italian, "5.000", "12.345", "5 dic 2026", "15:04"},
		{Polish, "5000", "12\u00a0345", "5 gru 2026", "15:04"},
		{German, "5.000", "12.345", "5. Dez. 2026", "15:04"},
	}
	for _, c := range cases {
		got := [4]string{c.l.Number(5000), c.l.Number(12345), c.l.Date(at), c.l.Time(at)}
		if want := [4]string{c.small, c.large, c.date, c.clock}; got != want {
			t.Errorf("%s: got %q, want %q", c.l.Lang(), got, want)
		}
	}
	if got := Spanish.Ago(3 * time.Minute); got != "hace 3 min" {
		t.Errorf("Spanish 3 min ago = %q", got)
	}
	if got := English.Time(time.Date(2026, 1, 1, 0, 5, 0, 0, time.UTC)); got != "12:05 AM" {
		t.Errorf("English midnight = %q", got)
	}
}

func TestClientMessagesCarryTheFormsAScriptNeeds(t *testing.T) {
	ctx := WithLocale(context.Background(), Polish)
	got := ClientMessages(ctx, "time.ago.hours", "time.today", "no.such.key")
	want := `{"time.ago.hours":{"few":"{count} godziny temu","many":"{count} godzin temu","one":"{count} godzinę temu","other":"{count} godziny temu"},"time.today":"Dzisiaj"}`
	if got != want {
		t.Errorf("ClientMessages = %s\nwant %s", got, want)
	}
}

func TestWhenNamesTheDayNearNow(t *testing.T) {
	now := time.Date(2026, time.December, 5, 15, 4, 0, 0, time.UTC) // a Saturday
	for _, c := range []struct {
		l    Locale
		t    time.Time
		want string
	}{
		{English, now.Add(time.Hour), "4:04 PM"},
		{Spanish, now.Add(18 * time.Hour), "Mañana a las 9:04"},
		{Polish, now.Add(-20 * time.Hour), "Wczoraj o 19:04"},
		{English, now.Add(-3 * 24 * time.Hour), "Wed, Dec 2, 3:04 PM"},
		{German, now.Add(-30 * 24 * time.Hour), "5. Nov. 2026, 15:04"},
	} {
		if got := c.l.When(c.t, now); got != c.want {
			t.Errorf("%s When(%s) = %q, want %q", c.l.Lang(), c.t, got, c.want)
		}
	}
}
