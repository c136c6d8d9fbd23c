package shopifytest

import (
	"errors"
	"strings"
	"testing"
)

// renderFixture renders src as a file of the fixture extension.
func renderFixture(t *testing.T, locale, src string, objects map[string]any) (string, error) {
	t.Helper()
	x, err := LoadStorefrontExtension(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := renderLiquid(x.env(locale, testShop()), "blocks/test.liquid", src, objects)
	return out, err
}

func TestLiquidFilters(t *testing.T) {
	x, err := LoadStorefrontExtension(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	jsURL, _ := x.AssetPath("hub.js")
	tests := []struct {
		name, locale, src, want string
		objects                 map[string]any
	}{
		{name: "escape", src: `{{ v | escape }}`, objects: map[string]any{"v": `<a href="x">O'Hara & co</a>`},
			want: `&lt;a href=&quot;x&quot;&gt;O&#39;Hara &amp; co&lt;/a&gt;`},
		{name: "escape nil", src: `[{{ nothing | escape }}]`, want: `[]`},
		{name: "url_encode", src: `{{ '/products/a b?x=1&y' | url_encode }}`, want: `%2Fproducts%2Fa+b%3Fx%3D1%26y`},
		{name: "json keeps script safe", src: `{{ v | json }}`, objects: map[string]any{"v": map[string]any{"a": "</script>"}},
			want: `{"a":"\u003c/script\u003e"}`},
		{name: "default nil", src: `{{ nothing | default: 'x' }}`, want: `x`},
		{name: "default empty", src: `{{ '' | default: 'x' }}`, want: `x`},
		{name: "default false", src: `{{ false | default: 'x' }}`, want: `x`},
		{name: "default allow_false", src: `{{ false | default: 'x', allow_false: true }}`, want: `false`},
		{name: "default keeps value", src: `{{ 'v' | default: 'x' }}`, want: `v`},
		{name: "money", src: `{{ 123456 | money }}`, want: `$1,234.56`},
		{name: "money small", src: `{{ 5 | money }}`, want: `$0.05`},
		{name: "money negative", src: `{{ -2500 | money }}`, want: `$-25.00`},
		{name: "money string", src: `{{ '2400' | money }}`, want: `$24.00`},
		{name: "money nil", src: `[{{ nothing | money }}]`, want: `[]`},
		{name: "money_with_currency", src: `{{ 100 | money_with_currency }}`, want: `$1.00 USD`},
		{name: "asset_url", src: `{{ 'hub.js' | asset_url }}`, want: jsURL},
		{name: "script_tag", src: `{{ 'a.js' | script_tag }}`, want: `<script src="a.js" type="text/javascript"></script>`},
		{name: "script_tag defer", src: `{{ 'a.js' | script_tag: defer: true, async: false }}`,
			want: `<script src="a.js" type="text/javascript" defer></script>`},
		{name: "stylesheet_tag", src: `{{ 'a.css' | stylesheet_tag }}`, want: `<link href="a.css" rel="stylesheet" type="text/css" media="all" />`},
		{name: "stylesheet_tag media", src: `{{ 'a.css' | stylesheet_tag: media: 'print' }}`,
			want: `<link href="a.css" rel="stylesheet" type="text/css" media="print" />`},
		{name: "t", src: `{{ 'hub.sign_in' | t }}`, want: `Sign in to chat with our team`},
		{name: "translate alias", src: `{{ 'hub.sign_in' | translate }}`, want: `Sign in to chat with our team`},
		{name: "t interpolates and escapes", src: `{{ 'hub.greeting' | t: name: v }}`, objects: map[string]any{"v": "<Jo>"},
			want: `Hi &lt;Jo&gt;!`},
		{name: "t _html does not escape", src: `{{ 'hub.welcome_html' | t: name: '<i>Jo</i>' }}`,
			want: `<strong>Welcome</strong>, <i>Jo</i>`},
		{name: "t plural one", src: `{{ 'hub.messages' | t: count: 1 }}`, want: `1 message`},
		{name: "t plural other", src: `{{ 'hub.messages' | t: count: 3 }}`, want: `3 messages`},
		{name: "t missing", src: `{{ 'hub.nope' | t }}`, want: `translation missing: en.hub.nope`},
		{name: "t other locale", locale: "fr", src: `{{ 'hub.greeting' | t: name: 'Jo' }}`, want: `Bonjour Jo !`},
		{name: "t regional locale falls back to language", locale: "fr-CA", src: `{{ 'hub.greeting' | t: name: 'Jo' }}`, want: `Bonjour Jo !`},
		{name: "t falls back to default locale", locale: "fr", src: `{{ 'hub.sign_in' | t }}`, want: `Sign in to chat with our team`},
		{name: "keyword inside quotes untouched", src: `{{ 'a: b' | append: ', c: d' }}`, want: `a: b, c: d`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			locale := tt.locale
			if locale == "" {
				locale = "en"
			}
			got, err := renderFixture(t, locale, tt.src, tt.objects)
			if err != nil {
				t.Fatalf("render %s: %v", tt.src, err)
			}
			if got != tt.want {
				t.Errorf("render %s\n got: %s\nwant: %s", tt.src, got, tt.want)
			}
		})
	}
}

func TestLiquidForbiddenTags(t *testing.T) {
	tests := []struct {
		name, src, tag string
		line           int
	}{
		{"javascript", "<p>\n{% javascript %}alert(1){% endjavascript %}", "javascript", 2},
		{"stylesheet", "{% stylesheet %}p{}{% endstylesheet %}", "stylesheet", 1},
		{"include", "\n\n{% include 'card' %}", "include", 3},
		{"layout", "{%- layout none -%}", "layout", 1},
		{"section", "{% section 'header' %}", "section", 1},
		{"inside liquid tag", "{% liquid\n  assign a = 1\n  include 'card'\n%}", "include", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := renderFixture(t, "en", tt.src, nil)
			var le *StorefrontLiquidError
			if !errors.As(err, &le) {
				t.Fatalf("render %q: got %v, want a StorefrontLiquidError", tt.src, err)
			}
			if !le.Syntax || le.File != "blocks/test.liquid" || le.Line != tt.line || !strings.Contains(le.Message, "{% "+tt.tag+" %} is not allowed") {
				t.Errorf("got %+v, want a syntax error on blocks/test.liquid line %d refusing %s", le, tt.line, tt.tag)
			}
		})
	}
	for _, src := range []string{
		"{% comment %}{% include 'card' %}{% endcomment %}ok",
		"{% raw %}{% javascript %}{% endraw %}ok",
	} {
		if _, err := renderFixture(t, "en", src, nil); err != nil {
			t.Errorf("render %q: %v; tags in comments and raw are text", src, err)
		}
	}
}

func TestLiquidErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		syntax    bool
	}{
		{"unclosed if", "<p>\n{% if customer %}\n<p>", 2, true},
		{"unknown tag", "{% liquid\n  assign a = 1\n\n%}\n{% frobnicate %}", 5, true},
		{"bad object", "\n{{ 'x' | }}", 2, true},
		{"filter error", "\n\n{{ 'abc' | money }}", 3, false},
		{"undefined filter", "{{ 1 | no_such_filter }}", 1, false},
		{"missing asset", "{{ 'nope.js' | asset_url }}", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := renderFixture(t, "en", tt.src, nil)
			var le *StorefrontLiquidError
			if !errors.As(err, &le) {
				t.Fatalf("render %q: got %v, want a StorefrontLiquidError", tt.src, err)
			}
			if le.File != "blocks/test.liquid" || le.Line != tt.line || le.Syntax != tt.syntax {
				t.Errorf("got %+v (%v), want file blocks/test.liquid line %d syntax %v", le, le, tt.line, tt.syntax)
			}
			if !strings.HasPrefix(le.Error(), "Liquid") || !strings.Contains(le.Error(), "blocks/test.liquid line") {
				t.Errorf("message %q does not read like Shopify's", le.Error())
			}
		})
	}
}

func TestLiquidShopifySyntax(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"liquid tag", "{%- liquid\n  assign a = 'x' | upcase\n  # a comment\n\n  if a == 'X'\n    echo a | append: '!'\n  endif\n-%}", "X!"},
		{"liquid tag keeps surrounding text", "[{% liquid assign a = 1 %}]", "[]"},
		{"liquid tag trims right only", "[ {% liquid\n  echo 'a'\n-%} ]", "[ a]"},
		{"echo", "{% echo 'hi' | upcase %}", "HI"},
		{"echo trims", "a {%- echo 'b' -%} c", "abc"},
		{"inline comment", "a{% # not output %}b", "ab"},
		{"schema renders nothing", "a{% schema %}{\"name\": \"x\"}{% endschema %}b", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := renderFixture(t, "en", tt.src, nil)
			if err != nil {
				t.Fatalf("render %q: %v", tt.src, err)
			}
			if got != tt.want {
				t.Errorf("render %q = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestLiquidRenderIsolatesScope(t *testing.T) {
	dir := writeExtension(t, map[string]string{
		"blocks/b.liquid":      `{% schema %}{"name": "b", "target": "body"}{% endschema %}`,
		"snippets/show.liquid": `[{{ shop.name }}|{{ secret }}|{{ passed }}|{{ item }}{% if forloop %}:{{ forloop.index }}/{{ forloop.length }}{% endif %}]`,
		"snippets/loop.liquid": `{% render 'loop' %}`,
	})
	x, err := LoadStorefrontExtension(dir)
	if err != nil {
		t.Fatal(err)
	}
	objects := StorefrontObjects{Shop: testShop()}.bindings()
	objects["list"] = []any{"a", "b"}
	tests := []struct{ name, src, want string }{
		{"globals but not assigned variables", `{% assign secret = 's' %}{% render 'show' %}`, `[Juniper & Ash|||]`},
		{"passed variables", `{% assign v = 'p' %}{% render 'show', passed: v, item: 'i' %}`, `[Juniper & Ash||p|i]`},
		{"with", `{% render 'show' with 'w' as item %}`, `[Juniper & Ash|||w]`},
		{"for", `{% render 'show' for list as item %}`, `[Juniper & Ash|||a:1/2][Juniper & Ash|||b:2/2]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := renderLiquid(x.env("en", testShop()), "blocks/b.liquid", tt.src, objects)
			if err != nil {
				t.Fatalf("render %q: %v", tt.src, err)
			}
			if got != tt.want {
				t.Errorf("render %q = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
	for src, want := range map[string]string{
		`{% render 'loop' %}`:    "nested more than",
		`{% render 'missing' %}`: `no snippet "missing"`,
		`{% render card %}`:      "must be a quoted string",
	} {
		_, _, err := renderLiquid(x.env("en", testShop()), "blocks/b.liquid", src, objects)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("render %q: got %v, want an error containing %q", src, err, want)
		}
	}
}
