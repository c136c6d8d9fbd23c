package config

import (
	"os"
	"strings"
	"testing"
	"time"

	"hubchat/storage/seal"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func validServeEnv() map[string]string {
	return map[string]string{
		"DATABASE_URL":          "postgres://db/hubchat",
		"APP_URL":               "https://chat.example.com/",
		"SHOPIFY_API_KEY":       "key",
		"SHOPIFY_API_SECRET":    "secret",
		"TOKEN_ENCRYPTION_KEYS": "k1:" + seal.GenerateKey(),
	}
}

func TestLoadServeValid(t *testing.T) {
	cfg, err := Load(Serve, env(validServeEnv()))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if cfg.Port != 8080 || cfg.AppURL.String() != "https://chat.example.com" || cfg.LogFormat != "json" {
		t.Fatalf("defaults not applied: port %d url %s format %s", cfg.Port, cfg.AppURL, cfg.LogFormat)
	}
	if cfg.ShutdownTimeout != 10*time.Second || len(cfg.Scopes) != 8 {
		t.Fatalf("shutdown %v scopes %v", cfg.ShutdownTimeout, cfg.Scopes)
	}
}

// Every error must name the variable that is wrong, so an operator can fix it
// from the message alone.
func TestLoadErrorsNameTheVariable(t *testing.T) {
	tests := []struct {
		name   string
		mode   Mode
		change map[string]string
		want   []string
	}{
		{"missing secret", Serve, map[string]string{"SHOPIFY_API_SECRET": ""}, []string{"SHOPIFY_API_SECRET is required"}},
		{"missing key", Serve, map[string]string{"SHOPIFY_API_KEY": ""}, []string{"SHOPIFY_API_KEY is required"}},
		{"missing database", Serve, map[string]string{"DATABASE_URL": ""}, []string{"DATABASE_URL is required"}},
		{"missing token keys", Serve, map[string]string{"TOKEN_ENCRYPTION_KEYS": ""}, []string{"TOKEN_ENCRYPTION_KEYS is required"}},
		{"missing app url", Serve, map[string]string{"APP_URL": ""}, []string{"APP_URL is required"}},
		{"http app url in serve", Serve, map[string]string{"APP_URL": "http://chat.example.com"}, []string{"APP_URL must use https"}},
		{"relative app url", Dev, map[string]string{"APP_URL": "chat.example.com"}, []string{"APP_URL must be an absolute URL"}},
		{"host fallback is named", Dev, map[string]string{"APP_URL": "", "HOST": "::bad"}, []string{"HOST must be an absolute URL"}},
		{"port not a number", Dev, map[string]string{"PORT": "eighty"}, []string{`PORT must be a whole number from 0 to 65535, got "eighty"`}},
		{"port too big", Dev, map[string]string{"PORT": "70000"}, []string{"PORT must be a whole number"}},
		{"debug port on every address", Dev, map[string]string{"DEBUG_ADDR": "0.0.0.0:6060"}, []string{"DEBUG_ADDR must be a loopback host:port"}},
		{"debug port on a name", Dev, map[string]string{"DEBUG_ADDR": "localhost:6060"}, []string{"DEBUG_ADDR must be a loopback host:port"}},
		{"debug port without a port", Dev, map[string]string{"DEBUG_ADDR": "127.0.0.1"}, []string{"DEBUG_ADDR must be a loopback host:port"}},
		{"bad log level", Dev, map[string]string{"LOG_LEVEL": "loud"}, []string{"LOG_LEVEL must be one of debug, info, warn, error"}},
		{"bad log format", Dev, map[string]string{"LOG_FORMAT": "xml"}, []string{"LOG_FORMAT must be one of json, text"}},
		{"bad timeout", Dev, map[string]string{"SHUTDOWN_TIMEOUT": "soon"}, []string{"SHUTDOWN_TIMEOUT must be a positive duration"}},
		{"bad max conns", Dev, map[string]string{"DATABASE_MAX_CONNS": "0"}, []string{"DATABASE_MAX_CONNS must be a whole number from 1"}},
		{"admin url not absolute", Dev, map[string]string{"SHOPIFY_ADMIN_URL": "admin"}, []string{"SHOPIFY_ADMIN_URL must be an absolute URL"}},
		{"shop url without shop", Dev, map[string]string{"SHOPIFY_SHOP_URL": "http://127.0.0.1:9000"}, []string{"SHOPIFY_SHOP_URL must contain {shop}"}},
		{"http app bridge in serve", Serve, map[string]string{"APP_BRIDGE_URL": "http://cdn.example.com/ab.js"}, []string{"APP_BRIDGE_URL must use https"}},
		{"bad token keys", Serve, map[string]string{"TOKEN_ENCRYPTION_KEYS": "k1:short"}, []string{"TOKEN_ENCRYPTION_KEYS is not valid"}},
		{"empty scopes", Dev, map[string]string{"SCOPES": " , "}, []string{"SCOPES must name at least one scope"}},
		{"helpdesk url over http", Serve, map[string]string{"ZENDESK_URL": "http://{subdomain}.zendesk.example"}, []string{"ZENDESK_URL must use https (http only on a loopback address)"}},
		{"helpdesk url not absolute", Dev, map[string]string{"GORGIAS_URL": "{account}.gorgias.com"}, []string{"GORGIAS_URL must be an absolute URL"}},
		{"all reported at once", Serve, map[string]string{"SHOPIFY_API_SECRET": "", "PORT": "x"}, []string{"SHOPIFY_API_SECRET is required", "PORT must be"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := validServeEnv()
			for k, v := range tt.change {
				vars[k] = v
			}
			_, err := Load(tt.mode, env(vars))
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadDevFillsLocalDefaults(t *testing.T) {
	cfg, err := Load(Dev, env(map[string]string{"PORT": "9090"}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if cfg.DatabaseURL != "" || cfg.DataDir != ".data" {
		t.Fatalf("database %q data dir %q", cfg.DatabaseURL, cfg.DataDir)
	}
	if cfg.AppURL.String() != "http://localhost:9090" || cfg.LogFormat != "text" {
		t.Fatalf("app url %s, format %s", cfg.AppURL, cfg.LogFormat)
	}
	if cfg.ShopifyAPIKey != DevAPIKey || cfg.ShopifyAPISecret != DevAPISecret {
		t.Fatal("dev credentials not filled in")
	}
	if cfg.LocalHelpdesks != (LocalHelpdesks{Zendesk: true, Gorgias: true}) || cfg.ZendeskURL != "https://{subdomain}.zendesk.com" {
		t.Fatalf("local helpdesks %+v, Zendesk at %s", cfg.LocalHelpdesks, cfg.ZendeskURL)
	}
}

// A helpdesk named by its variable replaces the local fake; a loopback
// address over http is accepted (a fake run elsewhere), with or without
// the account's placeholder.
func TestHelpdeskURLs(t *testing.T) {
	cfg, err := Load(Dev, env(map[string]string{"ZENDESK_URL": "http://127.0.0.1:9300/", "GORGIAS_URL": "https://{account}.gorgias.example"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.LocalHelpdesks != (LocalHelpdesks{}) || cfg.ZendeskURL != "http://127.0.0.1:9300" || cfg.GorgiasURL != "https://{account}.gorgias.example" {
		t.Fatalf("%+v %s %s", cfg.LocalHelpdesks, cfg.ZendeskURL, cfg.GorgiasURL)
	}
	if cfg, _ := Load(Serve, env(validServeEnv())); cfg.LocalHelpdesks != (LocalHelpdesks{}) || cfg.GorgiasURL != "https://{account}.gorgias.com" {
		t.Fatalf("serve: %+v %s", cfg.LocalHelpdesks, cfg.GorgiasURL)
	}
}

func TestVariablesDocumentsEveryRead(t *testing.T) {
	read := map[string]bool{}
	_, _ = Load(Serve, func(k string) string { read[k] = true; return "" })
	documented := map[string]bool{}
	for _, v := range Variables {
		documented[v.Name] = true
	}
	for k := range read {
		if !documented[k] {
			t.Errorf("Load reads %s but Variables does not document it", k)
		}
	}
	for k := range documented {
		if !read[k] {
			t.Errorf("Variables documents %s but Load never reads it", k)
		}
	}
}

// The README's configuration table must list every variable, so an operator
// reading it learns them all.
func TestREADMEDocumentsEveryVariable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Variables {
		if !strings.Contains(string(readme), "| `"+v.Name+"` |") {
			t.Errorf("README.md's configuration table lacks %s", v.Name)
		}
	}
}

// Model endpoints on private addresses are refused in production unless
// the operator says otherwise, and allowed in dev.
func TestModelEndpointsAllowPrivate(t *testing.T) {
	if cfg, err := Load(Serve, env(validServeEnv())); err != nil || cfg.ModelEndpointsAllowPrivate {
		t.Fatalf("serve default: %v %v", cfg.ModelEndpointsAllowPrivate, err)
	}
	vars := validServeEnv()
	vars["MODEL_ENDPOINTS_ALLOW_PRIVATE"] = "true"
	if cfg, err := Load(Serve, env(vars)); err != nil || !cfg.ModelEndpointsAllowPrivate {
		t.Fatalf("serve allowed: %v %v", cfg.ModelEndpointsAllowPrivate, err)
	}
	if cfg, err := Load(Dev, env(nil)); err != nil || !cfg.ModelEndpointsAllowPrivate {
		t.Fatalf("dev default: %v %v", cfg.ModelEndpointsAllowPrivate, err)
	}
	if _, err := Load(Dev, env(map[string]string{"MODEL_ENDPOINTS_ALLOW_PRIVATE": "sometimes"})); err == nil ||
		!strings.Contains(err.Error(), "MODEL_ENDPOINTS_ALLOW_PRIVATE must be true or false") {
		t.Fatalf("bad value: %v", err)
	}
}

func TestDebugAddrIsOffByDefaultAndLoopbackOnly(t *testing.T) {
	if cfg, err := Load(Dev, env(nil)); err != nil || cfg.DebugAddr != "" {
		t.Fatalf("default DEBUG_ADDR %q, %v: profiles must be off unless asked for", cfg.DebugAddr, err)
	}
	for _, addr := range []string{"127.0.0.1:6060", "[::1]:6060"} {
		if cfg, err := Load(Dev, env(map[string]string{"DEBUG_ADDR": addr})); err != nil || cfg.DebugAddr != addr {
			t.Fatalf("DEBUG_ADDR %s: %q, %v", addr, cfg.DebugAddr, err)
		}
	}
}
