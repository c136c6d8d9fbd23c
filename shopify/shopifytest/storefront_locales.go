package shopifytest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// A shop publishes its primary locale and any alternate ones. As on
// Shopify's primary domain, the primary locale is served at the root and
// each alternate locale under a subfolder named by its ISO code: /es,
// /es/products/mug. A page's request.locale is the locale its URL names
// (a shop_locale: iso_code, primary, root_url, name, endonym_name),
// request.path is the path as requested (/es/products/mug), the routes
// object's URLs and product URLs stay in it (routes.root_url is "/es"), and the
// localization object lists the published languages for a language
// selector, which posts locale_code and return_to to /localization.

// localeKey carries the alternate locale a request's URL names.
type localeKey struct{}

// localeSubfolder splits path into the alternate locale its first segment
// names and the path below it ("/es/products/mug" → "es",
// "/products/mug"); ok is false for a path in the primary locale.
func (s *Storefront) localeSubfolder(path string) (locale, rest string, ok bool) {
	first, below, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	for _, l := range s.cfg.AlternateLocales {
		if strings.EqualFold(first, l) {
			return l, "/" + below, true
		}
	}
	return "", path, false
}

// withLocale serves r's locale subfolder as the storefront's own paths:
// the handlers see the path below it, and the locale in the context.
func (s *Storefront) withLocale(r *http.Request) *http.Request {
	locale, rest, ok := s.localeSubfolder(r.URL.Path)
	if !ok {
		return r
	}
	r = r.Clone(context.WithValue(r.Context(), localeKey{}, locale))
	r.URL.Path, r.URL.RawPath = rest, ""
	return r
}

// activeLocale is the locale r is in: its subfolder's, else the primary.
func (s *Storefront) activeLocale(r *http.Request) string {
	if l, ok := r.Context().Value(localeKey{}).(string); ok {
		return l
	}
	return s.cfg.Locale
}

// localeRoot is the root URL of locale: "/" for the primary, "/es" for an
// alternate.
func localeRoot(locale, primary string) string {
	if locale == primary || locale == "" {
		return "/"
	}
	return "/" + strings.ToLower(locale)
}

// inLocale writes the storefront path p (below any subfolder) as a URL in
// the locale whose root is root.
func inLocale(root, p string) string {
	if root == "/" {
		return p
	}
	if p == "/" {
		return root
	}
	return root + p
}

// handleLocalization is the localization form's target: it sends the
// visitor to return_to (a path on this storefront, in any locale) in the
// published locale locale_code names. An unpublished code changes nothing.
func (s *Storefront) handleLocalization(w http.ResponseWriter, r *http.Request) {
	back := localURL(r, r.FormValue("return_to"), "/")
	code := r.FormValue("locale_code")
	for _, l := range s.publishedLocales() {
		if strings.EqualFold(code, l) {
			_, below, _ := s.localeSubfolder(back)
			back = inLocale(localeRoot(l, s.cfg.Locale), below)
			break
		}
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// publishedLocales lists the primary locale, then the alternate ones.
func (s *Storefront) publishedLocales() []string {
	return append([]string{s.cfg.Locale}, s.cfg.AlternateLocales...)
}

// shopLocaleObject is Liquid's shop_locale for locale, named in the shop's
// primary language (name) and in its own (endonym_name), capitalized as a
// language selector lists them ("Español", "Polski").
func shopLocaleObject(locale, primary string) map[string]any {
	tag, err := language.Parse(locale)
	name, endonym := locale, locale
	if err == nil {
		if n := display.Self.Name(tag); n != "" {
			endonym = capitalized(n)
		}
		if p, err := language.Parse(primary); err == nil {
			if n := display.Languages(p).Name(tag); n != "" {
				name = n
			}
		}
	}
	return map[string]any{
		"iso_code": locale, "primary": locale == primary, "root_url": localeRoot(locale, primary),
		"name": name, "endonym_name": endonym,
	}
}

// checkLocales refuses a locale that is not a language tag, or published
// twice.
func checkLocales(primary string, alternates []string) error {
	seen := map[string]bool{}
	for _, l := range append([]string{primary}, alternates...) {
		if _, err := language.Parse(l); err != nil || strings.Contains(l, "/") {
			return fmt.Errorf("locale %q is not a language tag", l)
		}
		if seen[strings.ToLower(l)] {
			return fmt.Errorf("locale %q is published twice", l)
		}
		seen[strings.ToLower(l)] = true
	}
	return nil
}

// root is the root URL of the locale r is in.
func (s *Storefront) root(r *http.Request) string {
	return localeRoot(s.activeLocale(r), s.cfg.Locale)
}

func capitalized(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
