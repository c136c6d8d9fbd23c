package shopifytest

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/osteele/liquid/values"
)

// htmlEscaper escapes as Shopify's escape filter (Ruby's CGI.escapeHTML)
// does; html.EscapeString differs in writing `"` as &#34;.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// liquidString renders a value as Liquid prints it (nil prints nothing).
func liquidString(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(values.ToLiquid(v))
}

func liquidEscape(v any) string { return htmlEscaper.Replace(liquidString(v)) }

// liquidURLEncode percent-encodes as Shopify's url_encode does (spaces
// become "+").
func liquidURLEncode(v any) string { return url.QueryEscape(liquidString(v)) }

// liquidJSON outputs v as JSON. Go escapes <, > and & inside strings, which
// keeps the output safe inside a <script> element.
func liquidJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("json: %w", err)
	}
	return string(b), nil
}

// liquidDefault returns the fallback when v is nil, false or empty, except
// that `allow_false: true` keeps false.
func liquidDefault(v any, args ...any) any {
	positional, keywords := liquidKeywords(args)
	var fallback any
	if len(positional) > 0 {
		fallback = positional[0]
	}
	if v == false && keywords["allow_false"] == true {
		return false
	}
	if v == nil || v == false || values.IsEmpty(v) {
		return fallback
	}
	return v
}

// liquidScriptTag writes `<script src="…" type="text/javascript">`, with
// keyword arguments as attributes; a boolean attribute appears only when
// true (`script_tag: defer: true`).
func liquidScriptTag(src any, args ...any) string {
	_, keywords := liquidKeywords(args)
	delete(keywords, "src")
	return `<script src="` + liquidEscape(src) + `" type="text/javascript"` + htmlAttributes(keywords) + `></script>`
}

// liquidStylesheetTag writes the <link> Shopify's stylesheet_tag writes;
// `media` may be overridden, href and rel may not, and preload (which
// Shopify turns into a Link header) is ignored.
func liquidStylesheetTag(href any, args ...any) string {
	_, keywords := liquidKeywords(args)
	media := "all"
	if m, ok := keywords["media"]; ok {
		media = liquidString(m)
	}
	for _, k := range []string{"href", "rel", "media", "preload"} {
		delete(keywords, k)
	}
	return `<link href="` + liquidEscape(href) + `" rel="stylesheet" type="text/css" media="` +
		liquidEscape(media) + `"` + htmlAttributes(keywords) + ` />`
}

// htmlAttributes renders attributes in name order, for stable output.
func htmlAttributes(attrs map[string]any) string {
	names := make([]string, 0, len(attrs))
	for k := range attrs {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, k := range names {
		switch v := attrs[k]; v {
		case true:
			b.WriteString(" " + liquidEscape(k))
		case false, nil:
		default:
			b.WriteString(" " + liquidEscape(k) + `="` + liquidEscape(v) + `"`)
		}
	}
	return b.String()
}

func (env *liquidEnv) assetURLFilter(name any) (string, error) {
	return env.assetURL(liquidString(name))
}

func (env *liquidEnv) translateFilter(key any, args ...any) (string, error) {
	_, vars := liquidKeywords(args)
	return env.locales.translate(env.locale, liquidString(key), vars)
}

// moneyFilter formats an amount in cents with the shop's money format.
func (env *liquidEnv) moneyFilter(v any) (string, error) {
	cents, ok, err := liquidInteger(v)
	if err != nil || !ok {
		if err != nil {
			err = fmt.Errorf("money: %w", err)
		}
		return "", err
	}
	return formatMoney(env.moneyFormat, cents), nil
}

func (env *liquidEnv) moneyWithCurrencyFilter(v any) (string, error) {
	s, err := env.moneyFilter(v)
	if err != nil || s == "" {
		return s, err
	}
	return s + " " + env.currency, nil
}

// liquidInteger reads a whole number (cents, a count); ok is false for
// nil, which money prints as nothing.
func liquidInteger(v any) (cents int64, ok bool, err error) {
	switch n := values.ToLiquid(v).(type) {
	case nil:
		return 0, false, nil
	case int:
		return int64(n), true, nil
	case int64:
		return n, true, nil
	case int32:
		return int64(n), true, nil
	case float64:
		return int64(math.Round(n)), true, nil
	case float32:
		return int64(math.Round(float64(n))), true, nil
	case string:
		f, perr := strconv.ParseFloat(strings.TrimSpace(n), 64)
		if perr != nil {
			return 0, false, fmt.Errorf("%q is not a number", n)
		}
		return int64(math.Round(f)), true, nil
	default:
		return 0, false, fmt.Errorf("%v (%T) is not a number", v, v)
	}
}

var moneyPlaceholder = regexp.MustCompile(`\{\{\s*(\w+)\s*\}\}`)

// formatMoney fills a Shopify money format such as "${{amount}}" with an
// amount in cents, supporting Shopify's amount placeholders.
func formatMoney(format string, cents int64) string {
	return moneyPlaceholder.ReplaceAllStringFunc(format, func(p string) string {
		switch moneyPlaceholder.FindStringSubmatch(p)[1] {
		case "amount":
			return groupedAmount(cents, 2, ",", ".")
		case "amount_no_decimals":
			return groupedAmount(cents, 0, ",", ".")
		case "amount_with_comma_separator":
			return groupedAmount(cents, 2, ".", ",")
		case "amount_no_decimals_with_comma_separator":
			return groupedAmount(cents, 0, ".", ",")
		case "amount_with_apostrophe_separator":
			return groupedAmount(cents, 2, "'", ".")
		default:
			return p
		}
	})
}

// groupedAmount writes cents as units with thousands grouped; with no
// decimals it rounds half away from zero, as Shopify does.
func groupedAmount(cents int64, decimals int, thousands, point string) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	units, frac := cents/100, cents%100
	if decimals == 0 && frac >= 50 {
		units++
	}
	digits := strconv.FormatInt(units, 10)
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(d)
	}
	if decimals > 0 {
		fmt.Fprintf(&b, "%s%02d", point, frac)
	}
	return sign + b.String()
}

// liquidKeywords splits filter arguments into positional ones and the
// keyword arguments rewriteFilterKeywords marked.
func liquidKeywords(args []any) (positional []any, keywords map[string]any) {
	keywords = map[string]any{}
	for i := 0; i < len(args); i++ {
		if s, ok := args[i].(string); ok && strings.HasPrefix(s, liquidKeywordPrefix) {
			var v any
			if i+1 < len(args) {
				v = args[i+1]
			}
			keywords[strings.TrimPrefix(s, liquidKeywordPrefix)] = v
			i++
			continue
		}
		positional = append(positional, args[i])
	}
	return positional, keywords
}
