package admin

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"hubchat/app/chat"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// headerView is the title bar: the status and, while the ticket is not
// closed, the actions. A closed web-chat ticket offers no reopen
// (chat.CanReopen): the shopper's next message starts a new ticket.
func headerView(t ticket) pages.TicketHeader {
	loc := t.shop.Location()
	h := pages.TicketHeader{ID: t.conv.ID, Name: t.profile.Name(), Channel: t.conv.Channel, Status: t.conv.Status,
		CanAct: chat.Status(t.conv.Status).Active(), Assignee: assigneeName(t), Tags: tagOptions(t.l)}
	if t.conv.Tag != nil {
		h.Tag = *t.conv.Tag
	}
	if t.conv.AssigneeAgentID != nil {
		h.AssigneeID = *t.conv.AssigneeAgentID
	}
	switch t.conv.Status {
	case storage.StatusOpen:
		h.StatusText = t.l.T("ticket.status.open")
	case storage.StatusSnoozed:
		h.StatusText = t.l.T("ticket.status.snoozed")
		if t.conv.SnoozedUntil != nil {
			h.StatusText = t.l.T("ticket.status.snoozed_until", "when", longTime(t.l, *t.conv.SnoozedUntil, t.now, loc))
		}
	default:
		h.StatusText, h.StatusHelp = t.l.T("ticket.status.closed"), closedText(t.l, t.conv, t.now, loc)
	}
	for _, a := range t.team {
		h.Agents = append(h.Agents, pages.AgentOption{ID: a.ID, Name: a.DisplayName()})
	}
	for _, p := range snoozePresets {
		until, _ := snoozeUntil(p, "", t.now, loc)
		h.Snooze = append(h.Snooze, pages.SnoozeOption{Key: p, Label: t.l.T("ticket.preset." + p), When: menuTime(t.l, until, t.now, loc)})
	}
	h.SnoozeMin = t.now.In(loc).Add(time.Minute).Format(datetimeLocal)
	return h
}

// composerView is the composer with the shop's macros filled in for this
// ticket, or the notice that replaces it once the ticket is closed.
func (h *Handlers) composerView(ctx context.Context, t ticket) (pages.TicketComposer, error) {
	v := pages.TicketComposer{ID: t.conv.ID, Shopper: t.profile.Name(), MaxImageMB: maxImageBytes >> 20}
	if t.conv.Status == storage.StatusClosed {
		v.Closed, v.ClosedText = true, closedText(t.l, t.conv, t.now, t.shop.Location())+"."
		return v, nil
	}
	macros, err := h.Macros.List(ctx, t.shop.ID)
	if err != nil {
		return pages.TicketComposer{}, err
	}
	lastOrder, err := h.Profiles.LastOrderName(ctx, t.shop.ID, t.profile.ID)
	if err != nil {
		return pages.TicketComposer{}, err
	}
	if t.conv.Channel == storage.ChannelSMS {
		smsComposer(t.l, &v)
	}
	values := MacroValues{CustomerFirstName: t.profile.FirstName, LastOrderNumber: lastOrder, AgentFirstName: agentFirstName(t)}
	for _, m := range macros {
		v.Macros = append(v.Macros, pages.MacroOption{Name: m.Name, Text: ExpandMacro(m.Body, values)})
	}
	return v, nil
}

func agentFirstName(t ticket) string {
	for _, a := range t.team {
		if a.ID == t.agentID {
			return a.FirstName
		}
	}
	return ""
}

func assigneeName(t ticket) string {
	if t.conv.AssigneeAgentID == nil {
		return ""
	}
	for _, a := range t.team {
		if a.ID == *t.conv.AssigneeAgentID {
			return a.DisplayName()
		}
	}
	return ""
}

// closedText says, in l, when and by whom a ticket ended: "Closed 3:04 PM
// by the shopper".
func closedText(l i18n.Locale, c storage.Conversation, now time.Time, loc *time.Location) string {
	by := closedBy(c)
	if c.ClosedAt == nil {
		return l.T("ticket.closed." + cmp.Or(by, "plain"))
	}
	key := "ticket.closed.when"
	if by != "" {
		key += "_" + by
	}
	return l.T(key, "when", longTime(l, *c.ClosedAt, now, loc))
}

