package shopifytest

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The theme editor's App embeds panel: every app embed of the app's theme
// app extensions, switched on or off, with its block settings from the
// schema. Saving writes the published theme (Theme), which is what the
// storefront renders and what the Admin API reports. As on Shopify, the
// deep link ?context=apps&activateAppId={api_key}/{block handle} opens the
// panel with that embed switched on, unsaved: the merchant still saves.

// themeEditorPath is the editor's page of a store, as in Shopify's admin.
func themeEditorPath(store string) string { return "/store/" + store + "/themes/current/editor" }

// editorEmbed is one app embed as the editor shows it.
type editorEmbed struct {
	Key        string // "{extension}/{block}", which names its form fields
	Name       string
	On         bool
	Activating bool // switched on by the deep link, not saved yet
	Fields     []editorField
}

// editorField is one block setting as a form field.
type editorField struct {
	Type, ID, Name, Label, Info, Unit string
	Value                             string
	Checked                           bool
	Options                           []editorOption
	Min, Max, Step                    float64
}

type editorOption struct {
	Value, Label string
	Selected     bool
}

// themeEditorView is the editor page.
type themeEditorView struct {
	adminPage
	ThemeName, StorefrontURL string
	Embeds                   []editorEmbed
	Saved                    bool
	Error                    string
}

// editorBlock is an app embed block of one of the app's extensions.
type editorBlock struct {
	ext    *StorefrontExtension
	block  StorefrontBlock
	labels func(string) string
}

func (b editorBlock) key() string { return b.ext.Handle + "/" + b.block.Handle }

// embedBlocks lists the app embed blocks of the app's extensions.
func (h *AdminHost) embedBlocks() ([]editorBlock, error) {
	var out []editorBlock
	for _, dir := range h.ExtensionDirs {
		x, err := LoadStorefrontExtension(dir)
		if err != nil {
			return nil, err
		}
		labels, err := schemaLabels(filepath.Join(dir, "locales", "en.default.schema.json"))
		if err != nil {
			return nil, err
		}
		for _, b := range x.Blocks() {
			if b.IsEmbed() {
				out = append(out, editorBlock{ext: x, block: b, labels: labels})
			}
		}
	}
	return out, nil
}

