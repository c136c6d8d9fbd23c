package helpdesktest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Gorgias is a fake Gorgias REST API for one account, accepting HTTP Basic
// authentication for one user (username and API key): Retrieve your account
// (GET /api/account), List tickets filtered by external_id (GET /api/tickets)
// and Create a ticket (POST /api/tickets). Like Gorgias it rate-limits with a
// leaky bucket of 40 requests draining at 2 per second (what an API key gets)
// and says so in every answer's X-Gorgias-Account-Api-Call-Limit. Build it
// with NewGorgias.
type Gorgias struct {
	Faults

	domain, username, apiKey string

	mu          sync.Mutex
	now         func() time.Time
	level       float64 // requests in the bucket
	drained     time.Time
	deactivated bool
	tickets     []GorgiasTicket
	customers   map[string]int64 // by email
	nextID      int64
	mux         *http.ServeMux
}

// The bucket an API key gets: 40 requests in 20 seconds.
const (
	gorgiasBurst = 40
	gorgiasRate  = 2.0 // requests drained per second
)

// GorgiasTicket is a ticket the fake created, as the request described it.
type GorgiasTicket struct {
	ID         int64
	ExternalID string
	Subject    string
	Channel    string
	Via        string
	Customer   GorgiasCustomer
	Tags       []string
	Messages   []GorgiasMessage
}

// GorgiasCustomer is a ticket's customer as the request named it.
type GorgiasCustomer struct {
	Email, Name string
}

// GorgiasMessage is one message of a created ticket.
type GorgiasMessage struct {
	Channel     string
	Via         string
	FromAgent   bool
	SenderEmail string
	Subject     string
	BodyText    string
	BodyHTML    string
}

// NewGorgias returns a fake account at {domain}.gorgias.com whose user
// authenticates with username and apiKey.
func NewGorgias(domain, username, apiKey string) *Gorgias {
	g := &Gorgias{domain: domain, username: username, apiKey: apiKey, now: time.Now,
		customers: map[string]int64{}, nextID: 1}
	g.mux = http.NewServeMux()
	g.mux.HandleFunc("GET /api/account", g.account)
	g.mux.HandleFunc("GET /api/tickets", g.listTickets)
	g.mux.HandleFunc("POST /api/tickets", g.createTicket)
	g.mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusNotFound, gorgiasError("Not found", nil))
	})
	return g
}

// SetClock makes the rate limit read the time from now.
func (g *Gorgias) SetClock(now func() time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.now = now
}

// Deactivate marks the account deactivated, as Retrieve your account shows it.
func (g *Gorgias) Deactivate() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.deactivated = true
}

// Tickets returns the tickets created so far, oldest first.
func (g *Gorgias) Tickets() []GorgiasTicket {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.tickets)
}

// ServeHTTP answers planned faults first, then checks the credentials and
// the rate limit.
func (g *Gorgias) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if g.writePlanned(w) {
		return
	}
	if !basicAuthMatches(r, g.username, g.apiKey) {
		writeJSON(w, http.StatusUnauthorized, gorgiasError("Unauthorized", nil))
		return
	}
	wait, used, ok := g.admit()
	w.Header().Set("X-Gorgias-Account-Api-Call-Limit", strconv.Itoa(used)+"/"+strconv.Itoa(gorgiasBurst))
	if !ok {
		w.Header().Set("Retry-After", strconv.Itoa(wait))
		writeJSON(w, http.StatusTooManyRequests, gorgiasError("Too many requests", nil))
		return
	}
	g.mux.ServeHTTP(w, r)
}

// admit drains the bucket for the time passed and adds this request when it
// fits; otherwise it says in whole seconds when one more will.
func (g *Gorgias) admit() (wait, used int, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	if !g.drained.IsZero() {
		g.level = max(0, g.level-now.Sub(g.drained).Seconds()*gorgiasRate)
	}
	g.drained = now
	if g.level+1 > gorgiasBurst {
		over := g.level + 1 - gorgiasBurst
		return int(over/gorgiasRate + 0.999), int(g.level + 0.5), false
	}
	g.level++
	return 0, int(g.level + 0.5), true
}

// gorgiasError is the error attribute of a failed answer: a message and, for
// invalid input, the messages per field.
func gorgiasError(msg string, data any) map[string]any {
	e := map[string]any{"msg": msg}
	if data != nil {
		e["data"] = data
	}
	return map[string]any{"error": e}
}