// closedEventText is a ticket's closing as the History lists it.
func closedEventText(l i18n.Locale, c storage.Conversation) string {
	if by := closedBy(c); by != "" {
		return l.T("ticket.event.closed_" + by)
	}
	return l.T("ticket.event.closed")
}

// closedBy is who or what ended a ticket: shopper, agent, inactivity, or
// "" when not known.
func closedBy(c storage.Conversation) string {
	if c.ClosedBy == nil {
		return ""
	}
	switch by := chat.ClosedBy(*c.ClosedBy); by {
	case chat.ClosedByShopper:
		return "shopper"
	case chat.ClosedByAgent:
		return "agent"
	case chat.ClosedByInactivity:
		return "inactivity"
	}
	return ""
}

// datetimeLocal is the value format of <input type="datetime-local">.
const datetimeLocal = "2006-01-02T15:04"

// longTime is a moment as the ticket page shows it, in the shop's time
// zone: "3:04 PM" today, "Tomorrow 9:00 AM", "Mon, Jun 8, 9:00 AM" in this
// year, with the year otherwise.
func longTime(l i18n.Locale, t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	day := func(d time.Time) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc) }
	switch day(t).Sub(day(now)).Round(time.Hour) {
	case 0:
		return l.Time(t)
	case 24 * time.Hour:
		return l.T("time.tomorrow_at", "time", l.Time(t))
	case -24 * time.Hour:
		return l.T("time.yesterday_at", "time", l.Time(t))
	}
	if t.Year() == now.Year() {
		return l.T("time.weekday_day_time", "weekday", l.Weekday(t), "day", l.DayMonth(t), "time", l.Time(t))
	}
	return l.DateTime(t)
}

// menuTime is a time in the coming week as the snooze menu shows it beside
// its preset ("Tomorrow" would say it twice): "3:04 PM" today, else
// "Mon 9:00 AM".
func menuTime(l i18n.Locale, t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return l.Time(t)
	}
	return l.T("time.weekday_time", "weekday", l.Weekday(t), "time", l.Time(t))
}

// profileView is the column beside the thread: the shopper, their history
// newest first (conversations started and closed, read from the tickets
// themselves; orders placed, paid, fulfilled, cancelled and refunded), and their other
// tickets, closed ones included (SPEC §3.1).
func (h *Handlers) profileView(ctx context.Context, t ticket) (pages.TicketProfile, error) {
	rows, err := h.Conversations.Inbox(ctx, t.shop.ID, storage.InboxFilter{ProfileID: t.profile.ID, Limit: historyLimit})
	if err != nil {
		return pages.TicketProfile{}, err
	}
	p, loc := t.profile, t.shop.Location()
	v := pages.TicketProfile{Name: p.Name(), Email: p.Email, Phone: p.Phone, Visitor: p.ShopifyCustomerID == nil}
	if p.ShopifyCustomerID != nil {
		v.Orders = pages.Count(p.OrdersCount)
		v.TotalSpent = money(p.TotalSpent, cmp.Or(p.Currency, t.shop.Currency))
		v.AdminURL = h.AdminURL + "/store/" + strings.TrimSuffix(t.shop.Domain, ".myshopify.com") +
			"/customers/" + strconv.FormatInt(*p.ShopifyCustomerID, 10)
	}
	if p.CustomerSince != nil {
		v.CustomerSince = t.l.Date(p.CustomerSince.In(loc))
	}
	type dated struct {
		at time.Time
		e  pages.ProfileEvent
	}
	var events []dated
	for _, r := range rows {
		href := ticketHref(r.ID)
		if r.ID == t.conv.ID {
			href = ""
		} else {
			v.Earlier = append(v.Earlier, pages.EarlierTicket{Href: href, Status: r.Status, Preview: r.LastMessagePreview,
				Time: shortTime(t.l, r.LastMessageAt, t.now, loc)})
		}
		started := t.l.T("ticket.event.started")
		if href == "" {
			started = t.l.T("ticket.event.started_this")
		}
		events = append(events, dated{r.CreatedAt, pages.ProfileEvent{Text: started, Href: href}})
		if r.ClosedAt != nil {
			events = append(events, dated{*r.ClosedAt, pages.ProfileEvent{Text: closedEventText(t.l, r.Conversation), Href: href}})
		}
	}
	recorded, err := h.Profiles.History(ctx, t.shop.ID, p.ID, historyLimit)
	if err != nil {
		return pages.TicketProfile{}, err
	}
	store := strings.TrimSuffix(t.shop.Domain, ".myshopify.com")
	for _, e := range recorded {
		if text, ok := ticketEventText(t.l, e, t.now, loc); ok {
			href := ticketHref(e.ConversationID)
			if e.ConversationID == t.conv.ID {
				href = ""
			}
			events = append(events, dated{e.OccurredAt, pages.ProfileEvent{Text: text, Href: href}})
			continue
		}
		events = append(events, dated{e.OccurredAt, h.recordedEvent(t.l, e, store)})
	}
	slices.SortStableFunc(events, func(a, b dated) int { return b.at.Compare(a.at) })
	for _, d := range events {
		d.e.Time, d.e.DateTime = longTime(t.l, d.at, t.now, loc), d.at.Format(time.RFC3339)
		v.History = append(v.History, d.e)
	}
	return v, nil
}

