package upload

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"hubchat/app/apperr"
)

func encodePNG(t *testing.T, w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodeJPEG(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngSized is a valid PNG whose header claims w × h pixels (its CRC
// recomputed), with the data of a 1 × 1 image: a decompression bomb's
// announcement in a few bytes.
func pngSized(t *testing.T, w, h uint32) []byte {
	b := encodePNG(t, 1, 1)
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// gifFramesOf is an animation of n tiny frames on a w × h screen.
func gifFramesOf(t *testing.T, w, h, n int) []byte {
	g := &gif.GIF{Config: image.Config{Width: w, Height: h, ColorModel: color.Palette{color.Black, color.White}}}
	for range n {
		g.Image = append(g.Image, image.NewPaletted(image.Rect(0, 0, 1, 1), color.Palette{color.Black, color.White}))
		g.Delay = append(g.Delay, 10)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withSegment is a JPEG with an APP1 (EXIF) segment holding text after
// its start marker.
func withSegment(jpg []byte, text string) []byte {
	seg := append([]byte{0xff, 0xe1, 0, 0}, "Exif\x00\x00"+text...)
	binary.BigEndian.PutUint16(seg[2:], uint16(len(seg)-2))
	return append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
}

// Every hostile upload is refused with a coded error that says why; an
// image in another format than its name says is taken for what its bytes
// are (the type it is served with comes from this check, never the name).
func TestHostileUploadsAreRefused(t *testing.T) {
	jpg := encodeJPEG(t)
	gifWithScript := gifFramesOf(t, 1, 1, 1)
	gifWithScript = append(gifWithScript[:len(gifWithScript)-1], append([]byte{0x21, 0xfe, 20}, "<script>alert(1)//x"+"\x00\x3b"...)...)
	tests := []struct {
		name, file string
		data       []byte
		refusal    string // in the words; "" when accepted
		servedAs   string
	}{
		{"a PNG", "photo.png", encodePNG(t, 4, 3), "", "image/png"},
		{"a JPEG named .png", "photo.png", jpg, "", "image/jpeg"},
		{"an SVG with script", "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "isn't an image", ""},
		{"HTML named .png", "cat.png", []byte("<!doctype html><html><script>alert(document.cookie)</script>"), "isn't an image", ""},
		{"a PNG header over HTML", "cat.png", append(encodePNG(t, 1, 1)[:8], "<html><script>alert(1)</script>"...), "", ""},
		{"a GIF carrying script (polyglot)", "a.gif", gifWithScript, "web page code", ""},
		{"a JPEG with script in its EXIF", "a.jpg", withSegment(jpg, "<script>alert(1)</script>"), "web page code", ""},
		{"a JPEG with a javascript: URL in its EXIF", "a.jpg", withSegment(jpg, "JavaScript:alert(1)"), "web page code", ""},
		{"a decompression bomb (50,000 × 50,000 in a tiny PNG)", "bomb.png", pngSized(t, 50_000, 50_000), "megapixels", ""},
		{"an animation bomb (11 frames on a 4-megapixel screen)", "bomb.gif", gifFramesOf(t, 2000, 2000, 11), "frames", ""},
		{"a truncated PNG", "half.png", encodePNG(t, 64, 64)[:40], "damaged", ""},
		{"zero bytes", "empty.png", nil, "isn't an image", ""},
		{"over the size limit", "big.png", append(encodePNG(t, 1, 1), make([]byte, MaxImageBytes)...), "at most 5 MB", ""},
		{"a traversal name", "../../../etc/passwd.png", encodePNG(t, 2, 2), "", "image/png"},
	}
	for _, tt := range tests {
		img, err := ReadImage(fileHeader(t, tt.file, tt.data))
		switch {
		case tt.name == "a PNG header over HTML":
			// Refused either way: not a PNG past its signature.
			if err == nil || !apperr.Is(err, apperr.Invalid) {
				t.Errorf("%s: %v", tt.name, err)
			}
		case tt.refusal != "":
			if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.MessageOf(err), tt.refusal) {
				t.Errorf("%s: got %v, want a refusal saying %q", tt.name, err, tt.refusal)
			}
		case err != nil || img.ContentType != tt.servedAs:
			t.Errorf("%s: %v, %q; want accepted as %s", tt.name, err, img.ContentType, tt.servedAs)
		}
	}
}

// A file's name is only shown, made safe: no path, no control or
// bidirectional override character, bounded.
func TestDisplayName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"faqs.csv", "faqs.csv"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\me\Desktop\faqs.csv`, "faqs.csv"},
		{"faqs\x00.csv\r\n", "faqs.csv"},
		{"invoice\u202Evsc.exe", "invoicevsc.exe"},
		{"a\u200Bb\u2066c\u2069.json", "abc.json"},
		{"\xff\xfeq.csv", "q.csv"},
		{"", "file"},
		{"..", "file"},
		{"/", "file"},
		{strings.Repeat("é", 300) + ".csv", strings.Repeat("é", maxNameRunes)},
	}
	for _, tt := range tests {
		if got := DisplayName(tt.in); got != tt.want {
			t.Errorf("DisplayName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
