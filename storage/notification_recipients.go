package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// NotificationRecipient is a team address that is emailed about each new
// ticket (Settings → Notifications).
type NotificationRecipient struct {
	ID        int64     `db:"id"`
	ShopID    int64     `db:"shop_id"`
	Email     string    `db:"email"`
	CreatedAt time.Time `db:"created_at"`
}

// NotificationRecipients stores the shops' notification addresses.
type NotificationRecipients struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewNotificationRecipients returns the notification address store.
func NewNotificationRecipients(db *sqlx.DB, now func() time.Time) *NotificationRecipients {
	return &NotificationRecipients{db: db, now: now}
}

const recipientColumns = `id, shop_id, email, created_at`

// List returns the shop's addresses in the order they were added.
func (s *NotificationRecipients) List(ctx context.Context, shopID int64) ([]NotificationRecipient, error) {
	out := []NotificationRecipient{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+recipientColumns+` FROM notification_recipients
		WHERE shop_id = $1 ORDER BY created_at, id`, shopID)
	if err != nil {
		return nil, fmt.Errorf("notification recipients of shop %d: %w", shopID, err)
	}
	return out, nil
}

// Add puts email, already validated, on the shop's list. An address already
// there (in any capitalisation) is a Conflict, and so is a list that already
// holds max addresses.
func (s *NotificationRecipients) Add(ctx context.Context, shopID int64, email string, max int) (NotificationRecipient, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return NotificationRecipient{}, fmt.Errorf("add notification recipient: %w", err)
	}
	defer tx.Rollback()
	// Two adds at once must not both see room for one more: they take the
	// shop's row in turn. NO KEY UPDATE leaves inserts referencing the shop
	// (which take KEY SHARE) unblocked.
	if _, err := tx.ExecContext(ctx, `SELECT 1 FROM shops WHERE id = $1 FOR NO KEY UPDATE`, shopID); err != nil {
		return NotificationRecipient{}, fmt.Errorf("lock shop %d: %w", shopID, err)
	}
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM notification_recipients WHERE shop_id = $1`, shopID); err != nil {
		return NotificationRecipient{}, fmt.Errorf("count notification recipients: %w", err)
	}
	if n >= max {
		return NotificationRecipient{}, fmt.Errorf("notification recipients: %d already: %w", max, ErrListFull)
	}
	var r NotificationRecipient
	err = tx.GetContext(ctx, &r, `INSERT INTO notification_recipients (shop_id, email, created_at)
		VALUES ($1, $2, $3) RETURNING `+recipientColumns, shopID, email, s.now())
	if isUniqueViolation(err) {
		return NotificationRecipient{}, fmt.Errorf("notification recipient already listed: %w", ErrConflict)
	}
	if err != nil {
		return NotificationRecipient{}, notFound(err, "add notification recipient to shop %d", shopID)
	}
	return r, tx.Commit()
}

// Remove takes one of the shop's addresses off the list; an id that is not
// the shop's is NotFound.
func (s *NotificationRecipients) Remove(ctx context.Context, shopID, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM notification_recipients WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return fmt.Errorf("remove notification recipient %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("notification recipient %d: %w", id, ErrNotFound)
	}
	return nil
}
