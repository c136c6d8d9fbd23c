package shopifytest

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const (
	testShopDomain = "hubchat-demo.myshopify.com"
	testSecret     = "hush"
	testCustomerID = 7
	fixtureDir     = "testdata/storefront/extension"
	fixtureHandle  = "extension" // the fixture directory's name
)

// testShopData is the mutable shop behind a test storefront, standing in
// for DemoShop.
type testShopData struct {
	mu         sync.Mutex
	embeds     []StorefrontEmbed
	metafields map[string]map[string]StorefrontMetafield
}

func (d *testShopData) setEmbeds(e ...StorefrontEmbed) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.embeds = e
}

func testShop() StorefrontShop {
	return StorefrontShop{
		Name: "Juniper & Ash", PermanentDomain: testShopDomain, Email: "hello@example.com", Currency: "USD",
		PrivacyPolicy:  &StorefrontPolicy{Title: "Privacy policy", Body: "<p>We keep your data safe.</p>"},
		TermsOfService: &StorefrontPolicy{Title: "Terms of service", Body: "<p>Be kind.</p>"},
	}
}

var testProducts = []StorefrontProduct{
	{ID: 1001, Handle: "stoneware-mug", Title: "Stoneware mug", Description: "<p>Glazed by hand.</p>", Price: 2400, Vendor: "Juniper & Ash"},
	{ID: 1002, Handle: "linen-apron", Title: "Linen apron", Description: "<p>Washed linen.</p>", Price: 123456},
}

var testCustomer = StorefrontCustomer{ID: testCustomerID, FirstName: "Jane", LastName: "O'Hara", Email: "jane@example.com"}

// newTestConfig wires a storefront to data, with the fixture's hub embed
// switched on.
func newTestConfig(data *testShopData, extensionDir string) StorefrontConfig {
	data.setEmbeds(StorefrontEmbed{Extension: filepath.Base(extensionDir), Block: "hub"},
		StorefrontEmbed{Extension: filepath.Base(extensionDir), Block: "meta"})
	data.metafields = map[string]map[string]StorefrontMetafield{
		"hubchat": {"settings": {Type: "json", Value: `{"visibility":"all_users","welcome":"<b>hi</b>"}`}},
	}
	return StorefrontConfig{
		Shop:          testShop(),
		ExtensionDirs: []string{extensionDir},
		Embeds: func(context.Context) ([]StorefrontEmbed, error) {
			data.mu.Lock()
			defer data.mu.Unlock()
			return data.embeds, nil
		},
		AppMetafields: func(context.Context) (map[string]map[string]StorefrontMetafield, error) {
			data.mu.Lock()
			defer data.mu.Unlock()
			return data.metafields, nil
		},
		Products: func(context.Context) ([]StorefrontProduct, error) { return testProducts, nil },
		Customer: func(_ context.Context, id int64) (StorefrontCustomer, bool, error) {
			return testCustomer, id == testCustomerID, nil
		},
		DemoCustomerID: testCustomerID,
	}
}

// startStorefront serves cfg on a test server.
func startStorefront(t *testing.T, cfg StorefrontConfig) *httptest.Server {
	t.Helper()
	sf, err := NewStorefront(cfg)
	if err != nil {
		t.Fatalf("NewStorefront: %v", err)
	}
	srv := httptest.NewServer(sf)
	t.Cleanup(srv.Close)
	return srv
}

// newBrowser is a client that keeps cookies and does not follow redirects,
// so tests can check where they lead.
func newBrowser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// get fetches a page and returns the response with its body read.
func get(t *testing.T, c *http.Client, url string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp, readBody(t, resp)
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", resp.Request.URL, err)
	}
	return string(b)
}

// copyFixture copies the fixture extension to a temporary directory named
// name, so a test can break it.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	err := filepath.WalkDir(fixtureDir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(fixtureDir, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), raw, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// writeExtension creates an extension from files (path → content).
func writeExtension(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ext")
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// between returns the text of s between the first from and the next to.
func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, to)
	return in
}
