package storefront

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/chat"
	"hubchat/app/conversation"
	"hubchat/app/upload"
	"hubchat/storage"
)

// mediaPath is where hubchat serves the images sent in conversations, each
// under its random token (the permission to see it).
const mediaPath = "/media/"

// PostImage serves POST /api/storefront/images: a signed-in shopper sends
// an image (multipart: "image", "client_id", "language"), checked as the
// agents' images are (app/upload: the type read from the bytes, the size
// and the pixels bounded). It is a message like any other, through the
// conversation core: it joins the conversation going on or starts one, and
// a retry with the same client id stores nothing again. An anonymous
// visitor must sign in first: images are for the team to look at.
func (h *Handlers) PostImage(c *fiber.Ctx) error {
	s, err := chatter(c)
	if err != nil {
		return err
	}
	if s.Visitor {
		return apperr.New(apperr.Forbidden, "Sign in to send images.")
	}
	clientID := strings.ToLower(c.FormValue("client_id"))
	if err := chat.ValidateClientID(clientID); err != nil {
		return err
	}
	fh, err := c.FormFile("image")
	if err != nil {
		return apperr.New(apperr.Invalid, "Choose an image to send.")
	}
	img, err := upload.ReadImage(fh)
	if err != nil {
		return err
	}
	if err := limit(c, h.Limits.Images, shopperKey(s), h.Now(), "You're sending images too quickly. Please wait a moment."); err != nil {
		return err
	}
	u, err := storage.NewUpload(img.ContentType, img.Data)
	if err != nil {
		return err
	}
	res, err := h.Core.PostFromShopper(c.UserContext(), conversation.ShopperMessage{
		ShopID: s.ShopID, ProfileID: s.ProfileID, ClientID: clientID, Language: language(c.FormValue("language")),
		Uploads: []storage.Upload{u}, Attachments: []storage.Attachment{{URL: h.MediaBase + mediaPath + u.ID,
			ContentType: u.ContentType, Width: img.Width, Height: img.Height}},
	})
	if errors.Is(err, conversation.ErrSignInFirst) {
		return apperr.Wrap(apperr.Forbidden, err, "Sign in to chat with us.")
	}
	if err != nil {
		return err
	}
	return h.answerPost(c, res)
}
