package storage_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/benchdata"
)

func TestInboxViewsSearchAndPages(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	profiles := storage.NewProfiles(f.db, f.clock.Now)
	var ids []int64
	for i, name := range []string{"Jane Cooper", "Omar Haddad", "Li Wei"} {
		p, _ := profiles.ForCustomer(f.ctx, f.shopID, int64(8000+i))
		first, last, _ := cut(name)
		profiles.UpdateDetails(f.ctx, f.shopID, p.ID, storage.CustomerDetails{FirstName: first, LastName: last, Email: fmt.Sprintf("c%d@example.com", i)})
		f.clock.Advance(time.Minute)
		res, err := f.convs.PostFromShopper(f.ctx, f.shopID, p.ID, storage.ShopperPost{
			ClientID: newClientID(), Body: []string{"Where is my parcel?", "Do you restock the beanie?", "Refund for order #1004"}[i], Preview: "x"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Conversation.ID)
	}
	// Omar's ticket is answered (assigned to the agent); Li's is closed.
	f.convs.PostFromAgent(f.ctx, f.shopID, ids[1], f.agentID, storage.AgentReply{ClientID: newClientID(), Body: "Next week!", Preview: "Next week!"})
	f.convs.Close(f.ctx, f.shopID, ids[2], "agent")

	list := func(filter storage.InboxFilter) []int64 {
		t.Helper()
		rows, err := f.convs.Inbox(f.ctx, f.shopID, filter)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, r := range rows {
			got = append(got, r.ID)
		}
		return got
	}
	eq := func(name string, got []int64, want ...int64) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	eq("open, newest first", list(storage.InboxFilter{Status: "open"}), ids[1], ids[0])
	eq("closed", list(storage.InboxFilter{Status: "closed"}), ids[2])
	eq("assigned to me", list(storage.InboxFilter{Status: "open", Assignee: "me", AgentID: f.agentID}), ids[1])
	eq("unassigned", list(storage.InboxFilter{Status: "open", Assignee: "unassigned"}), ids[0])
	eq("a word of a message", list(storage.InboxFilter{Search: "parcel"}), ids[0])
	eq("a word of an agent's reply", list(storage.InboxFilter{Search: "next week"}), ids[1])
	eq("a customer's name, as typed", list(storage.InboxFilter{Search: "omar hadd"}), ids[1])
	eq("an order number", list(storage.InboxFilter{Search: "1004"}), ids[2])
	// Punctuation is not tsquery syntax: no OR is injected, every word is
	// required, so "x" finds nothing more.
	eq("syntax is not injected", list(storage.InboxFilter{Search: "parcel') | ('x"}))

	page1 := list(storage.InboxFilter{Limit: 2})
	eq("first page", page1, ids[2], ids[1])
	last, _ := f.convs.Get(f.ctx, f.shopID, page1[1])
	eq("next page", list(storage.InboxFilter{Limit: 2, BeforeAt: last.LastMessageAt, BeforeID: last.ID}), ids[0])

	if n, _ := f.convs.UnreadCount(f.ctx, f.shopID); n != 2 {
		t.Errorf("unread %d, want 2 (the open ones)", n)
	}
	// Another shop sees none of it.
	other, _ := storage.NewShops(f.db, testKeys(t), f.clock.Now).Install(f.ctx, "other-inbox.myshopify.com", storage.OfflineToken{AccessToken: "x"})
	if rows, _ := f.convs.Inbox(f.ctx, other.ID, storage.InboxFilter{Search: "parcel"}); len(rows) != 0 {
		t.Fatalf("another shop's inbox shows %d tickets", len(rows))
	}
}

// The inbox page's one statement brings the unread badge and the proof
// that chat is live with its rows; an empty view brings them too, and the
// setup card shows until the shop's first conversation.
func TestInboxPageCountsUnreadAndProvesChatIsLive(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	page := func(shopID int64, filter storage.InboxFilter) storage.InboxPage {
		t.Helper()
		p, err := f.convs.InboxPage(f.ctx, shopID, filter)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if p := page(f.shopID, storage.InboxFilter{Status: "open"}); len(p.Rows) != 0 || p.Unread != 0 || p.AnyConversation {
		t.Fatalf("before any conversation: %+v", p)
	}
	first := f.post(t, newClientID(), "Hello", "")
	other, _ := storage.NewProfiles(f.db, f.clock.Now).ForCustomer(f.ctx, f.shopID, 9100)
	if _, err := f.convs.PostFromShopper(f.ctx, f.shopID, other.ID, storage.ShopperPost{ClientID: newClientID(), Body: "Hi", Preview: "Hi"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.convs.MarkRead(f.ctx, f.shopID, first.Conversation.ID); err != nil {
		t.Fatal(err)
	}
	open := page(f.shopID, storage.InboxFilter{Status: "open"})
	if len(open.Rows) != 2 || open.Unread != 1 || !open.AnyConversation {
		t.Errorf("open view: %d rows, unread %d, any %v; want 2, 1, true", len(open.Rows), open.Unread, open.AnyConversation)
	}
	if rows, _ := f.convs.Inbox(f.ctx, f.shopID, storage.InboxFilter{Status: "open"}); fmt.Sprint(ids(rows)) != fmt.Sprint(ids(open.Rows)) {
		t.Errorf("the page's rows %v differ from the inbox's %v", ids(open.Rows), ids(rows))
	}
	if p := page(f.shopID, storage.InboxFilter{Status: "closed"}); len(p.Rows) != 0 || p.Unread != 1 || !p.AnyConversation {
		t.Errorf("empty closed view: %+v, want unread 1 and a conversation", p)
	}
	if p := page(newChatFixtureShop(t, f, "other.myshopify.com"), storage.InboxFilter{Status: "open"}); p.Unread != 0 || p.AnyConversation {
		t.Errorf("another shop sees this one's: %+v", p)
	}
}

func ids(rows []storage.InboxRow) []int64 {
	var out []int64
	for _, r := range rows {
		out = append(out, r.ID)
	}
	return out
}

func cut(name string) (string, string, bool) {
	for i := range name {
		if name[i] == ' ' {
			return name[:i], name[i+1:], true
		}
	}
	return name, "", false
}

// BenchmarkInboxFirstPage measures the inbox's first page and a search in a
// shop with 100,000 tickets and 500,000 messages (budget: p99 ≤ 50 ms).
func BenchmarkInboxFirstPage(b *testing.B) {
	f := newChatFixture(b)
	ctx := context.Background()
	if err := benchdata.InboxShop(ctx, f.db, f.shopID, 100_000); err != nil {
		b.Fatal(err)
	}
	for _, bench := range []struct {
		name   string
		filter storage.InboxFilter
	}{
		{"open", storage.InboxFilter{Status: "open"}},
		{"search-word", storage.InboxFilter{Search: "order 700007"}},
		{"search-name", storage.InboxFilter{Search: "number4242"}},
	} {
		b.Run(bench.name, func(b *testing.B) {
			var durations []time.Duration
			for b.Loop() {
				start := time.Now()
				if _, err := f.convs.Inbox(ctx, f.shopID, bench.filter); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(start))
			}
			reportPercentiles(b, durations)
		})
	}
}

// reportPercentiles reports the median and the 99th percentile of the
// measured durations, in milliseconds: on a shared machine these say more
// than the mean.
func reportPercentiles(b *testing.B, d []time.Duration) {
	b.Helper()
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	at := func(q float64) float64 { return float64(d[int(q*float64(len(d)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
