// Package twiliotest is a local Twilio for tests and `hubchat dev`: one
// account's Programmable Messaging, as Twilio documents it.
//
//   - The Messages API (POST and GET /2010-04-01/Accounts/{AccountSid}/Messages…)
//     and the Accounts API (GET /2010-04-01/Accounts/{AccountSid}.json), with
//     HTTP Basic authentication by Account SID and auth token, and Twilio's
//     error document ({code, message, more_info, status}) for each refusal:
//     20003 bad credentials, 21604/21211 missing or invalid To, 21603/21606
//     missing or foreign From, 21701/21705 unknown or malformed Messaging
//     Service, 21602 no content, 21617 too long, 21610 recipient opted out.
//   - Messages move queued → sent → delivered (or failed / undelivered with
//     an error code, chosen per recipient by SetOutcome; through a Messaging
//     Service they start accepted, then queued), each change after the
//     first posted to the message's StatusCallback, signed with
//     X-Twilio-Signature.
//     Media URLs are fetched when the message is sent, as Twilio does (a
//     HEAD and a GET; up to 10 URLs, 5 MB in all, of the content types
//     Twilio accepts for MMS, matching their files), and served from the
//     fake's own media URLs; refusals carry Twilio's codes: 21623 too many
//     and 21620 malformed URLs at once, 11200 unreachable, 12300 bad
//     Content-Type and 11751 too large in the failed status callback.
//     Media URLs need the account's credentials (Twilio's "Enforce HTTP
//     Auth on Media URLs") and redirect to a URL valid for four hours.
//   - A phone page (/phone) where a person picks a number and texts the
//     account as a customer: each message is posted, signed, to the
//     webhook URL configured for the account's number ("A message comes
//     in", set on the page or with SetWebhook), and the replies appear live,
//     pictures included. The default keywords (STOP, START, HELP and the
//     others) are handled as Twilio handles them on long codes: an
//     automatic reply, and an opt-out that blocks sending until opt-in.
//
// It signs with its own code rather than package twilio's, so that a
// mistake in one shows up as a failed verification in the other.
package twiliotest

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Config describes the account the fake serves.
type Config struct {
	AccountSID string   // AC + 32 hex digits
	AuthToken  string   // 32 hex digits
	Numbers    []string // the account's phone numbers, E.164
	// ServiceSID, when set, is a Messaging Service holding every number:
	// messages may be sent through it, and an opt-out applies to all of it.
	ServiceSID string
	// StepDelay is the time between a message's statuses (queued, sent,
	// delivered): zero in tests, a second or so for a person to watch.
	StepDelay time.Duration
	// Client makes the fake's own requests (status callbacks, incoming
	// message webhooks, media downloads); a 10 s client when nil.
	Client *http.Client
}

// Twilio is the fake account. Build it with Start.
type Twilio struct {
	cfg    Config
	url    string
	server *http.Server
	mux    *http.ServeMux
	faults faults

	mu       sync.Mutex
	messages []*Message
	media    map[string]storedMedia // by media SID
	cdn      map[string]cdnLink     // short-lived URLs of media, by token
	webhooks map[string]string      // "A message comes in" URL by number
	outcomes map[string]Outcome     // by recipient
	blocked  map[string]bool        // opt-outs by recipient + sender scope
	changed  chan struct{}          // closed and replaced at every change
	version  int                    // counts the changes, for the phone page
}

// Start serves the fake on addr (such as "127.0.0.1:0") until Close.
func Start(cfg Config, addr string) (*Twilio, error) {
	if len(cfg.Numbers) == 0 {
		return nil, fmt.Errorf("local Twilio: the account needs at least one phone number")
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 10 * time.Second}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("local Twilio: %w", err)
	}
	tw := &Twilio{cfg: cfg, url: "http://" + ln.Addr().String(),
		media: map[string]storedMedia{}, cdn: map[string]cdnLink{}, webhooks: map[string]string{}, outcomes: map[string]Outcome{},
		blocked: map[string]bool{}, changed: make(chan struct{})}
	tw.routes()
	tw.server = &http.Server{Handler: tw, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = tw.server.Serve(ln) }()
	return tw, nil
}

// Close stops serving; streams of the phone page end.
func (tw *Twilio) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = tw.server.Shutdown(ctx)
	_ = tw.server.Close()
}

// URL is the fake's base URL: the API's, to give the client (twilio.WithBaseURL).
func (tw *Twilio) URL() string { return tw.url }

// PhoneURL is the phone page.
func (tw *Twilio) PhoneURL() string { return tw.url + "/phone" }

