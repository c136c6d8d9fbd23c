// Package static holds the admin's CSS, JavaScript and icons, embedded in the
// binary and served under content-hash URLs so browsers may cache them forever.
// Third-party libraries (htmx, Polaris tokens) are not kept in git: `make assets`
// copies them from node_modules, pinned by package-lock.json, into vendor/.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"
)

//go:embed css js all:vendor
var files embed.FS

// Vendored lists the files `make assets` must have copied into vendor/.
var Vendored = []string{
	"vendor/htmx.min.js",
	"vendor/hx-sse.min.js",
	"vendor/polaris-tokens.css",
}

// Prefix is the URL path under which assets are served.
const Prefix = "/static/"

// Asset is one servable file.
type Asset struct {
	Body        []byte
	ContentType string
}

// Assets maps logical names ("css/admin.css") to hashed URLs and back.
type Assets struct {
	urls   map[string]string // name → URL
	byPath map[string]Asset  // URL path → file
}

// Load reads the embedded files and fails, saying how to fix it, when the
// vendored libraries were never built, rather than serving pages that break.
func Load() (*Assets, error) {
	return load(files)
}

func load(fsys fs.FS) (*Assets, error) {
	var missing []string
	for _, name := range Vendored {
		if _, err := fs.Stat(fsys, name); err != nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("static assets missing (%s): run `make assets` (npm ci, then copy into static/vendor) and rebuild",
			strings.Join(missing, ", "))
	}
	a := &Assets{urls: map[string]string{}, byPath: map[string]Asset{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path.Base(name), ".") {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		url := Prefix + hashedName(name, body)
		a.urls[name] = url
		a.byPath[url] = Asset{Body: body, ContentType: contentType(name)}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read static assets: %w", err)
	}
	return a, nil
}

// hashedName turns css/admin.css into css/admin.1a2b3c4d5e6f.css.
func hashedName(name string, body []byte) string {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
}

func contentType(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// ErrUnknownAsset is returned by URL for a name that is not embedded.
var ErrUnknownAsset = errors.New("unknown static asset")

// URL returns the content-hash URL of the named file.
func (a *Assets) URL(name string) (string, error) {
	u, ok := a.urls[name]
	if !ok {
		return "", fmt.Errorf("%w: %s", ErrUnknownAsset, name)
	}
	return u, nil
}

// MustURL is URL for names fixed in the code (the layout's stylesheets and
// scripts); an unknown one is a programming error caught by the tests.
func (a *Assets) MustURL(name string) string {
	u, err := a.URL(name)
	if err != nil {
		panic(err)
	}
	return u
}

// Lookup finds the file served at a URL path.
func (a *Assets) Lookup(urlPath string) (Asset, bool) {
	f, ok := a.byPath[urlPath]
	return f, ok
}
