package e2e_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// Office hours as a merchant enters them: "Duplicate" puts the copy at the
// day's next free time, so the week saves at once, and says so when the day
// has none left; the help text and the error both say that a range ending
// at midnight ends at 00:00, which a time input can hold (24:00 it cannot).
func TestOfficeHoursDuplicateAndMidnight(t *testing.T) {
	t.Parallel()
	env, shopID := installedShop(t)
	ctx := openAdmin(t, env, "/settings/web-chat")
	if help := appText(t, ctx, `[data-testid="office-hours"] .field__help`); !strings.Contains(help, "end at 00:00") || strings.Contains(help, "24:00") {
		t.Fatalf("the help text: %q", help)
	}
	mon := `[data-testid="hours-mon"] `
	appClick(t, ctx, mon+`[data-testid="hours-add"]`) // 09:00 to 17:00
	appCount(t, ctx, mon+`[data-testid="hours-range"]`, 1)
	appClick(t, ctx, mon+`[data-testid="hours-duplicate"]`)
	appCount(t, ctx, mon+`[data-testid="hours-range"]`, 2)
	if start, end := tkValue(t, ctx, `#oh-mon-1-start`), tkValue(t, ctx, `#oh-mon-1-end`); start != "17:00" || end != "00:00" {
		t.Fatalf("the copy of 09:00–17:00 is %s–%s, want the free time after it, 17:00–00:00", start, end)
	}
	appScroll(t, ctx, `[data-testid="office-hours"]`)
	apptest.Screenshot(t, ctx, "settings-hours-duplicated")
	appClick(t, ctx, `[data-testid="save"]`)
	adminToast(t, ctx, "Settings saved")
	hours := savedHours(t, env, shopID)
	if want := [][]string{{"09:00", "17:00"}, {"17:00", "24:00"}}; !reflect.DeepEqual(hours["mon"], want) {
		t.Fatalf("Monday saved as %v, want %v", hours["mon"], want)
	}

	// A whole day open has no free time for a copy: the editor says so.
	appClick(t, ctx, `[data-testid="hours-tue"] [data-testid="hours-add"]`)
	appSetValue(t, ctx, `#oh-tue-0-start`, "00:00")
	appSetValue(t, ctx, `#oh-tue-0-end`, "00:00")
	appClick(t, ctx, `[data-testid="hours-tue"] [data-testid="hours-duplicate"]`)
	if got := appText(t, ctx, `[data-testid="error-oh-tue"]`); !strings.Contains(got, "Tuesday has no free time left") {
		t.Fatalf("duplicating a full day: %q", got)
	}
	appCount(t, ctx, `[data-testid="hours-tue"] [data-testid="hours-range"]`, 1)

	// Hours past midnight: the error says to end at 00:00, as the help does.
	appSetValue(t, ctx, `#oh-tue-0-start`, "22:00")
	appSetValue(t, ctx, `#oh-tue-0-end`, "02:00")
	appClick(t, ctx, `[data-testid="save"]`)
	tkWaitText(t, ctx, `[data-testid="error-oh-tue"]`, "ends before it starts")
	if got := appText(t, ctx, `[data-testid="error-oh-tue"]`); !strings.Contains(got, "end at 00:00") || strings.Contains(got, "24:00") {
		t.Fatalf("the error for hours past midnight: %q", got)
	}
	appScroll(t, ctx, `[data-testid="hours-tue"]`)
	apptest.Screenshot(t, ctx, "settings-hours-midnight-error")
}

// savedHours is the shop's office hours as stored, day by day: {"mon":
// [["09:00","17:00"]], …}.
func savedHours(t *testing.T, env *apptest.Env, shopID int64) map[string][][]string {
	t.Helper()
	cs, err := storage.NewChatSettings(env.DB, time.Now).Get(context.Background(), shopID)
	if err != nil {
		t.Fatal(err)
	}
	var hours map[string][][]string
	if err := json.Unmarshal(cs.OfficeHours, &hours); err != nil {
		t.Fatal(err)
	}
	return hours
}
