package storage_test

import (
	"bytes"
	"errors"
	"testing"

	"hubchat/storage"
)

// An image is stored with the reply it is sent in, under an unguessable
// token, only in the shop's own tickets, and goes when its conversation is
// erased.
func TestUploadsAreStoredUnderRandomTokens(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	c := f.post(t, newClientID(), "Hello", "").Conversation
	uploads := storage.NewUploads(f.db, f.clock.Now)
	png := []byte("\x89PNG\r\n\x1a\nfake")
	a, err := storage.NewUpload("image/png", png)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := storage.NewUpload("image/png", png)
	if len(a.ID) != 22 || a.ID == b.ID {
		t.Fatalf("tokens %q and %q: want two different 22-character tokens", a.ID, b.ID)
	}
	send := func(shopID int64, u storage.Upload) error {
		_, err := f.convs.PostFromAgent(f.ctx, shopID, c.ID, f.agentID, storage.AgentReply{
			ClientID: newClientID(), Body: "See this", Preview: "See this", Uploads: []storage.Upload{u}})
		return err
	}
	if err := send(f.shopID, a); err != nil {
		t.Fatal(err)
	}
	got, err := uploads.ByToken(f.ctx, a.ID)
	if err != nil || !bytes.Equal(got.Bytes, png) || got.ContentType != "image/png" || got.ShopID != f.shopID || got.ConversationID != c.ID {
		t.Fatalf("by token: %+v, %v", got, err)
	}
	if _, err := uploads.ByToken(f.ctx, a.ID[:21]+"x"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("unknown token: %v", err)
	}
	other := newChatFixtureShop(t, f, "elsewhere.myshopify.com")
	if err := send(other, b); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("another shop attached an image to the ticket: %v", err)
	}
	html, _ := storage.NewUpload("text/html", png)
	if err := send(f.shopID, html); err == nil {
		t.Fatal("stored a type that is not an image")
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM uploads`); n != 1 {
		t.Fatalf("%d uploads, want only the one sent", n)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM messages WHERE author = 'agent'`); n != 1 {
		t.Fatalf("%d replies, want only the one whose image was stored", n)
	}
	f.db.MustExec(`DELETE FROM conversations WHERE id = $1`, c.ID)
	if _, err := uploads.ByToken(f.ctx, a.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("the image outlived its conversation: %v", err)
	}
}
