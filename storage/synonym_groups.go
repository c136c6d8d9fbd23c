package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// The bounds of the merchant's synonyms.
const (
	MinSynonymWords     = 2   // a group says two things are one
	MaxSynonymWords     = 20  // words or phrases in one group
	MaxSynonymChars     = 60  // characters in one word or phrase
	MaxSynonymGroupsPer = 200 // groups in one shop
)

// SynonymProblem is why a group cannot be stored as written; it wraps
// ErrInvalid (errors.Is(err, ErrInvalid)), and the caller words it.
type SynonymProblem struct {
	Reason SynonymReason
	Word   string // the word at fault, for SynonymTooLong
}

// SynonymReason tells the problems of a synonym group apart.
type SynonymReason string

// The reasons.
const (
	SynonymTooFew  SynonymReason = "too_few"  // fewer than MinSynonymWords different words
	SynonymTooMany SynonymReason = "too_many" // more than MaxSynonymWords
	SynonymTooLong SynonymReason = "too_long" // a word longer than MaxSynonymChars
)

func (p *SynonymProblem) Error() string {
	if p.Word != "" {
		return fmt.Sprintf("synonym group: %s: %q", p.Reason, p.Word)
	}
	return fmt.Sprintf("synonym group: %s", p.Reason)
}

// Unwrap makes a problem an ErrInvalid.
func (p *SynonymProblem) Unwrap() error { return ErrInvalid }

// CleanSynonyms is a group as stored: each word trimmed, its spaces
// collapsed, empty words dropped, and the second of two words equal but
// for case dropped. A group left with too few or too many words, or with a
// word too long, is a *SynonymProblem.
func CleanSynonyms(words []string) ([]string, error) {
	out := make([]string, 0, len(words))
	seen := map[string]bool{}
	for _, w := range words {
		w = strings.Join(strings.Fields(w), " ")
		if w == "" || seen[strings.ToLower(w)] {
			continue
		}
		if utf8.RuneCountInString(w) > MaxSynonymChars {
			return nil, &SynonymProblem{Reason: SynonymTooLong, Word: w}
		}
		seen[strings.ToLower(w)] = true
		out = append(out, w)
	}
	switch {
	case len(out) < MinSynonymWords:
		return nil, &SynonymProblem{Reason: SynonymTooFew}
	case len(out) > MaxSynonymWords:
		return nil, &SynonymProblem{Reason: SynonymTooMany}
	}
	return out, nil
}

// ErrTooManySynonymGroups: the shop has MaxSynonymGroupsPer groups.
var ErrTooManySynonymGroups = fmt.Errorf("the shop has %d synonym groups: %w", MaxSynonymGroupsPer, ErrListFull)

// SynonymGroups stores the merchants' synonym groups. Every change raises
// the shop's knowledge version (a trigger), so the engines' indexes follow.
type SynonymGroups struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewSynonymGroups returns the synonym store.
func NewSynonymGroups(db *sqlx.DB, now func() time.Time) *SynonymGroups {
	return &SynonymGroups{db: db, now: now}
}

// All lists the shop's groups, oldest first.
func (s *SynonymGroups) All(ctx context.Context, shopID int64) ([]SynonymGroup, error) {
	return synonymGroups(ctx, s.db, shopID)
}

func synonymGroups(ctx context.Context, q sqlx.QueryerContext, shopID int64) ([]SynonymGroup, error) {
	out := []SynonymGroup{}
	if err := sqlx.SelectContext(ctx, q, &out, `SELECT id, words FROM synonym_groups WHERE shop_id = $1 ORDER BY id`, shopID); err != nil {
		return nil, fmt.Errorf("synonym groups of shop %d: %w", shopID, err)
	}
	return out, nil
}

// Get returns one of the shop's groups; another shop's id is NotFound.
func (s *SynonymGroups) Get(ctx context.Context, shopID, id int64) (SynonymGroup, error) {
	var g SynonymGroup
	err := s.db.GetContext(ctx, &g, `SELECT id, words FROM synonym_groups WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return SynonymGroup{}, notFound(err, "synonym group %d", id)
	}
	return g, nil
}

// Create adds a group of the words, cleaned (CleanSynonyms). A shop that
// has MaxSynonymGroupsPer groups takes no more: ErrTooManySynonymGroups;
// an unknown shop is NotFound.
func (s *SynonymGroups) Create(ctx context.Context, shopID int64, words []string) (SynonymGroup, error) {
	clean, err := CleanSynonyms(words)
	if err != nil {
		return SynonymGroup{}, err
	}
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return SynonymGroup{}, fmt.Errorf("create synonym group: %w", err)
	}
	defer tx.Rollback()
	// Locking the shop's row makes two creations at once count one after
	// the other (the trigger would lock it anyway). The count is a
	// statement of its own, after the lock: its snapshot then holds the
	// group of the creation it waited for. Counted in the locking
	// statement, it was read before the wait, and once PostgreSQL kept a
	// generic plan for the statement (its sixth run on a connection)
	// creations at once went past the cap.
	var n int
	if err := tx.GetContext(ctx, &n, `SELECT 0 FROM shops WHERE id = $1 FOR UPDATE`, shopID); err != nil {
		return SynonymGroup{}, notFound(err, "shop %d", shopID)
	}
	if err := tx.GetContext(ctx, &n, `SELECT count(*) FROM synonym_groups WHERE shop_id = $1`, shopID); err != nil {
		return SynonymGroup{}, fmt.Errorf("count synonym groups of shop %d: %w", shopID, err)
	}
	if n >= MaxSynonymGroupsPer {
		return SynonymGroup{}, ErrTooManySynonymGroups
	}
	var g SynonymGroup
	if err := tx.GetContext(ctx, &g, `INSERT INTO synonym_groups (shop_id, words, created_at, updated_at)
		VALUES ($1, $2, $3, $3) RETURNING id, words`, shopID, pq.StringArray(clean), s.now()); err != nil {
		return SynonymGroup{}, fmt.Errorf("create synonym group of shop %d: %w", shopID, err)
	}
	return g, tx.Commit()
}

// Update replaces the words of one of the shop's groups, cleaned
// (CleanSynonyms); another shop's id is NotFound.
func (s *SynonymGroups) Update(ctx context.Context, shopID, id int64, words []string) (SynonymGroup, error) {
	clean, err := CleanSynonyms(words)
	if err != nil {
		return SynonymGroup{}, err
	}
	var g SynonymGroup
	err = s.db.GetContext(ctx, &g, `UPDATE synonym_groups SET words = $3, updated_at = $4
		WHERE shop_id = $1 AND id = $2 RETURNING id, words`, shopID, id, pq.StringArray(clean), s.now())
	if err != nil {
		return SynonymGroup{}, notFound(err, "synonym group %d", id)
	}
	return g, nil
}

// Delete removes one of the shop's groups; another shop's id is NotFound.
func (s *SynonymGroups) Delete(ctx context.Context, shopID, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM synonym_groups WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return fmt.Errorf("delete synonym group %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("synonym group %d: %w", id, ErrNotFound)
	}
	return nil
}

// AsSynonymProblem is err's *SynonymProblem, if it is one.
func AsSynonymProblem(err error) (*SynonymProblem, bool) {
	var p *SynonymProblem
	ok := errors.As(err, &p)
	return p, ok
}
