package admin

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// storyItem is one line of a thread's story with where it goes: by time,
// then by rank among lines of the same moment.
type storyItem struct {
	at   time.Time
	rank int
	line pages.ThreadMessage
}

// The ranks of a story's lines at one moment: the welcome opens the story
// (it is dated at the first FAQ read, or with the first message), reads
// come before the message they led to, and an inbox handoff (the
// shopper's Yes) before the automatic reply it brings; any other handoff
// is made by the AI agent's message of that moment, so it follows it.
const (
	rankWelcome = iota
	rankRead
	rankHandoffBefore
	rankMessage
	rankHandoffAfter
)

// threadView is the thread as agents read it: the conversation's whole
// story in time order — the welcome the widget greeted the shopper with,
// the FAQs they read in the hub, the AI agent's transcript with its cards
// and choices, its handoff, then the team's part. Whatever no person typed
// is marked automatic, for the eye and for screen readers. The ticket page
// and the dashboard's read-only thread both show it.
func (h *Handlers) threadView(ctx context.Context, t ticket) (pages.TicketThread, error) {
	msgs, err := h.Conversations.Messages(ctx, t.shop.ID, t.conv.ID)
	if err != nil {
		return pages.TicketThread{}, err
	}
	events, err := h.Conversations.ThreadEvents(ctx, t.shop.ID, t.conv.ID)
	if err != nil {
		return pages.TicketThread{}, err
	}
	names := map[int64]string{}
	for _, a := range t.team {
		names[a.ID] = a.DisplayName()
	}
	var story []storyItem
	for _, e := range events {
		story = append(story, eventItem(t.l, e))
	}
	for _, m := range msgs {
		story = append(story, storyItem{at: m.CreatedAt, rank: rankMessage, line: h.messageLine(t, m, names)})
	}
	if item, ok := handoffItem(t.l, t.conv); ok {
		story = append(story, item)
	}
	slices.SortStableFunc(story, func(a, b storyItem) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.rank, b.rank))
	})
	v := pages.TicketThread{ID: t.conv.ID}
	if t.conv.Channel == storage.ChannelSMS && t.profile.SMSOptedOutAt != nil {
		v.OptedOut = t.l.T("sms.opted_out")
	}
	loc := t.shop.Location()
	for _, s := range story {
		s.line.Time, s.line.DateTime = longTime(t.l, s.at, t.now, loc), s.at.Format(time.RFC3339)
		v.Messages = append(v.Messages, s.line)
	}
	return v, nil
}

// messageLine is a message with its author, its images, its cards and
// choices and, for the shop's side, the read receipt.
func (h *Handlers) messageLine(t ticket, m storage.Message, names map[int64]string) pages.ThreadMessage {
	loc := t.shop.Location()
	tm := pages.ThreadMessage{ID: m.ID, Kind: m.Author, FromShop: m.Author != storage.AuthorShopper, Body: m.Body,
		Author: authorName(t.l, m, t.profile, names), Receipt: m.Author == storage.AuthorAgent || m.Author == storage.AuthorAI,
		Choices: m.Choices}
	switch m.Author {
	case storage.AuthorAI:
		tm.Automatic, tm.Label, tm.SRLabel = true, t.l.T("ticket.author.ai"), t.l.T("ticket.thread.sr_ai")
	case storage.AuthorSystem:
		tm.Automatic, tm.Label, tm.SRLabel = true, t.l.T("ticket.author.automatic"), t.l.T("ticket.thread.sr_automatic")
	}
	if m.SeenAt != nil {
		tm.Seen = longTime(t.l, *m.SeenAt, t.now, loc)
	}
	if m.SMSStatus != "" {
		tm.Receipt = false // a phone sends no read receipt; Twilio's delivery status stands for it
		tm.Delivery, tm.DeliveryFailed, tm.DeliveryStatus = smsDelivery(t.l, m.SMSStatus, m.SMSError)
	}
	for _, card := range m.Cards {
		tm.Cards = append(tm.Cards, pages.ThreadCard{Title: card.Title, Price: card.Price + " " + card.Currency,
			ImageURL: card.ImageURL, AdminURL: h.productAdminURL(t.shop, card.ProductID)})
	}
	for _, a := range m.Attachments {
		if strings.HasPrefix(a.ContentType, "image/") {
			tm.Images = append(tm.Images, pages.ThreadImage{URL: a.URL, Width: a.Width, Height: a.Height, Alt: t.l.T("ticket.image_alt", "name", tm.Author)})
		}
	}
	tm.MediaRefused = refusedMediaWords(t.l, m.MediaRefused)
	return tm
}

// eventItem is what the widget showed the shopper besides messages: the
// welcome as the bubble they saw, a FAQ they read as a line.
func eventItem(l i18n.Locale, e storage.ThreadEvent) storyItem {
	if e.Kind == storage.ThreadWelcome {
		return storyItem{at: e.OccurredAt, rank: rankWelcome, line: pages.ThreadMessage{Kind: "welcome", FromShop: true,
			Automatic: true, Label: l.T("ticket.author.automatic"), Author: l.T("ticket.thread.welcome"), SRLabel: l.T("ticket.thread.sr_welcome"),
			Body: e.Text}}
	}
	return storyItem{at: e.OccurredAt, rank: rankRead, line: pages.ThreadMessage{Kind: "faq_read", Note: true,
		Automatic: true, Label: l.T("ticket.author.automatic"), SRLabel: l.T("ticket.thread.sr_faq"),
		Body: l.T("ticket.thread.read_faq", "question", e.Text)}}
}

// handoffItem is the line saying when and how the AI agent handed the
// conversation off; false when it never did.
func handoffItem(l i18n.Locale, c storage.Conversation) (storyItem, bool) {
	if c.HandoffAt == nil || c.Handoff == storage.HandoffNone || c.Handoff == "" {
		return storyItem{}, false
	}
	text, rank := "", rankHandoffAfter
	switch c.Handoff {
	case storage.HandoffInbox:
		text, rank = l.T("ticket.handoff.inbox"), rankHandoffBefore
	case storage.HandoffCustomMessage:
		text = l.T("ticket.handoff.custom_message")
	case storage.HandoffZendesk:
		text = l.T("ticket.handoff.zendesk")
	case storage.HandoffGorgias:
		text = l.T("ticket.handoff.gorgias")
	default:
		text = l.T("ticket.handoff.other")
	}
	return storyItem{at: *c.HandoffAt, rank: rank, line: pages.ThreadMessage{Kind: "handoff", Note: true,
		Automatic: true, Label: l.T("ticket.author.automatic"), SRLabel: l.T("ticket.thread.sr_event"), Body: text}}, true
}

// authorName names who wrote a message as agents know them.
func authorName(l i18n.Locale, m storage.Message, p storage.Profile, agents map[int64]string) string {
	switch m.Author {
	case storage.AuthorShopper:
		return p.Name()
	case storage.AuthorAI:
		return l.T("ticket.author.ai")
	case storage.AuthorSystem:
		return l.T("ticket.author.automatic")
	}
	if m.AgentID != nil && agents[*m.AgentID] != "" {
		return agents[*m.AgentID]
	}
	if m.AuthorName != "" {
		return m.AuthorName
	}
	return l.T("ticket.author.agent")
}
