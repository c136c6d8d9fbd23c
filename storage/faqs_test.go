package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// twoShops installs two shops on a fresh database: every settings store
// test checks that one cannot reach the other's rows.
func twoShops(t *testing.T) (ctx context.Context, c *clock, mine, theirs int64, faqs *storage.FAQs, macros *storage.Macros) {
	t.Helper()
	ctx, c = context.Background(), newClock()
	db := pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), c.Now)
	a, err := shops.Install(ctx, "mine.myshopify.com", expiringToken(c.Now(), "shpat_m", "shprt_m"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := shops.Install(ctx, "theirs.myshopify.com", expiringToken(c.Now(), "shpat_t", "shprt_t"))
	if err != nil {
		t.Fatal(err)
	}
	return ctx, c, a.ID, b.ID, storage.NewFAQs(db, c.Now), storage.NewMacros(db, c.Now)
}

// questions are the FAQs' questions in their order.
func questions(list []storage.FAQ) []string {
	out := make([]string, len(list))
	for i, f := range list {
		out[i] = f.Question
	}
	return out
}

// wantQuestions fails unless the shop's FAQs are want, in this order.
func wantQuestions(t *testing.T, ctx context.Context, faqs *storage.FAQs, shopID int64, want ...string) {
	t.Helper()
	all, err := faqs.All(ctx, shopID)
	if err != nil {
		t.Fatal(err)
	}
	if got := questions(all); !slices.Equal(got, want) {
		t.Fatalf("FAQs %q, want %q", got, want)
	}
}

func TestFAQsEditMoveAndPublish(t *testing.T) {
	t.Parallel()
	ctx, _, mine, theirs, faqs, _ := twoShops(t)
	a, _ := faqs.Create(ctx, mine, "A?", "a", true)
	b, _ := faqs.Create(ctx, mine, "B?", "b", false)
	c, _ := faqs.Create(ctx, mine, "C?", "c", true)
	other, _ := faqs.Create(ctx, theirs, "Theirs?", "t", true)
	wantQuestions(t, ctx, faqs, mine, "A?", "B?", "C?")

	if err := faqs.Move(ctx, mine, c.ID, -1); err != nil {
		t.Fatal(err)
	}
	wantQuestions(t, ctx, faqs, mine, "A?", "C?", "B?")
	// The ends stay put.
	if err := faqs.Move(ctx, mine, a.ID, -1); err != nil {
		t.Fatal(err)
	}
	if err := faqs.Move(ctx, mine, b.ID, 1); err != nil {
		t.Fatal(err)
	}
	wantQuestions(t, ctx, faqs, mine, "A?", "C?", "B?")
	if err := faqs.Move(ctx, mine, a.ID, 2); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("move by 2: %v", err)
	}

	if _, err := faqs.Update(ctx, mine, b.ID, "B, edited?", "b2", true); err != nil {
		t.Fatal(err)
	}
	if _, err := faqs.SetPublished(ctx, mine, a.ID, false); err != nil {
		t.Fatal(err)
	}
	pub, _ := faqs.Published(ctx, mine)
	if got := questions(pub); !slices.Equal(got, []string{"C?", "B, edited?"}) {
		t.Fatalf("published %q", got)
	}
	if err := faqs.Delete(ctx, mine, c.ID); err != nil {
		t.Fatal(err)
	}
	wantQuestions(t, ctx, faqs, mine, "A?", "B, edited?")

	// Nothing of the other shop is reachable, and it is left unchanged.
	for name, err := range map[string]error{
		"get":     func() error { _, err := faqs.Get(ctx, mine, other.ID); return err }(),
		"update":  func() error { _, err := faqs.Update(ctx, mine, other.ID, "x", "y", false); return err }(),
		"publish": func() error { _, err := faqs.SetPublished(ctx, mine, other.ID, false); return err }(),
		"move":    faqs.Move(ctx, mine, other.ID, 1),
		"delete":  faqs.Delete(ctx, mine, other.ID),
	} {
		if !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("%s of another shop's FAQ: %v, want not found", name, err)
		}
	}
	if got, err := faqs.Get(ctx, theirs, other.ID); err != nil || got.Question != "Theirs?" || !got.Published {
		t.Fatalf("the other shop's FAQ: %+v %v", got, err)
	}
}
