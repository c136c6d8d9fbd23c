package shopifytest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// RenderBlock renders one block of the extension as a Shopify storefront
// would: with the global objects, app (metafields) and block (id and
// settings). settings holds the merchant's choices from the theme editor;
// settings they did not touch keep the schema's defaults. A setting the
// schema does not declare is an error, as it would be a typo in a test.
// Liquid errors are *StorefrontLiquidError and name the file and line.
func (x *StorefrontExtension) RenderBlock(handle string, objects StorefrontObjects, settings map[string]any) (string, error) {
	b, ok := x.blocks[handle]
	if !ok {
		return "", fmt.Errorf("theme app extension %s has no block %q", x.Handle, handle)
	}
	merged, err := b.mergeSettings(settings)
	if err != nil {
		return "", err
	}
	env := x.env(objects.Request.Locale, objects.Shop)
	bindings := objects.bindings()
	bindings["app"] = objects.appObject()
	bindings["block"] = map[string]any{"id": b.ID(x.Handle), "settings": merged, "shopify_attributes": ""}
	out, _, err := renderLiquid(env, b.File, b.source, bindings)
	return out, err
}

// ID is the block's stable id within a shop, as block.id; Shopify's ids
// are opaque, so any stable token serves.
func (b StorefrontBlock) ID(extension string) string {
	sum := sha256.Sum256([]byte(extension + "/" + b.Handle))
	return "A" + strings.ToUpper(hex.EncodeToString(sum[:8]))
}

// IsEmbed reports whether the block is an app embed (not an app block for
// sections).
func (b StorefrontBlock) IsEmbed() bool { return b.Schema.Target != "section" }

// mergeSettings overlays the merchant's values on the schema defaults. A
// checkbox without a default is false, as in Shopify.
func (b StorefrontBlock) mergeSettings(chosen map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(b.Schema.Settings))
	for _, s := range b.Schema.Settings {
		if s.ID == "" {
			continue
		}
		out[s.ID] = s.Default
		if s.Default == nil && s.Type == "checkbox" {
			out[s.ID] = false
		}
	}
	var unknown []string
	for k, v := range chosen {
		if _, ok := out[k]; !ok {
			unknown = append(unknown, k)
			continue
		}
		out[k] = v
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("%s: no setting %s in its schema", b.File, strings.Join(unknown, ", "))
	}
	return out, nil
}

// env builds the Liquid environment of this extension for one locale.
func (x *StorefrontExtension) env(locale string, shop StorefrontShop) *liquidEnv {
	if locale == "" {
		locale = "en"
	}
	env := &liquidEnv{
		mode: liquidAppExtension, snippets: x.snippets, assetURL: x.AssetPath,
		locales: x.locales, locale: locale, moneyFormat: shop.moneyFormat(), currency: shop.Currency,
	}
	newLiquidEngine(env)
	return env
}