func (g *Gorgias) account(w http.ResponseWriter, _ *http.Request) {
	g.mu.Lock()
	var deactivated any
	if g.deactivated {
		deactivated = "2024-01-01T00:00:00.000000"
	}
	g.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"domain": g.domain, "created_datetime": "2020-01-01T00:00:00.000000",
		"deactivated_datetime": deactivated, "settings": []any{}, "status": map[string]string{"status": "active"}})
}

func (g *Gorgias) listTickets(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := 30
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			writeJSON(w, http.StatusBadRequest, gorgiasError("Validation error",
				map[string][]string{"limit": {"Must be greater than or equal to 1 and less than or equal to 100."}}))
			return
		}
		limit = n
	}
	g.mu.Lock()
	data := []map[string]any{}
	for i := len(g.tickets) - 1; i >= 0 && len(data) < limit; i-- { // newest first, the default order
		if t := g.tickets[i]; q.Get("external_id") == "" || t.ExternalID == q.Get("external_id") {
			data = append(data, g.ticketJSON(t))
		}
	}
	g.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "object": "list", "uri": "/api/tickets",
		"meta": map[string]any{"prev_cursor": nil, "next_cursor": nil}})
}

func (g *Gorgias) createTicket(w http.ResponseWriter, r *http.Request) {
	if !isJSON(r) {
		writeJSON(w, http.StatusBadRequest, gorgiasError("The body must be JSON (Content-Type: application/json).", nil))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, gorgiasError("Payload too large", nil))
		return
	}
	var req gorgiasCreate
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, gorgiasError("The body is not a ticket this fake knows: "+err.Error(), nil))
		return
	}
	if problems := req.invalid(); len(problems) > 0 {
		writeJSON(w, http.StatusBadRequest, gorgiasError("Validation error", problems))
		return
	}
	g.waitIfHeld()
	t := g.store(req)
	if g.takeDrop() {
		dropConnection(w)
		return
	}
	g.mu.Lock()
	doc := g.ticketJSON(t)
	g.mu.Unlock()
	writeJSON(w, http.StatusCreated, doc)
}

// store records the ticket, creating its customer when new.
func (g *Gorgias) store(req gorgiasCreate) GorgiasTicket {
	g.mu.Lock()
	defer g.mu.Unlock()
	t := GorgiasTicket{ID: g.nextID, ExternalID: req.ExternalID, Subject: req.Subject, Channel: req.Channel, Via: req.Via}
	if req.Customer != nil {
		t.Customer = GorgiasCustomer{Email: req.Customer.Email, Name: req.Customer.Name}
	}
	for _, tag := range req.Tags {
		t.Tags = append(t.Tags, tag.Name)
	}
	for _, m := range req.Messages {
		gm := GorgiasMessage{Channel: m.Channel, Via: m.Via, FromAgent: *m.FromAgent,
			Subject: m.Subject, BodyText: m.BodyText, BodyHTML: m.BodyHTML}
		if m.Sender != nil {
			gm.SenderEmail = m.Sender.Email
		}
		t.Messages = append(t.Messages, gm)
	}
	if email := t.Customer.Email; email != "" {
		if _, ok := g.customers[email]; !ok {
			g.customers[email] = int64(500 + len(g.customers))
		}
	}
	g.nextID++
	g.tickets = append(g.tickets, t)
	return t
}

// ticketJSON is the ticket as Gorgias shows it; g.mu must be held.
func (g *Gorgias) ticketJSON(t GorgiasTicket) map[string]any {
	tags := []map[string]any{}
	for i, name := range t.Tags {
		tags = append(tags, map[string]any{"id": i + 1, "name": name})
	}
	doc := map[string]any{"id": t.ID, "uri": "/api/tickets/" + strconv.FormatInt(t.ID, 10) + "/",
		"external_id": t.ExternalID, "subject": t.Subject, "channel": t.Channel, "via": t.Via,
		"status": "open", "tags": tags, "customer": nil}
	if t.ExternalID == "" {
		doc["external_id"] = nil
	}
	if id, ok := g.customers[t.Customer.Email]; ok {
		doc["customer"] = map[string]any{"id": id, "email": t.Customer.Email, "name": t.Customer.Name}
	}
	return doc
}
