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

func emitTo(ctx context.Context, tx *sqlx.Tx, now time.Time, c Conversation, kind, audience string, payload any) error {
	_, err := appendEvent(ctx, tx, now, NewEvent{
		ShopID: c.ShopID, Kind: kind, ConversationID: c.ID, ProfileID: c.ProfileID, Audience: audience, Payload: payload,
	})
	return err
}

// emitPost appends the events of a shopper's post: a started conversation,
// the message, and the automatic reply.
func emitPost(ctx context.Context, tx *sqlx.Tx, now time.Time, res PostResult) error {
	c := res.Conversation
	if res.Started {
		if err := emitToAgents(ctx, tx, now, c, "conversation.created", c); err != nil {
			return err
		}
	} else if err := emitToAgents(ctx, tx, now, c, "conversation.updated", c); err != nil {
		return err
	}
	for _, m := range append([]Message{res.Message}, res.Automatic...) {
		if err := emit(ctx, tx, now, c, "message.created", m); err != nil {
			return err
		}
	}
	return nil
}
