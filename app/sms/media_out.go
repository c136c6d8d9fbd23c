package sms

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/storage"
)

// An agent's picture goes out as MMS through a public link Twilio fetches
// it from (MediaUrl): a capability URL under a random 256-bit token that
// names nothing of the shop, opens that one picture and expires after
// mediaLinkTTL. Twilio fetches it while sending; the ticket keeps showing
// the picture from its own upload.

// MediaLinkPath is where Twilio fetches the pictures of outgoing MMS:
// MediaLinkPath + token. The request log shows it without the token.
const MediaLinkPath = "/sms-media/"

// mediaLinkTTL is how long a link opens its picture: Twilio fetches it as
// it sends, within the send job's retries (about a minute), and a few
// hours leave room for Twilio's own queue.
const mediaLinkTTL = 4 * time.Hour

// MediaLinker makes and opens the public links of outgoing pictures.
type MediaLinker interface {
	Create(ctx context.Context, shopID int64, uploadIDs []string, ttl time.Duration) ([]string, error)
	Open(ctx context.Context, token string) (storage.Upload, error)
}

// mediaURLs are the public links of a message's pictures, made anew for
// each send; none for a text alone.
func (s *Sender) mediaURLs(ctx context.Context, shopID int64, m storage.Message) ([]string, error) {
	var uploads []string
	for _, a := range m.Attachments {
		if id, ok := uploadID(a.URL); ok {
			uploads = append(uploads, id)
		}
	}
	if len(uploads) == 0 {
		return nil, nil
	}
	tokens, err := s.Links.Create(ctx, shopID, uploads, mediaLinkTTL)
	if err != nil {
		return nil, err
	}
	urls := make([]string, len(tokens))
	for i, t := range tokens {
		urls[i] = strings.TrimRight(s.AppURL, "/") + MediaLinkPath + t
	}
	return urls, nil
}

// uploadID is the upload an attachment's URL (…/media/{token}) shows.
func uploadID(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	id, ok := strings.CutPrefix(u.Path, "/media/")
	return id, ok && id != "" && !strings.Contains(id, "/")
}

// MediaLinks serves the links to Twilio.
type MediaLinks struct {
	Links MediaLinker
}

// Serve answers GET (and HEAD, which Twilio also sends to check the type)
// /sms-media/:token with the picture, outside any session: the token is
// the permission. An unknown, malformed or expired token is 404 alike.
// Nothing may cache it beyond its life, and nosniff with the type the
// picture was recognised as keeps it an image.
func (h *MediaLinks) Serve(c *fiber.Ctx) error {
	token := c.Params("token")
	if !validLinkToken(token) {
		return fiber.ErrNotFound
	}
	u, err := h.Links.Open(c.UserContext(), token)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, u.ContentType)
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+pictureName(u.ContentType)+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set("Referrer-Policy", "no-referrer")
	return c.Send(u.Bytes)
}

// pictureName is the file name the phone shows: Twilio advises a short
// one with the type's extension.
func pictureName(contentType string) string {
	ext, _ := strings.CutPrefix(contentType, "image/")
	if ext == "jpeg" {
		ext = "jpg"
	}
	return "picture." + ext
}

// validLinkToken is the shape of a link's token: 43 URL-safe base64 digits.
func validLinkToken(s string) bool {
	if len(s) != storage.MediaLinkTokenLength {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
