package storage

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// emit appends an event about conversation c that its shopper and the
// shop's agents see.
func emit(ctx context.Context, tx *sqlx.Tx, now time.Time, c Conversation, kind string, payload any) error {
	return emitTo(ctx, tx, now, c, kind, "all", payload)
}

// emitToAgents appends an event only the shop's agents see.
func emitToAgents(ctx context.Context, tx *sqlx.Tx, now time.Time, c Conversation, kind string, payload any) error {
	return emitTo(ctx, tx, now, c, kind, "agents", payload)
}

// emitTo appends an event about c for audience.
func emitTo(ctx context.Context, tx *sqlx.Tx, now time.Time, c Conversation, kind, audience string, payload any) error {
	_, err := appendEvent(ctx, tx, now, conversationEvent(c, kind, audience, payload))
	return err
}

// conversationEvent is an event about c for audience. An SMS
// conversation's person reads it on their phone, never in the web chat's
// stream, which the same profile may have open: its events are the agents'
// alone.
func conversationEvent(c Conversation, kind, audience string, payload any) NewEvent {
	if c.Channel == ChannelSMS {
		audience = AudienceAgents
	}
	return NewEvent{ShopID: c.ShopID, Kind: kind, ConversationID: c.ID, ProfileID: c.ProfileID, Audience: audience, Payload: payload}
}

// emitToShopper appends an event only the conversation's shopper sees.
func emitToShopper(ctx context.Context, tx *sqlx.Tx, now time.Time, c Conversation, kind string, payload any) error {
	return emitTo(ctx, tx, now, c, kind, AudienceShopper, payload)
}

// emitMessage appends a message's event (messageEvent).
func emitMessage(ctx context.Context, tx *sqlx.Tx, now time.Time, c Conversation, m Message) error {
	_, err := appendEvent(ctx, tx, now, messageEvent(c, m))
	return err
}

// messageEvent is a message's event: to the shopper alone while the
// conversation is the AI agent's, to everyone once it is the team's.
func messageEvent(c Conversation, m Message) NewEvent {
	if c.AIAnswering {
		return conversationEvent(c, "message.created", AudienceShopper, m)
	}
	return conversationEvent(c, "message.created", AudienceAll, m)
}

// postEvents are the events of a shopper's post, in their order: a
// started (or handed over) ticket or an updated one for the team, the
// message, and the automatic reply. The post's batch appends them
// (writePosts), with the other posts' events, in one statement.
func postEvents(res PostResult) []NewEvent {
	c := res.Conversation
	var events []NewEvent
	switch {
	case c.AIAnswering:
	case res.Started || res.HandedToTeam:
		events = append(events, conversationEvent(c, "conversation.created", AudienceAgents, c))
	default:
		events = append(events, conversationEvent(c, "conversation.updated", AudienceAgents, c))
	}
	for _, m := range append([]Message{res.Message}, res.Automatic...) {
		events = append(events, messageEvent(c, m))
	}
	return events
}
