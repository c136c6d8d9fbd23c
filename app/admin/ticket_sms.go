package admin

import (
	"strconv"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/sms"
	"hubchat/app/twilio"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// The composer of an SMS ticket: the reply goes out as a text, or as MMS
// with a picture, so it says how many characters and SMS segments the text
// will use (static/js/sms_segments.js counts as the agent types), keeps to
// Twilio's length, and takes only the pictures MMS can carry.

// mmsImageTypes are the pictures an MMS can carry of those the inbox takes:
// Twilio accepts no WebP for MMS (WhatsApp stickers only).
const mmsImageTypes = "image/png,image/jpeg,image/gif"

// smsComposer fills in the SMS part of a ticket's composer.
func smsComposer(l i18n.Locale, v *pages.TicketComposer) {
	v.SMS = &pages.SMSComposer{
		MaxChars:    twilio.MaxBodyChars,
		Count:       l.T("mms.composer.count"),
		WithPicture: l.T("mms.composer.with_picture"),
		Unicode:     l.T("mms.composer.unicode"),
		Help:        l.T("mms.composer.help", "max", maxImageBytes>>20),
		ImageTypes:  mmsImageTypes,
	}
}

// checkSMSReply refuses a reply an SMS ticket cannot send: text longer than
// Twilio takes, or a picture MMS cannot carry. Other tickets pass.
func (h *Handlers) checkSMSReply(c *fiber.Ctx, id int64, body string, img sentImage, hasImage bool) error {
	ctx := c.UserContext()
	conv, err := h.Conversations.Get(ctx, web.ShopID(c), id)
	if err != nil || conv.Channel != storage.ChannelSMS {
		return nil // the reply itself says what is wrong with the ticket
	}
	l := i18n.FromContext(ctx)
	if utf8.RuneCountInString(body) > twilio.MaxBodyChars {
		return apperr.New(apperr.Invalid, "%s", l.T("mms.composer.too_long", "max", strconv.Itoa(twilio.MaxBodyChars)))
	}
	if hasImage && img.ContentType == "image/webp" {
		return apperr.New(apperr.Invalid, "%s", l.T("mms.composer.webp"))
	}
	return nil
}

// refusedMediaWords says of each file a person texted and the app did not
// keep why, in l.
func refusedMediaWords(l i18n.Locale, refused []storage.RefusedMedia) []string {
	var out []string
	for _, r := range refused {
		switch r.Reason {
		case sms.RefusedTooLarge:
			out = append(out, l.T("mms.refused.too_large", "max", maxImageBytes>>20))
		case sms.RefusedNotPicture:
			out = append(out, l.T("mms.refused.not_picture", "type", r.ContentType))
		case sms.RefusedUnreadable:
			out = append(out, l.T("mms.refused.unreadable"))
		default:
			out = append(out, l.T("mms.refused.unreachable"))
		}
	}
	return out
}
