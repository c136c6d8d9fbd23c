package storage

import (
	"context"
	"fmt"
)

// QuotesMessages reports whether the shop chose to have the new-ticket email
// quote the shopper's first message (Settings → Notifications). A shop that
// never chose has it off: the email then carries a link and a summary only.
func (s *NotificationRecipients) QuotesMessages(ctx context.Context, shopID int64) (bool, error) {
	var on []bool
	if err := s.db.SelectContext(ctx, &on, `SELECT quote_messages FROM notification_settings WHERE shop_id = $1`, shopID); err != nil {
		return false, fmt.Errorf("notification settings of shop %d: %w", shopID, err)
	}
	return len(on) == 1 && on[0], nil
}

// SetQuotesMessages records the shop's choice; a shop that is gone is
// ErrNotFound.
func (s *NotificationRecipients) SetQuotesMessages(ctx context.Context, shopID int64, on bool) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO notification_settings (shop_id, quote_messages, updated_at)
		VALUES ($1, $2, $3)
		ON CONFLICT (shop_id) DO UPDATE SET quote_messages = EXCLUDED.quote_messages, updated_at = EXCLUDED.updated_at`,
		shopID, on, s.now())
	if foreignKeyViolation(err) {
		return fmt.Errorf("notification settings of shop %d: %w", shopID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("save notification settings of shop %d: %w", shopID, err)
	}
	return nil
}
