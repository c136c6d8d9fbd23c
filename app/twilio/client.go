package twilio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// Credentials are what a merchant copies from the Twilio Console: the
// Account SID and its auth token.
type Credentials struct {
	AccountSID string
	AuthToken  AuthToken
}

// Client calls the REST API of one Twilio account. It is safe for
// concurrent use.
type Client struct {
	creds  Credentials
	base   *url.URL
	client *http.Client
}

// maxResponse bounds what is read of an answer: far above any message or
// account document, low enough that a wrong server cannot exhaust memory.
const maxResponse = 1 << 20

// New returns a client for the account, or an *Error of kind Invalid when
// the credentials do not have the shape Twilio gives them (a typo caught
// before any request).
func New(creds Credentials, opts ...Option) (*Client, error) {
	creds.AccountSID = strings.TrimSpace(creds.AccountSID)
	creds.AuthToken = AuthToken(strings.TrimSpace(creds.AuthToken.reveal()))
	if !ValidAccountSID(creds.AccountSID) {
		return nil, &Error{Kind: Invalid, Message: "The Account SID is AC followed by 32 letters and digits, as the Twilio Console shows it."}
	}
	if !creds.AuthToken.plausible() {
		return nil, &Error{Kind: Invalid, Message: "The auth token is 32 letters and digits, as the Twilio Console shows it."}
	}
	o := options{baseURL: DefaultBaseURL}
	for _, opt := range opts {
		opt(&o)
	}
	base, err := checkBaseURL(o.baseURL)
	if err != nil {
		return nil, err
	}
	if o.httpClient == nil {
		o.httpClient = &http.Client{
			Timeout: requestTimeout,
			// Following a redirect could send the credentials elsewhere.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	return &Client{creds: creds, base: base, client: o.httpClient}, nil
}

// AccountSID is the account the client acts for.
func (c *Client) AccountSID() string { return c.creds.AccountSID }

// accountPath is the path of a resource of the account, such as
// "/2010-04-01/Accounts/AC…/Messages.json" for "Messages.json".
func (c *Client) accountPath(resource string) string {
	p := "/" + apiVersion + "/Accounts/" + c.creds.AccountSID
	if resource == "" {
		return p + ".json"
	}
	return p + "/" + resource
}

// reply is an answer received in full.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request, with form as its form-encoded body when not nil,
// and reads the whole answer. A request that gets no answer returns an
// *Error of kind Unreachable.
func (c *Client) do(ctx context.Context, method, path string, form url.Values) (reply, error) {
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base.JoinPath(path).String(), body)
	if err != nil {
		return reply{}, fmt.Errorf("twilio: build request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.SetBasicAuth(c.creds.AccountSID, c.creds.AuthToken.reveal())
	res, err := c.client.Do(req)
	if err != nil {
		return reply{}, unreachable(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxResponse))
	if err != nil {
		return reply{}, unreachable(err)
	}
	return reply{status: res.StatusCode, header: res.Header, body: raw}, nil
}

// unreachable wraps a transport failure. Its cause names the URL, which
// holds no secret: the credentials travel in the Authorization header.
func unreachable(err error) *Error {
	msg := "We could not reach Twilio; we will try again."
	var nerr net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &nerr) && nerr.Timeout() {
		msg = "Twilio did not answer in time; we will try again."
	}
	return &Error{Kind: Unreachable, Message: msg, Err: err}
}

// unreadable is a success answer whose body is not what Twilio documents:
// a proxy's page, a truncated answer. Temporary, as a 5xx is.
func unreadable(status int, err error) *Error {
	return &Error{Kind: Unavailable, Status: status, Err: err,
		Message: "Twilio sent an answer we could not read; we will try again."}
}

// Account is the part of Twilio's Account resource the app reads.
type Account struct {
	SID          string `json:"sid"`
	FriendlyName string `json:"friendly_name"`
	Status       string `json:"status"` // active, suspended or closed
	Type         string `json:"type"`   // Trial or Full
}

// Account fetches the account (GET /2010-04-01/Accounts/{AccountSid}.json).
func (c *Client) Account(ctx context.Context) (Account, error) {
	r, err := c.do(ctx, http.MethodGet, c.accountPath(""), nil)
	if err != nil {
		return Account{}, err
	}
	if r.status != http.StatusOK {
		return Account{}, failure(r.status, r.header, r.body)
	}
	var a Account
	if err := json.Unmarshal(r.body, &a); err != nil {
		return Account{}, unreadable(r.status, err)
	}
	return a, nil
}

// CheckCredentials reports whether the credentials open an active account,
// with one read-only request: for the moment the merchant saves them.
func (c *Client) CheckCredentials(ctx context.Context) error {
	a, err := c.Account(ctx)
	if err != nil {
		return err
	}
	if a.Status != "active" {
		return &Error{Kind: Forbidden, Status: http.StatusOK,
			Message: fmt.Sprintf("The Twilio account is %s, so it cannot send messages.", a.Status)}
	}
	return nil
}

// Limits of the Messages API.
const (
	MaxBodyChars = 1600 // characters of Body (error 21617 beyond)
	MaxMedia     = 10   // MediaUrl values per message
)

// Outgoing is a message to send. From or ServiceSID names the sender (one
// of the two); Body, Media or both carry the content.
type Outgoing struct {
	To         string   // the recipient, E.164
	From       string   // a number of the account, E.164
	ServiceSID string   // or a Messaging Service (MG…), which picks the number
	Body       string   // up to MaxBodyChars characters
	Media      []string // public http(s) URLs of images, up to MaxMedia: the message goes as MMS
	// StatusCallback is where Twilio posts the message's status changes
	// (queued → sent → delivered, or failed / undelivered with an error code).
	StatusCallback string
}

// Created is the message Twilio created.
type Created struct {
	SID    string // SM… or MM…
	Status Status // queued, or accepted when a Messaging Service picks the sender
}

// Send creates the message (POST /2010-04-01/Accounts/{AccountSid}/Messages.json).
// Twilio has no idempotency key for messages: a retry after an answer was
// lost may send twice, so callers retry only on the kinds Temporary says
// and record the SID at once.
func (c *Client) Send(ctx context.Context, m Outgoing) (Created, error) {
	form, err := m.form()
	if err != nil {
		return Created{}, err
	}
	r, err := c.do(ctx, http.MethodPost, c.accountPath("Messages.json"), form)
	if err != nil {
		return Created{}, err
	}
	if r.status != http.StatusCreated && r.status != http.StatusOK {
		return Created{}, failure(r.status, r.header, r.body)
	}
	var s struct {
		SID    string `json:"sid"`
		Status Status `json:"status"`
	}
	if err := json.Unmarshal(r.body, &s); err != nil || !ValidMessageSID(s.SID) {
		if err == nil {
			err = fmt.Errorf("answer without a message sid")
		}
		return Created{}, unreadable(r.status, err)
	}
	return Created{SID: s.SID, Status: s.Status}, nil
}

// form checks the message as Twilio would and encodes it; a message Twilio
// would refuse is refused here, with the same kind, before any request.
func (m Outgoing) form() (url.Values, error) {
	invalid := func(kind Kind, msg string) error { return &Error{Kind: kind, Message: msg} }
	switch {
	case !ValidE164(m.To):
		return nil, invalid(InvalidRecipient, fmt.Sprintf("%q is not a phone number in international format (+ and country code).", m.To))
	case (m.From == "") == (m.ServiceSID == ""):
		return nil, invalid(InvalidSender, "A message is sent from one number or one Messaging Service: set exactly one in Settings → SMS.")
	case m.From != "" && !ValidE164(m.From):
		return nil, invalid(InvalidSender, fmt.Sprintf("The sending number %q is not in international format (+ and country code).", m.From))
	case m.ServiceSID != "" && !ValidServiceSID(m.ServiceSID):
		return nil, invalid(InvalidSender, "The Messaging Service SID is MG followed by 32 letters and digits.")
	case strings.TrimSpace(m.Body) == "" && len(m.Media) == 0:
		return nil, invalid(Invalid, "The message has neither text nor images.")
	case utf8.RuneCountInString(m.Body) > MaxBodyChars:
		return nil, invalid(Invalid, fmt.Sprintf("The message is longer than the %d characters an SMS may have.", MaxBodyChars))
	case len(m.Media) > MaxMedia:
		return nil, invalid(Invalid, fmt.Sprintf("A message carries at most %d images.", MaxMedia))
	}
	for _, u := range slices.Concat(m.Media, []string{m.StatusCallback}) {
		if u != "" && !isAbsoluteHTTP(u) {
			return nil, invalid(Invalid, fmt.Sprintf("%q is not an absolute http or https address Twilio can reach.", u))
		}
	}
	form := url.Values{"To": {m.To}}
	if m.From != "" {
		form.Set("From", m.From)
	} else {
		form.Set("MessagingServiceSid", m.ServiceSID)
	}
	if m.Body != "" {
		form.Set("Body", m.Body)
	}
	for _, u := range m.Media {
		form.Add("MediaUrl", u)
	}
	if m.StatusCallback != "" {
		form.Set("StatusCallback", m.StatusCallback)
	}
	return form, nil
}

// isAbsoluteHTTP reports whether u is an absolute http or https URL with a host.
func isAbsoluteHTTP(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" && p.User == nil
}
