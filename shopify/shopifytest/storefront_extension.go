package shopifytest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/osteele/liquid/parser"
)

// maxExtensionLiquid is Shopify's limit on the Liquid of one theme app
// extension (SHOPIFY.md §6).
const maxExtensionLiquid = 100 * 1024

// StorefrontExtension is a theme app extension directory as Shopify would
// deploy it: blocks/*.liquid with a {% schema %} each, snippets/, assets/
// and locales/. Load it with LoadStorefrontExtension; it is immutable.
type StorefrontExtension struct {
	// Handle is the directory's name; app embeds are enabled by it.
	Handle string
	Dir    string
	// Version changes whenever an asset changes; it is part of asset URLs,
	// like the version in Shopify's CDN URLs, so browsers never keep a stale
	// asset.
	Version  string
	blocks   map[string]StorefrontBlock
	snippets map[string]string
	assets   map[string]bool
	locales  liquidLocales
}

// StorefrontBlock is one block of an extension.
type StorefrontBlock struct {
	// Handle is the file name without ".liquid", as in Shopify's activation
	// deep link ({client_id}/{handle}).
	Handle string
	File   string // "blocks/{handle}.liquid"
	Schema StorefrontBlockSchema
	source string
}

// StorefrontBlockSchema is the part of a block's {% schema %} the
// storefront uses.
type StorefrontBlockSchema struct {
	Name string `json:"name"`
	// Target is "section" for app blocks, "body", "head" or
	// "compliance_head" for app embeds.
	Target     string                   `json:"target"`
	JavaScript string                   `json:"javascript"`
	Stylesheet string                   `json:"stylesheet"`
	Settings   []StorefrontBlockSetting `json:"settings"`
}

// StorefrontBlockSetting is one merchant setting of a block, as the theme
// editor shows it. Label, Info, Content and option labels may be "t:" keys
// of the extension's locales/*.schema.json.
type StorefrontBlockSetting struct {
	Type    string `json:"type"`
	ID      string `json:"id"`
	Label   string `json:"label"`
	Default any    `json:"default"`
	Info    string `json:"info"`
	Content string `json:"content"` // a header's or paragraph's text
	// Options are a select's or radio's choices.
	Options []StorefrontSettingOption `json:"options"`
	// Min, Max, Step and Unit bound a range.
	Min, Max, Step float64
	Unit           string `json:"unit"`
}

// StorefrontSettingOption is one choice of a select or radio setting.
type StorefrontSettingOption struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// LoadStorefrontExtension reads and checks a theme app extension: each
// block has a valid schema with a known target, the files its schema names
// exist in assets/, no file uses a tag Shopify forbids in app blocks, all
// Liquid parses, and the Liquid stays under Shopify's 100 KB. Errors name
// the file (and line, for Liquid).
func LoadStorefrontExtension(dir string) (*StorefrontExtension, error) {
	x := &StorefrontExtension{Handle: filepath.Base(filepath.Clean(dir)), Dir: dir,
		blocks: map[string]StorefrontBlock{}, snippets: map[string]string{}, assets: map[string]bool{}}
	fail := func(err error) (*StorefrontExtension, error) {
		return nil, fmt.Errorf("theme app extension %s: %w", dir, err)
	}
	blocks, err := readLiquidDir(filepath.Join(dir, "blocks"))
	if err != nil {
		return fail(err)
	}
	if x.snippets, err = readLiquidDir(filepath.Join(dir, "snippets")); err != nil {
		return fail(err)
	}
	if x.locales, err = loadLiquidLocales(filepath.Join(dir, "locales")); err != nil {
		return fail(err)
	}
	if x.Version, err = x.readAssets(); err != nil {
		return fail(err)
	}
	total := 0
	for name, src := range blocks {
		b, err := x.parseBlock(name, src)
		if err != nil {
			return fail(err)
		}
		x.blocks[name], total = b, total+len(src)
	}
	for _, src := range x.snippets {
		total += len(src)
	}
	if total > maxExtensionLiquid {
		return fail(fmt.Errorf("%d bytes of Liquid; Shopify allows %d", total, maxExtensionLiquid))
	}
	if err := x.checkLiquid(blocks); err != nil {
		return fail(err)
	}
	return x, nil
}

// Block returns the block with the given handle.
func (x *StorefrontExtension) Block(handle string) (StorefrontBlock, bool) {
	b, ok := x.blocks[handle]
	return b, ok
}

