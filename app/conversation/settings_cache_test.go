package conversation_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/chat"
	"hubchat/app/conversation"
	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

// storedAI is the AI agent's settings as stored, as the app reads them,
// counting the reads.
type storedAI struct {
	ai    *storage.AISettingsStore
	texts *storage.SMSAISettingsStore
	reads *atomic.Int64
}

func (s storedAI) AIConfig(ctx context.Context, shopID int64) (conversation.AIConfig, error) {
	s.reads.Add(1)
	a, err := s.ai.Get(ctx, shopID)
	if err != nil {
		return conversation.AIConfig{}, err
	}
	t, err := s.texts.Get(ctx, shopID)
	return conversation.AIConfig{Enabled: a.Enabled, Handoff: chat.Handoff(a.Handoff), AnswersSMS: t.AnswersSMS,
		Versions: storage.SettingsVersions{AI: a.Version, SMSAI: t.Version}}, err
}

// countedChat counts the reads of the chat settings.
type countedChat struct {
	*storage.ChatSettingsStore
	reads *atomic.Int64
}

func (c countedChat) Get(ctx context.Context, shopID int64) (storage.ChatSettings, error) {
	c.reads.Add(1)
	return c.ChatSettingsStore.Get(ctx, shopID)
}

// A shop's posts, many at once, read its settings once; when another
// instance turns the AI agent on, the next post is decided on that.
func TestPostsReadTheShopsSettingsOnceAndSeeASaveElsewhere(t *testing.T) {
	ctx, db := context.Background(), pgtest.NewDB(t)
	keys, _ := seal.ParseKeyring("k1:" + seal.GenerateKey())
	shops := storage.NewShops(db, keys, time.Now)
	shop, err := shops.Install(ctx, "kept.myshopify.com", storage.OfflineToken{AccessToken: "shpat_k"})
	if err != nil {
		t.Fatal(err)
	}
	var aiReads, chatReads atomic.Int64
	ais := storage.NewAISettings(db, keys, time.Now)
	core := &conversation.Core{Shops: shops, Store: storage.NewConversations(db, time.Now), Now: time.Now,
		Settings: countedChat{storage.NewChatSettings(db, time.Now), &chatReads},
		AI:       storedAI{ais, storage.NewSMSAISettings(db, time.Now), &aiReads}}
	profiles := storage.NewProfiles(db, time.Now)
	post := func(customer int64, body string) storage.PostResult {
		t.Helper()
		p, err := profiles.ForCustomer(ctx, shop.ID, customer)
		if err != nil {
			t.Fatal(err)
		}
		res, err := core.PostFromShopper(ctx, conversation.ShopperMessage{ShopID: shop.ID, ProfileID: p.ID,
			ClientID: nextClientID(), Body: body, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if first := post(1, "first"); first.Conversation.AIAnswering {
		t.Fatal("with the agent off, the first message went to the agent")
	}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() { defer wg.Done(); post(int64(100+i%8), "many at once") }()
	}
	wg.Wait()
	if aiReads.Load() != 1 || chatReads.Load() != 1 {
		t.Fatalf("41 posts read the AI settings %d times and the chat settings %d times, want once each",
			aiReads.Load(), chatReads.Load())
	}
	// Another instance turns the agent on: this core has not heard of it.
	if _, err := ais.Save(ctx, storage.AISettings{ShopID: shop.ID, Enabled: true, Handoff: storage.HandoffInbox},
		storage.HelpdeskSecrets{}); err != nil {
		t.Fatal(err)
	}
	if res := post(2, "after the agent was turned on"); !res.Conversation.AIAnswering || !res.Started {
		t.Fatalf("the first post after the agent was turned on elsewhere: %+v", res.Conversation)
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM jobs WHERE kind = $1`, storage.JobAIAnswer); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("%d answering jobs queued, want the one for the post after the save", n)
	}
}

// nextClientID is a new client id for a shopper's message.
func nextClientID() string {
	clientSeq.Lock()
	defer clientSeq.Unlock()
	clientSeq.n++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", clientSeq.n)
}
