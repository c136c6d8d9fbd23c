// Package upload checks the images people send in a chat, agents and
// shoppers alike, before they are stored and shown in another person's
// browser.
package upload

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	_ "image/gif" // registers GIF, JPEG and PNG for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"hubchat/app/apperr"
)

// MaxImageBytes is the largest image anyone may send: big enough for a
// phone photo, small enough for the shopper's widget on a mobile network.
const MaxImageBytes = 5 << 20

// maxImagePixels is the most pixels an image may unpack to, every frame of
// an animation counted: a few kilobytes of file can unpack into gigabytes
// of pixels in the shopper's browser. 40 megapixels is more than any phone
// photo.
const maxImagePixels = 40_000_000

// imageTypes are the images people may send, as http.DetectContentType
// names them: browsers show all four inline.
var imageTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// Image is an image read from an upload, checked.
type Image struct {
	ContentType   string
	Data          []byte
	Width, Height int
}

// ReadImage reads an uploaded file and accepts it only as a PNG, JPEG, GIF
// or WebP image no bigger than MaxImageBytes and maxImagePixels, recognised
// by its content, never by its name or the type the browser claims: a page
// renamed .png must not be served back as anything.
func ReadImage(fh *multipart.FileHeader) (Image, error) {
	if fh.Size > MaxImageBytes {
		return Image{}, tooBig(fh.Size)
	}
	f, err := fh.Open()
	if err != nil {
		return Image{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxImageBytes+1))
	if err != nil {
		return Image{}, err
	}
	return CheckImage(data)
}

// CheckImage accepts data only as ReadImage accepts an uploaded file: a
// PNG, JPEG, GIF or WebP image no bigger than MaxImageBytes and
// maxImagePixels, recognised by its content. Files that come from
// elsewhere than a form (a picture texted by MMS) are checked with it.
func CheckImage(data []byte) (Image, error) {
	if len(data) > MaxImageBytes {
		return Image{}, tooBig(int64(len(data)))
	}
	img := Image{ContentType: http.DetectContentType(data), Data: data}
	if !imageTypes[img.ContentType] {
		return Image{}, apperr.New(apperr.Invalid, "This file isn't an image we can send. Choose a PNG, JPEG, GIF or WebP image.")
	}
	if markupInside(data) {
		return Image{}, apperr.New(apperr.Invalid, "This image holds web page code, so we can't send it. Choose another image.")
	}
	size, err := MeasureImage(img.ContentType, data)
	if err != nil {
		return Image{}, apperr.Wrap(apperr.Invalid, err, "This image seems to be damaged. Choose another one.")
	}
	if err := size.checkPixels(); err != nil {
		return Image{}, err
	}
	img.Width, img.Height = size.Width, size.Height
	return img, nil
}

// markups are what a file meant to be read as a page or script carries,
// in lowercase. An image holding one is a polyglot (an image that is also
// a page, or script in its metadata): served with its checked type and
// nosniff it stays inert, but nothing a person sends needs it, and a
// browser or tool that sniffs would run it.
var markups = [][]byte{[]byte("<script"), []byte("<html"), []byte("<svg"), []byte("<iframe"),
	[]byte("<object"), []byte("<embed"), []byte("javascript:")}

// markupInside reports whether data holds one of markups, in any case.
func markupInside(data []byte) bool {
	lower := bytes.ToLower(data)
	for _, m := range markups {
		if bytes.Contains(lower, m) {
			return true
		}
	}
	return false
}

func tooBig(size int64) error {
	mb := strconv.FormatFloat(float64(size)/(1<<20), 'f', 1, 64)
	return apperr.New(apperr.Invalid, "This image is %s MB. Images can be at most %d MB: choose a smaller one.", mb, MaxImageBytes>>20)
}

// ImageSize is what an image's headers say of its size: its canvas, and
// how many pixels a browser unpacks to show it.
type ImageSize struct {
	Width, Height int
	Frames        int   // more than one for an animation
	Pixels        int64 // every frame counted
}

// checkPixels refuses an image that unpacks to more than maxImagePixels.
func (s ImageSize) checkPixels() error {
	if s.Pixels <= maxImagePixels {
		return nil
	}
	mp := strconv.FormatFloat(float64(s.Pixels)/1e6, 'f', 1, 64)
	if s.Frames > 1 {
		return apperr.New(apperr.Invalid, "This animation has %d frames of %d × %d pixels, %s megapixels in all. Images can be at most %d megapixels, "+
			"counting every frame: choose a smaller or shorter one.", s.Frames, s.Width, s.Height, mp, maxImagePixels/1_000_000)
	}
	return apperr.New(apperr.Invalid, "This image is %d × %d pixels (%s megapixels). Images can be at most %d megapixels: choose a smaller one.",
		s.Width, s.Height, mp, maxImagePixels/1_000_000)
}

