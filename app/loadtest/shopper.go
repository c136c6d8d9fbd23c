package loadtest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"hubchat/shopify"
)

// proxyPrefix is the app proxy's storefront path the signed query names.
const proxyPrefix = "/apps/hubchat"

// Shopper is a signed-in customer's chat widget.
type Shopper struct {
	target     Target
	client     *http.Client
	base       string // the instance its requests go to
	customerID int64

	// Token and EventID (the state's event_id: the stream starts from it)
	// come from the session.
	Token   string
	EventID int64
}

// sessionAnswer is the part of POST {proxy}/session the widget reads here.
type sessionAnswer struct {
	Token   string `json:"token"`
	APIBase string `json:"api_base"`
	State   struct {
		EventID int64 `json:"event_id"`
	} `json:"state"`
}

// Session asks for a shopper token through the app proxy, signed as
// Shopify signs the proxied request of a signed-in customer.
func (s *Shopper) Session(ctx context.Context) error {
	q := url.Values{
		"shop":                  {s.target.Shop},
		"path_prefix":           {proxyPrefix},
		"timestamp":             {strconv.FormatInt(time.Now().Unix(), 10)},
		"logged_in_customer_id": {strconv.FormatInt(s.customerID, 10)},
	}
	q.Set("signature", shopify.SignAppProxy(q, s.target.APISecret))
	req, err := newJSONRequest(ctx, s.base+"/proxy/session?"+q.Encode(), map[string]string{})
	if err != nil {
		return err
	}
	var a sessionAnswer
	if err := doJSON(s.client, req, &a, http.StatusOK); err != nil {
		return err
	}
	s.Token, s.EventID = a.Token, a.State.EventID
	return nil
}

// PostAnswer is the part of a sent message's answer the tool reads.
type PostAnswer struct {
	Message      Message `json:"message"`
	Conversation struct {
		ID int64 `json:"id"`
	} `json:"conversation"`
}

// Message is the part of the API's Message the tool reads.
type Message struct {
	ID             int64   `json:"id"`
	ConversationID int64   `json:"conversation_id"`
	ClientID       *string `json:"client_id"`
	Author         string  `json:"author"`
	ReplyTo        int64   `json:"reply_to"` // AI messages: the shopper's message answered
}

// Post sends a message with its client id; the answer is 201 (or 200 for
// a retry of the same id). A shopper may post from several goroutines at
// once, as from several tabs.
func (s *Shopper) Post(ctx context.Context, clientID, body string) (PostAnswer, error) {
	var a PostAnswer
	req, err := newJSONRequest(ctx, s.base+"/api/storefront/messages",
		map[string]string{"client_id": clientID, "body": body, "language": "en"})
	if err != nil {
		return a, err
	}
	req.Header.Set("Authorization", "Bearer "+s.Token)
	return a, doJSON(s.client, req, &a, http.StatusCreated, http.StatusOK)
}

// Stream is the shopper's live stream from the state's event id.
func (s *Shopper) Stream(onEvent func(Event)) *Stream {
	return &Stream{Client: s.client, URL: s.base + "/api/storefront/stream",
		Token: func() string { return s.Token }, OnEvent: onEvent}
}

// messageOf decodes a message.created event's Message.
func messageOf(e Event) (Message, bool) {
	if e.Name != "message.created" {
		return Message{}, false
	}
	var m Message
	return m, json.Unmarshal(e.Data, &m) == nil && m.ID != 0
}
