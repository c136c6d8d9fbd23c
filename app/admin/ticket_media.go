package admin

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	_ "image/gif" // registers GIF for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
)

// maxImageBytes is the largest image an agent may send: big enough for a
// phone photo, small enough for the shopper's widget on a mobile network.
const maxImageBytes = 5 << 20

// imageTypes are the images agents may send, as http.DetectContentType
// names them: browsers show all four inline.
var imageTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// sentImage is an image read from the composer, checked.
type sentImage struct {
	ContentType   string
	Data          []byte
	Width, Height int
}

// readImage reads an uploaded file and accepts it only as a PNG, JPEG, GIF
// or WebP image no bigger than maxImageBytes, recognised by its content,
// never by its name or the type the browser claims: a page renamed .png
// must not be served back as anything.
func readImage(fh *multipart.FileHeader) (sentImage, error) {
	if fh.Size > maxImageBytes {
		return sentImage{}, tooBig(fh.Size)
	}
	f, err := fh.Open()
	if err != nil {
		return sentImage{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImageBytes+1))
	if err != nil {
		return sentImage{}, err
	}
	if len(data) > maxImageBytes {
		return sentImage{}, tooBig(int64(len(data)))
	}
	img := sentImage{ContentType: http.DetectContentType(data), Data: data}
	if !imageTypes[img.ContentType] {
		return sentImage{}, apperr.New(apperr.Invalid, "This file isn't an image we can send. Choose a PNG, JPEG, GIF or WebP image.")
	}
	if img.Width, img.Height, err = imageSize(img.ContentType, data); err != nil {
		return sentImage{}, apperr.Wrap(apperr.Invalid, err, "This image seems to be damaged. Choose another one.")
	}
	return img, nil
}

func tooBig(size int64) error {
	mb := strconv.FormatFloat(float64(size)/(1<<20), 'f', 1, 64)
	return apperr.New(apperr.Invalid, "This image is %s MB. Images can be at most %d MB: choose a smaller one.", mb, maxImageBytes>>20)
}

// imageSize reads an image's width and height from its header, so the
// widget can reserve its space before it loads.
func imageSize(contentType string, data []byte) (int, int, error) {
	if contentType == "image/webp" {
		return webpSize(data)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	return cfg.Width, cfg.Height, err
}

// webpSize reads a WebP's canvas size from its first chunk: VP8X (the
// extended format), VP8L (lossless) or VP8 (lossy). The standard library
// has no WebP decoder, and the header is all that is needed.
func webpSize(b []byte) (int, int, error) {
	if len(b) < 30 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return 0, 0, errors.New("not a WebP file")
	}
	le24 := func(p []byte) int { return int(p[0]) | int(p[1])<<8 | int(p[2])<<16 }
	switch string(b[12:16]) {
	case "VP8X":
		return 1 + le24(b[24:27]), 1 + le24(b[27:30]), nil
	case "VP8L":
		if b[20] != 0x2f {
			return 0, 0, errors.New("bad VP8L signature")
		}
		bits := binary.LittleEndian.Uint32(b[21:25])
		return 1 + int(bits&0x3fff), 1 + int(bits>>14&0x3fff), nil
	case "VP8 ":
		if b[23] != 0x9d || b[24] != 0x01 || b[25] != 0x2a {
			return 0, 0, errors.New("bad VP8 start code")
		}
		return int(binary.LittleEndian.Uint16(b[26:28]) & 0x3fff), int(binary.LittleEndian.Uint16(b[28:30]) & 0x3fff), nil
	}
	return 0, 0, errors.New("unknown WebP chunk")
}

// mediaPath is the public path of an upload.
const mediaPath = "/media/"

// Media serves GET /media/:token, outside the admin's guard: the images
// agents send, which the shopper's widget loads from the storefront. The
// 128-bit random token is the permission (a capability URL). The content
// is fixed once stored, so it may be cached for good; nosniff and the type
// the content was recognised as keep a browser from reading it as anything
// but that image.
func (h *Handlers) Media(c *fiber.Ctx) error {
	token := c.Params("token")
	if !validToken(token) {
		return fiber.ErrNotFound
	}
	u, err := h.Uploads.ByToken(c.UserContext(), token)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, u.ContentType)
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderContentDisposition, "inline")
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	// The storefront is another origin: let it embed the image.
	c.Set("Cross-Origin-Resource-Policy", "cross-origin")
	return c.Send(u.Bytes)
}

// validToken is the shape of an upload token: 22 URL-safe base64 digits.
func validToken(s string) bool {
	if len(s) != 22 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
