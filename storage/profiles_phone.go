package storage

import (
	"context"
	"fmt"
)

// ForPhone returns the shop's profile for an SMS sender's number (E.164,
// checked by the caller): the synced customer whose phone is that number,
// the most recently synced when several are, else a profile of the number
// alone, created on first sight. Concurrent calls for one new number create
// one profile: a lock on the shop and number is held until the transaction
// ends.
func (s *Profiles) ForPhone(ctx context.Context, shopID int64, phone string) (Profile, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return Profile{}, fmt.Errorf("profile of a phone number: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, int32(shopID), phone); err != nil {
		return Profile{}, fmt.Errorf("profile of a phone number: lock: %w", err)
	}
	var found []Profile
	err = tx.SelectContext(ctx, &found, `SELECT `+profileColumns+` FROM profiles
		WHERE shop_id = $1 AND phone <> '' AND regexp_replace(phone, '[^0-9+]', '', 'g') = $2
		ORDER BY shopify_customer_id IS NULL, synced_at DESC NULLS LAST, id LIMIT 1`, shopID, phone)
	if err != nil {
		return Profile{}, fmt.Errorf("find the profile of a phone number in shop %d: %w", shopID, err)
	}
	if len(found) == 1 {
		return found[0], tx.Commit()
	}
	var p Profile
	err = tx.GetContext(ctx, &p, `INSERT INTO profiles (shop_id, phone, created_at, updated_at)
		VALUES ($1, $2, $3, $3) RETURNING `+profileColumns, shopID, phone, s.now())
	if err != nil {
		return Profile{}, fmt.Errorf("create the profile of a phone number in shop %d: %w", shopID, err)
	}
	return p, tx.Commit()
}

// SetSMSOptOut records that the person replied STOP (out) or START (not
// out) to the shop's texts; a repeated STOP keeps the first time.
func (s *Profiles) SetSMSOptOut(ctx context.Context, shopID, profileID int64, out bool) error {
	_, err := s.db.ExecContext(ctx, `UPDATE profiles SET sms_opted_out_at = CASE WHEN $3 THEN coalesce(sms_opted_out_at, $4) END,
		updated_at = $4 WHERE shop_id = $1 AND id = $2`, shopID, profileID, out, s.now())
	if err != nil {
		return fmt.Errorf("SMS opt-out of profile %d: %w", profileID, err)
	}
	return nil
}
