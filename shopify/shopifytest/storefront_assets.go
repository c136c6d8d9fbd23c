package shopifytest

import (
	"bytes"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// handleThemeAsset serves the theme's stylesheet.
func (s *Storefront) handleThemeAsset(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("file") != "theme.css" {
		http.NotFound(w, r)
		return
	}
	serveAsset(w, r, "theme.css", []byte(themeCSS), r.URL.Query().Get("v") == s.theme.cssVersion)
}

// handleExtensionAsset serves a file of an extension's assets/ at the URL
// asset_url gives it. The extension is read again, so the version in the
// URL is today's; an older version is still served (Shopify's CDN keeps
// old versions too) but not marked immutable.
func (s *Storefront) handleExtensionAsset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	// assets/ is flat: a name with a separator or a leading dot is not an
	// asset, and refusing it keeps requests inside the directory.
	if name == "" || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		http.NotFound(w, r)
		return
	}
	exts, err := s.loadExtensions()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	x, ok := exts[r.PathValue("handle")]
	if !ok || !x.assets[name] {
		http.NotFound(w, r)
		return
	}
	raw, err := os.ReadFile(filepath.Join(x.Dir, "assets", name))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	serveAsset(w, r, name, raw, r.PathValue("version") == x.Version)
}

// serveAsset writes an asset with its type from the file extension (never
// sniffed) and the CORS header Shopify's CDN sends.
func serveAsset(w http.ResponseWriter, r *http.Request, name string, body []byte, current bool) {
	ctype := mime.TypeByExtension(filepath.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Access-Control-Allow-Origin", "*")
	if current {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
}