// Blocks lists the blocks by handle.
func (x *StorefrontExtension) Blocks() []StorefrontBlock {
	out := make([]StorefrontBlock, 0, len(x.blocks))
	for _, b := range x.blocks {
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Handle < out[j].Handle })
	return out
}

// AssetPath is where the storefront serves a file of assets/.
func (x *StorefrontExtension) AssetPath(name string) (string, error) {
	if !x.assets[name] {
		return "", fmt.Errorf("asset_url: no file %q in %s/assets", name, x.Handle)
	}
	return "/cdn/extensions/" + x.Handle + "/" + x.Version + "/assets/" + name, nil
}

// readLiquidDir reads dir/*.liquid by name without extension; a missing
// directory is empty.
func readLiquidDir(dir string) (map[string]string, error) {
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".liquid" {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out[strings.TrimSuffix(e.Name(), ".liquid")] = string(raw)
	}
	return out, nil
}

// readAssets lists assets/ (Shopify allows no subdirectories there) and
// hashes the names and contents into the version.
func (x *StorefrontExtension) readAssets() (string, error) {
	dir := filepath.Join(x.Dir, "assets")
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	h := sha256.New()
	for _, e := range entries { // ReadDir sorts by name, so the hash is stable
		if e.IsDir() {
			return "", fmt.Errorf("assets/%s: Shopify allows no subdirectories in assets/", e.Name())
		}
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return "", err
		}
		x.assets[e.Name()] = true
		fmt.Fprintf(h, "%s\x00%d\x00", e.Name(), len(raw))
		h.Write(raw)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// parseBlock reads a block's schema, which Shopify reads without rendering.
func (x *StorefrontExtension) parseBlock(handle, src string) (StorefrontBlock, error) {
	file := "blocks/" + handle + ".liquid"
	raw, err := schemaJSON(file, src)
	if err != nil {
		return StorefrontBlock{}, err
	}
	b := StorefrontBlock{Handle: handle, File: file, source: src}
	if err := json.Unmarshal([]byte(raw), &b.Schema); err != nil {
		return b, fmt.Errorf("%s: {%% schema %%} is not valid JSON: %w", file, err)
	}
	switch b.Schema.Target {
	case "section", "body", "head", "compliance_head":
	default:
		return b, fmt.Errorf("%s: schema target %q is not section, body, head or compliance_head", file, b.Schema.Target)
	}
	for _, asset := range []string{b.Schema.JavaScript, b.Schema.Stylesheet} {
		if asset != "" && !x.assets[asset] {
			return b, fmt.Errorf("%s: schema names %q, which is not in assets/", file, asset)
		}
	}
	seen := map[string]bool{}
	for _, s := range b.Schema.Settings {
		if s.ID == "" && s.Type != "header" && s.Type != "paragraph" {
			return b, fmt.Errorf("%s: a %q setting has no id", file, s.Type)
		}
		if s.ID != "" && seen[s.ID] {
			return b, fmt.Errorf("%s: setting id %q appears twice", file, s.ID)
		}
		seen[s.ID] = true
	}
	return b, nil
}

// schemaJSON returns the text between {% schema %} and {% endschema %}.
func schemaJSON(file, src string) (string, error) {
	var b strings.Builder
	found, inside := false, false
	for _, tok := range parser.Scan(src, parser.SourceLoc{Pathname: file, LineNo: 1}, nil) {
		switch {
		case tok.Type == parser.TagTokenType && tok.Name == "schema":
			if found {
				return "", fmt.Errorf("%s: more than one {%% schema %%}", file)
			}
			found, inside = true, true
		case tok.Type == parser.TagTokenType && tok.Name == "endschema":
			inside = false
		case inside:
			b.WriteString(tok.Source)
		}
	}
	if !found || inside {
		return "", fmt.Errorf("%s: no complete {%% schema %%} … {%% endschema %%}", file)
	}
	return b.String(), nil
}

// checkLiquid parses every block and snippet, so that a syntax error stops
// the fake at start instead of on the first page view.
func (x *StorefrontExtension) checkLiquid(blocks map[string]string) error {
	env := x.env("en", StorefrontShop{})
	for name, src := range blocks {
		if _, _, err := parseLiquid(env, "blocks/"+name+".liquid", src); err != nil {
			return err
		}
	}
	for name := range x.snippets {
		if _, err := env.snippet(name); err != nil {
			return err
		}
	}
	return nil
}
