package helpdesktest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Zendesk is a fake Zendesk Support API (v2) for one account, accepting API
// token authentication for one agent: Show Self (GET /api/v2/users/me.json),
// List Tickets filtered by external_id (GET /api/v2/tickets.json) and Create
// Ticket (POST /api/v2/tickets.json) with the Idempotency-Key header. Build it
// with NewZendesk.
type Zendesk struct {
	Faults

	email, token string

	mu      sync.Mutex
	role    string
	tickets []ZendeskTicket
	users   map[string]int64 // end users by email, created with tickets
	keys    map[string]zendeskKey
	nextID  int64
	mux     *http.ServeMux
}

// zendeskKey is what an Idempotency-Key was first used with.
type zendeskKey struct {
	body     []byte
	ticketID int64
}

// ZendeskTicket is a ticket the fake created, as the request described it.
type ZendeskTicket struct {
	ID             int64
	ExternalID     string
	Subject        string
	CommentBody    string // the comment's body, when sent as plain text
	CommentHTML    string // the comment's html_body
	Requester      ZendeskRequester
	Tags           []string
	IdempotencyKey string // the Idempotency-Key header of the request that created it
}

// ZendeskRequester is a ticket's requester as the request named it.
type ZendeskRequester struct {
	Name, Email string
}

// NewZendesk returns a fake account whose agent (an admin) authenticates as
// "{agentEmail}/token" with apiToken.
func NewZendesk(agentEmail, apiToken string) *Zendesk {
	z := &Zendesk{email: agentEmail, token: apiToken, role: "admin",
		users: map[string]int64{}, keys: map[string]zendeskKey{}, nextID: 1}
	z.mux = http.NewServeMux()
	z.mux.HandleFunc("GET /api/v2/users/me.json", z.showSelf)
	z.mux.HandleFunc("GET /api/v2/tickets.json", z.listTickets)
	z.mux.HandleFunc("POST /api/v2/tickets.json", z.createTicket)
	z.mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "InvalidEndpoint", "description": "Not found"})
	})
	return z
}

// SetRole sets the role of the token's user: "admin" (the default), "agent"
// or "end-user", who may not create tickets for others.
func (z *Zendesk) SetRole(role string) {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.role = role
}

// Tickets returns the tickets created so far, oldest first.
func (z *Zendesk) Tickets() []ZendeskTicket {
	z.mu.Lock()
	defer z.mu.Unlock()
	return slices.Clone(z.tickets)
}

// ForgetIdempotencyKeys does what Zendesk does two hours after a key's first
// use: a request with a forgotten key is a new request.
func (z *Zendesk) ForgetIdempotencyKeys() {
	z.mu.Lock()
	defer z.mu.Unlock()
	clear(z.keys)
}

// ServeHTTP answers planned faults first, then checks the credentials.
func (z *Zendesk) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if z.writePlanned(w) {
		return
	}
	_, _, sent := r.BasicAuth()
	anonymousSelf := !sent && r.Method == http.MethodGet && r.URL.Path == "/api/v2/users/me.json"
	if !anonymousSelf && !basicAuthMatches(r, z.email+"/token", z.token) {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "Couldn't authenticate you"})
		return
	}
	z.mux.ServeHTTP(w, r)
}

// showSelf answers the authenticated user, or, without credentials, an
// anonymous user (no id, end-user role).
func (z *Zendesk) showSelf(w http.ResponseWriter, r *http.Request) {
	if _, _, sent := r.BasicAuth(); !sent {
		writeJSON(w, http.StatusOK, map[string]any{"user": map[string]any{
			"id": nil, "name": "Anonymous user", "email": "invalid@example.com", "role": "end-user"}})
		return
	}
	z.mu.Lock()
	role := z.role
	z.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"user": map[string]any{
		"id": 1, "name": "Agent", "email": z.email, "role": role, "active": true}})
}

func (z *Zendesk) listTickets(w http.ResponseWriter, r *http.Request) {
	if z.forbidden(w) {
		return
	}
	externalID := r.URL.Query().Get("external_id")
	z.mu.Lock()
	list := []map[string]any{}
	for _, t := range z.tickets {
		if externalID == "" || t.ExternalID == externalID {
			list = append(list, z.ticketJSON(t))
		}
	}
	z.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"tickets": list, "next_page": nil, "previous_page": nil, "count": len(list)})
}

// forbidden refuses ticket access to an end user, as Zendesk does.
func (z *Zendesk) forbidden(w http.ResponseWriter) bool {
	z.mu.Lock()
	role := z.role
	z.mu.Unlock()
	if role == "admin" || role == "agent" {
		return false
	}
	writeJSON(w, http.StatusForbidden, map[string]string{"error": "Forbidden",
		"description": "You do not have access to this page. Please contact the account owner of this help desk for further help."})
	return true
}

