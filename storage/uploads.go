package storage

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Upload is an image an agent or a shopper sent in a conversation. Its ID is the random token
// of its public URL, /media/{id}.
type Upload struct {
	ID             string    `db:"id"`
	ShopID         int64     `db:"shop_id"`
	ConversationID int64     `db:"conversation_id"`
	ContentType    string    `db:"content_type"`
	Bytes          []byte    `db:"bytes"`
	CreatedAt      time.Time `db:"created_at"`
}

// Uploads stores the images sent in conversations in PostgreSQL: app instances keep nothing
// on disk, so any of them can serve any image.
type Uploads struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewUploads returns the upload store.
func NewUploads(db *sqlx.DB, now func() time.Time) *Uploads { return &Uploads{db: db, now: now} }

// NewUpload makes an image ready to send under a new random 128-bit token,
// without storing it: PostFromAgent or PostFromShopper stores it with the
// message it belongs to, in that message's shop and conversation. The content type and size are
// checked by the caller; the table accepts only the four image types.
func NewUpload(contentType string, data []byte) (Upload, error) {
	token, err := newToken()
	if err != nil {
		return Upload{}, err
	}
	return Upload{ID: token, ContentType: contentType, Bytes: data}, nil
}

// insertUpload stores u as an image of conversation c, inside tx.
func insertUpload(ctx context.Context, tx *sqlx.Tx, c Conversation, u Upload, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO uploads (id, shop_id, conversation_id, content_type, bytes, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, u.ID, c.ShopID, c.ID, u.ContentType, u.Bytes, now)
	if err != nil {
		return fmt.Errorf("store image: %w", err)
	}
	return nil
}

// ByToken returns the image a public URL names. Unlike the other stores'
// reads it takes no shop: the unguessable token is itself the permission
// (a capability URL), because the shopper's widget on the storefront loads
// the image with no admin session.
func (s *Uploads) ByToken(ctx context.Context, token string) (Upload, error) {
	var u Upload
	err := s.db.GetContext(ctx, &u, `SELECT id, shop_id, conversation_id, content_type, bytes, created_at
		FROM uploads WHERE id = $1`, token)
	if err != nil {
		return Upload{}, notFound(err, "upload")
	}
	return u, nil
}

// newToken is 128 random bits, URL-safe: 22 characters.
func newToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("upload token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
