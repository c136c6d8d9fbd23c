package storage_test

import (
	"context"
	"errors"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// A typing notice that names no shop, conversation, shopper or known
// sender is refused before anything is sent.
func TestTypingNoticesMustSayWhoAndWhere(t *testing.T) {
	t.Parallel()
	notices := storage.NewTypingNotices(pgtest.NewDB(t))
	ok := storage.Typing{ShopID: 1, ConversationID: 2, ProfileID: 3, Who: storage.TypingShopper, Typing: true}
	for name, change := range map[string]func(*storage.Typing){
		"no shop":         func(n *storage.Typing) { n.ShopID = 0 },
		"no conversation": func(n *storage.Typing) { n.ConversationID = 0 },
		"no shopper":      func(n *storage.Typing) { n.ProfileID = 0 },
		"unknown sender":  func(n *storage.Typing) { n.Who = "robot" },
	} {
		n := ok
		change(&n)
		if err := notices.Publish(context.Background(), n); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if err := notices.Publish(context.Background(), ok); err != nil {
		t.Fatalf("a valid notice: %v", err)
	}
}
