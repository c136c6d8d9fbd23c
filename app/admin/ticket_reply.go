package admin

import (
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/chat"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/pages"
)

// previewChars is how much of a reply the inbox row shows, as for the
// shopper's messages.
const previewChars = 140

// Reply serves POST /app/tickets/:id/messages: an agent's reply, text with
// emoji and an optional image (multipart). Replying assigns an unassigned
// ticket to the agent (storage's PostFromAgent). The image is stored with
// the reply, in its transaction: a reply that cannot be sent (an ended
// ticket) keeps no image, and a retry (the same client id) is answered as
// the first send was, storing nothing. The shopper's widget and the
// agents' pages receive the reply through the live stream.
func (h *Handlers) Reply(c *fiber.Ctx) error {
	id, err := ticketID(c)
	if err != nil {
		return err
	}
	reply := storage.AgentReply{}
	if reply.ClientID, err = replyClientID(c.FormValue("client_id")); err != nil {
		return err
	}
	img, hasImage, err := formImage(c)
	if err != nil {
		return err
	}
	if reply.Body, reply.Preview, err = replyText(c.FormValue("body"), hasImage); err != nil {
		return err
	}
	if err := h.checkSMSReply(c, id, reply.Body, img, hasImage); err != nil {
		return err
	}
	if hasImage {
		u, err := storage.NewUpload(img.ContentType, img.Data)
		if err != nil {
			return err
		}
		reply.Uploads = []storage.Upload{u}
		reply.Attachments = []storage.Attachment{{URL: h.AppURL + mediaPath + u.ID, ContentType: u.ContentType,
			Width: img.Width, Height: img.Height}}
	}
	if _, err := h.Conversations.PostFromAgent(c.UserContext(), web.ShopID(c), id, web.AgentID(c), reply); err != nil {
		return ticketError(c.UserContext(), err)
	}
	c.Set("HX-Trigger", `{"hubchat:ticket":{"target":"#ticket-page"}}`)
	return web.Component(c, fiber.StatusOK, pages.TicketReplySent())
}

// formImage reads the optional image of the composer. A form that is not
// multipart has none (its text is still checked).
func formImage(c *fiber.Ctx) (sentImage, bool, error) {
	form, err := c.MultipartForm()
	if err != nil || len(form.File["image"]) == 0 {
		return sentImage{}, false, nil
	}
	fh := form.File["image"][0]
	if fh.Size == 0 && fh.Filename == "" {
		return sentImage{}, false, nil // the empty file field a form sends without a choice
	}
	img, err := readImage(fh)
	return img, err == nil, err
}

// replyText validates the text of a reply: required unless an image is
// sent. The preview is what the inbox row shows.
func replyText(raw string, hasImage bool) (body, preview string, err error) {
	if hasImage && strings.TrimSpace(raw) == "" {
		return "", "Sent an image", nil
	}
	if body, err = chat.ValidateBody(raw); err != nil {
		return "", "", err
	}
	return body, chat.Preview(body, previewChars), nil
}

// replyClientID is the composer's id for the message (a UUID the page makes
// for each send, so a retried request is stored once), or a new one.
func replyClientID(s string) (string, error) {
	if s == "" {
		b := make([]byte, 16)
		rand.Read(b)
		b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80 // version 4, RFC 4122 variant
		return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
	}
	if err := chat.ValidateClientID(s); err != nil {
		return "", err
	}
	return strings.ToLower(s), nil
}
