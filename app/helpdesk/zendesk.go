package helpdesk

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Zendesk creates tickets through the Zendesk Support API (v2), authenticated
// with an agent's email and API token. Build it with NewZendesk.
type Zendesk struct {
	t *transport
}

var _ Client = (*Zendesk)(nil)

// NewZendesk checks and normalises the settings (returning Problems when they
// are wrong) and returns a client for https://{subdomain}.zendesk.com.
func NewZendesk(s ZendeskSettings, opts ...Option) (*Zendesk, error) {
	s, err := s.Normalize()
	if err != nil {
		return nil, err
	}
	host := s.Subdomain + ".zendesk.com"
	t, err := newTransport("Zendesk", "https://"+host, opts)
	if err != nil {
		return nil, err
	}
	// API token authentication: "{email}/token" as the user, the token as the password.
	t.host, t.user, t.pass = host, s.AgentEmail+"/token", s.APIToken
	t.conflictIsTemporary = true // Zendesk answers 409 to concurrent writes on one record
	t.explainPermanent = func(k Kind, body []byte) string { return zendeskExplain(k, body, host, s.AgentEmail) }
	return &Zendesk{t: t}, nil
}

// CheckCredentials asks Zendesk who the token belongs to (Show Self) and
// requires an agent or admin with an id: end users cannot create tickets for
// others, and Show Self describes a request it does not take as authenticated
// as an anonymous user without an id, rather than failing.
func (z *Zendesk) CheckCredentials(ctx context.Context) error {
	r, err := z.t.do(ctx, http.MethodGet, "/api/v2/users/me.json", nil, nil, nil)
	if err != nil {
		return err
	}
	if r.status != http.StatusOK {
		return z.t.failure(r)
	}
	var me struct {
		User struct {
			ID   *int64 `json:"id"`
			Role string `json:"role"`
		} `json:"user"`
	}
	if err := z.t.decode(r, &me); err != nil {
		return err
	}
	switch {
	case me.User.ID == nil:
		return &Error{Service: "Zendesk", Kind: BadCredentials, Status: r.status, Message: zendeskExplain(BadCredentials, nil, z.t.host, "")}
	case me.User.Role != "agent" && me.User.Role != "admin":
		return &Error{Service: "Zendesk", Kind: Forbidden, Status: r.status, Reason: ReasonEndUser,
			Message: "The API token belongs to a Zendesk end user, not an agent. Use the email and API token of an agent or admin."}
	}
	return nil
}

// CreateTicket creates the ticket with the transcript as its first comment and
// the shopper as requester (Zendesk creates the end user when the email is
// new). It first looks for a ticket with the same external_id, and sends
// ExternalID as the Idempotency-Key, which Zendesk honours for ticket creation
// for two hours: together they keep a retried job from creating a second
// ticket, whether it retries within seconds or hours later.
func (z *Zendesk) CreateTicket(ctx context.Context, t Ticket) (Created, error) {
	t, err := t.check("Zendesk")
	if err != nil {
		return Created{}, err
	}
	if c, found, err := z.find(ctx, t.ExternalID); err != nil || found {
		return c, err
	}
	r, err := z.t.do(ctx, http.MethodPost, "/api/v2/tickets.json", nil, zendeskRequest(t),
		http.Header{"Idempotency-Key": {t.ExternalID}})
	if err != nil {
		return Created{}, err
	}
	if r.status == http.StatusBadRequest && zendeskErrorName(r.body) == "IdempotentRequestError" {
		return z.afterKeyMismatch(ctx, t.ExternalID)
	}
	if r.status != http.StatusCreated {
		return Created{}, z.t.failure(r)
	}
	var res struct {
		Ticket remoteTicket `json:"ticket"`
	}
	if err := z.t.decode(r, &res); err != nil {
		return Created{}, err
	}
	c := z.t.ticketAt(res.Ticket, "agent", "tickets")
	c.Existing = r.header.Get("X-Idempotency-Lookup") == "hit"
	return c, nil
}

