package storage_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// A post carries the versions of the settings it was decided on; once any
// of them is saved over (by any instance), the post stores nothing and
// fails with ErrSettingsChanged, and a post decided on what is stored now
// is written.
func TestAPostDecidedOnSettingsSavedOverStoresNothing(t *testing.T) {
	f := newPostFixture(t, 1, 2)
	clk := newClock()
	chats, ais := storage.NewChatSettings(f.owner, clk.Now), storage.NewAISettings(f.owner, testKeys(t), clk.Now)
	texts := storage.NewSMSAISettings(f.owner, clk.Now)
	read := func() storage.SettingsVersions {
		t.Helper()
		c, err := chats.Get(f.ctx, f.shopID)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ais.Get(f.ctx, f.shopID)
		if err != nil {
			t.Fatal(err)
		}
		s, err := texts.Get(f.ctx, f.shopID)
		if err != nil {
			t.Fatal(err)
		}
		return storage.SettingsVersions{Chat: c.Version, AI: a.Version, SMSAI: s.Version}
	}
	post := func(v storage.SettingsVersions, body string) error {
		_, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.profiles[0], storage.ShopperPost{ClientID: newClientID(),
			Body: body, Preview: body, Settings: v})
		return err
	}
	first := read()
	if first.Chat <= 0 || first.AI != storage.NoSettingsRow || first.SMSAI != storage.NoSettingsRow {
		t.Fatalf("versions of a new shop's settings: %+v", first)
	}
	if err := post(first, "decided on the settings stored"); err != nil {
		t.Fatal(err)
	}
	c, _ := chats.Get(f.ctx, f.shopID)
	c.WelcomeMessage = "Hello again"
	if err := chats.Save(f.ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := post(first, "stale chat settings"); !errors.Is(err, storage.ErrSettingsChanged) {
		t.Fatalf("a post decided on chat settings saved over since: %v, want ErrSettingsChanged", err)
	}
	second := read()
	if second.Chat == first.Chat {
		t.Fatal("saving the chat settings kept their version")
	}
	if _, err := ais.Save(f.ctx, storage.AISettings{ShopID: f.shopID, Enabled: true, Handoff: storage.HandoffInbox},
		storage.HelpdeskSecrets{}); err != nil {
		t.Fatal(err)
	}
	if err := post(second, "stale AI settings"); !errors.Is(err, storage.ErrSettingsChanged) {
		t.Fatalf("a post decided before the AI agent was turned on: %v, want ErrSettingsChanged", err)
	}
	if err := post(read(), "decided again"); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, f.owner, `SELECT count(*) FROM messages WHERE body LIKE 'stale%'`); n != 0 {
		t.Fatalf("%d posts decided on stale settings were stored", n)
	}
	if n := countRows(t, f.owner, `SELECT message_count FROM conversations WHERE profile_id = $1`, f.profiles[0]); n != 3 {
		t.Fatalf("the ticket counts %d messages, want 3", n)
	}
}

// A shopper's next message has its settings checked by the prepared
// statement that joins its ticket: by the simple protocol, which
// PostgreSQL parses and plans at every run, it sends only its BEGIN with
// the shop wall, and its COMMIT. (Read apart, the versions were planned at
// every post, and on a busy machine cost a post half a millisecond.)
func TestANextPostIsPlannedOnlyOnceAConnection(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	var dbName string
	if err := f.db.Get(&dbName, `SELECT current_database()`); err != nil {
		t.Fatal(err)
	}
	proxied, simple := pgtest.SimpleQueryProxy(t, pgtest.AsAppRole(pgtest.URLFor(t, dbName)))
	convs := storage.NewConversations(pgtest.OpenPool(t, proxied, storage.Pool{MaxConns: 1}), time.Now)
	versions := storage.SettingsVersions{Chat: storage.NoSettingsRow, AI: storage.NoSettingsRow, SMSAI: storage.NoSettingsRow}
	var before int
	for _, round := range []string{"first", "next", "counted"} {
		before = len(simple())
		if _, err := convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{ClientID: newClientID(),
			Body: round, Preview: round, Settings: versions}); err != nil {
			t.Fatal(err)
		}
	}
	sent := simple()[before:]
	wall := fmt.Sprintf("BEGIN; SELECT set_config('hubchat.shop_id', '%d', true)", f.shopID)
	if len(sent) != 2 || sent[0] != wall || sent[1] != "COMMIT" {
		t.Fatalf("a next post sent by the simple protocol %q, want its wall and its commit", sent)
	}
}

// A new shopper's first message decided on settings saved over since
// starts no ticket and stores nothing.
func TestAFirstPostDecidedOnSettingsSavedOverStartsNothing(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	chats := storage.NewChatSettings(f.db, f.clock.Now)
	c, err := chats.Get(f.ctx, f.shopID)
	if err != nil {
		t.Fatal(err)
	}
	stale := storage.SettingsVersions{Chat: c.Version}
	c.WelcomeMessage = "Hello again"
	if err := chats.Save(f.ctx, c); err != nil {
		t.Fatal(err)
	}
	_, err = f.convs.PostFromShopper(f.ctx, f.shopID, f.profile.ID, storage.ShopperPost{ClientID: newClientID(),
		Body: "stale", Preview: "stale", Settings: stale})
	if !errors.Is(err, storage.ErrSettingsChanged) {
		t.Fatalf("a first post decided on chat settings saved over since: %v, want ErrSettingsChanged", err)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM conversations WHERE profile_id = $1`, f.profile.ID); n != 0 {
		t.Fatalf("%d tickets started by a post decided on stale settings", n)
	}
}
