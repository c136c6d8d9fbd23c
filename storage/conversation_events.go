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

// An SMS conversation's person reads it on their phone, never in the web
// chat's stream, which the same profile may have open: its events are the
// agents' alone.
func emitTo(ctx context.Context, tx *sqlx.Tx, now time.Time, c Conversation, kind, audience string, payload any) error {
	if c.Channel == ChannelSMS {
		audience = AudienceAgents
	}
	_, err := appendEvent(ctx, tx, now, NewEvent{
		ShopID: c.ShopID, Kind: kind, ConversationID: c.ID, ProfileID: c.ProfileID, Audience: audience, Payload: payload,
	})
	return err
}

// emitToShopper appends an event only the conversation's shopper sees.
func emitToShopper(ctx context.Context, tx *sqlx.Tx, now time.Time, c Conversation, kind string, payload any) error {
	return emitTo(ctx, tx, now, c, kind, AudienceShopper, payload)
}

// emitMessage appends a message's event: to the shopper alone while the
// conversation is the AI agent's, to everyone once it is the team's.
func emitMessage(ctx context.Context, tx *sqlx.Tx, now time.Time, c Conversation, m Message) error {
	if c.AIAnswering {
		return emitToShopper(ctx, tx, now, c, "message.created", m)
	}
	return emit(ctx, tx, now, c, "message.created", m)
}

// emitPost appends the events of a shopper's post: a started (or handed
// over) ticket or an updated one for the team, the message, and the
// automatic reply.
func emitPost(ctx context.Context, tx *sqlx.Tx, now time.Time, res PostResult) error {
	c := res.Conversation
	switch {
	case c.AIAnswering:
	case res.Started || res.HandedToTeam:
		if err := emitToAgents(ctx, tx, now, c, "conversation.created", c); err != nil {
			return err
		}
	default:
		if err := emitToAgents(ctx, tx, now, c, "conversation.updated", c); err != nil {
			return err
		}
	}
	for _, m := range append([]Message{res.Message}, res.Automatic...) {
		if err := emitMessage(ctx, tx, now, c, m); err != nil {
			return err
		}
	}
	return nil
}
