package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ForVisitor returns the profile of an anonymous visitor, found by the
// random key their browser keeps, creating it on their first chat.
func (s *Profiles) ForVisitor(ctx context.Context, shopID int64, visitorKey string) (Profile, error) {
	var p Profile
	err := s.db.GetContext(ctx, &p, `
		INSERT INTO profiles (shop_id, visitor_key, created_at, updated_at) VALUES ($1, $2, $3, $3)
		ON CONFLICT (shop_id, visitor_key) WHERE visitor_key IS NOT NULL DO UPDATE SET visitor_key = EXCLUDED.visitor_key
		RETURNING `+profileColumns, shopID, visitorKey, s.now())
	if err != nil {
		return Profile{}, fmt.Errorf("profile of a visitor in shop %d: %w", shopID, err)
	}
	return p, nil
}

// TakeVisitorsConversation gives a customer who has just signed in the
// conversation they were having as an anonymous visitor (the browser's
// visitor key), with its messages, when it is going on and they have none
// going on themselves; it reports whether it did. The visitor's profile
// keeps nothing of it.
func (s *Profiles) TakeVisitorsConversation(ctx context.Context, shopID, customerProfileID int64, visitorKey string) (bool, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return false, fmt.Errorf("take a visitor's conversation: %w", err)
	}
	defer tx.Rollback()
	var convID int64
	err = tx.GetContext(ctx, &convID, `
		SELECT v.id FROM conversations v JOIN profiles p ON p.id = v.profile_id
		WHERE v.shop_id = $1 AND p.visitor_key = $2 AND p.shopify_customer_id IS NULL AND v.status <> 'closed'
			AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.profile_id = $3 AND o.channel = v.channel AND o.status <> 'closed')
		FOR UPDATE OF v`, shopID, visitorKey, customerProfileID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("find a visitor's conversation: %w", err)
	}
	for _, stmt := range []string{
		`UPDATE conversations SET profile_id = $3 WHERE shop_id = $1 AND id = $2`,
		`UPDATE messages SET profile_id = $3 WHERE shop_id = $1 AND conversation_id = $2 AND profile_id IS NOT NULL`,
		`UPDATE events SET profile_id = $3 WHERE shop_id = $1 AND conversation_id = $2`,
		`UPDATE thread_events SET profile_id = $3 WHERE shop_id = $1 AND conversation_id = $2`,
	} {
		if _, err := tx.ExecContext(ctx, stmt, shopID, convID, customerProfileID); err != nil {
			return false, fmt.Errorf("move conversation %d to profile %d: %w", convID, customerProfileID, err)
		}
	}
	return true, tx.Commit()
}

// LeaveEmail stores the email address a shopper left for the team to
// follow up, on a profile that has none (a customer's own address, from
// Shopify, is never replaced).
func (s *Profiles) LeaveEmail(ctx context.Context, shopID, profileID int64, email string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE profiles SET email = $3, updated_at = $4
		WHERE shop_id = $1 AND id = $2 AND email = ''`, shopID, profileID, email, s.now())
	if err != nil {
		return fmt.Errorf("leave email on profile %d: %w", profileID, err)
	}
	return nil
}
