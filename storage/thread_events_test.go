package storage_test

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/storage"
)

// faq creates one of the fixture shop's FAQs.
func (f chatFixture) faq(t *testing.T, shopID int64, question string, published bool) int64 {
	t.Helper()
	faq, err := storage.NewFAQs(f.db, f.clock.Now).Create(f.ctx, shopID, question, "The answer to "+question, published)
	if err != nil {
		t.Fatal(err)
	}
	return faq.ID
}

func (f chatFixture) read(t *testing.T, faqID int64) storage.FAQRead {
	t.Helper()
	read, err := f.convs.RecordFAQRead(f.ctx, f.shopID, f.profile.ID, faqID)
	if err != nil {
		t.Fatal(err)
	}
	return read
}

// welcomePost is the shopper's message with the widget's welcome.
func (f chatFixture) welcomePost(t *testing.T, body, welcome string) storage.PostResult {
	t.Helper()
	res, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{
		ClientID: newClientID(), Body: body, Preview: body, Welcome: welcome})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// story is a conversation's thread events as "kind:text@minutes after
// start" lines, start being the fixture clock's first time.
func (f chatFixture) story(t *testing.T, conversationID int64, start time.Time) []string {
	t.Helper()
	events, err := f.convs.ThreadEvents(f.ctx, f.shopID, conversationID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		out = append(out, e.Kind+":"+e.Text+"@"+e.OccurredAt.Sub(start).String())
	}
	return out
}

// FAQs read before the first message become the new conversation's story,
// the welcome first; a FAQ read twice counts once; a read while the
// conversation goes on joins it and reaches the team's stream.
func TestFAQsReadBeforeAConversationBeginItsStoryAfterTheWelcome(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	start := f.clock.Now()
	shipping, returns := f.faq(t, f.shopID, "How long does shipping take?", true), f.faq(t, f.shopID, "Can I return an item?", true)
	if r := f.read(t, shipping); !r.Recorded || r.ConversationID != 0 {
		t.Fatalf("first read: %+v, want recorded and waiting", r)
	}
	f.clock.Advance(time.Minute)
	if r := f.read(t, shipping); r.Recorded {
		t.Fatal("the same FAQ read again was recorded again")
	}
	f.read(t, returns)
	f.clock.Advance(time.Minute)
	c := f.welcomePost(t, "Where is my parcel?", "Hi! How can we help?").Conversation

	want := []string{"welcome:Hi! How can we help?@0s", "faq_read:How long does shipping take?@0s", "faq_read:Can I return an item?@1m0s"}
	if got := f.story(t, c.ID, start); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("story %q, want %q", got, want)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM thread_events WHERE conversation_id IS NULL`); n != 0 {
		t.Fatalf("%d reads still waiting after the conversation began", n)
	}

	f.clock.Advance(time.Minute)
	if r := f.read(t, returns); r.Recorded {
		t.Fatal("a FAQ of the story read again was recorded again")
	}
	sizes := f.faq(t, f.shopID, "Which size should I take?", true)
	if r := f.read(t, sizes); !r.Recorded || r.ConversationID != c.ID {
		t.Fatalf("a read during the conversation: %+v, want recorded in %d", r, c.ID)
	}
	if n := f.events(t, "conversation.faq_read"); n != 1 {
		t.Fatalf("%d live events for the team, want 1 for the one new read", n)
	}
	if got := f.story(t, c.ID, start); len(got) != 4 || got[3] != "faq_read:Which size should I take?@3m0s" {
		t.Fatalf("story after a read during the conversation: %q", got)
	}
}

// A FAQ read on an earlier visit is not what the shopper came about: past
// the story's lead it is dropped, and the welcome opens the story alone.
// An empty welcome (none set) stores none.
func TestAnOldFAQReadIsNotPartOfTheStory(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	f.read(t, f.faq(t, f.shopID, "How long does shipping take?", true))
	f.clock.Advance(storage.StoryLead + time.Minute)
	start := f.clock.Now()
	c := f.welcomePost(t, "Hello", "Welcome to our shop").Conversation
	if got := f.story(t, c.ID, start); len(got) != 1 || got[0] != "welcome:Welcome to our shop@0s" {
		t.Fatalf("story %q, want the welcome alone", got)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM thread_events WHERE profile_id = $1 AND conversation_id IS NULL`, f.profile.ID); n != 0 {
		t.Fatalf("%d old reads kept", n)
	}
	if _, err := f.convs.Close(f.ctx, f.shopID, c.ID, "shopper"); err != nil {
		t.Fatal(err)
	}
	next := f.welcomePost(t, "Me again", "").Conversation
	if got := f.story(t, next.ID, start); len(got) != 0 {
		t.Fatalf("story %q, want none without a welcome", got)
	}
}