// AccountSID and AuthToken are the account's credentials.
func (tw *Twilio) AccountSID() string { return tw.cfg.AccountSID }

// AuthToken is the account's auth token.
func (tw *Twilio) AuthToken() string { return tw.cfg.AuthToken }

// Numbers are the account's phone numbers.
func (tw *Twilio) Numbers() []string { return append([]string(nil), tw.cfg.Numbers...) }

func (tw *Twilio) routes() {
	tw.mux = http.NewServeMux()
	api := "/2010-04-01/Accounts/{account}"
	tw.mux.HandleFunc("GET "+api, tw.authenticated(tw.fetchAccount))
	tw.mux.HandleFunc("POST "+api+"/Messages.json", tw.authenticated(tw.createMessage))
	tw.mux.HandleFunc("GET "+api+"/Messages/{message}", tw.authenticated(tw.fetchMessage))
	// Media need the account's credentials, as Twilio's do when the
	// account enforces HTTP auth on media (as Twilio recommends), and
	// redirect to a short-lived URL of the file.
	tw.mux.HandleFunc("GET "+api+"/Messages/{message}/Media/{media}", tw.authenticated(tw.serveMedia))
	tw.mux.HandleFunc("GET /cdn/{token}", tw.serveCDN)
	tw.phoneRoutes()
	tw.mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, 20404, "The requested resource was not found")
	})
}

// ServeHTTP answers planned faults on the API first.
func (tw *Twilio) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/2010-04-01/") && tw.faults.writePlanned(w) {
		return
	}
	tw.mux.ServeHTTP(w, r)
}

// authenticated lets through requests with the account's credentials, for
// the account's own resources: Twilio answers 401 with code 20003 to both
// wrong credentials and another account's path.
func (tw *Twilio) authenticated(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		account := strings.TrimSuffix(r.PathValue("account"), ".json")
		if !ok || subtle.ConstantTimeCompare([]byte(user), []byte(tw.cfg.AccountSID)) != 1 ||
			subtle.ConstantTimeCompare([]byte(pass), []byte(tw.cfg.AuthToken)) != 1 || account != tw.cfg.AccountSID {
			writeError(w, http.StatusUnauthorized, 20003, "Authenticate")
			return
		}
		next(w, r)
	}
}

// fetchAccount answers GET /2010-04-01/Accounts/{AccountSid}.json.
func (tw *Twilio) fetchAccount(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(r.PathValue("account"), ".json") {
		writeError(w, http.StatusNotFound, 20404, "The requested resource was not found")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"sid": tw.cfg.AccountSID, "owner_account_sid": tw.cfg.AccountSID, "friendly_name": "hubchat local Twilio",
		"status": "active", "type": "Full", "auth_token": tw.cfg.AuthToken,
		"date_created": rfc2822(time.Unix(1735689600, 0)), "date_updated": rfc2822(time.Unix(1735689600, 0)),
		"uri": "/2010-04-01/Accounts/" + tw.cfg.AccountSID + ".json",
	})
}

// writeError answers Twilio's error document.
func writeError(w http.ResponseWriter, status, code int, message string) {
	writeJSON(w, status, map[string]any{"code": code, "message": message,
		"more_info": "https://www.twilio.com/docs/errors/" + strconv.Itoa(code), "status": status})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// rfc2822 is Twilio's date format in its JSON.
func rfc2822(t time.Time) string { return t.UTC().Format(time.RFC1123Z) }

// changedLocked wakes the phone pages; tw.mu must be held.
func (tw *Twilio) changedLocked() {
	tw.version++
	close(tw.changed)
	tw.changed = make(chan struct{})
}

// faults makes the API misbehave on its next requests.
type faults struct {
	mu      sync.Mutex
	planned []int // HTTP statuses
}

// FailNext makes the next n API requests answer status: 429 (Twilio's
// code 20429) or a 5xx (code 20500).
func (tw *Twilio) FailNext(n, status int) {
	tw.faults.mu.Lock()
	defer tw.faults.mu.Unlock()
	for range n {
		tw.faults.planned = append(tw.faults.planned, status)
	}
}

func (f *faults) writePlanned(w http.ResponseWriter) bool {
	f.mu.Lock()
	if len(f.planned) == 0 {
		f.mu.Unlock()
		return false
	}
	status := f.planned[0]
	f.planned = f.planned[1:]
	f.mu.Unlock()
	if status == http.StatusTooManyRequests {
		writeError(w, status, 20429, "Too Many Requests")
	} else {
		writeError(w, status, 20500, "Internal Server Error")
	}
	return true
}
