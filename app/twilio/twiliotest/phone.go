package twiliotest

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed phone.html
var phonePage []byte

// Upload is a file a person sends from the phone.
type Upload struct {
	ContentType string
	Data        []byte
}

// The automatic replies to the default keywords, in the fake's own words.
const (
	optOutReply = "You are unsubscribed and will get no more messages from this number. Reply START to subscribe again."
	optInReply  = "You are subscribed again to messages from this number. Reply STOP to unsubscribe."
	helpReply   = "Reply STOP to unsubscribe. Message and data rates may apply."
)

// The default keywords Twilio handles on long codes (its help centre's
// "Twilio support for opt-out keywords"): the whole message, in any case.
var defaultKeywords = map[string]string{
	"STOP": "out", "STOPALL": "out", "UNSUBSCRIBE": "out", "CANCEL": "out", "END": "out",
	"QUIT": "out", "REVOKE": "out", "OPTOUT": "out",
	"START": "in", "YES": "in", "UNSTOP": "in",
	"HELP": "help", "INFO": "help",
}

// SetWebhook sets the URL that a message to number is posted to ("A message
// comes in" in the Twilio Console); "" removes it.
func (tw *Twilio) SetWebhook(number, target string) error {
	if !slices.Contains(tw.cfg.Numbers, number) {
		return fmt.Errorf("local Twilio: %s is not a number of the account", number)
	}
	if target != "" {
		if u, err := url.Parse(target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("local Twilio: %q is not an http or https URL", target)
		}
	}
	tw.mu.Lock()
	defer tw.mu.Unlock()
	tw.webhooks[number] = target
	tw.changedLocked()
	return nil
}

// Text is a person at from texting the account's number to: Twilio
// handles the default keywords, records the message and posts it, signed,
// to the number's webhook URL, and Text returns once the app answered.
func (tw *Twilio) Text(from, to, body string, files []Upload) (Message, error) {
	if !e164.MatchString(from) {
		return Message{}, fmt.Errorf("local Twilio: %q is not a phone number in E.164 (+ and country code)", from)
	}
	if !slices.Contains(tw.cfg.Numbers, to) {
		return Message{}, fmt.Errorf("local Twilio: %s is not a number of the account", to)
	}
	if strings.TrimSpace(body) == "" && len(files) == 0 {
		return Message{}, errors.New("local Twilio: a message needs text or a picture")
	}
	m := &Message{From: from, To: to, Body: body, Direction: "inbound", Status: "received", Created: time.Now(),
		ServiceSID: tw.cfg.ServiceSID}
	tw.mu.Lock()
	m.SID = tw.newSID(map[bool]string{true: "MM", false: "SM"}[len(files) > 0])
	tw.mu.Unlock()
	for _, f := range files {
		m.Media = append(m.Media, tw.keep(m.SID, f.ContentType, f.Data))
	}
	tw.mu.Lock()
	tw.messages = append(tw.messages, m)
	tw.keywordLocked(from, to, body)
	target := tw.webhooks[to]
	tw.changedLocked()
	tw.mu.Unlock()
	if target != "" {
		d := tw.post(target, tw.incomingForm(m))
		tw.mu.Lock()
		m.Webhook = &d
		tw.changedLocked()
		tw.mu.Unlock()
	}
	tw.mu.Lock()
	defer tw.mu.Unlock()
	return m.copy(), nil
}

// keywordLocked does what Twilio does with a default keyword: opt out or
// in, and reply. Someone opted out gets no answer to HELP. tw.mu must be held.
func (tw *Twilio) keywordLocked(from, to, body string) {
	scope := tw.scope(from, to)
	var reply string
	switch defaultKeywords[strings.ToUpper(strings.TrimSpace(body))] {
	case "out":
		tw.blocked[scope], reply = true, optOutReply
	case "in":
		delete(tw.blocked, scope)
		reply = optInReply
	case "help":
		if !tw.blocked[scope] {
			reply = helpReply
		}
	}
	if reply != "" {
		tw.messages = append(tw.messages, &Message{SID: tw.newSID("SM"), From: to, To: from, Body: reply,
			Direction: "outbound-reply", Status: "delivered", Created: time.Now()})
	}
}

// incomingForm is the incoming-message webhook's form, with the parameters
// Twilio's "request to your incoming message Webhook URL" lists for SMS and MMS.
func (tw *Twilio) incomingForm(m *Message) url.Values {
	form := url.Values{"MessageSid": {m.SID}, "SmsMessageSid": {m.SID}, "SmsSid": {m.SID},
		"AccountSid": {tw.cfg.AccountSID}, "From": {m.From}, "To": {m.To}, "Body": {m.Body},
		"NumMedia": {strconv.Itoa(len(m.Media))}, "NumSegments": {"1"}, "SmsStatus": {"received"},
		"ApiVersion": {"2010-04-01"}}
	if m.ServiceSID != "" {
		form.Set("MessagingServiceSid", m.ServiceSID)
	}
	for i, media := range m.Media {
		form.Set(fmt.Sprintf("MediaUrl%d", i), media.URL)
		form.Set(fmt.Sprintf("MediaContentType%d", i), media.ContentType)
	}
	return form
}

