package adminapi

import (
	"context"
	"fmt"
)

// Domain is an address the shop's online store answers on.
type Domain struct {
	Host       string // e.g. example.com
	URL        string // e.g. https://example.com
	SSLEnabled bool
}

// webPresencesPage is how many web presences one request asks for; a shop
// has a handful (one per market domain or subfolder).
const webPresencesPage = 50

// maxWebPresencePages bounds the pages WebPresenceDomains reads, so a
// misbehaving cursor cannot keep it looping.
const maxWebPresencePages = 20

const webPresencesQuery = `query HubchatWebPresences($first: Int!, $after: String) {
  webPresences(first: $first, after: $after) {
    nodes { domain { host url sslEnabled } }
    pageInfo { hasNextPage endCursor }
  }
}`

// WebPresenceDomains returns the domains of the shop's web presences: the
// primary domain and the domains or subdomains of its markets (Shop.domains
// no longer exists in this API version). A web presence that is a subfolder
// of the primary domain has no domain of its own and adds nothing. Needs
// the read_markets scope.
func (c *Client) WebPresenceDomains(ctx context.Context) ([]Domain, error) {
	var out []Domain
	after := ""
	for range maxWebPresencePages {
		vars := map[string]any{"first": webPresencesPage}
		if after != "" {
			vars["after"] = after
		}
		var data struct {
			WebPresences struct {
				Nodes []struct {
					Domain *struct {
						Host       string `json:"host"`
						URL        string `json:"url"`
						SSLEnabled bool   `json:"sslEnabled"`
					} `json:"domain"`
				} `json:"nodes"`
				PageInfo PageInfo `json:"pageInfo"`
			} `json:"webPresences"`
		}
		if err := c.Do(ctx, webPresencesQuery, vars, &data); err != nil {
			return nil, fmt.Errorf("web presences: %w", err)
		}
		for _, n := range data.WebPresences.Nodes {
			if d := n.Domain; d != nil {
				out = append(out, Domain{Host: d.Host, URL: d.URL, SSLEnabled: d.SSLEnabled})
			}
		}
		page := data.WebPresences.PageInfo
		if !page.HasNextPage || page.EndCursor == "" {
			return out, nil
		}
		after = page.EndCursor
	}
	return nil, fmt.Errorf("web presences: more than %d pages", maxWebPresencePages)
}
