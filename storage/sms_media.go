package storage

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// RefusedMedia is a file a person texted that was not kept: its type as
// Twilio gave it and why, as a reason code the admin words.
type RefusedMedia struct {
	ContentType string `json:"content_type"`
	Reason      string `json:"reason"`
}

// refusedMedia scans the jsonb column.
type refusedMedia []RefusedMedia

func (r *refusedMedia) Scan(src any) error {
	b, ok := src.([]byte)
	if !ok {
		return fmt.Errorf("media_refused: unexpected %T", src)
	}
	return json.Unmarshal(b, (*[]RefusedMedia)(r))
}

// SMSMediaLinks are the public links Twilio fetches an agent's picture
// from to send it as MMS. Each is a capability URL: a random 256-bit token
// that opens one upload until it expires. Only the token's SHA-256 is
// stored, so the table alone opens nothing.
type SMSMediaLinks struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewSMSMediaLinks returns the link store.
func NewSMSMediaLinks(db *sqlx.DB, now func() time.Time) *SMSMediaLinks {
	return &SMSMediaLinks{db: db, now: now}
}

// Create makes one link for each of the shop's uploads, valid for ttl, and
// returns their tokens in order; the shop's expired links go at the same
// time. An upload of another shop, or none, is ErrNotFound and makes no
// link.
func (s *SMSMediaLinks) Create(ctx context.Context, shopID int64, uploadIDs []string, ttl time.Duration) ([]string, error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("media links: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	if _, err := tx.ExecContext(ctx, `DELETE FROM sms_media_links WHERE shop_id = $1 AND expires_at <= $2`, shopID, now); err != nil {
		return nil, fmt.Errorf("media links: drop expired: %w", err)
	}
	tokens := make([]string, 0, len(uploadIDs))
	for _, id := range uploadIDs {
		token, err := newLinkToken()
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO sms_media_links (token_hash, shop_id, upload_id, expires_at)
			SELECT $3, u.shop_id, u.id, $4 FROM uploads u WHERE u.shop_id = $1 AND u.id = $2`,
			shopID, id, linkHash(token), now.Add(ttl))
		if err != nil {
			return nil, fmt.Errorf("media link of upload: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil, fmt.Errorf("media link: no such upload of shop %d: %w", shopID, ErrNotFound)
		}
		tokens = append(tokens, token)
	}
	return tokens, tx.Commit()
}

// Open returns the upload a link's token opens while the link has not
// expired; ErrNotFound otherwise (an unknown token and an expired one are
// told apart by nobody). Like Uploads.ByToken it takes no shop: the token
// is the permission, given to Twilio alone.
func (s *SMSMediaLinks) Open(ctx context.Context, token string) (Upload, error) {
	var u Upload
	err := s.db.GetContext(ctx, &u, `SELECT u.id, u.shop_id, u.conversation_id, u.content_type, u.bytes, u.created_at
		FROM sms_media_links l JOIN uploads u ON u.shop_id = l.shop_id AND u.id = l.upload_id
		WHERE l.token_hash = $1 AND l.expires_at > $2`, linkHash(token), s.now())
	if err != nil {
		return Upload{}, notFound(err, "media link")
	}
	return u, nil
}

// MediaLinkTokenLength is the length of a link's token: 256 random bits,
// URL-safe base64.
const MediaLinkTokenLength = 43

func newLinkToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("media link token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func linkHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}
