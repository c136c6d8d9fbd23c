package storage_test

import (
	"errors"
	"fmt"
	"testing"

	"hubchat/storage"
)

// The table: a ticket only for the Inbox handoff (the shopper's Yes); the profile shown as name, else email or phone, else
// anonymous; search over the first question and the whole thread; filters
// by status, tag and channel; pages by keyset; nothing of another shop.
func TestDashboardTableSearchFiltersAndPages(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "America/Los_Angeles")
	profiles := storage.NewProfiles(f.db, f.clock.Now)
	named, sNamed := f.start(t, f.local("2026-06-01 09:00:00"), "Where is my parcel?", "It ships today.", "order_status")
	profiles.UpdateDetails(f.ctx, f.shopID, sNamed.profile.ID, storage.CustomerDetails{FirstName: "Jane", LastName: "Cooper", Email: "jane@example.com"})
	f.convs.Close(f.ctx, f.shopID, named.Conversation.ID, "shopper")
	mailed, sMailed := f.start(t, f.local("2026-06-02 09:00:00"), "Do you restock beanies?", "Next week, in merino.", "product_question")
	profiles.UpdateDetails(f.ctx, f.shopID, sMailed.profile.ID, storage.CustomerDetails{Email: "omar@example.com", Phone: "+15550100"})
	phoned, sPhoned := f.start(t, f.local("2026-06-03 09:00:00"), "Refund for order 1004", "", "")
	profiles.UpdateDetails(f.ctx, f.shopID, sPhoned.profile.ID, storage.CustomerDetails{Phone: "+15550101"})
	sPhoned.aiReply(t, phoned, storage.AIReply{Body: "Talk to a person?", Kind: storage.KindHandoffOffer, Tag: "returns_refunds"})
	if _, _, err := f.convs.AnswerHandoffOffer(f.ctx, f.shopID, sPhoned.profile.ID, phoned.Conversation.ID, storage.HandoffAnswer{Accept: true}); err != nil {
		t.Fatal(err)
	}
	visitor, err := profiles.ForVisitor(f.ctx, f.shopID, "visitor-key-1")
	if err != nil {
		t.Fatal(err)
	}
	anon := f.chatFixture
	anon.profile = visitor
	f.setClock(f.local("2026-06-04 09:00:00"))
	anonymous := anon.aiPost(t, "Shipping to Canada?")
	anon.aiReply(t, anonymous, storage.AIReply{Body: "Yes.", Tag: "shipping"})
	days := f.days(t, "2026-06-01", "2026-06-07")

	list := func(filter storage.DashboardFilter) []storage.DashboardRow {
		t.Helper()
		filter.Days = days
		rows, err := f.dash.Conversations(f.ctx, f.shopID, filter)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	ids := func(rows []storage.DashboardRow) []int64 {
		var out []int64
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	eq := func(name string, got []storage.DashboardRow, want ...storage.PostResult) {
		t.Helper()
		var w []int64
		for _, r := range want {
			w = append(w, r.Conversation.ID)
		}
		if fmt.Sprint(ids(got)) != fmt.Sprint(w) {
			t.Errorf("%s: %v, want %v", name, ids(got), w)
		}
	}
	all := list(storage.DashboardFilter{})
	eq("newest first", all, anonymous, phoned, mailed, named)
	var shown []string
	for _, r := range all {
		shown = append(shown, fmt.Sprintf("%s|%s|%s|%s|%d|%v", r.FirstQuestion, r.ProfileName, r.Status, r.Tag, r.MessageCount, r.Ticket))
	}
	want := "[Shipping to Canada?||open|shipping|2|false Refund for order 1004|+15550101|unresolved|returns_refunds|2|true " +
		"Do you restock beanies?|omar@example.com|open|product_question|2|false Where is my parcel?|Jane Cooper|resolved|order_status|2|false]"
	if fmt.Sprint(shown) != want {
		t.Errorf("rows %v,\nwant %s", shown, want)
	}
	// Searched through the index while no word is known to be common, then
	// once the statistics make them all common, conversation by conversation.
	for _, pass := range []struct {
		name string
		rare string
	}{{"index", "beanies"}, {"scan", ""}} {
		if pass.rare == "" {
			f.db.MustExec(`ANALYZE messages`)
		}
		want := pass.rare
		if want != "" {
			want += ":*" // the last word typed is a prefix
		}
		if rare, err := storage.DashboardRareWords(f.ctx, f.dash, "beanies"); err != nil || rare != want {
			t.Fatalf("%s: rare words %q, %v", pass.name, rare, err)
		}
		eq(pass.name+": a word of the first question", list(storage.DashboardFilter{Search: "parcel"}), named)
		eq(pass.name+": a word of the agent's answer, as typed", list(storage.DashboardFilter{Search: "meri"}), mailed)
		eq(pass.name+": an order number", list(storage.DashboardFilter{Search: "1004"}), phoned)
		eq(pass.name+": two words of one message", list(storage.DashboardFilter{Search: "next week"}), mailed)
		eq(pass.name+": two words of different messages", list(storage.DashboardFilter{Search: "parcel today"}))
		eq(pass.name+": search and filter together", list(storage.DashboardFilter{Search: "parcel", Status: storage.AIStatusOpen}))
	}
	eq("status", list(storage.DashboardFilter{Status: storage.AIStatusOpen}), anonymous, mailed)
	eq("tag", list(storage.DashboardFilter{Tag: "returns_refunds"}), phoned)
	eq("channel", list(storage.DashboardFilter{Channel: "sms"}))
	eq("web chat", list(storage.DashboardFilter{Channel: storage.ChannelWebChat, Tag: "shipping"}), anonymous)

	page1 := list(storage.DashboardFilter{Limit: 3})
	eq("first page", page1, anonymous, phoned, mailed)
	last := page1[len(page1)-1]
	eq("next page", list(storage.DashboardFilter{Limit: 3, AfterAt: last.StartedAt, AfterID: last.ID}), named)

	other := f.chatFixture
	other.shopID = newChatFixtureShop(t, f.chatFixture, "other-table.myshopify.com")
	other = newChatFixtureProfile(t, other, 1)
	other.aiPost(t, "Where is my parcel?")
	rows, err := f.dash.Conversations(f.ctx, other.shopID, storage.DashboardFilter{Days: days, Search: "parcel"})
	if err != nil || len(rows) != 1 || rows[0].ID == named.Conversation.ID {
		t.Fatalf("another shop's table: %+v, %v; want its own conversation only", rows, err)
	}
}

// A filter the table does not know, or no period, is invalid input.
func TestDashboardTableRejectsUnknownFilters(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "America/Los_Angeles")
	days := f.days(t, "2026-06-01", "2026-06-07")
	for _, filter := range []storage.DashboardFilter{
		{Days: days, Status: "closed"}, {Days: days, Tag: "gossip"}, {Days: days, Channel: "email"}, {},
	} {
		if _, err := f.dash.Conversations(f.ctx, f.shopID, filter); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("%+v: %v, want invalid", filter, err)
		}
	}
	if _, err := f.dash.Figures(f.ctx, f.shopID, storage.DashboardDays{}); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("figures without a period: %v, want invalid", err)
	}
	if _, err := storage.NewDashboardDays(f.zone, f.local("2026-06-02 00:00:00"), f.local("2026-06-01 00:00:00")); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("a period ending before it starts: %v, want invalid", err)
	}
}
