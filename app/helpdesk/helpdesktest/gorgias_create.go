package helpdesktest

import (
	"net/mail"
	"slices"
	"strconv"
)

// gorgiasCreate is the Create a ticket body, limited to documented fields.
type gorgiasCreate struct {
	Channel    string `json:"channel"`
	Via        string `json:"via"`
	FromAgent  *bool  `json:"from_agent"`
	Subject    string `json:"subject"`
	ExternalID string `json:"external_id"`
	Language   string `json:"language"`
	Status     string `json:"status"`
	Customer   *struct {
		ID    int64  `json:"id"`
		Email string `json:"email"`
		Name  string `json:"name"`
	} `json:"customer"`
	Tags []struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	} `json:"tags"`
	Messages []gorgiasCreateMessage `json:"messages"`
}

type gorgiasCreateMessage struct {
	Channel    string      `json:"channel"`
	Via        string      `json:"via"`
	FromAgent  *bool       `json:"from_agent"`
	Sender     *gorgiasRef `json:"sender"`
	Receiver   *gorgiasRef `json:"receiver"`
	Subject    string      `json:"subject"`
	BodyText   string      `json:"body_text"`
	BodyHTML   string      `json:"body_html"`
	ExternalID string      `json:"external_id"`
}

// gorgiasRef names a user or a customer by id or email.
type gorgiasRef struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
}

// gorgiasVia lists the documented values of via (TicketVia).
var gorgiasVia = []string{"aircall", "api", "chat", "contact_form", "email", "facebook", "facebook-mention",
	"facebook-messenger", "facebook-recommendations", "form", "gorgias_chat", "help-center", "helpdesk",
	"instagram", "instagram-ad-comment", "instagram-comment", "instagram-direct-message", "instagram-mention",
	"internal-note", "offline_capture", "phone", "rule", "self_service", "shopify", "sms", "twilio", "twitter",
	"twitter-direct-message", "whatsapp", "yotpo", "yotpo-review", "zendesk"}

const missing = "Missing data for required field."

// invalid returns the problems per field, shaped like the request, for what
// the documentation requires of a ticket created through the API: at least
// one and at most 500 messages; channel, via and from_agent on the ticket and
// on each message; a sender (id or email) on an incoming message.
func (req gorgiasCreate) invalid() map[string]any {
	problems := map[string]any{}
	addIf := func(bad bool, field, msg string) {
		if bad {
			problems[field] = []string{msg}
		}
	}
	addIf(req.Channel == "", "channel", missing)
	addIf(req.Via == "", "via", missing)
	addIf(req.Via != "" && !slices.Contains(gorgiasVia, req.Via), "via", "Must be one of the documented values.")
	addIf(req.FromAgent == nil, "from_agent", missing)
	addIf(len(req.ExternalID) > 255, "external_id", "Longer than maximum length 255.")
	addIf(len(req.Messages) == 0 || len(req.Messages) > 500, "messages", "Length must be between 1 and 500.")
	if c := req.Customer; c != nil && c.ID == 0 {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			problems["customer"] = map[string][]string{"email": {"Not a valid email address."}}
		}
	}
	for i, tag := range req.Tags {
		if tag.ID == 0 && tag.Name == "" {
			problems["tags"] = map[string]any{strconv.Itoa(i): map[string][]string{"name": {missing}}}
		}
	}
	msgs := map[string]any{}
	for i, m := range req.Messages {
		if p := m.invalid(); len(p) > 0 {
			msgs[strconv.Itoa(i)] = p
		}
	}
	if len(msgs) > 0 {
		problems["messages"] = msgs
	}
	return problems
}

func (m gorgiasCreateMessage) invalid() map[string][]string {
	p := map[string][]string{}
	if m.Channel == "" {
		p["channel"] = []string{missing}
	}
	if m.Via == "" {
		p["via"] = []string{missing}
	} else if !slices.Contains(gorgiasVia, m.Via) {
		p["via"] = []string{"Must be one of the documented values."}
	}
	if m.FromAgent == nil {
		p["from_agent"] = []string{missing}
	}
	if m.FromAgent != nil && !*m.FromAgent && (m.Sender == nil || m.Sender.ID == 0 && m.Sender.Email == "") {
		p["sender"] = []string{"An incoming message needs a sender: the customer's id or email."}
	}
	return p
}
