package conversation

import (
	"context"
	"sync"

	"hubchat/storage"
)

// A shopper's post is decided on three settings of the shop (the AI
// agent's, whether it answers texts, the chat's). Read through the pool
// for every post they were six round trips a message, more than the write
// itself costs in a shared batch. The core keeps them per shop instead,
// with the versions of their rows: the post carries those versions, and
// its batch checks them against what is stored (storage.SettingsVersions),
// so a save on any instance is seen by the first post written after it,
// exactly as when every post read them.

// postSettings are the settings a shopper's post is decided on.
type postSettings struct {
	ai   AIConfig
	chat storage.ChatSettings
}

// versions are the versions of the rows s was read from.
func (s postSettings) versions() storage.SettingsVersions {
	v := s.ai.Versions
	v.Chat = s.chat.Version
	return v
}

// checkable says whether every setting s holds has a version a batch can
// check: only those are kept. Without the AI agent available, its settings
// are constant (off) and need none.
func (s postSettings) checkable(aiAvailable bool) bool {
	v := s.versions()
	return v.Chat != 0 && (!aiAvailable || (v.AI != 0 && v.SMSAI != 0))
}

// postSettingsCache keeps each shop's postSettings; the zero value is
// empty and ready.
type postSettingsCache struct {
	mu     sync.Mutex
	byShop map[int64]postSettings
}

// maxKeptShops bounds the cache; when full, it starts again.
const maxKeptShops = 10_000

func (k *postSettingsCache) get(shopID int64) (postSettings, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	s, ok := k.byShop[shopID]
	return s, ok
}

func (k *postSettingsCache) keep(shopID int64, s postSettings) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.byShop == nil || len(k.byShop) >= maxKeptShops {
		k.byShop = map[int64]postSettings{}
	}
	k.byShop[shopID] = s
}

func (k *postSettingsCache) forget(shopID int64) {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.byShop, shopID)
}

// postSettings are the shop's settings for a post: those kept, unless
// fresh asks to read them now (and keep them).
func (c *Core) postSettings(ctx context.Context, shopID int64, fresh bool) (postSettings, error) {
	if !fresh {
		if s, ok := c.known.get(shopID); ok {
			return s, nil
		}
	}
	ai, err := c.aiConfig(ctx, shopID)
	if err != nil {
		return postSettings{}, err
	}
	chat, err := c.Settings.Get(ctx, shopID)
	if err != nil {
		return postSettings{}, err
	}
	s := postSettings{ai: ai, chat: chat}
	if s.checkable(c.AI != nil) {
		c.known.keep(shopID, s)
	}
	return s, nil
}