func (tw *Twilio) phoneRoutes() {
	tw.mux.HandleFunc("GET /phone", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// Nothing from outside: the page's own script and style, and
		// pictures from the fake's media URLs (named by its address, which
		// may differ from the one the page was opened at).
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: "+tw.url+
			"; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
		_, _ = w.Write(phonePage)
	})
	tw.mux.HandleFunc("GET /phone/numbers", tw.phoneNumbers)
	tw.mux.HandleFunc("POST /phone/webhook", tw.phoneSetWebhook)
	tw.mux.HandleFunc("POST /phone/send", tw.phoneSend)
	tw.mux.HandleFunc("GET /phone/thread", tw.phoneThread)
	tw.mux.HandleFunc("GET /phone/media/{media}", tw.servePhoneMedia)
}

// phoneNumbers lists the account's numbers and their webhook URLs.
func (tw *Twilio) phoneNumbers(w http.ResponseWriter, _ *http.Request) {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	type number struct {
		Number  string `json:"number"`
		Webhook string `json:"webhook"`
	}
	var out []number
	for _, n := range tw.cfg.Numbers {
		out = append(out, number{n, tw.webhooks[n]})
	}
	writeJSON(w, http.StatusOK, out)
}

func (tw *Twilio) phoneSetWebhook(w http.ResponseWriter, r *http.Request) {
	if err := tw.SetWebhook(r.FormValue("number"), strings.TrimSpace(r.FormValue("url"))); err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// phoneSend is the phone's send button: multipart with me, to, body and
// an optional image.
func (tw *Twilio) phoneSend(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(maxMediaBytes); err != nil {
		http.Error(w, "the message could not be read: "+err.Error(), http.StatusBadRequest)
		return
	}
	var files []Upload
	if f, h, err := r.FormFile("image"); err == nil {
		data, _ := io.ReadAll(io.LimitReader(f, maxMediaBytes))
		f.Close()
		ct, _, _ := mime.ParseMediaType(h.Header.Get("Content-Type"))
		files = append(files, Upload{ContentType: ct, Data: data})
	}
	m, err := tw.Text(r.FormValue("me"), r.FormValue("to"), r.FormValue("body"), files)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sid": m.SID, "webhook": m.Webhook})
}

// bubble is a message as the phone shows it.
type bubble struct {
	SID       string   `json:"sid"`
	Mine      bool     `json:"mine"` // sent by the person holding the phone
	Body      string   `json:"body"`
	Images    []string `json:"images"`
	Status    string   `json:"status"`
	ErrorCode int      `json:"errorCode,omitempty"`
	Note      string   `json:"note,omitempty"` // what happened to a message the person sent
}

// phoneThread answers the conversation between ?me= and ?with= (one of
// the account's numbers), once something changed after ?version= (a long
// poll of up to 25 s, so the page sees replies at once without a stream).
func (tw *Twilio) phoneThread(w http.ResponseWriter, r *http.Request) {
	me, with := r.URL.Query().Get("me"), r.URL.Query().Get("with")
	seen, _ := strconv.Atoi(r.URL.Query().Get("version"))
	timeout := time.NewTimer(25 * time.Second)
	defer timeout.Stop()
	for {
		tw.mu.Lock()
		version, changed := tw.versionLocked(), tw.changed
		if version != seen {
			thread := tw.threadLocked(me, with)
			tw.mu.Unlock()
			w.Header().Set("Cache-Control", "no-store")
			writeJSON(w, http.StatusOK, map[string]any{"version": version, "messages": thread})
			return
		}
		tw.mu.Unlock()
		select {
		case <-changed:
		case <-timeout.C:
			writeJSON(w, http.StatusOK, map[string]any{"version": version, "messages": nil, "unchanged": true})
			return
		case <-r.Context().Done():
			return
		}
	}
}

// versionLocked counts the changes so far; tw.mu must be held.
func (tw *Twilio) versionLocked() int { return tw.version }

func (tw *Twilio) threadLocked(me, with string) []bubble {
	out := []bubble{}
	for _, m := range tw.messages {
		mine := m.Direction == "inbound" && m.From == me && m.To == with
		if !mine && (m.Direction == "inbound" || m.To != me || m.From != with) {
			continue
		}
		b := bubble{SID: m.SID, Mine: mine, Body: m.Body, Status: m.Status, ErrorCode: m.ErrorCode}
		for _, media := range m.Media {
			if strings.HasPrefix(media.ContentType, "image/") { // a contact card or a video is not drawn
				b.Images = append(b.Images, "/phone/media/"+media.SID)
			}
		}
		if mine {
			b.Note = webhookNote(tw.webhooks[with], m.Webhook)
		}
		out = append(out, b)
	}
	return out
}

// webhookNote says how the app took an incoming message.
func webhookNote(target string, d *Delivery) string {
	switch {
	case target == "" && d == nil:
		return "no webhook URL set for this number"
	case d == nil:
		return "posting to the webhook…"
	case d.Err != "":
		return "webhook failed: " + d.Err
	case d.Status >= 300:
		return fmt.Sprintf("webhook answered %d", d.Status)
	}
	return "received by the app"
}
