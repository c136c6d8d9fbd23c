package admin

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// InboxReader reads the inbox.
type InboxReader interface {
	Inbox(ctx context.Context, shopID int64, f storage.InboxFilter) ([]storage.InboxRow, error)
	InboxPage(ctx context.Context, shopID int64, f storage.InboxFilter) (storage.InboxPage, error)
	UnreadCount(ctx context.Context, shopID int64) (int, error)
}

// inboxPage is how many tickets one page of the list shows.
const inboxPage = 50

// waitingLong is when a shopper's wait for a reply is highlighted: a reply
// within 3 to 5 minutes is the practice to keep (SPEC §3.4).
const waitingLong = 3 * time.Minute

// Inbox serves GET /app: the app's home, the list of tickets. Its data is
// one statement when the view has rows (the rows, the unread badge and the
// proof that chat is live), beside the guard's own reads.
func (h *Handlers) Inbox(c *fiber.Ctx) error {
	ctx := c.UserContext()
	shop, err := h.verifiedShop(c)
	if err != nil {
		return err
	}
	f, q := inboxFilter(c)
	page, err := h.Tickets.InboxPage(ctx, shop.ID, f)
	if err != nil {
		return err
	}
	v := inboxView(c, q, page.Rows, h.Now(), shop.Location())
	// The app cannot read the theme to see whether the embed is on, so the
	// setup card shows until the first conversation proves chat is live.
	v.ShowSetup = !page.AnyConversation
	v.ThemeEditorURL = h.themeEditorURL(shop.Domain)
	v.ShopName = shop.Name
	if v.ShopName == "" {
		v.ShopName = shop.Domain
	}
	v.Unread = page.Unread
	return web.Component(c, fiber.StatusOK, pages.Inbox(h.head(c, i18n.T(ctx, "inbox.title")), nav, v))
}

// InboxRows serves GET /app/inbox/rows: one page of the list, for htmx
// (a live refresh, a filter change, "Load more").
func (h *Handlers) InboxRows(c *fiber.Ctx) error {
	shop, err := h.verifiedShop(c)
	if err != nil {
		return err
	}
	f, q := inboxFilter(c)
	rows, err := h.Tickets.Inbox(c.UserContext(), shop.ID, f)
	if err != nil {
		return err
	}
	c.Vary("HX-Request")
	return web.Component(c, fiber.StatusOK, pages.InboxRows(inboxView(c, q, rows, h.Now(), shop.Location())))
}

// verifiedShop is the shop the guard verified: its row as the guard read
// it, else read again.
func (h *Handlers) verifiedShop(c *fiber.Ctx) (storage.Shop, error) {
	if shop, ok := web.VerifiedShop(c); ok && shop.ID == web.ShopID(c) {
		return shop, nil
	}
	return h.Shops.Get(c.UserContext(), web.ShopID(c))
}

// InboxBadge serves GET /app/inbox/badge: the count of unread tickets.
func (h *Handlers) InboxBadge(c *fiber.Ctx) error {
	n, err := h.Tickets.UnreadCount(c.UserContext(), web.ShopID(c))
	if err != nil {
		return err
	}
	return web.Component(c, fiber.StatusOK, pages.UnreadBadge(n))
}

// inboxFilter reads the view asked for from the query: the storage filter
// for one page (and one row more, to know whether another page follows).
func inboxFilter(c *fiber.Ctx) (storage.InboxFilter, pages.InboxQuery) {
	q := pages.InboxQuery{View: oneOf(c.Query("view"), "open", "snoozed", "closed"),
		Assignee: oneOf(c.Query("assignee"), "", "me", "unassigned"), Channel: oneOf(c.Query("channel"), "", "web_chat", "sms"),
		Search: strings.TrimSpace(c.Query("q"))}
	f := storage.InboxFilter{Status: q.View, Assignee: q.Assignee, AgentID: web.AgentID(c), Channel: q.Channel,
		Search: q.Search, Limit: inboxPage + 1}
	f.BeforeAt, f.BeforeID = parseCursor(c.Query("before"))
	return f, q
}

