package storage_test

import (
	"errors"
	"testing"
	"time"

	"hubchat/storage"
)

// Opening a ticket reads it once: the first read is an event for the inbox,
// a second read is none (pages that re-fetch on the event must not loop).
func TestMarkReadClearsUnreadOnceWithAnEvent(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "Hello", "").Conversation
	before := f.events(t, "conversation.updated")
	read, err := f.convs.MarkRead(f.ctx, f.shopID, c.ID)
	if err != nil || read.Unread {
		t.Fatalf("read: %+v, %v", read, err)
	}
	if _, err := f.convs.MarkRead(f.ctx, f.shopID, c.ID); err != nil {
		t.Fatal(err)
	}
	if got := f.events(t, "conversation.updated") - before; got != 1 {
		t.Fatalf("%d conversation.updated events for two reads, want 1", got)
	}
	if _, err := f.convs.MarkRead(f.ctx, f.shopID+1000, c.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("another shop reads the ticket: %v", err)
	}
}

func TestAssignTakesOnlyTheShopsAgents(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "Hello", "").Conversation
	got, err := f.convs.Assign(f.ctx, f.shopID, c.ID, &f.agentID)
	if err != nil || got.AssigneeAgentID == nil || *got.AssigneeAgentID != f.agentID {
		t.Fatalf("assign: %+v, %v", got, err)
	}
	other := newChatFixtureShop(t, f, "elsewhere.myshopify.com")
	agents := storage.NewAgents(f.db, f.clock.Now)
	stranger, _ := agents.Seen(f.ctx, other, 9002)
	if team, err := agents.List(f.ctx, f.shopID); err != nil || len(team) != 1 || team[0].ID != f.agentID {
		t.Fatalf("the shop's team: %+v, %v", team, err)
	}
	if _, err := f.convs.Assign(f.ctx, f.shopID, c.ID, &stranger.ID); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("assigned to another shop's agent: %v", err)
	}
	if got, err := f.convs.Assign(f.ctx, f.shopID, c.ID, nil); err != nil || got.AssigneeAgentID != nil {
		t.Fatalf("unassign: %+v, %v", got, err)
	}
	if _, err := f.convs.Assign(f.ctx, other, c.ID, nil); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("another shop assigns the ticket: %v", err)
	}
}

// A closed ticket is final: no snooze, no assignment.
func TestClosedTicketRefusesChanges(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "Hello", "").Conversation
	if _, err := f.convs.Close(f.ctx, f.shopID, c.ID, "agent"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.convs.Snooze(f.ctx, f.shopID, c.ID, f.clock.Now().Add(time.Hour)); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("snoozed a closed ticket: %v", err)
	}
	if _, err := f.convs.Assign(f.ctx, f.shopID, c.ID, &f.agentID); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("assigned a closed ticket: %v", err)
	}
	if got, _ := f.convs.Get(f.ctx, f.shopID, c.ID); got.Status != storage.StatusClosed {
		t.Fatalf("status %s", got.Status)
	}
}