// themeEditor shows the App embeds panel.
func (h *AdminHost) themeEditor(w http.ResponseWriter, r *http.Request) {
	shop, demo, ok := h.shop(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	blocks, err := h.embedBlocks()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	theme := h.Themes(shop)
	activate := r.URL.Query().Get("activateAppId")
	v := h.editorView(w, r, demo, theme)
	v.Saved = r.URL.Query().Get("saved") == "1"
	for _, b := range blocks {
		on, settings := theme.AppEmbed(b.ext.Handle, b.block.Handle)
		e := b.view(on, settings)
		if !on && activate == h.APIKey+"/"+b.block.Handle {
			e.On, e.Activating = true, true
		}
		v.Embeds = append(v.Embeds, e)
	}
	renderThemeEditor(w, http.StatusOK, v)
}

// saveThemeEditor saves the panel: each embed switched on or off with its
// settings. An embed never switched on and left off is not added to the
// theme, as on Shopify. Invalid values save nothing.
func (h *AdminHost) saveThemeEditor(w http.ResponseWriter, r *http.Request) {
	shop, demo, ok := h.shop(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != h.Origin {
		http.Error(w, "cross-origin form", http.StatusForbidden)
		return
	}
	blocks, err := h.embedBlocks()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	theme := h.Themes(shop)
	type change struct {
		embed StorefrontEmbed
		on    bool
	}
	var changes []change
	var problems []string
	for _, b := range blocks {
		on := r.PostForm.Get("embed:"+b.key()) == "on"
		settings, errs := b.readSettings(r.PostForm)
		problems = append(problems, errs...)
		if on || theme.has(b.ext.Handle, b.block.Handle) {
			changes = append(changes, change{StorefrontEmbed{Extension: b.ext.Handle, Block: b.block.Handle, Settings: settings}, on})
		}
	}
	if len(problems) > 0 {
		v := h.editorView(w, r, demo, theme)
		v.Error = strings.Join(problems, " ")
		for _, b := range blocks {
			settings, _ := b.readSettings(r.PostForm)
			v.Embeds = append(v.Embeds, b.view(r.PostForm.Get("embed:"+b.key()) == "on", settings))
		}
		renderThemeEditor(w, http.StatusUnprocessableEntity, v)
		return
	}
	for _, c := range changes {
		theme.SetAppEmbed(c.embed, c.on)
	}
	http.Redirect(w, r, themeEditorPath(r.PathValue("store"))+"?context=apps&saved=1", http.StatusSeeOther)
}

func (h *AdminHost) editorView(w http.ResponseWriter, r *http.Request, demo *DemoShop, theme *Theme) themeEditorView {
	return themeEditorView{
		adminPage: adminPage{Store: demo.Info().Name, StoreHandle: r.PathValue("store"), Staff: h.staff(w, r),
			AppName: h.AppName, APIKey: h.APIKey},
		ThemeName: theme.Name, StorefrontURL: h.StorefrontURL,
	}
}

// view is the embed with settings (the saved ones over the schema's
// defaults) as form fields.
func (b editorBlock) view(on bool, settings map[string]any) editorEmbed {
	merged, err := b.block.mergeSettings(settings)
	if err != nil { // a setting the schema no longer has: show the defaults
		merged, _ = b.block.mergeSettings(nil)
	}
	e := editorEmbed{Key: b.key(), Name: b.labels(b.block.Schema.Name), On: on}
	for _, s := range b.block.Schema.Settings {
		f := editorField{Type: s.Type, ID: s.ID, Name: "setting:" + b.key() + ":" + s.ID,
			Label: b.labels(cmp.Or(s.Label, s.Content)), Info: b.labels(s.Info), Unit: s.Unit, Min: s.Min, Max: s.Max, Step: s.Step}
		value := merged[s.ID]
		switch x := value.(type) {
		case bool:
			f.Checked = x
		case float64:
			f.Value = strconv.FormatFloat(x, 'f', -1, 64)
		case nil:
		default:
			f.Value = fmt.Sprint(x)
		}
		for _, o := range s.Options {
			f.Options = append(f.Options, editorOption{Value: o.Value, Label: b.labels(o.Label), Selected: o.Value == f.Value})
		}
		e.Fields = append(e.Fields, f)
	}
	return e
}

// editorColor is what a colour setting holds: #rrggbb.
var editorColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// readSettings reads the block's settings from the form, checked against
// the schema; the problems name the setting as the editor labels it.
func (b editorBlock) readSettings(form url.Values) (map[string]any, []string) {
	out := map[string]any{}
	var problems []string
	bad := func(s StorefrontBlockSetting, why string) {
		problems = append(problems, fmt.Sprintf("%s: %s.", b.labels(s.Label), why))
	}
	for _, s := range b.block.Schema.Settings {
		raw := form.Get("setting:" + b.key() + ":" + s.ID)
		switch s.Type {
		case "header", "paragraph":
		case "checkbox":
			out[s.ID] = raw == "on"
		case "color":
			if !editorColor.MatchString(raw) {
				bad(s, "enter a color like #303030")
				continue
			}
			out[s.ID] = strings.ToLower(raw)
		case "select", "radio":
			if !slices.ContainsFunc(s.Options, func(o StorefrontSettingOption) bool { return o.Value == raw }) {
				bad(s, "choose one of the options")
				continue
			}
			out[s.ID] = raw
		case "range", "number":
			n, err := strconv.ParseFloat(raw, 64)
			if err != nil || s.Type == "range" && (n < s.Min || n > s.Max) {
				bad(s, fmt.Sprintf("enter a number from %g to %g", s.Min, s.Max))
				continue
			}
			out[s.ID] = n
		default: // text, textarea, url and the like
			if len(raw) > 5000 {
				bad(s, "too long")
				continue
			}
			out[s.ID] = raw
		}
	}
	return out, problems
}

// schemaLabels resolves "t:" keys of a schema locale file; a key it cannot
// find, or text without "t:", is shown as it is.
func schemaLabels(file string) (func(string) string, error) {
	tree := map[string]any{}
	raw, err := os.ReadFile(file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err == nil {
		if err := json.Unmarshal(raw, &tree); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
	}
	return func(s string) string {
		key, ok := strings.CutPrefix(s, "t:")
		if !ok {
			return s
		}
		var node any = tree
		for _, part := range strings.Split(key, ".") {
			m, _ := node.(map[string]any)
			node = m[part]
		}
		if text, ok := node.(string); ok {
			return text
		}
		return s
	}, nil
}
