package admin

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/realtime"
	"hubchat/app/web"
	"hubchat/storage"
)

// LiveEvent is the name of the DOM event the admin's live connection
// dispatches for every change to a ticket (htmx's SSE extension turns each
// named server-sent event into one). Pages listen with
// hx-trigger="hubchat:conversation from:#live" and re-fetch what they show.
const LiveEvent = "hubchat:conversation"

// StreamServer serves a live stream of events.
type StreamServer interface {
	Serve(c *fiber.Ctx, who realtime.Caller, f realtime.Filter, lastEventID string, encode realtime.Encoder) error
}

// liveChange is what a page learns of a change: which ticket, and how.
type liveChange struct {
	ConversationID int64  `json:"id"`
	Kind           string `json:"kind"`
}

// liveTyping is what a page learns of a shopper's typing.
type liveTyping struct {
	ConversationID int64 `json:"id"`
	Typing         bool  `json:"typing"`
}

// Stream serves GET /app/stream: the shop's changes, for the agents' pages.
// It carries only which ticket changed: each page fetches what it shows
// itself, through the same handlers as a reload, so there is one way to
// render a row or a thread. After a realtime.ResetEvent (the log no longer
// reaches back to the page's Last-Event-ID) every part re-fetches itself.
// An agent holds a few streams at most (realtime.MaxAgentStreams).
func (h *Handlers) Stream(c *fiber.Ctx) error {
	return h.Streams.Serve(c, realtime.AgentCaller(web.AgentID(c)), realtime.Agents(web.ShopID(c)),
		c.Get("Last-Event-ID"), encodeLive)
}

// encodeLive names each event for the page: a typing notice (not in the
// log) as TypingEvent, with whether the shopper types; every other change
// as LiveEvent.
func encodeLive(e storage.Event) (string, []byte, bool) {
	if e.ConversationID == 0 {
		return "", nil, false
	}
	if e.Kind == storage.TypingKind {
		var t struct {
			Typing bool `json:"typing"`
		}
		if json.Unmarshal(e.Payload, &t) != nil {
			return "", nil, false
		}
		data, err := json.Marshal(liveTyping{ConversationID: e.ConversationID, Typing: t.Typing})
		return TypingEvent, data, err == nil
	}
	data, err := json.Marshal(liveChange{ConversationID: e.ConversationID, Kind: e.Kind})
	return LiveEvent, data, err == nil
}
