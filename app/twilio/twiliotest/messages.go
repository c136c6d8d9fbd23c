package twiliotest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

// Message is a message of the account, either way.
type Message struct {
	SID            string
	From, To       string
	Body           string
	Media          []MediaItem
	Direction      string // inbound, outbound-api, or outbound-reply for the automatic keyword replies
	Status         string
	ErrorCode      int
	ServiceSID     string
	StatusCallback string
	Created        time.Time
	// Callbacks are the status callbacks posted for this message, in order.
	Callbacks []Delivery
	// Webhook is the delivery of an inbound message to the number's URL.
	Webhook *Delivery
}

// MediaItem is a file of a message, served by the fake at URL.
type MediaItem struct {
	SID         string // ME…
	URL         string // the API's media URL, which needs the account's credentials
	ContentType string
}

// Delivery is one request the fake made to the app.
type Delivery struct {
	URL    string
	Form   url.Values
	Status int    // the app's answer; 0 when none came
	Err    string // why none came
}

// Outcome is how a message to a recipient ends.
type Outcome struct {
	Status    string // delivered (the default), undelivered or failed
	ErrorCode int    // for undelivered and failed, such as 30003 (unreachable handset) or 30005 (unknown destination)
}

// SetOutcome makes every later message to the recipient end so.
func (tw *Twilio) SetOutcome(to string, o Outcome) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	tw.outcomes[to] = o
}

// Messages returns a copy of every message, oldest first.
func (tw *Twilio) Messages() []Message {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	out := make([]Message, len(tw.messages))
	for i, m := range tw.messages {
		out[i] = m.copy()
	}
	return out
}

func (m *Message) copy() Message {
	c := *m
	c.Media = slices.Clone(m.Media)
	c.Callbacks = slices.Clone(m.Callbacks)
	if m.Webhook != nil {
		w := *m.Webhook
		c.Webhook = &w
	}
	return c
}

var (
	e164       = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	serviceSID = regexp.MustCompile(`^MG[0-9a-fA-F]{32}$`)
)

const (
	maxBodyChars = 1600
	maxMedia     = 10 // MediaUrl values of a message
)

// createMessage answers POST …/Messages.json: it checks the form as Twilio
// does, answers 201 with the queued message, and moves it on in the
// background.
func (tw *Twilio) createMessage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeError(w, http.StatusBadRequest, 20001, "Invalid form body")
		return
	}
	f := r.PostForm
	m := &Message{To: f.Get("To"), From: f.Get("From"), ServiceSID: f.Get("MessagingServiceSid"), Body: f.Get("Body"),
		StatusCallback: f.Get("StatusCallback"), Direction: "outbound-api", Status: "queued", Created: time.Now()}
	if code, msg := tw.refusal(m, f["MediaUrl"]); code != 0 {
		writeError(w, http.StatusBadRequest, code, msg)
		return
	}
	if m.ServiceSID != "" {
		m.Status = "accepted" // the service picks the sender
		m.From = tw.cfg.Numbers[0]
	}
	tw.mu.Lock()
	m.SID = tw.newSID(map[bool]string{true: "MM", false: "SM"}[len(f["MediaUrl"]) > 0])
	tw.messages = append(tw.messages, m)
	tw.changedLocked()
	doc := tw.documentLocked(m)
	tw.mu.Unlock()
	writeJSON(w, http.StatusCreated, doc)
	go tw.deliver(m.SID, f["MediaUrl"])
}

// refusal is Twilio's code and words for a message it would not create.
func (tw *Twilio) refusal(m *Message, media []string) (int, string) {
	switch {
	case m.To == "":
		return 21604, "A 'To' phone number is required."
	case !e164.MatchString(m.To):
		return 21211, "Invalid 'To' Phone Number: " + m.To
	case m.From == "" && m.ServiceSID == "":
		return 21603, "A 'From' phone number is required."
	case m.ServiceSID != "" && !serviceSID.MatchString(m.ServiceSID):
		return 21705, "The Messaging Service is invalid"
	case m.ServiceSID != "" && m.ServiceSID != tw.cfg.ServiceSID:
		return 21701, "The Messaging Service does not exist"
	case m.ServiceSID == "" && !slices.Contains(tw.cfg.Numbers, m.From):
		return 21606, "The From phone number " + m.From + " is not a valid, SMS-capable inbound phone number or short code for your account."
	case m.Body == "" && len(media) == 0:
		return 21602, "Message body is required."
	case utf8.RuneCountInString(m.Body) > maxBodyChars:
		return 21617, "The concatenated message body exceeds the 1600 character limit."
	case len(media) > maxMedia:
		return 21623, "The number of media files exceeds the maximum allowed: you may send up to 10 media files in a single message."
	}
	for _, u := range media {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return 21620, "Media urls: " + u + " are invalid. Please use only valid http and https urls"
		}
	}
	tw.mu.Lock()
	defer tw.mu.Unlock()
	if tw.blocked[tw.scope(m.To, m.From)] {
		return 21610, "Attempt to send to unsubscribed recipient"
	}
	return 0, ""
}

// scope is what an opt-out blocks: the recipient and the sender, or the
// whole Messaging Service when the numbers belong to one.
func (tw *Twilio) scope(person, number string) string {
	if tw.cfg.ServiceSID != "" {
		return person + " " + tw.cfg.ServiceSID
	}
	return person + " " + number
}

