package helpdesk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// Option changes how a client is built.
type Option func(*options)

type options struct {
	baseURL    string
	httpClient *http.Client
	now        func() time.Time
}

// WithBaseURL sends requests to base instead of the service's own address:
// the local fakes of package helpdesktest, in tests and local development.
// It must be https, or http on a loopback address (localhost, 127.0.0.1, ::1),
// so that it can never send credentials in clear over a network.
func WithBaseURL(base string) Option { return func(o *options) { o.baseURL = base } }

// WithHTTPClient uses c instead of the default client (20 s timeout, no
// redirects followed).
func WithHTTPClient(c *http.Client) Option { return func(o *options) { o.httpClient = c } }

// WithClock reads the time from now, which dates Retry-After answers.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// maxResponse bounds what is read of an answer: far above any ticket or
// account document, low enough that a wrong server cannot exhaust memory.
const maxResponse = 1 << 20

// transport sends authenticated JSON requests to one helpdesk account.
type transport struct {
	service          string // for messages
	host             string // for messages: the account's public host
	base             *url.URL
	user             string
	pass             Secret
	client           *http.Client
	now              func() time.Time
	explainPermanent func(Kind, []byte) string // the service's words for a permanent failure, from its answer
	// conflictIsTemporary makes 409 Conflict a temporary failure, for a
	// service that answers it to requests racing on the same record.
	conflictIsTemporary bool
}

// reply is an answer received in full.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func newTransport(service, defaultBase string, opts []Option) (*transport, error) {
	o := options{baseURL: defaultBase, now: time.Now}
	for _, opt := range opts {
		opt(&o)
	}
	base, err := checkBaseURL(o.baseURL)
	if err != nil {
		return nil, err
	}
	if o.httpClient == nil {
		o.httpClient = &http.Client{
			Timeout: 20 * time.Second,
			// A helpdesk answers its API directly; a redirect means a wrong
			// address, and following it could send the credentials elsewhere.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	return &transport{service: service, base: base, client: o.httpClient, now: o.now}, nil
}

// checkBaseURL accepts an absolute https URL, or http to a loopback host.
func checkBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("helpdesk: base URL %q is not an absolute URL without credentials or query", raw)
	}
	if u.Scheme == "https" {
		return u, nil
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	if u.Scheme == "http" && (host == "localhost" || ip != nil && ip.IsLoopback()) {
		return u, nil
	}
	return nil, fmt.Errorf("helpdesk: base URL %q must use https (http only on a loopback address)", raw)
}

// do sends one request with a JSON body when body is not nil, and reads the
// whole answer. A request that gets no answer returns an *Error of kind
// Unreachable.
func (t *transport) do(ctx context.Context, method, path string, query url.Values, body any, header http.Header) (reply, error) {
	u := t.base.JoinPath(path)
	u.RawQuery = query.Encode()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return reply{}, fmt.Errorf("helpdesk: encode %s request: %w", t.service, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return reply{}, fmt.Errorf("helpdesk: build %s request: %w", t.service, err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.SetBasicAuth(t.user, string(t.pass))
	res, err := t.client.Do(req)
	if err != nil {
		return reply{}, t.unreachable(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxResponse))
	if err != nil {
		return reply{}, t.unreachable(err)
	}
	return reply{status: res.StatusCode, header: res.Header, body: raw}, nil
}

// unreachable wraps a transport failure. The cause names the URL, which holds
// no secret: credentials travel in the Authorization header only.
func (t *transport) unreachable(err error) *Error {
	msg := fmt.Sprintf("We could not reach %s at %s; we will try again.", t.service, t.host)
	var nerr net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &nerr) && nerr.Timeout() {
		msg = fmt.Sprintf("%s at %s did not answer in time; we will try again.", t.service, t.host)
	}
	return &Error{Service: t.service, Kind: Unreachable, Message: msg, Err: err}
}

// failure turns an answer that was not the expected success into an *Error.
func (t *transport) failure(r reply) *Error {
	if r.status >= 300 && r.status < 400 {
		return &Error{Service: t.service, Kind: NotFound, Status: r.status, Reason: ReasonRedirected,
			Message: fmt.Sprintf("%s redirected us away from %s: check the account address.", t.service, t.host)}
	}
	if r.status == http.StatusConflict && t.conflictIsTemporary {
		return &Error{Service: t.service, Kind: Unavailable, Status: r.status, Wait: retryAfter(r.header, t.now()),
			Message: fmt.Sprintf("%s reported a conflict with another request; we will try again.", t.service)}
	}
	explain := func(k Kind) string { return t.explainPermanent(k, r.body) }
	return statusError(t.service, r.status, retryAfter(r.header, t.now()), explain)
}

// decode reads a successful answer's JSON; a body that is not what the
// service documents is a temporary fault on its side (a proxy's error page).
func (t *transport) decode(r reply, out any) error {
	if err := json.Unmarshal(r.body, out); err != nil {
		return &Error{Service: t.service, Kind: Unavailable, Status: r.status, Err: err,
			Message: fmt.Sprintf("%s sent an answer we could not read; we will try again.", t.service)}
	}
	return nil
}

// remoteTicket is the part of a ticket both services describe alike.
type remoteTicket struct {
	ID         int64  `json:"id"`
	ExternalID string `json:"external_id"`
}

// findOldest lists the tickets at path filtered by query and returns the
// oldest whose external_id is externalID: neither service requires external
// ids to be unique, so the first ticket made for a handoff is its ticket.
// Zendesk lists under "tickets", Gorgias under "data".
func (t *transport) findOldest(ctx context.Context, path string, query url.Values, externalID string) (remoteTicket, bool, error) {
	r, err := t.do(ctx, http.MethodGet, path, query, nil, nil)
	if err != nil {
		return remoteTicket{}, false, err
	}
	if r.status != http.StatusOK {
		return remoteTicket{}, false, t.failure(r)
	}
	var list struct {
		Tickets []remoteTicket `json:"tickets"`
		Data    []remoteTicket `json:"data"`
	}
	if err := t.decode(r, &list); err != nil {
		return remoteTicket{}, false, err
	}
	var oldest remoteTicket
	found := false
	for _, tk := range append(list.Tickets, list.Data...) {
		if tk.ExternalID == externalID && (!found || tk.ID < oldest.ID) {
			oldest, found = tk, true
		}
	}
	return oldest, found, nil
}

// ticketAt is a created ticket, with the page where the team opens it: the
// ticket's id under pagePath on the account's own host.
func (t *transport) ticketAt(tk remoteTicket, pagePath ...string) Created {
	id := strconv.FormatInt(tk.ID, 10)
	return Created{ID: id, URL: t.base.JoinPath(append(pagePath, id)...).String()}
}
