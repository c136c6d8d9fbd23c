package helpdesk_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"hubchat/app/helpdesk"
	"hubchat/app/helpdesk/helpdesktest"
)

// Endpoints put the merchant's normalised account where the configured
// address names it, and send the requests there.
func TestEndpointsNameTheAccountInTheAddress(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	prefixed := func(prefix string, fake http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			paths = append(paths, r.URL.Path)
			mu.Unlock()
			http.StripPrefix(prefix, fake).ServeHTTP(w, r)
		})
	}
	mux := http.NewServeMux()
	mux.Handle("/zendesk/mystore/", prefixed("/zendesk/mystore", helpdesktest.NewZendesk(zendeskEmail, zendeskToken)))
	mux.Handle("/gorgias/acme/", prefixed("/gorgias/acme", helpdesktest.NewGorgias("acme", gorgiasUser, gorgiasKey)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	e := helpdesk.Endpoints{ZendeskURL: srv.URL + "/zendesk/{subdomain}", GorgiasURL: srv.URL + "/gorgias/{account}", HTTP: srv.Client()}

	zd, err := e.Zendesk(helpdesk.ZendeskSettings{Subdomain: "https://MyStore.zendesk.com/agent", AgentEmail: zendeskEmail, APIToken: zendeskToken})
	if err != nil {
		t.Fatal(err)
	}
	if err := zd.CheckCredentials(context.Background()); err != nil {
		t.Fatal(err)
	}
	gs, err := e.Gorgias(helpdesk.GorgiasSettings{Domain: "acme.gorgias.com", Username: gorgiasUser, APIKey: gorgiasKey})
	if err != nil {
		t.Fatal(err)
	}
	if err := gs.CheckCredentials(context.Background()); err != nil {
		t.Fatal(err)
	}
	if strings.Join(paths, " ") != "/zendesk/mystore/api/v2/users/me.json /gorgias/acme/api/account" {
		t.Fatalf("requests went to %v", paths)
	}

	var problems helpdesk.Problems
	if _, err := e.Zendesk(helpdesk.ZendeskSettings{Subdomain: "my store"}); !errors.As(err, &problems) || len(problems) != 3 {
		t.Fatalf("invalid settings: %v", err)
	}
}
