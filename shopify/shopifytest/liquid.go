package shopifytest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/osteele/liquid"
	"github.com/osteele/liquid/render"
)

// StorefrontLiquidError is a Liquid error in one file of a theme app
// extension, of the fake theme, or of an app proxy response, worded as
// Shopify words it on a storefront ("Liquid syntax error (blocks/hub.liquid
// line 3): …").
type StorefrontLiquidError struct {
	// File is the path inside the extension or theme, e.g.
	// "blocks/hub.liquid" or "snippets/card.liquid".
	File string
	// Line is 1-based; 0 when unknown.
	Line int
	// Syntax is true for errors found before rendering (parse errors and
	// forbidden tags), false for errors while rendering.
	Syntax  bool
	Message string
}

// Error formats the error as a storefront shows it.
func (e *StorefrontLiquidError) Error() string {
	kind := "Liquid error"
	if e.Syntax {
		kind = "Liquid syntax error"
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s (%s line %d): %s", kind, e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s (%s): %s", kind, e.File, e.Message)
}

// Hidden bindings. A NUL byte cannot appear in a Liquid identifier, so
// templates can neither read nor overwrite them.
const (
	// liquidGlobalsKey holds the objects the renderer was given, which
	// {% render %} passes on to snippets while dropping assigned variables.
	liquidGlobalsKey = "\x00globals"
	// liquidDepthKey counts nested {% render %} calls.
	liquidDepthKey = "\x00depth"
)

// liquidEnv is what the Shopify filters and tags need beyond the bindings.
// osteele/liquid filters cannot see the render context, so one engine is
// built per extension and locale, with this environment closed over.
type liquidEnv struct {
	mode     liquidMode
	snippets map[string]string // name (without .liquid) → source
	// assetURL maps a file of the extension's (or theme's) assets/ to the
	// URL the storefront serves it at; it fails for a missing file, which
	// Shopify would turn into a broken link.
	assetURL    func(name string) (string, error)
	locales     liquidLocales
	locale      string // the storefront's active locale, e.g. "en"
	moneyFormat string // the shop's "HTML without currency" format
	currency    string

	engine *liquid.Engine
	mu     sync.Mutex
	parsed map[string]*liquid.Template // snippets, parsed on first use
}

// newLiquidEngine builds the engine for env, with Shopify's filters and
// tags registered over osteele/liquid's standard ones.
func newLiquidEngine(env *liquidEnv) *liquid.Engine {
	e := liquid.NewEngine()
	env.engine, env.parsed = e, map[string]*liquid.Template{}
	e.RegisterFilter("asset_url", env.assetURLFilter)
	e.RegisterFilter("t", env.translateFilter)
	e.RegisterFilter("translate", env.translateFilter)
	e.RegisterFilter("money", env.moneyFilter)
	e.RegisterFilter("money_with_currency", env.moneyWithCurrencyFilter)
	e.RegisterFilter("escape", liquidEscape)
	e.RegisterFilter("json", liquidJSON)
	e.RegisterFilter("url_encode", liquidURLEncode)
	e.RegisterFilter("default", liquidDefault)
	e.RegisterFilter("script_tag", liquidScriptTag)
	e.RegisterFilter("stylesheet_tag", liquidStylesheetTag)
	e.RegisterBlock("schema", func(render.Context) (string, error) { return "", nil })
	e.RegisterTag("render", env.renderTag)
	// osteele's include reads any path from the local disk. Shopify's theme
	// include would read theme snippets, which the fake theme has none of;
	// in extensions the tag is refused before rendering.
	e.RegisterTag("include", func(render.Context) (string, error) {
		return "", errors.New("include: use {% render %}; the fake theme has no snippets to include")
	})
	for _, name := range []string{"javascript", "stylesheet"} {
		e.RegisterBlock(name, func(ctx render.Context) (string, error) {
			return "", fmt.Errorf("{%% %s %%} belongs in theme sections, not here", ctx.TagName())
		})
	}
	e.RegisterTag("section", func(render.Context) (string, error) {
		return "", errors.New("section: the fake theme has no sections")
	})
	return e
}

// parseLiquid prepares and parses src, reporting errors against file.
func parseLiquid(env *liquidEnv, file, src string) (*liquid.Template, preparedLiquid, error) {
	prepared, err := prepareLiquid(file, src, env.mode)
	if err != nil {
		return nil, preparedLiquid{}, err
	}
	tpl, serr := env.engine.ParseTemplateLocation([]byte(prepared.text), file, 1)
	if serr != nil {
		return nil, preparedLiquid{}, liquidError(serr, file, true)
	}
	return tpl, prepared, nil
}

// renderTemplate renders tpl with objects as the globals. It never panics:
// a panic inside osteele/liquid or a filter becomes a render error of file.
func renderTemplate(tpl *liquid.Template, file string, objects map[string]any) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = "", &StorefrontLiquidError{File: file, Message: fmt.Sprint(r)}
		}
	}()
	bindings := make(map[string]any, len(objects)+2)
	for k, v := range objects {
		bindings[k] = v
	}
	if _, ok := bindings[liquidGlobalsKey]; !ok {
		bindings[liquidGlobalsKey] = objects
	}
	s, serr := tpl.RenderString(bindings)
	if serr != nil {
		return "", liquidError(serr, file, false)
	}
	return s, nil
}

// renderLiquid parses and renders src in one step.
func renderLiquid(env *liquidEnv, file, src string, objects map[string]any) (string, preparedLiquid, error) {
	tpl, prepared, err := parseLiquid(env, file, src)
	if err != nil {
		return "", preparedLiquid{}, err
	}
	out, err := renderTemplate(tpl, file, objects)
	return out, prepared, err
}

// osteeleMessage matches osteele/liquid's error wording, "Liquid error
// (line 3): message in path", to recover the bare message.
var osteeleMessage = regexp.MustCompile(`^Liquid error(?: \(line \d+\))?: (?s:(.*))$`)

// liquidError converts an osteele/liquid error to a StorefrontLiquidError,
// keeping the innermost file (a snippet's, for errors inside {% render %}).
func liquidError(err liquid.SourceError, file string, syntax bool) error {
	var mine *StorefrontLiquidError
	if errors.As(err, &mine) {
		return mine
	}
	if cause := err.Cause(); cause != nil {
		if errors.As(cause, &mine) {
			return mine
		}
	}
	if err.Path() != "" {
		file = err.Path()
	}
	msg := err.Error()
	if m := osteeleMessage.FindStringSubmatch(msg); m != nil {
		msg = strings.TrimSuffix(m[1], " in "+err.Path())
	}
	return &StorefrontLiquidError{File: file, Line: err.LineNumber(), Syntax: syntax, Message: msg}
}
