package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// A shopper's post is decided on the shop's settings (the AI agent's, its
// texts', the chat's) before it is written. Read through the pool for
// every post, they cost six round trips a message; the conversation core
// keeps them per shop instead, and each post carries the versions it was
// decided on. Its batch checks them in one statement for all its shops: a
// post decided on settings saved over since, by any instance, is not
// written and fails with ErrSettingsChanged, and the core decides it again
// on what is stored now. A save that commits while the batch is being
// written is no different from one that commits just after a post read the
// settings through the pool: the post was decided on the settings current
// when it was sent.

// settingsVersion is a settings row's version: its xmin, the transaction
// that wrote it last, which every save, from any instance, changes (a
// normal transaction id is never 0 or negative).
const settingsVersion = `xmin::text::bigint AS version`

// NoSettingsRow is the version of a shop's settings that are the defaults
// (no row saved).
const NoSettingsRow int64 = -1

// ErrSettingsChanged says the settings a post was decided on were saved
// over before it was written: nothing was stored; decide it again.
var ErrSettingsChanged = fmt.Errorf("the shop's settings changed: %w", ErrConflict)

// SettingsVersions are the versions of the shop's settings a post was
// decided on (the Version of ChatSettings, AISettings, SMSAISettings). A
// zero version is not checked: the post did not depend on those settings,
// or its reader did not say.
type SettingsVersions struct {
	Chat  int64 `db:"chat"`
	AI    int64 `db:"ai"`
	SMSAI int64 `db:"smsai"`
}

// stale says whether v differs from the current versions in a checked one.
func (v SettingsVersions) stale(current SettingsVersions) bool {
	differs := func(had, now int64) bool { return had != 0 && had != now }
	return differs(v.Chat, current.Chat) || differs(v.AI, current.AI) || differs(v.SMSAI, current.SMSAI)
}

// checkSettings fails, and marks done, the posts of the batch decided on
// settings saved over since, and every later write of the same shopper in
// the batch (so that none overtakes it; agents' replies go on). It runs first in a batch's
// transaction, before the shop wall is set, so one statement reads the
// versions of every shop of the batch (a post alone has them read by the
// statement that joins it, or by this one when it joins nothing). The statement has no parameters
// (the shop ids are numbers formatted here), so it goes with the
// transaction's BEGIN in one round trip (storage/prepared), and with then,
// statements without parameters to run after it (none when ""), which run
// alone when no post carries settings to check.
func checkSettings(ctx context.Context, tx *sqlx.Tx, writes []batchedWrite, outs []postOutcome, done []bool, then string) error {
	var shops []int64
	seen := map[int64]bool{}
	for _, w := range writes {
		if w.post.Settings != (SettingsVersions{}) && !seen[w.shopID] {
			seen[w.shopID] = true
			shops = append(shops, w.shopID)
		}
	}
	if len(shops) == 0 {
		if then == "" {
			return nil
		}
		_, err := tx.ExecContext(ctx, then)
		return err
	}
	var rows []struct {
		ShopID int64 `db:"shop_id"`
		SettingsVersions
	}
	if err := tx.SelectContext(ctx, &rows, `SELECT s.id AS shop_id, `+settingsVersionsOf("s.id")+`
		FROM unnest(`+bigintArray(shops)+`) AS s(id); `+then); err != nil {
		return fmt.Errorf("check settings: %w", err)
	}
	current := map[int64]SettingsVersions{}
	for _, r := range rows {
		current[r.ShopID] = r.SettingsVersions
	}
	stopped := map[int64]bool{} // shoppers with a stale post earlier in the batch
	for i, w := range writes {
		if stopped[w.profileID] || w.post.Settings.stale(current[w.shopID]) {
			stopped[w.profileID] = true
			outs[i], done[i] = postOutcome{err: fmt.Errorf("post message in shop %d: %w", w.shopID, ErrSettingsChanged)}, true
		}
	}
	return nil
}

// settingsVersionsOf is the versions of the settings of the shop whose id
// is the SQL expression shop, as the columns chat, ai and smsai
// (SettingsVersions).
func settingsVersionsOf(shop string) string {
	return `coalesce((SELECT xmin::text::bigint FROM chat_settings c WHERE c.shop_id = ` + shop + `), -1) AS chat,
		coalesce((SELECT xmin::text::bigint FROM ai_settings a WHERE a.shop_id = ` + shop + `), -1) AS ai,
		coalesce((SELECT xmin::text::bigint FROM sms_ai_settings m WHERE m.shop_id = ` + shop + `), -1) AS smsai`
}

// bigintArray is ids as an SQL array literal, for a statement sent without
// parameters: numbers formatted here, never text from a request.
func bigintArray(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return "ARRAY[" + strings.Join(parts, ",") + "]::bigint[]"
}
