package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// The authors of messages.
const (
	AuthorShopper = "shopper"
	AuthorAgent   = "agent"
	AuthorAI      = "ai"
	AuthorSystem  = "system" // automatic messages, such as the office-hours reply
)

// Attachment is a file sent with a message (agents' images).
type Attachment struct {
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
	Width       int    `json:"width,omitempty"`
	Height      int    `json:"height,omitempty"`
}

// Card is a product the AI agent shows as a card; URL is its signed,
// tracked link on the storefront (app/productlink).
type Card struct {
	ProductID int64  `json:"product_id"`
	Title     string `json:"title"`
	Price     string `json:"price"`
	Currency  string `json:"currency"`
	ImageURL  string `json:"image_url"`
	URL       string `json:"url"`
}

// The kinds of messages: most are text; an AI message may also ask
// something of the shopper.
const (
	KindText         = "text"
	KindHandoffOffer = "handoff_offer" // "talk to a person?" with Yes / No
	KindSignIn       = "sign_in"       // sign in first (to reach the team, to see orders)
	KindEmail        = "email"         // leave an email for the team to follow up
	KindChoices      = "choices"       // "did you mean X or Y?", each a button (Message.Choices)
)

// Message is one message of a conversation, in the JSON form the widget and
// the event log use (docs/chat-api.md).
type Message struct {
	ID             int64       `db:"id" json:"id"`
	ConversationID int64       `db:"conversation_id" json:"conversation_id"`
	ClientID       *string     `db:"client_id" json:"client_id"`
	Author         string      `db:"author" json:"author"`
	AgentID        *int64      `db:"agent_id" json:"-"`
	AuthorName     string      `db:"author_name" json:"author_name"`
	Body           string      `db:"body" json:"body"`
	Attachments    attachments `db:"attachments" json:"attachments"`
	Cards          cards       `db:"cards" json:"cards"`
	Kind           string      `db:"kind" json:"kind"`
	// Choices are what a KindChoices message offers to pick, each sent as
	// the shopper's next message when picked; empty for other kinds.
	Choices   pq.StringArray `db:"choices" json:"choices"`
	ReplyTo   *int64         `db:"reply_to" json:"reply_to,omitempty"`
	CreatedAt time.Time      `db:"created_at" json:"created_at"`
	SeenAt    *time.Time     `db:"seen_at" json:"seen_at"`
	// SMSStatus is the delivery of a message sent as SMS, as Twilio last
	// reported it (SMSSending before Twilio took it); "" for other
	// messages. SMSError says why it failed, as a reason code the admin
	// words (older rows: English words).
	SMSStatus string `db:"sms_status" json:"-"`
	SMSError  string `db:"sms_error" json:"-"`
	// MediaRefused are the files a person texted with the message that
	// were not kept (see RefusedMedia); empty for other messages.
	MediaRefused refusedMedia `db:"media_refused" json:"-"`
}

// cards scans the jsonb column.
type cards []Card

func (c *cards) Scan(src any) error {
	b, ok := src.([]byte)
	if !ok {
		return fmt.Errorf("cards: unexpected %T", src)
	}
	return json.Unmarshal(b, (*[]Card)(c))
}

// newMessage is a message to insert.
type newMessage struct {
	Author   string
	AgentID  *int64
	ClientID string // "" for none
	Body     string
	Files    []Attachment
	Refused  []RefusedMedia
	Cards    []Card
	Kind     string // "" is KindText
	Choices  []string
	ReplyTo  int64 // the shopper message an AI message answers; 0 for none
}

// attachments scans the jsonb column.
type attachments []Attachment

func (a *attachments) Scan(src any) error {
	b, ok := src.([]byte)
	if !ok {
		return fmt.Errorf("attachments: unexpected %T", src)
	}
	return json.Unmarshal(b, (*[]Attachment)(a))
}

// messageColumns selects a message with its author's name (agents' first
// names; the inbox shows more).
const messageColumns = `m.id, m.conversation_id, m.client_id, m.author, m.agent_id,
	coalesce(a.first_name, '') AS author_name, m.body, m.attachments, m.cards, m.kind, m.choices, m.reply_to, m.created_at, m.seen_at,
	m.sms_status, m.sms_error, m.media_refused`

const messageFrom = ` FROM messages m LEFT JOIN agents a ON a.id = m.agent_id `

// insertMessage adds a message inside tx and returns it as stored. A
// shopper's message records its conversation's profile as its author, which
// scopes its client id to that shopper.
func insertMessage(ctx context.Context, tx *sqlx.Tx, shopID, conversationID int64, n newMessage, now time.Time) (Message, error) {
	if n.Files == nil {
		n.Files = []Attachment{}
	}
	if n.Cards == nil {
		n.Cards = []Card{}
	}
	if n.Refused == nil {
		n.Refused = []RefusedMedia{}
	}
	if n.Kind == "" {
		n.Kind = KindText
	}
	if n.Choices == nil {
		n.Choices = []string{} // pq stores a nil array as NULL
	}
	files, err := json.Marshal(n.Files)
	if err != nil {
		return Message{}, err
	}
	cardsJSON, err := json.Marshal(n.Cards)
	if err != nil {
		return Message{}, err
	}
	refused, err := json.Marshal(n.Refused)
	if err != nil {
		return Message{}, err
	}
	// The message comes back as messageByID reads it, from the same
	// statement: the author's name joined to the inserted row.
	var m Message
	err = tx.GetContext(ctx, &m, `WITH m AS (
		INSERT INTO messages (shop_id, conversation_id, author, agent_id, profile_id, client_id, body, attachments,
			cards, kind, choices, reply_to, created_at, media_refused)
		SELECT v.shop_id, v.id, $3, $4, CASE WHEN $3 = '`+AuthorShopper+`' THEN v.profile_id END, NULLIF($5, ''), $6, $7,
			$8, $9, $10, NULLIF($11, 0), $12, $13
		FROM conversations v WHERE v.shop_id = $1 AND v.id = $2
		RETURNING *)
		SELECT `+messageColumns+` FROM m LEFT JOIN agents a ON a.id = m.agent_id`,
		shopID, conversationID, n.Author, n.AgentID, n.ClientID, n.Body, string(files), string(cardsJSON), n.Kind,
		pq.StringArray(n.Choices), n.ReplyTo, now, string(refused))
	if err != nil {
		return Message{}, notFound(err, "conversation %d", conversationID)
	}
	return m, nil
}

func messageByID(ctx context.Context, q sqlx.QueryerContext, shopID, id int64) (Message, error) {
	var m Message
	err := sqlx.GetContext(ctx, q, &m, `SELECT `+messageColumns+messageFrom+`WHERE m.shop_id = $1 AND m.id = $2`, shopID, id)
	if err != nil {
		return Message{}, notFound(err, "message %d", id)
	}
	return m, nil
}
