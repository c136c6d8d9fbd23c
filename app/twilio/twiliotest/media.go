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
	"time"
)

// maxMediaBytes is Twilio's limit on an MMS's media, all files together
// (5 MB; error 11751 beyond).
const maxMediaBytes = 5 << 20

// cdnURLLife is how long the URL a media URL redirects to stays valid:
// four hours, as Twilio's are when media need HTTP auth.
const cdnURLLife = 4 * time.Hour

// storedMedia is a file the fake keeps: fetched from an outgoing message's
// MediaUrl, or sent from the phone page.
type storedMedia struct {
	message     string
	contentType string
	data        []byte
}

// cdnLink is a short-lived URL to a stored file, as Twilio redirects to.
type cdnLink struct {
	media   string
	expires time.Time
}

// mmsTypes are the content types Twilio accepts for MMS (its "Accepted
// content types for media"): JPEG, GIF and PNG fully supported, the others
// passed on as they are. image/webp is for WhatsApp stickers only.
var mmsTypes = map[string]bool{
	"image/jpeg": true, "image/jpg": true, "image/gif": true, "image/png": true,
	"image/heic": true, "image/heif": true, "image/tiff": true, "image/bmp": true,
	"audio/basic": true, "audio/mp4": true, "audio/mpeg": true, "audio/ogg": true, "audio/amr": true, "audio/3gpp": true,
	"audio/webm": true, "audio/aac": true, "video/mpeg": true, "video/mp4": true, "video/quicktime": true, "video/webm": true,
	"video/3gpp": true, "video/H264": true, "text/vcard": true, "text/x-vcard": true, "text/csv": true, "text/rtf": true,
	"text/calendar": true, "text/directory": true, "application/pdf": true, "application/vcard": true,
}

// sniffable are the accepted types whose files Go recognises by their
// first bytes: a file of one of them must be what its Content-Type says,
// since Twilio checks the header against the media.
var sniffable = map[string]string{"image/jpeg": "image/jpeg", "image/jpg": "image/jpeg", "image/gif": "image/gif",
	"image/png": "image/png", "image/bmp": "image/bmp"}

// mediaRefusal is why Twilio fails a message while fetching its media:
// its error code, which the status callback carries.
type mediaRefusal struct{ code int }

func (r mediaRefusal) Error() string { return fmt.Sprintf("media refused with error %d", r.code) }

// fetchAll downloads an outgoing message's media, as Twilio does before
// sending an MMS (a HEAD, then a GET of each URL), and keeps them under the
// fake's media URLs. A URL that does not answer 200 fails the message with
// 11200; a Content-Type Twilio does not accept for MMS, or one the file
// does not match, with 12300; media over 5 MB in all with 11751.
func (tw *Twilio) fetchAll(messageSID string, urls []string) ([]MediaItem, error) {
	type file struct {
		contentType string
		data        []byte
	}
	var files []file
	total := 0
	for _, u := range urls {
		ct, data, err := tw.fetchOne(u)
		if err != nil {
			return nil, err
		}
		if total += len(data); total > maxMediaBytes {
			return nil, mediaRefusal{11751}
		}
		files = append(files, file{ct, data})
	}
	var items []MediaItem
	for _, f := range files {
		items = append(items, tw.keep(messageSID, f.contentType, f.data))
	}
	return items, nil
}

// fetchOne checks one media URL with HEAD, then downloads it.
func (tw *Twilio) fetchOne(u string) (string, []byte, error) {
	head, err := tw.cfg.Client.Head(u)
	if err != nil {
		return "", nil, mediaRefusal{11200}
	}
	head.Body.Close()
	if head.StatusCode != http.StatusOK {
		return "", nil, mediaRefusal{11200}
	}
	res, err := tw.cfg.Client.Get(u)
	if err != nil {
		return "", nil, mediaRefusal{11200}
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxMediaBytes+1))
	if err != nil || res.StatusCode != http.StatusOK {
		return "", nil, mediaRefusal{11200}
	}
	if len(data) > maxMediaBytes {
		return "", nil, mediaRefusal{11751}
	}
	ct, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if !mmsTypes[ct] {
		return "", nil, mediaRefusal{12300}
	}
	if want, ok := sniffable[ct]; ok && http.DetectContentType(data) != want {
		return "", nil, mediaRefusal{12300}
	}
	return ct, data, nil
}

// keep stores a file of a message and returns where the fake serves it.
func (tw *Twilio) keep(messageSID, contentType string, data []byte) MediaItem {
	tw.mu.Lock()
	defer tw.mu.Unlock()
	sid := tw.newSID("ME")
	tw.media[sid] = storedMedia{message: messageSID, contentType: contentType, data: data}
	return MediaItem{SID: sid, ContentType: contentType,
		URL: fmt.Sprintf("%s/2010-04-01/Accounts/%s/Messages/%s/Media/%s", tw.url, tw.cfg.AccountSID, messageSID, sid)}
}

// serveMedia answers a media URL as Twilio does for an account that
// enforces HTTP auth on media: with the account's credentials (else 401,
// code 20003), a redirect to a URL of the file valid for four hours.
func (tw *Twilio) serveMedia(w http.ResponseWriter, r *http.Request) {
	tw.mu.Lock()
	m, ok := tw.media[r.PathValue("media")]
	tw.mu.Unlock()
	if !ok || m.message != r.PathValue("message") || r.PathValue("account") != tw.cfg.AccountSID {
		writeError(w, http.StatusNotFound, 20404, "The requested resource was not found")
		return
	}
	token := tw.newSID("")
	tw.mu.Lock()
	tw.cdn[token] = cdnLink{media: r.PathValue("media"), expires: time.Now().Add(cdnURLLife)}
	tw.mu.Unlock()
	http.Redirect(w, r, tw.url+"/cdn/"+token, http.StatusTemporaryRedirect)
}

// serveCDN answers a short-lived URL of a file, which needs no credentials.
func (tw *Twilio) serveCDN(w http.ResponseWriter, r *http.Request) {
	tw.mu.Lock()
	link, ok := tw.cdn[r.PathValue("token")]
	m, found := tw.media[link.media]
	tw.mu.Unlock()
	if !ok || !found || time.Now().After(link.expires) {
		http.Error(w, "AccessDenied: Request has expired", http.StatusForbidden)
		return
	}
	tw.serveFile(w, m)
}

// servePhoneMedia shows a file on the phone page, which is the fake's own
// screen rather than Twilio's API.
func (tw *Twilio) servePhoneMedia(w http.ResponseWriter, r *http.Request) {
	tw.mu.Lock()
	m, ok := tw.media[r.PathValue("media")]
	tw.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	tw.serveFile(w, m)
}

func (tw *Twilio) serveFile(w http.ResponseWriter, m storedMedia) {
	w.Header().Set("Content-Type", m.contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
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
