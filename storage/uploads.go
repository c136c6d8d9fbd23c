package storage

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Upload is an image an agent sent in a ticket. Its ID is the random token
// of its public URL, /media/{id}.
type Upload struct {
	ID             string    `db:"id"`
	ShopID         int64     `db:"shop_id"`
	ConversationID int64     `db:"conversation_id"`
	ContentType    string    `db:"content_type"`
	Bytes          []byte    `db:"bytes"`
	CreatedAt      time.Time `db:"created_at"`
}

// Uploads stores agents' images in PostgreSQL: app instances keep nothing
// on disk, so any of them can serve any image.
type Uploads struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewUploads returns the upload store.
func NewUploads(db *sqlx.DB, now func() time.Time) *Uploads { return &Uploads{db: db, now: now} }

// Create stores an image of one of the shop's conversations under a new
// random 128-bit token. The content type and size are checked by the
// caller; the table accepts only the four image types.
func (s *Uploads) Create(ctx context.Context, shopID, conversationID int64, contentType string, data []byte) (Upload, error) {
	token, err := newToken()
	if err != nil {
		return Upload{}, err
	}
	var u Upload
	err = s.db.GetContext(ctx, &u, `INSERT INTO uploads (id, shop_id, conversation_id, content_type, bytes, created_at)
		SELECT $1, $2, v.id, $4, $5, $6 FROM conversations v WHERE v.shop_id = $2 AND v.id = $3
		RETURNING id, shop_id, conversation_id, content_type, bytes, created_at`,
		token, shopID, conversationID, contentType, data, s.now())
	if err != nil {
		return Upload{}, notFound(err, "conversation %d", conversationID)
	}
	return u, nil
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