// ticketEventText says what an agent did to a ticket: "Ticket snoozed until
// Tomorrow 9:00 AM", "Ticket unsnoozed"; false for other events.
func ticketEventText(l i18n.Locale, e storage.ProfileEvent, now time.Time, loc *time.Location) (string, bool) {
	switch e.Kind {
	case storage.EventTicketSnoozed:
		if e.Until == nil {
			return l.T("ticket.event.snoozed"), true
		}
		return l.T("ticket.event.snoozed_until", "when", longTime(l, *e.Until, now, loc)), true
	case storage.EventTicketUnsnoozed:
		return l.T("ticket.event.unsnoozed"), true
	}
	return "", false
}

// recordedEvent is a recorded event as the History lists it, linking to
// the order or product in the Shopify admin.
func (h *Handlers) recordedEvent(l i18n.Locale, e storage.ProfileEvent, store string) pages.ProfileEvent {
	admin := h.AdminURL + "/store/" + store
	if e.Kind == storage.EventProductClicked {
		text := l.T("ticket.event.card_clicked")
		if e.Name != "" {
			text = l.T("ticket.event.card_clicked_name", "name", e.Name)
		}
		return pages.ProfileEvent{Text: text, External: true, Href: admin + "/products/" + strconv.FormatInt(e.ProductID, 10)}
	}
	return pages.ProfileEvent{Text: orderEventText(l, e), External: true, Href: admin + "/orders/" + strconv.FormatInt(e.OrderID, 10)}
}

// orderEventText says what happened to an order: "Order #1001 placed — $89.00".
func orderEventText(l i18n.Locale, e storage.ProfileEvent) string {
	verb := map[string]string{storage.EventOrderPlaced: "placed", storage.EventOrderPaid: "paid",
		storage.EventOrderFulfilled: "fulfilled", storage.EventOrderCancelled: "cancelled",
		storage.EventOrderRefunded: "refunded"}[e.Kind]
	text := l.T("ticket.order."+cmp.Or(verb, "other"), "name", e.Name)
	if e.Amount != "" && e.Kind != storage.EventOrderFulfilled {
		text = l.T("ticket.order.amount", "event", text, "amount", money(e.Amount, e.Currency))
	}
	return text
}

// productAdminURL is a product's page in the Shopify admin.
func (h *Handlers) productAdminURL(shop storage.Shop, productID int64) string {
	return h.AdminURL + "/store/" + strings.TrimSuffix(shop.Domain, ".myshopify.com") + "/products/" + strconv.FormatInt(productID, 10)
}
