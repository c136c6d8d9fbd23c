package static

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestMissingVendorFilesSayHowToBuild(t *testing.T) {
	_, err := load(fstest.MapFS{"css/admin.css": {Data: []byte("a{}")}})
	if err == nil || !strings.Contains(err.Error(), "make assets") || !strings.Contains(err.Error(), "vendor/htmx.min.js") {
		t.Fatalf("err = %v", err)
	}
}

func testFS(css string) fstest.MapFS {
	fsys := fstest.MapFS{"css/admin.css": {Data: []byte(css)}, "vendor/.gitkeep": {}}
	for _, name := range Vendored {
		fsys[name] = &fstest.MapFile{Data: []byte("/* " + name + " */")}
	}
	return fsys
}

func TestURLsChangeWithContent(t *testing.T) {
	a, err := load(testFS("a{color:red}"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := load(testFS("a{color:blue}"))
	ua, ub := a.MustURL("css/admin.css"), b.MustURL("css/admin.css")
	if ua == ub {
		t.Fatalf("same URL %s for different content", ua)
	}
	if !strings.HasPrefix(ua, "/static/css/admin.") || !strings.HasSuffix(ua, ".css") {
		t.Fatalf("URL %s", ua)
	}
	f, ok := a.Lookup(ua)
	if !ok || string(f.Body) != "a{color:red}" || !strings.HasPrefix(f.ContentType, "text/css") {
		t.Fatalf("lookup = %+v, %v", f, ok)
	}
	if _, ok := a.Lookup("/static/css/admin.css"); ok {
		t.Fatal("the unhashed path must not be served")
	}
	if _, err := a.URL("css/nope.css"); err == nil {
		t.Fatal("unknown name has a URL")
	}
	if _, ok := a.urls["vendor/.gitkeep"]; ok {
		t.Fatal("dot files are served")
	}
}

// A misspelled token renders as nothing, silently: every var(--p-…) our CSS uses
// must be defined by the pinned Polaris tokens.
func TestCSSUsesOnlyDefinedPolarisTokens(t *testing.T) {
	tokens, err := files.ReadFile("vendor/polaris-tokens.css")
	if err != nil {
		t.Fatalf("run `make assets` first: %v", err)
	}
	entries, _ := files.ReadDir("css")
	for _, e := range entries {
		css, _ := files.ReadFile("css/" + e.Name())
		for _, m := range tokenUse.FindAllStringSubmatch(string(css), -1) {
			if !strings.Contains(string(tokens), m[1]+":") {
				t.Errorf("css/%s uses %s, which Polaris tokens do not define", e.Name(), m[1])
			}
		}
	}
}

var tokenUse = regexp.MustCompile(`var\((--p-[a-z0-9-]+)\)`)