// afterKeyMismatch handles Zendesk refusing a retry whose body differs from
// the first attempt with the same key (the transcript grew in between): the
// first attempt created the ticket, or is still being processed.
func (z *Zendesk) afterKeyMismatch(ctx context.Context, externalID string) (Created, error) {
	c, found, err := z.find(ctx, externalID)
	if err != nil || found {
		return c, err
	}
	return Created{}, &Error{Service: "Zendesk", Kind: Unavailable, Status: http.StatusBadRequest,
		Message: "Zendesk is still processing an earlier attempt to create this ticket; we will check again."}
}

// find returns the ticket an earlier attempt created for externalID (List
// Tickets filtered by external_id).
func (z *Zendesk) find(ctx context.Context, externalID string) (Created, bool, error) {
	tk, found, err := z.t.findOldest(ctx, "/api/v2/tickets.json", url.Values{"external_id": {externalID}}, externalID)
	if err != nil || !found {
		return Created{}, false, err
	}
	c := z.t.ticketAt(tk, "agent", "tickets")
	c.Existing = true
	return c, true, nil
}

// zendeskRequest is the Create Ticket body: only documented ticket fields.
func zendeskRequest(t Ticket) map[string]any {
	tags := make([]string, 0, len(t.Tags))
	for _, tag := range t.Tags {
		// Zendesk splits a tag at whitespace, so a topic of several words
		// becomes one tag joined with underscores.
		if tag = strings.Join(strings.Fields(strings.ToLower(tag)), "_"); tag != "" && !slices.Contains(tags, tag) {
			tags = append(tags, tag)
		}
	}
	return map[string]any{"ticket": map[string]any{
		"subject":     t.Subject,
		"comment":     map[string]any{"html_body": renderTranscript(t.Messages).html},
		"requester":   map[string]any{"name": t.Requester.Name, "email": t.Requester.Email},
		"tags":        tags,
		"external_id": t.ExternalID,
	}}
}

// zendeskError is Zendesk's error document: a name, a description and, for a
// record that failed validation, details per field.
type zendeskError struct {
	Error       json.RawMessage `json:"error"` // usually a string, sometimes an object
	Description string          `json:"description"`
	Details     map[string][]struct {
		Description string `json:"description"`
	} `json:"details"`
}

func zendeskErrorName(body []byte) string {
	var e zendeskError
	var name string
	if json.Unmarshal(body, &e) != nil || json.Unmarshal(e.Error, &name) != nil {
		return ""
	}
	return name
}

// zendeskExplain words a permanent failure for the merchant.
func zendeskExplain(k Kind, body []byte, host, email string) string {
	switch k {
	case BadCredentials:
		return "Zendesk did not accept the agent email and API token. Check both, and that token access is turned on in Zendesk Admin Center (Apps and integrations → APIs → Zendesk API)."
	case Forbidden:
		return fmt.Sprintf("Zendesk does not allow %s to create tickets. Use the email and API token of an agent or admin.", email)
	case NotFound:
		return fmt.Sprintf("Zendesk has no account at %s. Check the subdomain.", host)
	case Invalid:
		return "Zendesk rejected the ticket: " + zendeskDetails(body)
	}
	return ""
}

// zendeskDetails lists the validation messages of an error document, which
// Zendesk writes for people ("Requester: Email is invalid").
func zendeskDetails(body []byte) string {
	var e zendeskError
	if json.Unmarshal(body, &e) != nil {
		return "the request was not accepted."
	}
	var msgs []string
	for _, field := range slices.Sorted(maps.Keys(e.Details)) {
		for _, d := range e.Details[field] {
			if m := strings.TrimRight(d.Description, ". "); m != "" {
				msgs = append(msgs, m)
			}
		}
	}
	if m := strings.TrimRight(e.Description, ". "); len(msgs) == 0 && m != "" {
		msgs = append(msgs, m)
	}
	if len(msgs) == 0 {
		return "the request was not accepted."
	}
	return strings.Join(msgs, "; ") + "."
}
