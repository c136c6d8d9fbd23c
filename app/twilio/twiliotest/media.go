package twiliotest

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// maxMediaBytes is Twilio's limit on one MMS file (5 MB).
const maxMediaBytes = 5 << 20

// storedMedia is a file the fake keeps: fetched from an outgoing message's
// MediaUrl, or sent from the phone page.
type storedMedia struct {
	message     string
	contentType string
	data        []byte
}

// fetchAll downloads an outgoing message's media, as Twilio does before
// sending an MMS, and keeps them under the fake's media URLs. A URL that
// does not answer 200 with a media type fails the message.
func (tw *Twilio) fetchAll(messageSID string, urls []string) ([]MediaItem, error) {
	var items []MediaItem
	for _, u := range urls {
		res, err := tw.cfg.Client.Get(u)
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(res.Body, maxMediaBytes+1))
		res.Body.Close()
		ct, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
		switch {
		case err != nil:
			return nil, err
		case res.StatusCode != http.StatusOK:
			return nil, fmt.Errorf("media %s answered %d", u, res.StatusCode)
		case len(data) > maxMediaBytes || !strings.Contains(ct, "/"):
			return nil, fmt.Errorf("media %s is too large or has no media type", u)
		}
		items = append(items, tw.keep(messageSID, ct, data))
	}
	return items, nil
}

// keep stores a file of a message and returns where the fake serves it.
func (tw *Twilio) keep(messageSID, contentType string, data []byte) MediaItem {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	sid := tw.newSID("ME")
	tw.media[sid] = storedMedia{message: messageSID, contentType: contentType, data: data}
	return MediaItem{ContentType: contentType,
		URL: fmt.Sprintf("%s/2010-04-01/Accounts/%s/Messages/%s/Media/%s", tw.url, tw.cfg.AccountSID, messageSID, sid)}
}

// serveMedia answers a media URL with the file.
func (tw *Twilio) serveMedia(w http.ResponseWriter, r *http.Request) {
	tw.mu.Lock()
	m, ok := tw.media[r.PathValue("media")]
	tw.mu.Unlock()
	if !ok || m.message != r.PathValue("message") || r.PathValue("account") != tw.cfg.AccountSID {
		writeError(w, http.StatusNotFound, 20404, "The requested resource was not found")
		return
	}
	w.Header().Set("Content-Type", m.contentType)
	w.Header().Set("Cache-Control", "private, max-age=3600")
	_, _ = w.Write(m.data)
}

// sign is X-Twilio-Signature as Twilio's webhook security page states it:
// base64 of HMAC-SHA1 (key: the auth token) of the URL followed by every
// POST parameter's name and value, sorted by name. The fake never sends a
// name twice or names outside ASCII, so the finer points of order do not
// arise here.
func sign(authToken, target string, form url.Values) string {
	names := make([]string, 0, len(form))
	for name := range form {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(target)
	for _, name := range names {
		b.WriteString(name)
		b.WriteString(form.Get(name))
	}
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func stringsReader(s string) io.Reader { return strings.NewReader(s) }
