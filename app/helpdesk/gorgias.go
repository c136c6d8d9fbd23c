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

// Gorgias creates tickets through the Gorgias REST API, authenticated with
// HTTP Basic: the user's email (Username) and an API key. Build it with
// NewGorgias.
type Gorgias struct {
	t *transport
}

var _ Client = (*Gorgias)(nil)

// NewGorgias checks and normalises the settings (returning Problems when they
// are wrong) and returns a client for https://{domain}.gorgias.com/api/.
func NewGorgias(s GorgiasSettings, opts ...Option) (*Gorgias, error) {
	s, err := s.Normalize()
	if err != nil {
		return nil, err
	}
	host := s.Domain + ".gorgias.com"
	t, err := newTransport("Gorgias", "https://"+host, opts)
	if err != nil {
		return nil, err
	}
	t.host, t.user, t.pass = host, s.Username, s.APIKey
	t.explainPermanent = func(k Kind, body []byte) string { return gorgiasExplain(k, body, host, s.Username) }
	return &Gorgias{t: t}, nil
}

// CheckCredentials retrieves the account (GET /api/account), which any valid
// API key may read, and refuses a deactivated account.
func (g *Gorgias) CheckCredentials(ctx context.Context) error {
	r, err := g.t.do(ctx, http.MethodGet, "/api/account", nil, nil, nil)
	if err != nil {
		return err
	}
	if r.status != http.StatusOK {
		return g.t.failure(r)
	}
	var account struct {
		Deactivated *string `json:"deactivated_datetime"`
	}
	if err := g.t.decode(r, &account); err != nil {
		return err
	}
	if account.Deactivated != nil && *account.Deactivated != "" {
		return &Error{Service: "Gorgias", Kind: Refused, Status: r.status, Reason: ReasonDeactivated,
			Message: fmt.Sprintf("The Gorgias account %s is deactivated, so it cannot receive tickets.", g.t.host)}
	}
	return nil
}

// CreateTicket creates the ticket through the API channel, with the whole
// transcript as one incoming message from the shopper (Gorgias creates the
// customer when the email is new). Gorgias documents no idempotency key, so
// it first looks for a ticket with the same external_id, which Gorgias stores
// and filters on: a retry after an attempt that created the ticket finds it.
func (g *Gorgias) CreateTicket(ctx context.Context, t Ticket) (Created, error) {
	t, err := t.check("Gorgias")
	if err != nil {
		return Created{}, err
	}
	if c, found, err := g.find(ctx, t.ExternalID); err != nil || found {
		return c, err
	}
	r, err := g.t.do(ctx, http.MethodPost, "/api/tickets", nil, gorgiasRequest(t), nil)
	if err != nil {
		return Created{}, err
	}
	if r.status != http.StatusCreated {
		return Created{}, g.t.failure(r)
	}
	var tk remoteTicket
	if err := g.t.decode(r, &tk); err != nil {
		return Created{}, err
	}
	return g.t.ticketAt(tk, "app", "ticket"), nil
}

// find returns the ticket an earlier attempt created for externalID (List
// tickets filtered by external_id; trashed tickets are listed too, as by
// default: a ticket the team trashed was still delivered).
func (g *Gorgias) find(ctx context.Context, externalID string) (Created, bool, error) {
	q := url.Values{"external_id": {externalID}, "limit": {"100"}}
	tk, found, err := g.t.findOldest(ctx, "/api/tickets", q, externalID)
	if err != nil || !found {
		return Created{}, false, err
	}
	c := g.t.ticketAt(tk, "app", "ticket")
	c.Existing = true
	return c, true, nil
}

// gorgiasRequest is the Create a ticket body for the API channel: the
// documented required fields (channel, via, from_agent on the ticket and its
// message, a sender for an incoming message) and the optional ones we fill.
func gorgiasRequest(t Ticket) map[string]any {
	tr := renderTranscript(t.Messages)
	tags := []map[string]string{}
	var seen []string
	for _, tag := range t.Tags {
		if tag = strings.Join(strings.Fields(tag), " "); tag != "" && !slices.Contains(seen, tag) {
			seen = append(seen, tag)
			tags = append(tags, map[string]string{"name": tag})
		}
	}
	return map[string]any{
		"channel":     "api",
		"via":         "api",
		"from_agent":  false,
		"subject":     t.Subject,
		"external_id": t.ExternalID,
		"customer":    map[string]string{"email": t.Requester.Email, "name": t.Requester.Name},
		"tags":        tags,
		"messages": []map[string]any{{
			"channel":    "api",
			"via":        "api",
			"from_agent": false,
			"sender":     map[string]string{"email": t.Requester.Email},
			"subject":    t.Subject,
			"body_text":  tr.text,
			"body_html":  tr.html,
		}},
	}
}

// gorgiasExplain words a permanent failure for the merchant.
func gorgiasExplain(k Kind, body []byte, host, username string) string {
	switch k {
	case BadCredentials:
		return "Gorgias did not accept the username and API key. Check both under Settings → REST API in Gorgias."
	case Forbidden:
		return fmt.Sprintf("Gorgias does not allow %s to create tickets. Use the API key of a user whose role can.", username)
	case NotFound:
		return fmt.Sprintf("Gorgias has no account at %s. Check the account domain.", host)
	case Invalid:
		return "Gorgias rejected the ticket: " + gorgiasDetails(body)
	case Refused:
		return "Gorgias refused the ticket: " + gorgiasDetails(body)
	}
	return ""
}

// gorgiasDetails reads the error attribute Gorgias puts in a failed answer:
// a message and, for invalid fields, the messages per field.
func gorgiasDetails(body []byte) string {
	var doc struct {
		Error struct {
			Msg  string          `json:"msg"`
			Data json.RawMessage `json:"data"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &doc) != nil {
		return "the request was not accepted."
	}
	var data any
	_ = json.Unmarshal(doc.Error.Data, &data)
	msgs := fieldMessages("", data)
	if len(msgs) == 0 && doc.Error.Msg != "" {
		msgs = append(msgs, strings.TrimRight(doc.Error.Msg, ". "))
	}
	if len(msgs) == 0 {
		return "the request was not accepted."
	}
	return strings.Join(msgs, "; ") + "."
}

// fieldMessages flattens {"messages": {"0": {"channel": ["Missing data"]}}}
// into "messages.0.channel: Missing data", in a stable order.
func fieldMessages(path string, v any) []string {
	switch v := v.(type) {
	case string:
		if path == "" {
			return []string{strings.TrimRight(v, ". ")}
		}
		return []string{path + ": " + strings.TrimRight(v, ". ")}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, fieldMessages(path, e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, k := range slices.Sorted(maps.Keys(v)) {
			p := k
			if path != "" {
				p = path + "." + k
			}
			out = append(out, fieldMessages(p, v[k])...)
		}
		return out
	}
	return nil
}
