package helpdesk

import (
	"net/http"
	"strings"
)

// Endpoints build clients that send their requests where the configuration
// says: the services' own addresses in production, the local fakes of
// package helpdesktest in development and tests.
type Endpoints struct {
	// ZendeskURL and GorgiasURL are base URLs in which "{subdomain}" and
	// "{account}" stand for the merchant's account; "" is the service's own
	// address (https://{subdomain}.zendesk.com, https://{account}.gorgias.com).
	ZendeskURL, GorgiasURL string
	// HTTP sends the requests; nil is the clients' default.
	HTTP *http.Client
}

// Zendesk checks and normalises the settings (Problems when they are
// wrong) and returns a client for that account.
func (e Endpoints) Zendesk(s ZendeskSettings) (*Zendesk, error) {
	s, err := s.Normalize()
	if err != nil {
		return nil, err
	}
	return NewZendesk(s, e.options(e.ZendeskURL, "{subdomain}", s.Subdomain)...)
}

// Gorgias checks and normalises the settings (Problems when they are
// wrong) and returns a client for that account.
func (e Endpoints) Gorgias(s GorgiasSettings) (*Gorgias, error) {
	s, err := s.Normalize()
	if err != nil {
		return nil, err
	}
	return NewGorgias(s, e.options(e.GorgiasURL, "{account}", s.Domain)...)
}

func (e Endpoints) options(base, placeholder, account string) []Option {
	var opts []Option
	if base != "" {
		opts = append(opts, WithBaseURL(strings.ReplaceAll(base, placeholder, account)))
	}
	if e.HTTP != nil {
		opts = append(opts, WithHTTPClient(e.HTTP))
	}
	return opts
}
