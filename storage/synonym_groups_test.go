package storage_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"hubchat/storage"
)

// Groups are created, read, changed and deleted within their shop only;
// every change raises the shop's knowledge version, and the snapshot the
// engines index carries the groups.
func TestSynonymGroupsCRUDScopedToTheShop(t *testing.T) {
	t.Parallel()
	k := newKnowledgeShop(t)
	s := storage.NewSynonymGroups(k.db, k.clk.Now)
	v0 := k.version(t)

	g, err := s.Create(k.ctx, k.id, []string{" hoodie ", "sweatshirt", "Hoodie", "", "jumper  top"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"hoodie", "sweatshirt", "jumper top"}; !slices.Equal(g.Words, want) {
		t.Fatalf("created %q, want %q (trimmed, deduplicated ignoring case, empty dropped)", g.Words, want)
	}
	v1 := k.version(t)
	if v1 <= v0 {
		t.Fatalf("creating a group left the knowledge version at %d", v1)
	}
	if snap := k.snapshot(t); len(snap.Synonyms) != 1 || !slices.Equal(snap.Synonyms[0].Words, g.Words) || snap.Version != v1 {
		t.Fatalf("snapshot synonyms %+v at version %d, want the group at %d", snap.Synonyms, snap.Version, v1)
	}

	if _, err := s.Get(k.ctx, k.other, g.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("another shop read the group: %v", err)
	}
	if _, err := s.Update(k.ctx, k.other, g.ID, []string{"a", "b"}); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("another shop changed the group: %v", err)
	}
	if err := s.Delete(k.ctx, k.other, g.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("another shop deleted the group: %v", err)
	}
	if other, err := s.All(k.ctx, k.other); err != nil || len(other) != 0 {
		t.Fatalf("another shop lists %+v, %v", other, err)
	}
	if v := k.version(t); v != v1 {
		t.Fatalf("refused changes moved the version from %d to %d", v1, v)
	}

	u, err := s.Update(k.ctx, k.id, g.ID, []string{"hoodie", "pullover"})
	if err != nil || !slices.Equal(u.Words, []string{"hoodie", "pullover"}) {
		t.Fatalf("update: %+v, %v", u, err)
	}
	v2 := k.version(t)
	if v2 <= v1 {
		t.Fatalf("updating a group left the knowledge version at %d", v2)
	}
	if all, err := s.All(k.ctx, k.id); err != nil || len(all) != 1 || !slices.Equal(all[0].Words, u.Words) {
		t.Fatalf("list after update: %+v, %v", all, err)
	}

	if err := s.Delete(k.ctx, k.id, g.ID); err != nil {
		t.Fatal(err)
	}
	if v := k.version(t); v <= v2 {
		t.Fatalf("deleting a group left the knowledge version at %d", v)
	}
	if snap := k.snapshot(t); len(snap.Synonyms) != 0 {
		t.Fatalf("snapshot still has %+v", snap.Synonyms)
	}
	if err := s.Delete(k.ctx, k.id, g.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("deleting twice: %v", err)
	}
}

// A group that is not two to twenty words of at most sixty characters is
// refused with the reason, as ErrInvalid, and nothing is stored.
func TestSynonymGroupsValidation(t *testing.T) {
	t.Parallel()
	k := newKnowledgeShop(t)
	s := storage.NewSynonymGroups(k.db, k.clk.Now)
	many := make([]string, storage.MaxSynonymWords+1)
	for i := range many {
		many[i] = "word" + strings.Repeat("x", i)
	}
	long := strings.Repeat("é", storage.MaxSynonymChars+1)
	for _, c := range []struct {
		name  string
		words []string
		want  storage.SynonymReason
	}{
		{"one word", []string{"hoodie"}, storage.SynonymTooFew},
		{"the same word twice", []string{"Hoodie", "hoodie "}, storage.SynonymTooFew},
		{"empty words", []string{"", "  ", "hoodie"}, storage.SynonymTooFew},
		{"too many", many, storage.SynonymTooMany},
		{"too long", []string{"hoodie", long}, storage.SynonymTooLong},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Create(k.ctx, k.id, c.words)
			p, ok := storage.AsSynonymProblem(err)
			if !ok || p.Reason != c.want || !errors.Is(err, storage.ErrInvalid) {
				t.Fatalf("err %v, want %s (invalid)", err, c.want)
			}
		})
	}
	if _, err := s.Create(k.ctx, k.id, []string{"hoodie", strings.Repeat("é", storage.MaxSynonymChars)}); err != nil {
		t.Fatalf("sixty characters are allowed: %v", err)
	}
	g, _ := s.All(k.ctx, k.id)
	if _, err := s.Update(k.ctx, k.id, g[0].ID, []string{"only"}); !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("update to one word: %v", err)
	}
	if all, _ := s.All(k.ctx, k.id); len(all) != 1 || len(all[0].Words) != 2 {
		t.Fatalf("a refused update changed the group: %+v", all)
	}
}

// Many creations at once never take a shop past its cap of groups.
func TestSynonymGroupsCapHoldsUnderConcurrency(t *testing.T) {
	t.Parallel()
	k := newKnowledgeShop(t)
	k.db.SetMaxOpenConns(4)
	s := storage.NewSynonymGroups(k.db, k.clk.Now)
	for i := range storage.MaxSynonymGroupsPer - 5 {
		if _, err := s.Create(k.ctx, k.id, []string{"a" + strings.Repeat("a", i%50), "b"}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	full := 0
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Create(k.ctx, k.id, []string{"left", "right"})
			if errors.Is(err, storage.ErrTooManySynonymGroups) {
				mu.Lock()
				full++
				mu.Unlock()
			} else if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	all, err := s.All(k.ctx, k.id)
	if err != nil || len(all) != storage.MaxSynonymGroupsPer || full != 15 {
		t.Fatalf("%d groups (%v), %d refused; want %d and 15", len(all), err, full, storage.MaxSynonymGroupsPer)
	}
	if !errors.Is(storage.ErrTooManySynonymGroups, storage.ErrConflict) {
		t.Fatal("a full list is a conflict")
	}
}
