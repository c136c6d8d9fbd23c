package admin_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"slices"
	"strings"
	"testing"

	"hubchat/app/admin"
)

// pngFile is a PNG of w × h pixels made of a header and then chunks of the
// given types (with dummy data), up to the end chunk: only headers and
// chunk lengths are read, never the pixels.
func pngFile(w, h uint32, kinds ...string) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
		b.WriteString(kind)
		b.Write(data)
		b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(append([]byte(kind), data...))))
	}
	header := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, w), h)
	chunk("IHDR", append(header, 8, 0, 0, 0, 0)) // 8-bit greyscale
	for _, kind := range kinds {
		chunk(kind, make([]byte, 26))
	}
	chunk("IEND", nil)
	return b.Bytes()
}

// animatedGIF is a real GIF: a w × h screen on which frames 1 × 1 pixel
// frames are shown one after the other.
func animatedGIF(t *testing.T, w, h, frames int) []byte {
	t.Helper()
	palette := color.Palette{color.Black, color.White}
	anim := &gif.GIF{Config: image.Config{Width: w, Height: h, ColorModel: palette}}
	for range frames {
		anim.Image = append(anim.Image, image.NewPaletted(image.Rect(0, 0, 1, 1), palette))
		anim.Delay = append(anim.Delay, 10)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, anim); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webpFile is an extended WebP with a w × h canvas and chunks of the given
// types (with dummy data).
func webpFile(w, h int, kinds ...string) []byte {
	var body bytes.Buffer
	body.WriteString("WEBPVP8X")
	body.Write(binary.LittleEndian.AppendUint32(nil, 10))
	body.Write([]byte{0x02, 0, 0, 0}) // flags: animation
	body.Write(binary.LittleEndian.AppendUint32(nil, uint32(w-1))[:3])
	body.Write(binary.LittleEndian.AppendUint32(nil, uint32(h-1))[:3])
	for _, kind := range kinds {
		body.WriteString(kind)
		body.Write(binary.LittleEndian.AppendUint32(nil, 16))
		body.Write(make([]byte, 16))
	}
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(body.Len()))...), body.Bytes()...)
}

// Every format's size is read from its headers, and an animation counts
// each of its frames; a file cut short is damaged.
func TestImageHeadersCountEveryFrame(t *testing.T) {
	t.Parallel()
	gifOverScreen := animatedGIF(t, 10, 10, 1)
	binary.LittleEndian.PutUint16(gifOverScreen[6:], 2) // the screen shrinks to 2 × 2; the frame…
	binary.LittleEndian.PutUint16(gifOverScreen[8:], 2)
	frameAt := bytes.IndexByte(gifOverScreen[13:], 0x2c) + 13
	binary.LittleEndian.PutUint16(gifOverScreen[frameAt+5:], 300) // …grows to 300 × 1
	tests := []struct {
		name          string
		contentType   string
		data          []byte
		w, h, frames  int
		pixels        int64
		wantDamaged   bool
		wantOverLimit bool
	}{
		{"still PNG", "image/png", pngFile(4000, 3000, "IDAT"), 4000, 3000, 1, 12e6, false, false},
		{"PNG over the budget", "image/png", pngFile(8000, 6000, "IDAT"), 8000, 6000, 1, 48e6, false, true},
		{"animated PNG", "image/png", pngFile(2000, 2000, "acTL", "fcTL", "IDAT", "fcTL", "fdAT", "fcTL", "fdAT"), 2000, 2000, 3, 12e6, false, false},
		{"animated PNG over the budget", "image/png", pngFile(4000, 3000, "acTL", "fcTL", "IDAT", "fcTL", "fdAT", "fcTL", "fdAT", "fcTL", "fdAT"), 4000, 3000, 4, 48e6, false, true},
		{"PNG cut short", "image/png", pngFile(10, 10, "IDAT")[:40], 0, 0, 0, 0, true, false},
		{"GIF", "image/gif", animatedGIF(t, 300, 200, 1), 300, 200, 1, 60_000, false, false},
		{"GIF of 40 frames of a megapixel", "image/gif", animatedGIF(t, 1000, 1000, 40), 1000, 1000, 40, 40e6, false, false},
		{"GIF of 41 frames of a megapixel", "image/gif", animatedGIF(t, 1000, 1000, 41), 1000, 1000, 41, 41e6, false, true},
		{"GIF frame larger than its screen", "image/gif", gifOverScreen, 2, 2, 1, 300, false, false},
		{"GIF without its trailer", "image/gif", bytes.TrimSuffix(animatedGIF(t, 5, 5, 2), []byte{0x3b}), 0, 0, 0, 0, true, false},
		{"animated WebP", "image/webp", webpFile(3000, 2000, "ANIM", "ANMF", "ANMF", "ANMF"), 3000, 2000, 3, 18e6, false, false},
		{"animated WebP over the budget", "image/webp", webpFile(4000, 3000, "ANIM", "ANMF", "ANMF", "ANMF", "ANMF"), 4000, 3000, 4, 48e6, false, true},
		{"WebP cut short", "image/webp", webpFile(30, 20, "ANIM", "ANMF")[:50], 0, 0, 0, 0, true, false},
	}
	for _, tt := range tests {
		got, err := admin.MeasureImage(tt.contentType, tt.data)
		if tt.wantDamaged {
			if err == nil {
				t.Errorf("%s: read as %+v, want damaged", tt.name, got)
			}
			continue
		}
		if err != nil || got.Width != tt.w || got.Height != tt.h || got.Frames != tt.frames || got.Pixels != tt.pixels {
			t.Errorf("%s: %+v, %v; want %d × %d, %d frames, %d pixels", tt.name, got, err, tt.w, tt.h, tt.frames, tt.pixels)
		}
		if over := got.Pixels > 40e6; over != tt.wantOverLimit {
			t.Errorf("%s: over the budget %v, want %v", tt.name, over, tt.wantOverLimit)
		}
	}
}