// MeasureImage reads an image's size from its headers and, for formats
// that animate, counts its frames by walking its chunks or blocks, without
// unpacking any pixels. A canvas over the budget is refused before its
// frames are multiplied, so the count cannot overflow.
func MeasureImage(contentType string, data []byte) (ImageSize, error) {
	var s ImageSize
	var err error
	if contentType == "image/webp" {
		s.Width, s.Height, err = WebPSize(data)
	} else {
		var cfg image.Config
		cfg, _, err = image.DecodeConfig(bytes.NewReader(data))
		s.Width, s.Height = cfg.Width, cfg.Height
	}
	if err != nil {
		return ImageSize{}, err
	}
	canvas := int64(s.Width) * int64(s.Height)
	s.Frames, s.Pixels = 1, canvas
	if canvas > maxImagePixels {
		return s, nil
	}
	switch contentType {
	case "image/gif":
		s.Frames, s.Pixels, err = gifFrames(data, canvas)
	case "image/png":
		s.Frames, err = pngFrames(data)
		s.Pixels = canvas * int64(s.Frames)
	case "image/webp":
		s.Frames, err = webpFrames(data)
		s.Pixels = canvas * int64(s.Frames)
	}
	return s, err
}

var errTruncated = errors.New("the image ends too soon")

// gifFrames counts a GIF's frames and adds up their pixels. Each frame
// counts as the larger of the logical screen (the canvas it is drawn on)
// and its own rectangle, which may overflow the screen.
func gifFrames(b []byte, screen int64) (frames int, pixels int64, err error) {
	if len(b) < 13 {
		return 0, 0, errTruncated
	}
	pos := 13 // header and logical screen descriptor
	pos += colorTableSize(b[10])
	for pos < len(b) {
		switch b[pos] {
		case 0x21: // an extension: its label, then its data
			pos, err = skipSubBlocks(b, pos+2)
		case 0x2c: // an image: its descriptor, colour table, code size, data
			if pos+10 > len(b) {
				return 0, 0, errTruncated
			}
			w, h := binary.LittleEndian.Uint16(b[pos+5:]), binary.LittleEndian.Uint16(b[pos+7:])
			frames++
			pixels += max(screen, int64(w)*int64(h))
			pos, err = skipSubBlocks(b, pos+10+colorTableSize(b[pos+9])+1)
		case 0x3b: // the trailer
			if frames == 0 {
				return 0, 0, errors.New("the GIF has no image")
			}
			return frames, pixels, nil
		default:
			return 0, 0, errors.New("unknown GIF block")
		}
		if err != nil {
			return 0, 0, err
		}
	}
	return 0, 0, errTruncated
}

// colorTableSize is the size of the colour table a GIF descriptor's packed
// byte announces.
func colorTableSize(packed byte) int {
	if packed&0x80 == 0 {
		return 0
	}
	return 3 << (packed&7 + 1)
}

// skipSubBlocks skips a GIF's sized data blocks, up to their terminator.
func skipSubBlocks(b []byte, pos int) (int, error) {
	for pos < len(b) {
		n := int(b[pos])
		pos++
		if n == 0 {
			return pos, nil
		}
		pos += n
	}
	return 0, errTruncated
}

// pngFrames counts an animated PNG's frames (its fcTL chunks); a still
// PNG counts one. It walks the chunks (length, type, data, CRC) up to
// IEND; a chunk running past the file's end is damage.
func pngFrames(b []byte) (int, error) {
	frames := 0
	for pos := 8; pos+8 <= len(b); {
		n := 12 + int64(binary.BigEndian.Uint32(b[pos:]))
		if int64(pos)+n > int64(len(b)) {
			return 0, errTruncated
		}
		switch string(b[pos+4 : pos+8]) {
		case "fcTL":
			frames++
		case "IEND":
			return max(frames, 1), nil
		}
		pos += int(n)
	}
	return 0, errTruncated
}

// webpFrames counts an animated WebP's frames (its ANMF chunks); a still
// WebP counts one. It walks the RIFF chunks (type, length, data padded to
// an even length); a chunk running past the file's end is damage.
func webpFrames(b []byte) (int, error) {
	frames := 0
	for pos := 12; pos+8 <= len(b); {
		n := int64(binary.LittleEndian.Uint32(b[pos+4:]))
		n += 8 + n&1
		if int64(pos)+n > int64(len(b))+1 { // the last pad byte may be missing
			return 0, errTruncated
		}
		if string(b[pos:pos+4]) == "ANMF" {
			frames++
		}
		pos += int(n)
	}
	return max(frames, 1), nil
}

// WebPSize reads a WebP's canvas size from its first chunk: VP8X (the
// extended format, which animations use), VP8L (lossless) or VP8 (lossy).
// The standard library has no WebP decoder, and the header is all that is
// needed.
func WebPSize(b []byte) (int, int, error) {
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
