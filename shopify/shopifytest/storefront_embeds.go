package shopifytest

import (
	"fmt"
	"net/http"
	"strings"
)

// renderedEmbeds is the enabled app embeds of one page.
type renderedEmbeds struct {
	head string // assets and head-target embeds, for content_for_header
	body string // body-target embeds, for the end of <body>
}

// loadExtensions reads every configured extension again, so that the page
// shows the extension as it is on disk now.
func (s *Storefront) loadExtensions() (map[string]*StorefrontExtension, error) {
	out := make(map[string]*StorefrontExtension, len(s.cfg.ExtensionDirs))
	for _, dir := range s.cfg.ExtensionDirs {
		x, err := LoadStorefrontExtension(dir)
		if err != nil {
			return nil, err
		}
		out[x.Handle] = x
	}
	return out, nil
}

// renderEmbeds renders the enabled app embeds. As Shopify does, it links
// each block's schema stylesheet and (deferred) script in the head, once
// per file, puts compliance_head then head embeds in the head and body
// embeds, each wrapped in its shopify-block div, at the end of the body.
// Failures are logged and shown on the page instead of the embed.
func (s *Storefront) renderEmbeds(r *http.Request, objs StorefrontObjects) renderedEmbeds {
	if s.cfg.Embeds == nil {
		return renderedEmbeds{}
	}
	fail := func(err error) renderedEmbeds {
		s.cfg.Logger.Error("storefront: app embed failed", "path", r.URL.Path, "err", err)
		return renderedEmbeds{body: liquidErrorBox(err)}
	}
	embeds, err := s.cfg.Embeds(r.Context())
	if err != nil {
		return fail(fmt.Errorf("storefront: app embeds: %w", err))
	}
	if len(embeds) == 0 {
		return renderedEmbeds{}
	}
	exts, err := s.loadExtensions()
	if err != nil {
		return fail(err)
	}
	var assets, compliance, head, body strings.Builder
	linked := map[string]bool{}
	for _, e := range embeds {
		x, b, err := embedBlock(exts, e)
		if err != nil {
			s.cfg.Logger.Error("storefront: app embed failed", "path", r.URL.Path, "err", err)
			body.WriteString(liquidErrorBox(err))
			continue
		}
		out, err := x.RenderBlock(b.Handle, objs, e.Settings)
		if err != nil {
			s.cfg.Logger.Error("storefront: app embed failed", "path", r.URL.Path, "block", b.File, "err", err)
			body.WriteString(liquidErrorBox(err))
			continue
		}
		linkAssets(&assets, linked, x, b)
		switch b.Schema.Target {
		case "compliance_head":
			compliance.WriteString(out)
		case "head":
			head.WriteString(out)
		default:
			fmt.Fprintf(&body, `<div id="shopify-block-%s" class="shopify-block shopify-app-block">%s</div>`, b.ID(x.Handle), out)
		}
	}
	return renderedEmbeds{head: compliance.String() + head.String() + assets.String(), body: body.String()}
}

// embedBlock finds an enabled embed's block; an app block (target section)
// cannot be enabled as an embed.
func embedBlock(exts map[string]*StorefrontExtension, e StorefrontEmbed) (*StorefrontExtension, StorefrontBlock, error) {
	x, ok := exts[e.Extension]
	if !ok {
		return nil, StorefrontBlock{}, fmt.Errorf("app embed %s/%s: no extension %q is configured", e.Extension, e.Block, e.Extension)
	}
	b, ok := x.Block(e.Block)
	if !ok {
		return nil, StorefrontBlock{}, fmt.Errorf("app embed %s/%s: the extension has no block %q", e.Extension, e.Block, e.Block)
	}
	if !b.IsEmbed() {
		return nil, StorefrontBlock{}, fmt.Errorf("app embed %s/%s: %s targets section; it is an app block, not an app embed", e.Extension, e.Block, b.File)
	}
	return x, b, nil
}

// linkAssets writes the block's schema stylesheet and script tags, once
// per file. The script is deferred, as Shopify loads app embed scripts, so
// it never blocks parsing.
func linkAssets(w *strings.Builder, linked map[string]bool, x *StorefrontExtension, b StorefrontBlock) {
	if css := b.Schema.Stylesheet; css != "" {
		if u, err := x.AssetPath(css); err == nil && !linked[u] {
			linked[u] = true
			w.WriteString(liquidStylesheetTag(u) + "\n")
		}
	}
	if js := b.Schema.JavaScript; js != "" {
		if u, err := x.AssetPath(js); err == nil && !linked[u] {
			linked[u] = true
			w.WriteString(`<script src="` + liquidEscape(u) + `" defer="defer"></script>` + "\n")
		}
	}
}