// A canvas over the budget is refused as it is, before its frames are
// multiplied: 2^16 frames of 2^48 pixels would wrap around to 0 pixels.
func TestHugeCanvasIsNotMultiplied(t *testing.T) {
	t.Parallel()
	got, err := admin.MeasureImage("image/webp", webpFile(1<<24, 1<<24, slices.Repeat([]string{"ANMF"}, 1<<16)...))
	if err != nil || got.Pixels != 1<<48 {
		t.Fatalf("%+v, %v: want the canvas alone, 2^48 pixels", got, err)
	}
}

// An image over the pixel budget, still or animated (every frame counted),
// and a damaged image are refused with a message saying why, and nothing
// is stored; an animation just within the budget is sent.
func TestOverBudgetAndBrokenImagesAreRefused(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	tests := []struct {
		name string
		file []byte
		want string
	}{
		{"a 48-megapixel PNG", pngFile(8000, 6000, "IDAT"), "8000 × 6000 pixels (48.0 megapixels)"},
		{"a GIF of 41 one-megapixel frames", animatedGIF(t, 1000, 1000, 41), "41 frames of 1000 × 1000 pixels, 41.0 megapixels in all"},
		{"a broken PNG", []byte("\x89PNG\r\n\x1a\nnot a PNG after all"), "This image seems to be damaged"},
		{"a GIF cut short", animatedGIF(t, 10, 10, 3)[:40], "This image seems to be damaged"},
	}
	for _, tt := range tests {
		resp, body := e.reply(e.path("/messages"), "Look", "image.png", tt.file)
		wantCode(t, tt.name, resp, body, 422)
		if !strings.Contains(body, tt.want) {
			t.Errorf("%s: the answer does not say %q:\n%s", tt.name, tt.want, body)
		}
	}
	var n int
	e.DB.Get(&n, `SELECT (SELECT count(*) FROM uploads) + (SELECT count(*) FROM messages WHERE author = 'agent')`)
	if n != 0 {
		t.Fatalf("%d uploads and replies stored for refused images", n)
	}
	resp, body := e.reply(e.path("/messages"), "", "forty.gif", animatedGIF(t, 1000, 1000, 40))
	wantCode(t, "a GIF of 40 one-megapixel frames", resp, body, 200)
}
