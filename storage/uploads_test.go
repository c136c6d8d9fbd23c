package storage_test

import (
	"bytes"
	"testing"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// An image is stored under an unguessable token, only for the shop's own
// tickets, and goes when its conversation is erased.
func TestUploadsAreStoredUnderRandomTokens(t *testing.T) {
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "Hello", "").Conversation
	uploads := storage.NewUploads(f.db, f.clock.Now)
	png := []byte("\x89PNG\r\n\x1a\nfake")
	a, err := uploads.Create(f.ctx, f.shopID, c.ID, "image/png", png)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := uploads.Create(f.ctx, f.shopID, c.ID, "image/png", png)
	if len(a.ID) != 22 || a.ID == b.ID {
		t.Fatalf("tokens %q and %q: want two different 22-character tokens", a.ID, b.ID)
	}
	got, err := uploads.ByToken(f.ctx, a.ID)
	if err != nil || !bytes.Equal(got.Bytes, png) || got.ContentType != "image/png" || got.ShopID != f.shopID {
		t.Fatalf("by token: %+v, %v", got, err)
	}
	if _, err := uploads.ByToken(f.ctx, a.ID[:21]+"x"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("unknown token: %v", err)
	}
	other := newChatFixtureShop(t, f, "elsewhere.myshopify.com")
	if _, err := uploads.Create(f.ctx, other, c.ID, "image/png", png); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("another shop attached an image to the ticket: %v", err)
	}
	if _, err := uploads.Create(f.ctx, f.shopID, c.ID, "text/html", png); err == nil {
		t.Fatal("stored a type that is not an image")
	}
	f.db.MustExec(`DELETE FROM conversations WHERE id = $1`, c.ID)
	if _, err := uploads.ByToken(f.ctx, a.ID); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("the image outlived its conversation: %v", err)
	}
}
