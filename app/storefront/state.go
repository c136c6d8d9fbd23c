package storefront

import (
	"context"

	"hubchat/app/chat"
	"hubchat/storage"
)

// State is what the widget shows (docs/chat-api.md).
type State struct {
	Shopper      ShopperView        `json:"shopper"`
	Settings     SettingsView       `json:"settings"`
	FAQs         []FAQView          `json:"faqs"`
	CanChat      bool               `json:"can_chat"`
	LoginURL     string             `json:"login_url"`
	Conversation *ConversationState `json:"conversation"`
	// EventID is the event log position this state is current to: the
	// widget's stream resumes after it, so nothing in between is missed.
	EventID int64 `json:"event_id"`
}

// ShopperView is who the widget greets.
type ShopperView struct {
	SignedIn  bool   `json:"signed_in"`
	FirstName string `json:"first_name"`
}

// SettingsView is the part of the chat settings the widget uses.
type SettingsView struct {
	LoginStatus    string `json:"login_status"`
	WelcomeMessage string `json:"welcome_message"`
	PrivacyURL     string `json:"privacy_url"`
	TermsURL       string `json:"terms_url"`
}

// FAQView is a published FAQ.
type FAQView struct {
	ID       int64  `json:"id"`
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// ConversationState is the conversation going on, with its history.
type ConversationState struct {
	ID       int64             `json:"id"`
	Status   string            `json:"status"`
	Messages []storage.Message `json:"messages"`
	// AIAnswering says the AI agent answers this conversation (the widget
	// shows it typing after each message); HandoffOffered that its offer of
	// a person awaits the shopper's Yes or No.
	AIAnswering    bool `json:"ai_answering"`
	HandoffOffered bool `json:"handoff_offered"`
}

// state gathers what the shopper sees. returnTo is the page the widget is
// on, where signing in returns to.
func (h *Handlers) state(ctx context.Context, s Shopper, returnTo string) (State, error) {
	// Read the position first: what changes after it reaches the stream,
	// even if the state read below already shows it (the widget dedupes).
	cursor, err := h.Events.Latest(ctx)
	if err != nil {
		return State{}, err
	}
	settings, err := h.Settings.Get(ctx, s.ShopID)
	if err != nil {
		return State{}, err
	}
	shop, err := h.Shops.Get(ctx, s.ShopID)
	if err != nil {
		return State{}, err
	}
	privacy, terms := settings.Links(shop)
	faqs, err := h.FAQs.Published(ctx, s.ShopID)
	if err != nil {
		return State{}, err
	}
	// Who may chat live is chat.View's rule (SPEC §1.1), not this handler's.
	view := chat.View(chat.WidgetSettings{LoginStatus: chat.LoginStatus(settings.LoginStatus),
		WelcomeMessage: settings.WelcomeMessage, PrivacyURL: privacy, TermsURL: terms}, s.ProfileID != 0, returnTo, nil)
	st := State{
		Settings: SettingsView{LoginStatus: settings.LoginStatus, WelcomeMessage: settings.WelcomeMessage,
			PrivacyURL: privacy, TermsURL: terms},
		FAQs:     make([]FAQView, 0, len(faqs)),
		CanChat:  view.CanChat,
		LoginURL: chat.LoginURL(returnTo),
		EventID:  cursor,
	}
	for _, f := range faqs {
		st.FAQs = append(st.FAQs, FAQView{ID: f.ID, Question: f.Question, Answer: f.Answer})
	}
	if s.ProfileID == 0 {
		return st, nil
	}
	p, err := h.Profiles.Get(ctx, s.ShopID, s.ProfileID)
	if err != nil {
		return State{}, err
	}
	st.Shopper = ShopperView{SignedIn: !s.Visitor, FirstName: p.FirstName}
	c, msgs, err := h.Conversations.Active(ctx, s.ShopID, s.ProfileID)
	if err != nil || c == nil {
		return st, err
	}
	st.Conversation = &ConversationState{ID: c.ID, Status: c.Status, Messages: msgs,
		AIAnswering: aiAnswering(*c), HandoffOffered: c.HandoffOfferedAt != nil}
	return st, nil
}

// aiAnswering says the AI agent answers the conversation's next message:
// it is the agent's and the agent has not handed it off (a custom message
// or a helpdesk ticket ends its answering while the conversation stays
// its own).
func aiAnswering(c storage.Conversation) bool {
	return c.AIAnswering && c.Handoff == storage.HandoffNone
}