// inboxView is the list of the view q as read (up to one row more than a
// page), with the cursor of the next page when there is one.
func inboxView(c *fiber.Ctx, q pages.InboxQuery, rows []storage.InboxRow, now time.Time, loc *time.Location) pages.InboxView {
	l := i18n.FromContext(c.UserContext())
	v := pages.InboxView{Query: q, QueryString: q.Encode(), Empty: emptyText(l, q)}
	if len(rows) > inboxPage {
		last := rows[inboxPage-1]
		v.NextCursor = fmt.Sprintf("%d_%d", last.LastMessageAt.UnixMicro(), last.ID)
		rows = rows[:inboxPage]
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, inboxRow(l, r, now, loc))
	}
	return v
}

func inboxRow(l i18n.Locale, r storage.InboxRow, now time.Time, loc *time.Location) pages.InboxRow {
	row := pages.InboxRow{ID: r.ID, Channel: r.Channel, Unread: r.Unread, Name: r.ProfileName,
		Preview: r.LastMessagePreview, Time: shortTime(l, r.LastMessageAt, now, loc), Assignee: r.AssigneeName,
		Href: "/app/tickets/" + strconv.FormatInt(r.ID, 10), Status: r.Status}
	if r.AwaitingReplySince != nil && r.Status == storage.StatusOpen {
		wait := now.Sub(*r.AwaitingReplySince)
		row.Waiting, row.WaitingLong, row.WaitedMS = humanDuration(l, wait), wait >= waitingLong, wait.Milliseconds()
	}
	if r.SnoozedUntil != nil && r.Status == storage.StatusSnoozed {
		row.SnoozedUntil = l.T("inbox.row.snoozed_until", "when", l.When(r.SnoozedUntil.In(loc), now))
	}
	return row
}

// emptyText says, in l, that the view shows no ticket, naming its filters:
// "No unassigned open tickets.", "No open SMS tickets assigned to you.".
// The query's view, assignee and channel are among their allowed values
// (readInboxQuery), each sentence a message of its own so that every
// language can order the words its way.
func emptyText(l i18n.Locale, q pages.InboxQuery) string {
	if q.Search != "" {
		return l.T("inbox.empty.search", "search", q.Search)
	}
	return l.T("inbox.empty." + q.View + "." + cmp.Or(q.Assignee, "all") + "." + cmp.Or(q.Channel, "any"))
}

// shortTime is a time as a list shows it: the time today, else the date.
func shortTime(l i18n.Locale, t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return l.Time(t)
	}
	if t.Year() == now.Year() {
		return l.DayMonth(t)
	}
	return l.Date(t)
}

// humanDuration is how long a shopper has waited, in l: "< 1 min",
// "12 min", hours up to two days, then days. static/js/admin.js words
// the badges the same way between renders.
func humanDuration(l i18n.Locale, d time.Duration) string {
	switch {
	case d < time.Minute:
		return l.T("inbox.row.waiting_short")
	case d < time.Hour:
		return l.T("time.span.minutes", "count", int64(d/time.Minute))
	case d < 48*time.Hour:
		return l.T("time.span.hours", "count", int64(d/time.Hour))
	}
	return l.T("time.span.days", "count", int64(d/(24*time.Hour)))
}

// parseCursor reads "micros_id"; anything else is the first page.
func parseCursor(s string) (time.Time, int64) {
	at, id, ok := strings.Cut(s, "_")
	micros, err1 := strconv.ParseInt(at, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return time.Time{}, 0
	}
	return time.UnixMicro(micros), n
}

// oneOf is v when allowed, else the first allowed value (the default).
func oneOf(v string, allowed ...string) string {
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	return allowed[0]
}

// InboxUnread serves GET /app/inbox/unread: the count of unread tickets and
// the Inbox link's label with it in the staff member's language, as JSON,
// for the app's navigation.
func (h *Handlers) InboxUnread(c *fiber.Ctx) error {
	n, err := h.Tickets.UnreadCount(c.UserContext(), web.ShopID(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	label := i18n.T(c.UserContext(), "layout.nav.inbox")
	if n > 0 {
		label = i18n.T(c.UserContext(), "layout.nav.inbox_count", "count", n)
	}
	return c.JSON(map[string]any{"count": n, "label": label})
}
