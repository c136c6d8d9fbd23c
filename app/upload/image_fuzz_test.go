package upload

import (
	"bytes"
	"encoding/base64"
	"image"
	"mime/multipart"
	"testing"

	"hubchat/app/apperr"
)

// maxRefusalLen bounds the words of a refused upload.
const maxRefusalLen = 300

// fileHeader is data as a browser uploads it, named name, parsed by the
// standard library as the handlers' forms are.
func fileHeader(t *testing.T, name string, data []byte) *multipart.FileHeader {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, err := w.CreateFormFile("image", name)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(data)
	w.Close()
	form, err := multipart.NewReader(&body, w.Boundary()).ReadForm(MaxImageBytes + 1<<20)
	if err != nil {
		// A name no browser sends (a control character breaks the part's
		// header): the form is refused before any handler sees the file.
		t.Skipf("the form does not parse: %v", err)
	}
	t.Cleanup(func() { form.RemoveAll() })
	if len(form.File["image"]) == 0 {
		t.Skip("a part without a file name is a text field, not a file")
	}
	return form.File["image"][0]
}

func mustBase64(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// A 1×1 PNG and a 1×1 GIF: the smallest valid images.
var (
	tinyPNG = mustBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
	tinyGIF = mustBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
)

// FuzzReadImage: an upload is accepted only as a PNG, JPEG, GIF or WebP,
// recognised by its content, whose pixels (every frame counted) fit the
// budget, kept byte for byte; anything else is refused as Invalid in
// bounded words, never with a panic.
func FuzzReadImage(f *testing.F) {
	f.Add("photo.png", tinyPNG)
	f.Add("anim.gif", tinyGIF)
	f.Add("a.png", []byte("<html><script>alert(1)</script></html>"))
	f.Add("a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`))
	f.Add("w.webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x02\x00\x00\x00\xff\xff\xff\xff\xff\xffANMF\x00\x00\x00\x00"))
	f.Add("bomb.png", append(append([]byte{}, tinyPNG[:16]...), 0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff))
	f.Add("../../etc/passwd", []byte{})
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		img, err := ReadImage(fileHeader(t, name, data))
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) || len(apperr.MessageOf(err)) > maxRefusalLen {
				t.Fatalf("refused with %v", err)
			}
			return
		}
		if !imageTypes[img.ContentType] || !bytes.Equal(img.Data, data) || len(data) > MaxImageBytes {
			t.Fatalf("accepted %q as %s, %d bytes", name, img.ContentType, len(img.Data))
		}
		size, err := MeasureImage(img.ContentType, data)
		if err != nil || size.Pixels > maxImagePixels || size.Frames < 1 || size.Width != img.Width || size.Height != img.Height {
			t.Fatalf("accepted an image measured %+v, %v", size, err)
		}
		if img.ContentType != "image/webp" {
			cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil || int64(cfg.Width)*int64(cfg.Height) > maxImagePixels {
				t.Fatalf("accepted an image whose decoder says %+v, %v", cfg, err)
			}
		}
	})
}