// The sweep opens due snoozed tickets again, unread, and leaves the others.
func TestWakeSnoozedOpensDueTickets(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	due := f.post(t, newClientID(), "Hello", "").Conversation
	later := newChatFixtureProfile(t, f, 7002)
	notYet := later.post(t, newClientID(), "Hi", "").Conversation
	f.convs.MarkRead(f.ctx, f.shopID, due.ID)
	now := f.clock.Now()
	if _, err := f.convs.Snooze(f.ctx, f.shopID, due.ID, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.convs.Snooze(f.ctx, f.shopID, notYet.ID, now.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	n, err := f.convs.WakeSnoozed(f.ctx, f.clock.Now(), 10)
	if err != nil || n != 1 {
		t.Fatalf("woke %d, %v; want 1", n, err)
	}
	woken, _ := f.convs.Get(f.ctx, f.shopID, due.ID)
	if woken.Status != storage.StatusOpen || woken.SnoozedUntil != nil || !woken.Unread {
		t.Fatalf("woken ticket: %+v", woken)
	}
	if still, _ := f.convs.Get(f.ctx, f.shopID, notYet.ID); still.Status != storage.StatusSnoozed {
		t.Fatalf("ticket due later: %s", still.Status)
	}
}

// newChatFixtureShop installs another shop beside f's and returns its id.
func newChatFixtureShop(t *testing.T, f chatFixture, domain string) int64 {
	t.Helper()
	shop, err := storage.NewShops(f.db, testKeys(t), f.clock.Now).Install(f.ctx, domain, expiringToken(f.clock.Now(), "shpat_o", "shprt_o"))
	if err != nil {
		t.Fatal(err)
	}
	return shop.ID
}

// newChatFixtureProfile is f with another customer of the same shop.
func newChatFixtureProfile(t *testing.T, f chatFixture, customerID int64) chatFixture {
	t.Helper()
	p, err := storage.NewProfiles(f.db, f.clock.Now).ForCustomer(f.ctx, f.shopID, customerID)
	if err != nil {
		t.Fatal(err)
	}
	f.profile = p
	return f
}

// A ticket the shopper ended before any agent opened it is not unread once
// closed: no dot in the Closed view, nothing in the badge.
func TestClosingATicketNobodyReadClearsUnread(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "Anyone there?", "").Conversation
	if n, _ := f.convs.UnreadCount(f.ctx, f.shopID); n != 1 {
		t.Fatalf("unread before closing: %d", n)
	}
	closed, err := f.convs.Close(f.ctx, f.shopID, c.ID, "shopper")
	if err != nil || closed.Unread {
		t.Fatalf("closed: %+v, %v", closed, err)
	}
	rows, err := f.convs.Inbox(f.ctx, f.shopID, storage.InboxFilter{Status: storage.StatusClosed})
	if err != nil || len(rows) != 1 || rows[0].Unread {
		t.Fatalf("the Closed view: %+v, %v", rows, err)
	}
	if n, _ := f.convs.UnreadCount(f.ctx, f.shopID); n != 0 {
		t.Fatalf("unread after closing: %d", n)
	}
}

// Unsnoozing puts a snoozed ticket back in Open at once, with an event for
// the inbox, and the shopper's history records the snooze and the
// unsnooze; an open ticket stays as it is and a closed one refuses.
func TestUnsnoozeOpensTheTicketAtOnce(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "Hello", "").Conversation
	if _, err := f.convs.Snooze(f.ctx, f.shopID, c.ID, f.clock.Now().Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	before := f.events(t, "conversation.updated")
	f.clock.Advance(time.Minute)
	open, err := f.convs.Unsnooze(f.ctx, f.shopID, c.ID)
	if err != nil || open.Status != storage.StatusOpen || open.SnoozedUntil != nil || open.WokenAt == nil || !open.WokenAt.Equal(f.clock.Now()) {
		t.Fatalf("unsnoozed: %+v, %v", open, err)
	}
	if got := f.events(t, "conversation.updated") - before; got != 1 {
		t.Fatalf("%d conversation.updated events, want 1", got)
	}
	if again, err := f.convs.Unsnooze(f.ctx, f.shopID, c.ID); err != nil || again.Status != storage.StatusOpen {
		t.Fatalf("unsnooze an open ticket: %+v, %v", again, err)
	}
	if _, err := f.convs.Unsnooze(f.ctx, f.shopID+1000, c.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("another shop unsnoozes the ticket: %v", err)
	}
	// The shopper's history tells both, once each, newest first.
	history, err := storage.NewProfiles(f.db, f.clock.Now).History(f.ctx, f.shopID, f.profile.ID, 10)
	if err != nil || len(history) != 2 || history[0].Kind != storage.EventTicketUnsnoozed || history[1].Kind != storage.EventTicketSnoozed ||
		history[1].ConversationID != c.ID || history[1].Until == nil || !history[1].Until.Equal(f.clock.Now().Add(23*time.Hour+59*time.Minute)) {
		t.Fatalf("history: %+v, %v", history, err)
	}
	f.convs.Close(f.ctx, f.shopID, c.ID, "agent")
	if _, err := f.convs.Unsnooze(f.ctx, f.shopID, c.ID); !errors.Is(err, storage.ErrConversationClosed) {
		t.Fatalf("unsnooze a closed ticket: %v", err)
	}
}