// zendeskCreate is the Create Ticket body, limited to documented fields.
type zendeskCreate struct {
	Ticket *struct {
		Subject string `json:"subject"`
		Comment *struct {
			Body     string `json:"body"`
			HTMLBody string `json:"html_body"`
			Public   *bool  `json:"public"`
		} `json:"comment"`
		Requester *struct {
			Name     string `json:"name"`
			Email    string `json:"email"`
			LocaleID int    `json:"locale_id"`
		} `json:"requester"`
		Tags       []string `json:"tags"`
		ExternalID string   `json:"external_id"`
		Priority   string   `json:"priority"`
		Type       string   `json:"type"`
	} `json:"ticket"`
}

func (z *Zendesk) createTicket(w http.ResponseWriter, r *http.Request) {
	if z.forbidden(w) {
		return
	}
	if !isJSON(r) { // Zendesk requires the header and may answer a bad request in plain text
		http.Error(w, "Bad Request: POST bodies must be JSON with Content-Type: application/json", http.StatusBadRequest)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "RequestTooLarge", "description": err.Error()})
		return
	}
	var req zendeskCreate
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || req.Ticket == nil {
		msg := "The body must be a JSON object with a ticket."
		if err != nil {
			msg = "The body is not a ticket this fake knows: " + err.Error()
		}
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "InvalidRequest", "description": msg})
		return
	}
	if details := zendeskInvalid(req); len(details) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
			"error": "RecordInvalid", "description": "Record validation errors", "details": details})
		return
	}
	z.waitIfHeld()
	key := r.Header.Get("Idempotency-Key")
	t, earlier, mismatch := z.store(req, key, body)
	switch {
	case mismatch:
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "IdempotentRequestError",
			"description": "Request parameters don't match the given idempotency key"})
	case earlier:
		z.answerCreated(w, t, key, "hit")
	case z.takeDrop():
		dropConnection(w)
	default:
		z.answerCreated(w, t, key, "miss")
	}
}

// zendeskInvalid returns the validation details Zendesk would answer, by field.
func zendeskInvalid(req zendeskCreate) map[string][]map[string]string {
	details := map[string][]map[string]string{}
	c := req.Ticket.Comment
	if c == nil || strings.TrimSpace(c.Body) == "" && strings.TrimSpace(c.HTMLBody) == "" {
		details["base"] = append(details["base"], map[string]string{"description": "Description: cannot be blank", "error": "BlankValue"})
	}
	if rq := req.Ticket.Requester; rq != nil {
		if a, err := mail.ParseAddress(rq.Email); err != nil || a.Address != rq.Email {
			details["requester"] = append(details["requester"], map[string]string{
				"description": "Requester: Email " + rq.Email + " is not properly formatted", "error": "InvalidValue"})
		}
	}
	return details
}

// store records the ticket and its key, creating the requester when new.
// When the key was used before it stores nothing and returns the ticket
// created then (earlier), or reports that the body differs (mismatch).
func (z *Zendesk) store(req zendeskCreate, key string, body []byte) (t ZendeskTicket, earlier, mismatch bool) {
	z.mu.Lock()
	defer z.mu.Unlock()
	if k, seen := z.keys[key]; key != "" && seen {
		if !bytes.Equal(k.body, body) {
			return t, false, true
		}
		return z.tickets[slices.IndexFunc(z.tickets, func(t ZendeskTicket) bool { return t.ID == k.ticketID })], true, false
	}
	in := req.Ticket
	t = ZendeskTicket{ID: z.nextID, ExternalID: in.ExternalID, Subject: in.Subject,
		CommentBody: in.Comment.Body, CommentHTML: in.Comment.HTMLBody, Tags: in.Tags, IdempotencyKey: key}
	if in.Requester != nil {
		t.Requester = ZendeskRequester{Name: in.Requester.Name, Email: in.Requester.Email}
		if _, ok := z.users[in.Requester.Email]; !ok {
			z.users[in.Requester.Email] = int64(1000 + len(z.users))
		}
	}
	z.nextID++
	z.tickets = append(z.tickets, t)
	if key != "" {
		z.keys[key] = zendeskKey{body: body, ticketID: t.ID}
	}
	return t, false, false
}

func (z *Zendesk) answerCreated(w http.ResponseWriter, t ZendeskTicket, key, lookup string) {
	z.mu.Lock()
	doc := z.ticketJSON(t)
	z.mu.Unlock()
	if key != "" {
		w.Header().Set("X-Idempotency-Lookup", lookup)
	}
	w.Header().Set("Location", "/api/v2/tickets/"+strconv.FormatInt(t.ID, 10)+".json")
	writeJSON(w, http.StatusCreated, map[string]any{"ticket": doc})
}

// ticketJSON is the ticket as Zendesk shows it; z.mu must be held.
func (z *Zendesk) ticketJSON(t ZendeskTicket) map[string]any {
	id := strconv.FormatInt(t.ID, 10)
	doc := map[string]any{"id": t.ID, "url": "/api/v2/tickets/" + id + ".json", "external_id": t.ExternalID,
		"subject": t.Subject, "status": "new", "tags": t.Tags, "requester_id": int64(1)}
	if id, ok := z.users[t.Requester.Email]; ok {
		doc["requester_id"] = id // else the agent who created it is the requester
	}
	if t.ExternalID == "" {
		doc["external_id"] = nil
	}
	return doc
}
