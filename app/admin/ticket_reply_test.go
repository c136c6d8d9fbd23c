package admin_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"hubchat/storage"
)

// An agent's retried reply (the same client id) with an image, racing or
// after the ticket closed, is answered as the first send was and stores
// nothing more: one message, one upload, the one the message shows.
func TestRetriedReplyWithAnImageAnswersTheFirstResult(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	var photo bytes.Buffer
	png.Encode(&photo, image.NewGray(image.Rect(0, 0, 4, 3)))
	form := url.Values{"client_id": {"d0000000-0000-4000-8000-000000000001"}, "body": {"Is it this one?"}}
	send := func() (*http.Response, string) {
		return e.replyForm(e.path("/messages"), form, "photo.png", photo.Bytes())
	}
	resp, first := send()
	wantCode(t, "the reply", resp, first, 200)

	retries := make([]struct {
		status int
		body   string
	}, 4)
	var wg sync.WaitGroup
	for i := range retries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, body := send()
			retries[i].status, retries[i].body = resp.StatusCode, body
		}()
	}
	wg.Wait()
	for i, r := range retries {
		if r.status != 200 || r.body != first {
			t.Fatalf("retry %d: %d %q; want the first answer %q", i, r.status, r.body, first)
		}
	}
	e.post(e.path("/close"), nil)
	resp, late := send()
	wantCode(t, "a retry after the close", resp, late, 200)

	var replies []string
	e.DB.Select(&replies, `SELECT attachments::text FROM messages WHERE conversation_id = $1 AND author = 'agent'`, e.convID)
	var uploads []string
	e.DB.Select(&uploads, `SELECT id FROM uploads`)
	if len(replies) != 1 || len(uploads) != 1 {
		t.Fatalf("%d replies and %d uploads stored, want one of each", len(replies), len(uploads))
	}
	var files []storage.Attachment
	json.Unmarshal([]byte(replies[0]), &files)
	if len(files) != 1 || files[0].URL != e.URL+"/media/"+uploads[0] {
		t.Fatalf("the reply shows %s, not the stored image %s", replies[0], uploads[0])
	}
}
