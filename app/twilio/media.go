package twilio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ErrTooLarge is a media file larger than the caller's bound.
var ErrTooLarge = errors.New("twilio: the file is larger than allowed")

// Bounds of a media download.
const (
	// mediaTimeout bounds one file: Twilio serves a picture in well under
	// a second, and a job that waits longer holds a worker for nothing.
	mediaTimeout = 20 * time.Second
	// maxMediaRedirects bounds the redirects followed: Twilio answers a
	// media URL with one redirect to where the file is stored (a short-lived
	// URL when the account enforces HTTP auth on media).
	maxMediaRedirects = 3
)

// FetchMedia downloads a file Twilio keeps for one of the account's
// messages: an incoming MMS's MediaUrlN. It sends the account's
// credentials, which Twilio requires when the account enforces HTTP basic
// auth on media URLs (as Twilio recommends), and follows Twilio's
// redirect to where the file is stored, never to plain http but on a
// loopback address; Go drops the credentials when a redirect leaves the
// host. A URL that is not a media URL of that message on the client's API
// is refused (kind Invalid) without a request, so the credentials go to
// Twilio alone and nothing a forged webhook names is fetched. A file over
// maxBytes is ErrTooLarge; Twilio's refusals and failures are *Error
// (NotFound for a file it no longer has; the temporary kinds when it is
// down).
func (c *Client) FetchMedia(ctx context.Context, messageSID, mediaURL string, maxBytes int64) (data []byte, contentType string, err error) {
	if !c.ownsMedia(messageSID, mediaURL) {
		return nil, "", &Error{Kind: Invalid, Message: "The media URL is not one of this message's files on Twilio."}
	}
	ctx, cancel := context.WithTimeout(ctx, mediaTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, mediaURL, nil)
	if err != nil {
		return nil, "", fmt.Errorf("twilio: build media request: %w", err)
	}
	req.SetBasicAuth(c.creds.AccountSID, c.creds.AuthToken.reveal())
	res, err := c.mediaClient().Do(req)
	if err != nil {
		return nil, "", unreachable(withoutURL(err))
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		raw, _ := io.ReadAll(io.LimitReader(res.Body, maxResponse))
		return nil, "", failure(res.StatusCode, res.Header, raw)
	}
	if res.ContentLength > maxBytes {
		return nil, "", ErrTooLarge
	}
	data, err = io.ReadAll(io.LimitReader(res.Body, maxBytes+1))
	if err != nil {
		return nil, "", unreachable(withoutURL(err))
	}
	if int64(len(data)) > maxBytes {
		return nil, "", ErrTooLarge
	}
	return data, res.Header.Get("Content-Type"), nil
}

// ownsMedia reports whether raw is
// {base}/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}.
func (c *Client) ownsMedia(messageSID, raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.User != nil || u.Scheme != c.base.Scheme || u.Host != c.base.Host || !ValidMessageSID(messageSID) {
		return false
	}
	prefix := strings.TrimRight(c.base.Path, "/") + "/" + apiVersion + "/Accounts/" + c.creds.AccountSID + "/Messages/" + messageSID + "/Media/"
	rest, ok := strings.CutPrefix(u.Path, prefix)
	return ok && strings.HasPrefix(rest, "ME") && !strings.Contains(rest, "/")
}

// mediaClient is the client's own transport with a redirect policy of its
// own: the API's client follows no redirect at all.
func (c *Client) mediaClient() *http.Client {
	mc := *c.client
	mc.Timeout = mediaTimeout
	mc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > maxMediaRedirects {
			return errors.New("too many redirects")
		}
		if req.URL.Scheme != "https" && !(req.URL.Scheme == "http" && isLoopback(req.URL.Hostname())) {
			return errors.New("a redirect to an address that is not https")
		}
		return nil
	}
	return &mc
}

// withoutURL keeps a download's URL out of an error that may be logged: a
// redirect's URL is a temporary permission to the file.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s media: %w", ue.Op, ue.Err)
	}
	return err
}
