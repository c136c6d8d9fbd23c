package shopifytest_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCustomerHubAssets(t *testing.T) {
	srv, browser := startHub(t, hubSetup{chat: hubChat("all")})
	page, _ := hubPage(t, browser, srv.URL+"/")
	head := page.find(func(n *hnode) bool { return n.tag == "head" })
	script := head.find(func(n *hnode) bool { return n.tag == "script" && strings.HasSuffix(n.attr("src"), "/assets/hub.js") })
	if script == nil {
		t.Fatal("hub.js is not linked in <head>")
	}
	if !script.has("defer") {
		t.Error("hub.js is not deferred")
	}
	// Nothing render-blocking (DESIGN.md §7): hub.js adds hub.css itself and
	// shows the hub, hidden until then, once it has loaded.
	if css := page.find(func(n *hnode) bool { return n.tag == "link" && strings.Contains(n.attr("href"), "/customer-hub/") }); css != nil {
		t.Errorf("an extension stylesheet is linked in the page, where it blocks rendering: %s", css.attr("href"))
	}
	if root := page.find(func(n *hnode) bool { return n.has("data-hubchat") }); root == nil || !root.has("hidden") {
		t.Error("the hub is not hidden until hub.js has its styles")
	}
	cssURL, _ := hubConfig(t, page)["hub_css"].(string)
	if !strings.HasSuffix(cssURL, "/assets/hub.css") {
		t.Fatalf("config hub_css = %q", cssURL)
	}
	js := checkAsset(t, srv.URL+script.attr("src"), "text/javascript", filepath.Join(hubExtensionDir, "assets", "hub.js"))
	checkAsset(t, srv.URL+cssURL, "text/css", filepath.Join(hubExtensionDir, "assets", "hub.css"))
	if len(js) > hubJSLimit {
		t.Errorf("hub.js is %d bytes; the embed's own script may have %d", len(js), hubJSLimit)
	}
	// hub.js makes no request of its own: it only adds the chat scripts and
	// chat.css to the page when the hub opens.
	for _, api := range []string{"fetch(", "XMLHttpRequest", "sendBeacon", "EventSource(", "WebSocket("} {
		if strings.Contains(string(js), api) {
			t.Errorf("hub.js uses %s", api)
		}
	}
	// Every chat script in assets/ is one that hub.js loads.
	found, err := filepath.Glob(filepath.Join(hubExtensionDir, "assets", "chat*.js"))
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(found))
	for i, f := range found {
		names[i] = filepath.Base(f)
	}
	if want := slices.Sorted(slices.Values(hubChatScripts)); !slices.Equal(names, want) {
		t.Errorf("assets has the chat scripts %v, hub.js loads %v", names, want)
	}
	// Shopper-provided text is never parsed as HTML by the chat UI.
	sources := map[string][]byte{"hub.js": js}
	for _, name := range hubChatScripts {
		chat, err := os.ReadFile(filepath.Join(hubExtensionDir, "assets", name))
		if err != nil {
			t.Fatal(err)
		}
		sources[name] = chat
	}
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "new EventSource"} {
		for name, src := range sources {
			if strings.Contains(string(src), sink) {
				t.Errorf("the widget's script %s uses %s", name, sink)
			}
		}
	}
}

// checkAsset fetches an extension asset and checks its type and content.
func checkAsset(t *testing.T, assetURL, wantType, file string) []byte {
	t.Helper()
	resp, err := http.Get(assetURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), wantType) {
		t.Errorf("GET %s: %d %q, want 200 %s", assetURL, resp.StatusCode, resp.Header.Get("Content-Type"), wantType)
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("GET %s does not serve %s", assetURL, file)
	}
	return got
}
