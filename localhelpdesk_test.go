package main

import (
	"context"
	"regexp"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/helpdesk"
	"hubchat/storage/pgtest"
)

// `hubchat dev` runs local Zendesk and Gorgias fakes and prints where they
// are and the credentials they take, which work from the AI agent's settings.
func TestDevRunsLocalHelpdesks(t *testing.T) {
	out := &apptest.Output{}
	startRunTo(t, "dev", map[string]string{"PORT": "0", "DATABASE_URL": pgtest.NewEmptyURL(t)}, out)
	printed := regexp.MustCompile(`(Zendesk|Gorgias)\s+(http://127\.0\.0\.1:\d+)\s+\(any subdomain, (\S+), API (?:token|key) (\S+)\)`)
	var found [][]string
	apptest.Eventually(t, 10*time.Second, "the local helpdesks to be printed", func() bool {
		found = printed.FindAllStringSubmatch(out.String(), -1)
		return len(found) == 2
	})
	ctx := context.Background()
	for _, m := range found {
		var err error
		switch e := (helpdesk.Endpoints{ZendeskURL: m[2], GorgiasURL: m[2]}); m[1] {
		case "Zendesk":
			var zd *helpdesk.Zendesk
			if zd, err = e.Zendesk(helpdesk.ZendeskSettings{Subdomain: "anything", AgentEmail: m[3], APIToken: helpdesk.Secret(m[4])}); err == nil {
				err = zd.CheckCredentials(ctx)
			}
		case "Gorgias":
			var gs *helpdesk.Gorgias
			if gs, err = e.Gorgias(helpdesk.GorgiasSettings{Domain: "anything", Username: m[3], APIKey: helpdesk.Secret(m[4])}); err == nil {
				err = gs.CheckCredentials(ctx)
			}
		}
		if err != nil {
			t.Errorf("%s with the printed credentials: %v", m[1], err)
		}
	}
}
