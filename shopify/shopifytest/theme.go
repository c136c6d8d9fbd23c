package shopifytest

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"sync"
)

// Theme is a shop's published theme as far as apps can see it: the app
// embeds the merchant switched on or off in the theme editor, with their
// settings. What it holds is what the storefront renders (Embeds) and what
// the Admin API reports in the theme's config/settings_data.json
// (SettingsData). Safe for concurrent use.
type Theme struct {
	// ID and Name are the theme's, as the Admin API reports them.
	ID   int64
	Name string
	// AppHandle is the app's handle (shopify.app.toml), which names the
	// app in the type of its blocks.
	AppHandle string

	mu     sync.Mutex
	embeds []themeEmbed // in the order they were first switched on
}

// themeEmbed is one app embed in current.blocks: once switched on it stays
// there, switched off ("disabled") or on, as Shopify keeps it.
type themeEmbed struct {
	id       string // the block's key, a number Shopify makes up
	embed    StorefrontEmbed
	disabled bool
}

// NewTheme is a published theme ("Dawn") of the app whose handle is
// appHandle, with no app embed switched on yet.
func NewTheme(appHandle string) *Theme {
	return &Theme{ID: 184467440737, Name: "Dawn", AppHandle: appHandle}
}

// Embeds lists the embeds switched on, with their settings: a
// StorefrontConfig.Embeds.
func (t *Theme) Embeds(context.Context) ([]StorefrontEmbed, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []StorefrontEmbed
	for _, e := range t.embeds {
		if !e.disabled {
			e.embed.Settings = maps.Clone(e.embed.Settings)
			out = append(out, e.embed)
		}
	}
	return out, nil
}

// AppEmbed is the state of the embed block of extension: whether it is
// switched on and the settings saved with it (nil before it was ever
// switched on).
func (t *Theme) AppEmbed(extension, block string) (on bool, settings map[string]any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if i := t.find(extension, block); i >= 0 {
		return !t.embeds[i].disabled, maps.Clone(t.embeds[i].embed.Settings)
	}
	return false, nil
}

// SetAppEmbed saves an embed as the theme editor's Save does: switched on
// or off, with settings (the merchant's values; those missing keep the
// schema's defaults).
func (t *Theme) SetAppEmbed(e StorefrontEmbed, on bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	e.Settings = maps.Clone(e.Settings)
	if i := t.find(e.Extension, e.Block); i >= 0 {
		t.embeds[i].embed, t.embeds[i].disabled = e, !on
		return
	}
	t.embeds = append(t.embeds, themeEmbed{id: t.blockKey(e), embed: e, disabled: !on})
}

// has reports whether the embed was ever switched on (it is then in
// current.blocks, on or off).
func (t *Theme) has(extension, block string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.find(extension, block) >= 0
}

// find is the index of an embed in t.embeds, or -1; the caller holds t.mu.
func (t *Theme) find(extension, block string) int {
	for i, e := range t.embeds {
		if e.embed.Extension == extension && e.embed.Block == block {
			return i
		}
	}
	return -1
}

// blockKey is the key of an embed in current.blocks: a long number, stable
// for the embed, like the ones Shopify makes up.
func (t *Theme) blockKey(e StorefrontEmbed) string {
	sum := sha256.Sum256([]byte(t.AppHandle + "/" + e.Extension + "/" + e.Block))
	return strconv.FormatUint(binary.BigEndian.Uint64(sum[:8]), 10)
}

// blockType is the type of an embed's block in settings_data.json:
// shopify://apps/{app handle}/blocks/{block handle}/{extension uuid}.
func (t *Theme) blockType(e StorefrontEmbed) string {
	sum := sha256.Sum256([]byte(t.AppHandle + "/" + e.Extension))
	uuid := fmt.Sprintf("%x-%x-%x-%x-%x", sum[0:4], sum[4:6], sum[6:8], sum[8:10], sum[10:16])
	return "shopify://apps/" + t.AppHandle + "/blocks/" + e.Block + "/" + uuid
}

// settingsDataComment is the comment Shopify writes at the top of
// settings_data.json (which makes the file not quite JSON).
const settingsDataComment = `/*
 * ------------------------------------------------------------
 * IMPORTANT: The contents of this file are auto-generated.
 *
 * This file may be updated by the Shopify admin theme editor
 * or related systems. Please exercise caution as any changes
 * made to this file may be overwritten.
 * ------------------------------------------------------------
 */
`

// SettingsData is the theme's config/settings_data.json: the theme's own
// settings and, in current.blocks, every app embed ever switched on, with
// "disabled" and the saved settings.
func (t *Theme) SettingsData() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	blocks := map[string]any{}
	for _, e := range t.embeds {
		settings := e.embed.Settings
		if settings == nil {
			settings = map[string]any{}
		}
		blocks[e.id] = map[string]any{"type": t.blockType(e.embed), "disabled": e.disabled, "settings": settings}
	}
	doc := map[string]any{
		"current": map[string]any{"type_body_font": "assistant_n4", "page_width": 1200, "blocks": blocks},
		"presets": map[string]any{"Default": map[string]any{}},
	}
	out, _ := json.MarshalIndent(doc, "", "  ")
	return settingsDataComment + string(out) + "\n"
}