// fetchMessage answers GET …/Messages/{MessageSid}.json.
func (tw *Twilio) fetchMessage(w http.ResponseWriter, r *http.Request) {
	sid, ok := trimSuffix(r.PathValue("message"), ".json")
	tw.mu.Lock()
	defer tw.mu.Unlock()
	for _, m := range tw.messages {
		if ok && m.SID == sid {
			writeJSON(w, http.StatusOK, tw.documentLocked(m))
			return
		}
	}
	writeError(w, http.StatusNotFound, 20404, "The requested resource was not found")
}

// documentLocked is the message as Twilio's JSON shows it.
func (tw *Twilio) documentLocked(m *Message) map[string]any {
	doc := map[string]any{
		"sid": m.SID, "account_sid": tw.cfg.AccountSID, "to": m.To, "from": m.From, "body": m.Body,
		"status": m.Status, "direction": m.Direction, "num_media": strconv.Itoa(len(m.Media)),
		"num_segments": "1", "api_version": "2010-04-01", "price": nil, "price_unit": "USD",
		"error_code": nil, "error_message": nil, "messaging_service_sid": nil,
		"date_created": rfc2822(m.Created), "date_updated": rfc2822(time.Now()), "date_sent": nil,
		"uri": "/2010-04-01/Accounts/" + tw.cfg.AccountSID + "/Messages/" + m.SID + ".json",
	}
	if m.ErrorCode != 0 {
		doc["error_code"] = m.ErrorCode
	}
	if m.ServiceSID != "" {
		doc["messaging_service_sid"] = m.ServiceSID
	}
	return doc
}

// deliver moves an outgoing message through its statuses, posting a
// callback for each change after the initial one, as Twilio's "Outbound
// Message Status in Status Callbacks" describes
// (https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks):
// a Messaging Service's message goes from accepted to queued; then the
// media are fetched (a failure fails the message with Twilio's code: see
// fetchAll); then sent, then the recipient's outcome.
func (tw *Twilio) deliver(sid string, mediaURLs []string) {
	time.Sleep(tw.cfg.StepDelay)
	tw.mu.Lock()
	accepted := tw.find(sid).Status == "accepted"
	tw.mu.Unlock()
	if accepted {
		tw.advance(sid, "queued", 0)
	}
	items, fetchErr := tw.fetchAll(sid, mediaURLs)
	tw.mu.Lock()
	m := tw.find(sid)
	m.Media = items
	outcome := tw.outcomes[m.To]
	tw.mu.Unlock()
	var refused mediaRefusal
	if errors.As(fetchErr, &refused) {
		tw.advance(sid, "failed", refused.code)
		return
	}
	tw.advance(sid, "sent", 0)
	time.Sleep(tw.cfg.StepDelay)
	switch outcome.Status {
	case "undelivered", "failed":
		tw.advance(sid, outcome.Status, outcome.ErrorCode)
	default:
		tw.advance(sid, "delivered", 0)
	}
}

// advance sets a message's status and posts its status callback.
func (tw *Twilio) advance(sid, status string, errorCode int) {
	tw.mu.Lock()
	m := tw.find(sid)
	m.Status, m.ErrorCode = status, errorCode
	callback := m.StatusCallback
	form := url.Values{"AccountSid": {tw.cfg.AccountSID}, "ApiVersion": {"2010-04-01"},
		"From": {m.From}, "To": {m.To}, "MessageSid": {m.SID}, "SmsSid": {m.SID},
		"MessageStatus": {status}, "SmsStatus": {status}}
	if errorCode != 0 {
		form.Set("ErrorCode", strconv.Itoa(errorCode))
	}
	if m.ServiceSID != "" {
		form.Set("MessagingServiceSid", m.ServiceSID)
	}
	tw.changedLocked()
	tw.mu.Unlock()
	if callback == "" {
		return
	}
	d := tw.post(callback, form)
	tw.mu.Lock()
	m.Callbacks = append(m.Callbacks, d)
	tw.changedLocked()
	tw.mu.Unlock()
}

// post sends a signed form to the app, as Twilio sends its webhooks.
func (tw *Twilio) post(target string, form url.Values) Delivery {
	d := Delivery{URL: target, Form: form}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, stringsReader(form.Encode()))
	if err != nil {
		d.Err = err.Error()
		return d
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", sign(tw.cfg.AuthToken, target, form))
	req.Header.Set("User-Agent", "TwilioProxy/1.1")
	res, err := tw.cfg.Client.Do(req)
	if err != nil {
		d.Err = err.Error()
		return d
	}
	res.Body.Close()
	d.Status = res.StatusCode
	return d
}

// find returns the message; tw.mu must be held.
func (tw *Twilio) find(sid string) *Message {
	for _, m := range tw.messages {
		if m.SID == sid {
			return m
		}
	}
	panic("local Twilio: no message " + sid)
}

// newSID makes a SID of the prefix's kind; tw.mu must be held.
func (tw *Twilio) newSID(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func trimSuffix(s, suffix string) (string, bool) {
	if len(s) <= len(suffix) || s[len(s)-len(suffix):] != suffix {
		return s, false
	}
	return s[:len(s)-len(suffix)], true
}
