package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"

	"hubchat/app/config"
	"hubchat/app/helpdesk/helpdesktest"
)

// The credentials the local helpdesks accept, printed by `hubchat dev` so
// that a merchant trying the demo can hand chats over to either. Any
// subdomain or account domain reaches them.
const (
	localHelpdeskEmail = "support@hubchat-demo.example"
	localZendeskToken  = "demo-zendesk-api-token"
	localGorgiasKey    = "demo-gorgias-api-key"
)

// localHelpdesk is a fake helpdesk `hubchat dev` runs.
type localHelpdesk struct {
	name, url string
}

// startLocalHelpdesks runs local fakes of Zendesk and Gorgias for those the
// configuration leaves unset, each on a free loopback port until ctx ends,
// and points the configuration at them.
func startLocalHelpdesks(ctx context.Context, cfg *config.Config, log *slog.Logger) ([]localHelpdesk, error) {
	var started []localHelpdesk
	start := func(name string, fake http.Handler, url *string) error {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("local %s: %w", name, err)
		}
		*url = "http://" + ln.Addr().String()
		started = append(started, localHelpdesk{name: name, url: *url})
		go func() {
			if err := helpdesktest.Serve(ctx, ln, fake); err != nil {
				log.Error("local helpdesk stopped", "helpdesk", name, "error", err)
			}
		}()
		return nil
	}
	if cfg.LocalHelpdesks.Zendesk {
		if err := start("Zendesk", helpdesktest.NewZendesk(localHelpdeskEmail, localZendeskToken), &cfg.ZendeskURL); err != nil {
			return nil, err
		}
	}
	if cfg.LocalHelpdesks.Gorgias {
		fake := helpdesktest.NewGorgias("hubchat-demo", localHelpdeskEmail, localGorgiasKey)
		if err := start("Gorgias", fake, &cfg.GorgiasURL); err != nil {
			return nil, err
		}
	}
	return started, nil
}

// printLocalHelpdesks tells the developer how to reach the local helpdesks
// from Settings → AI agent.
func printLocalHelpdesks(w io.Writer, helpdesks []localHelpdesk) {
	if len(helpdesks) == 0 {
		return
	}
	fmt.Fprintf(w, "  Helpdesks       local fakes for the AI agent's handoff (Settings → AI agent):\n")
	for _, h := range helpdesks {
		secret := map[string]string{"Zendesk": "API token " + localZendeskToken, "Gorgias": "API key " + localGorgiasKey}[h.name]
		fmt.Fprintf(w, "                  %-8s %s  (any subdomain, %s, %s)\n", h.name, h.url, localHelpdeskEmail, secret)
	}
	fmt.Fprintln(w)
}
