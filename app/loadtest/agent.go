package loadtest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hubchat/shopify"
)

// Agent is a staff member with the inbox open in the Shopify admin: every
// request carries a session token signed as Shopify's admin signs them.
type Agent struct {
	target Target
	client *http.Client
	base   string
	userID int64
}

// sessionToken is a fresh session token of the agent (Shopify's last a
// minute; App Bridge fetches a new one for each request).
func (a *Agent) sessionToken() string {
	id := strconv.FormatInt(a.userID, 10)
	tok, err := shopify.SignSessionToken(shopify.SessionTokenParams{
		Shop: a.target.Shop, APIKey: a.target.APIKey, UserID: id, SessionID: "load-" + id, IssuedAt: time.Now(),
	}, a.target.APISecret)
	if err != nil {
		panic(err) // signing an HS256 token with a fixed key cannot fail
	}
	return tok
}

// Reply posts a reply to a ticket from the composer, with its client id.
func (a *Agent) Reply(ctx context.Context, conversationID int64, clientID, body string) error {
	return a.postForm(ctx, "/app/tickets/"+strconv.FormatInt(conversationID, 10)+"/messages",
		url.Values{"client_id": {clientID}, "body": {body}})
}

// postForm posts an admin form as htmx does, with a session token.
func (a *Agent) postForm(ctx context.Context, path string, form url.Values) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+a.sessionToken())
	req.Header.Set("HX-Request", "true")
	return doJSON(a.client, req, nil, http.StatusOK)
}

// Get fetches an admin page with a session token, as a whole page.
func (a *Agent) Get(ctx context.Context, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.base+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+a.sessionToken())
	return doJSON(a.client, req, nil, http.StatusOK)
}

// SetAIAgent turns the shop's AI agent on or off (Settings → AI agent,
// handing off to the inbox), as the merchant's form does.
func (a *Agent) SetAIAgent(ctx context.Context, on bool) error {
	form := url.Values{"handoff": {"inbox"}}
	if on {
		form.Set("enabled", "on")
	}
	return a.postForm(ctx, "/app/settings/ai-agent", form)
}

// Stream is the agent's live stream of the shop's ticket changes.
func (a *Agent) Stream(onEvent func(Event)) *Stream {
	return &Stream{Client: a.client, URL: a.base + "/app/stream", Token: a.sessionToken, OnEvent: onEvent}
}

// liveChange is what the agents' stream says of a change.
type liveChange struct {
	ConversationID int64  `json:"id"`
	Kind           string `json:"kind"`
}

// changeOf decodes an agents' stream event.
func changeOf(e Event) (liveChange, bool) {
	var c liveChange
	return c, e.Name == "hubchat:conversation" && json.Unmarshal(e.Data, &c) == nil && c.ConversationID != 0
}
