package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// JobSendSMS sends a message of an SMS conversation to the person's phone
// (payload: SendSMSJob).
const JobSendSMS = "sms.send"

// SendSMSJob is the payload of JobSendSMS.
type SendSMSJob struct {
	MessageID int64 `json:"message_id"`
}

// SMSSending is a message's SMS status from its reply until Twilio takes
// it; SMSFailed when it could not be sent at all. The other statuses are
// Twilio's own words (queued, sent, delivered, undelivered, failed…).
const (
	SMSSending = "sending"
	SMSFailed  = "failed"
)

// smsSendAttempts is how often sending is tried while Twilio is down or
// busy (about 35 s of backoff in all) before the agents are told it failed:
// a reply that waits longer is better written again.
const smsSendAttempts = 4

// smsFinal are the statuses a later, out-of-order callback does not undo.
const smsFinal = `('delivered', 'undelivered', 'failed', 'read', 'canceled')`

// queueSMS marks a message of an SMS conversation as sending and queues the
// job that sends it, inside the reply's transaction.
func queueSMS(ctx context.Context, tx *sqlx.Tx, c Conversation, m Message, now time.Time) (Message, error) {
	_, err := tx.ExecContext(ctx, `UPDATE messages SET sms_status = $3 WHERE shop_id = $1 AND id = $2`, c.ShopID, m.ID, SMSSending)
	if err != nil {
		return Message{}, fmt.Errorf("queue SMS of message %d: %w", m.ID, err)
	}
	if _, err := enqueueJob(ctx, tx, now, NewJob{Kind: JobSendSMS, ShopID: c.ShopID, Payload: SendSMSJob{MessageID: m.ID}, MaxAttempts: smsSendAttempts}); err != nil {
		return Message{}, err
	}
	m.SMSStatus = SMSSending
	return m, nil
}

// checkSMSAllowed refuses a reply in an SMS conversation whose person
// replied STOP (ErrSMSOptedOut); other conversations pass.
func checkSMSAllowed(ctx context.Context, tx *sqlx.Tx, c Conversation) error {
	if c.Channel != ChannelSMS {
		return nil
	}
	var out bool
	err := tx.GetContext(ctx, &out, `SELECT sms_opted_out_at IS NOT NULL FROM profiles WHERE shop_id = $1 AND id = $2`, c.ShopID, c.ProfileID)
	if err != nil {
		return notFound(err, "profile %d", c.ProfileID)
	}
	if out {
		return fmt.Errorf("reply to conversation %d: %w", c.ID, ErrSMSOptedOut)
	}
	return nil
}

// SMSOutgoing is a message to send as SMS, with where it goes.
type SMSOutgoing struct {
	Message
	Phone  string `db:"phone"`  // the person's number
	Domain string `db:"domain"` // the shop's, which names its status callback URL
	SID    string `db:"sid"`    // Twilio's id once sent; "" before
}

// SMSOutgoing returns one of the shop's messages to send as SMS.
func (s *Conversations) SMSOutgoing(ctx context.Context, shopID, messageID int64) (SMSOutgoing, error) {
	var out SMSOutgoing
	err := s.db.GetContext(ctx, &out, `SELECT `+messageColumns+`, p.phone, sh.domain, coalesce(m.sms_sid, '') AS sid`+messageFrom+`
		JOIN conversations c ON c.shop_id = m.shop_id AND c.id = m.conversation_id
		JOIN profiles p ON p.shop_id = c.shop_id AND p.id = c.profile_id
		JOIN shops sh ON sh.id = m.shop_id
		WHERE m.shop_id = $1 AND m.id = $2 AND c.channel = '`+ChannelSMS+`'`, shopID, messageID)
	if err != nil {
		return SMSOutgoing{}, notFound(err, "SMS message %d", messageID)
	}
	return out, nil
}

// RecordSMSSent stores what sending a message gave: Twilio's id and status,
// or SMSFailed and why. The ticket's agents see the change.
func (s *Conversations) RecordSMSSent(ctx context.Context, shopID, messageID int64, sid, status, failure string) error {
	return s.recordSMS(ctx, shopID, sid, status, failure, `m.id = $5`, messageID)
}

// RecordSMSStatus stores a status Twilio reports for the message it knows
// by sid. A final status (delivered, undelivered, failed…) is not undone by
// a callback that arrives after it out of order. ErrNotFound when the shop
// has no such message.
func (s *Conversations) RecordSMSStatus(ctx context.Context, shopID int64, sid, status, failure string) error {
	return s.recordSMS(ctx, shopID, sid, status, failure, `m.sms_sid = $2 AND (m.sms_status NOT IN `+smsFinal+` OR $3 IN `+smsFinal+`)`)
}

// recordSMS updates the message where says ($5… are extra), and tells the
// ticket's agents.
func (s *Conversations) recordSMS(ctx context.Context, shopID int64, sid, status, failure, where string, extra ...any) error {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return fmt.Errorf("record SMS status: %w", err)
	}
	defer tx.Rollback()
	var ids struct {
		ConversationID int64 `db:"conversation_id"`
	}
	err = tx.GetContext(ctx, &ids, `UPDATE messages m SET sms_sid = coalesce(NULLIF($2, ''), m.sms_sid),
			sms_status = $3, sms_error = $4
		WHERE m.shop_id = $1 AND `+where+` RETURNING m.conversation_id`, append([]any{shopID, sid, status, failure}, extra...)...)
	if err != nil {
		return notFound(err, "SMS message %s", sid)
	}
	c, err := conversationByID(ctx, tx, shopID, ids.ConversationID, false)
	if err != nil {
		return err
	}
	if err := emitToAgents(ctx, tx, s.now(), c, "message.sms_status", map[string]string{"status": status}); err != nil {
		return err
	}
	return tx.Commit()
}

// PostSMSAutomatic adds an automatic message (such as the answer to HELP)
// to an SMS conversation and queues it to be texted, unless the person
// opted out (ErrSMSOptedOut).
func (s *Conversations) PostSMSAutomatic(ctx context.Context, shopID, conversationID int64, body string) (Message, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return Message{}, fmt.Errorf("automatic SMS: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	c, err := conversationByID(ctx, tx, shopID, conversationID, true)
	if err != nil {
		return Message{}, err
	}
	if c.Channel != ChannelSMS {
		return Message{}, fmt.Errorf("automatic SMS in conversation %d of channel %s: %w", c.ID, c.Channel, ErrInvalid)
	}
	if err := checkSMSAllowed(ctx, tx, c); err != nil {
		return Message{}, err
	}
	m, err := insertMessage(ctx, tx, shopID, c.ID, newMessage{Author: AuthorSystem, Body: body}, now)
	if err != nil {
		return Message{}, err
	}
	if m, err = queueSMS(ctx, tx, c, m, now); err != nil {
		return Message{}, err
	}
	if err := emitToAgents(ctx, tx, now, c, "message.created", m); err != nil {
		return Message{}, err
	}
	return m, tx.Commit()
}