// A FAQ read names one of the shop's published FAQs, by a profile of the
// shop: another shop's FAQ or profile, or a draft, is refused and stores
// nothing; another shop cannot read the thread's events.
func TestFAQReadsAreTheShopsOwn(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	other, err := storage.NewShops(f.db, testKeys(t), f.clock.Now).Install(f.ctx, "other.myshopify.com", expiringToken(f.clock.Now(), "shpat_o", "shprt_o"))
	if err != nil {
		t.Fatal(err)
	}
	theirFAQ, draft := f.faq(t, other.ID, "Their question", true), f.faq(t, f.shopID, "A draft", false)
	for name, faqID := range map[string]int64{"another shop's FAQ": theirFAQ, "a draft": draft, "no FAQ": 0} {
		if _, err := f.convs.RecordFAQRead(f.ctx, f.shopID, f.profile.ID, faqID); !errors.Is(err, storage.ErrFAQNotFound) {
			t.Errorf("%s: %v, want ErrFAQNotFound", name, err)
		}
	}
	mine := f.faq(t, f.shopID, "My question", true)
	if _, err := f.convs.RecordFAQRead(f.ctx, other.ID, f.profile.ID, mine); !errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrFAQNotFound) {
		t.Errorf("a profile of another shop: %v, want the profile not found", err)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM thread_events`); n != 0 {
		t.Fatalf("%d reads stored from refused requests", n)
	}
	f.read(t, mine)
	c := f.welcomePost(t, "Hello", "Hi!").Conversation
	if events, err := f.convs.ThreadEvents(f.ctx, other.ID, c.ID); err != nil || len(events) != 0 {
		t.Fatalf("another shop reads %v (%v)", events, err)
	}
}

// A flood of reads, many at once on a small pool, stores one row per FAQ;
// and a read racing the first message is never left waiting beside the
// conversation it preceded: it is in that conversation's story.
func TestAFloodOfFAQReadsRacingTheFirstMessage(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	f.db.SetMaxOpenConns(4)
	faqs := []int64{f.faq(t, f.shopID, "Shipping?", true), f.faq(t, f.shopID, "Returns?", true)}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 40 {
		wg.Go(func() {
			if _, err := f.convs.RecordFAQRead(f.ctx, f.shopID, f.profile.ID, faqs[i%2]); err != nil {
				errs <- err
			}
		})
	}
	wg.Go(func() {
		_, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{ClientID: newClientID(), Body: "Hi", Preview: "Hi", Welcome: "Hello!"})
		if err != nil {
			errs <- err
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var rows []struct {
		Conversation *int64 `db:"conversation_id"`
		Kind         string `db:"kind"`
	}
	if err := f.db.Select(&rows, `SELECT conversation_id, kind FROM thread_events ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, r := range rows {
		if r.Conversation == nil {
			t.Fatalf("a read left waiting beside the conversation: %+v", rows)
		}
		if r.Kind == storage.ThreadFAQRead {
			reads++
		}
	}
	if reads != 2 || len(rows) != 3 {
		t.Fatalf("%d reads in %d rows, want one per FAQ and the welcome", reads, len(rows))
	}
}

// The welcome and the FAQs a customer read are in her export and gone
// after her erasure.
func TestThreadEventsAreExportedAndErased(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	f.db.MustExec(`UPDATE profiles SET email = 'jane.story@example.com' WHERE id = $1`, f.profile.ID)
	f.read(t, f.faq(t, f.shopID, "Do you ship to Iceland?", true))
	f.welcomePost(t, "Hi", "Welcome, story teller")
	privacy := storage.NewPrivacy(f.db, f.clock.Now)
	ref := storage.CustomerRef{ID: 7001, Email: "jane.story@example.com"}
	req, err := privacy.ExportCustomer(f.ctx, f.shopID, "dr", ref, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	var export storage.CustomerExport
	if err := json.Unmarshal(req.Export, &export); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Do you ship to Iceland?", "Welcome, story teller"} {
		if !strings.Contains(string(export.Tables["thread_events"]), want) {
			t.Errorf("the export lacks %q: %s", want, export.Tables["thread_events"])
		}
	}
	if _, err := privacy.RedactCustomer(f.ctx, f.shopID, "", ref, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM thread_events`); n != 0 {
		t.Fatalf("%d thread events left after the erasure", n)
	}
}
