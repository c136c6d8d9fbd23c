package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/lib/pq"
)

// commonWordShare is how often a word must occur (the share of messages
// holding it, by PostgreSQL's statistics) to count as common. The index
// must read the whole list of messages holding a word before it answers,
// which for a word in most of a million conversations' messages takes
// longer than the table's budget.
const commonWordShare = 0.001

// dashboardSearch is how the table searches the thread: through the
// messages' full-text index on the rare words, or, when every word is
// common, by checking the newest conversations of the period one by one,
// which fills a page quickly precisely because the words are common.
type dashboardSearch struct {
	query string // the tsquery every match satisfies, in one message
	rare  string // the tsquery of its rare words, "" when all are common
}

// planSearch splits the words typed into the common and the rare, by the
// statistics of the messages' search index. Without statistics (a new
// database) every word is taken as rare.
func (s *Dashboard) planSearch(ctx context.Context, text string) (dashboardSearch, error) {
	words := searchWords(text)
	if len(words) == 0 {
		return dashboardSearch{}, nil
	}
	var stats []struct {
		Elems pq.StringArray  `db:"elems"`
		Freqs pq.Float64Array `db:"freqs"`
	}
	err := s.db.SelectContext(ctx, &stats, `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
		FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'messages_search' AND most_common_elems IS NOT NULL`)
	if err != nil {
		return dashboardSearch{}, fmt.Errorf("search statistics: %w", err)
	}
	var common []string
	if len(stats) == 1 {
		for i, e := range stats[0].Elems {
			if i < len(stats[0].Freqs) && stats[0].Freqs[i] >= commonWordShare {
				common = append(common, e)
			}
		}
	}
	var rare []string
	for _, w := range words {
		if !isCommon(w, common) {
			rare = append(rare, w)
		}
	}
	return dashboardSearch{query: strings.Join(words, " & "), rare: strings.Join(rare, " & ")}, nil
}

// isCommon reports whether the term is one of the common words or, for a
// prefix ("parc:*"), begins one of them or is too short to narrow much.
func isCommon(term string, common []string) bool {
	prefix, isPrefix := strings.CutSuffix(term, ":*")
	if isPrefix && len([]rune(prefix)) < 3 {
		return true
	}
	for _, c := range common {
		if c == prefix || (isPrefix && strings.HasPrefix(c, prefix)) {
			return true
		}
	}
	return false
}

// clauses are the search's part of the table's query, its parameters
// numbered from next: a WITH clause and the FROM that starts from its
// matches, or a condition on conversation c ("" for what it does not need).
func (q dashboardSearch) clauses(next int) (with, from, cond string, args []any) {
	if q.rare != "" {
		// The rare words by the index, materialized so that the full query
		// is checked on those few messages only and never sent to the
		// index; each conversation matched is then fetched by its key.
		with = fmt.Sprintf(`WITH candidates AS MATERIALIZED (
				SELECT m.conversation_id, m.body FROM messages m
				WHERE m.shop_id = $1 AND to_tsvector('simple', m.body) @@ to_tsquery('simple', $%d)),
			hits AS MATERIALIZED (
				SELECT DISTINCT conversation_id AS id FROM candidates WHERE to_tsvector('simple', body) @@ to_tsquery('simple', $%d))`,
			next, next+1)
		from = `hits CROSS JOIN LATERAL (SELECT * FROM conversations WHERE id = hits.id OFFSET 0) c`
		return with, from, "", []any{q.rare, q.query}
	}
	// A subquery with a LIMIT is run per conversation, through the
	// conversation's own messages, newest conversations first.
	cond = fmt.Sprintf(`EXISTS (SELECT 1 FROM (SELECT 1 FROM messages m WHERE m.shop_id = $1 AND m.conversation_id = c.id
			AND to_tsvector('simple', m.body) @@ to_tsquery('simple', $%d) LIMIT 1) hit)`, next)
	return "", "", cond, []any{q.query}
}
