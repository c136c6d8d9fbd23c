package adminapi

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"time"

	"hubchat/shopify"
)

// APIVersion is the Admin API version hubchat is written against. Shopify
// supports each quarterly version for at least 12 months; moving to a new
// one is a deliberate change, reviewed against its changelog.
const APIVersion = "2026-10"

// DefaultEndpoint returns Shopify's GraphQL endpoint for shop.
func DefaultEndpoint(shop string) string {
	return "https://" + shop + "/admin/api/" + APIVersion + "/graphql.json"
}

// Options tunes a Client. The zero value talks to Shopify with sensible
// limits; tests override the endpoint, the clock and the sleeper.
type Options struct {
	// Endpoint maps the shop to its GraphQL URL (default DefaultEndpoint);
	// the local fake Shopify points it at http://127.0.0.1:port.
	Endpoint func(shop string) string
	// HTTPClient sends the requests (default: one with a 30 s timeout).
	HTTPClient *http.Client
	// MaxAttempts bounds tries of a request that fails with a network
	// error, 429 or 5xx (default 5).
	MaxAttempts int
	// MaxThrottled bounds how many THROTTLED answers one call accepts
	// before giving up with ErrThrottled (default 10).
	MaxThrottled int
	// BaseBackoff is the first retry delay, doubled per attempt up to
	// MaxBackoff (defaults 500 ms and 30 s).
	BaseBackoff, MaxBackoff time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Sleep waits d or until ctx ends, returning ctx's error then (default
	// a timer). Tests inject one that records d and advances their clock.
	Sleep func(ctx context.Context, d time.Duration) error
	// Jitter spreads a backoff delay (default: uniform in [d/2, d]).
	Jitter func(d time.Duration) time.Duration
}

// Client calls the Admin GraphQL API of one shop. It is safe for
// concurrent use; concurrent calls share one estimate of the shop's bucket.
type Client struct {
	shop     string
	endpoint string
	tokens   TokenSource
	opts     Options

	mu      sync.Mutex
	bucket  *Bucket            // nil until Shopify first reports it
	learned map[string]float64 // requestedQueryCost Shopify reported, by costKey
}

// New returns a client for shop, which must be a {name}.myshopify.com
// domain (it is normalised to lower case).
func New(shop string, tokens TokenSource, opts Options) (*Client, error) {
	canon, err := shopify.NormalizeShopDomain(shop)
	if err != nil {
		return nil, fmt.Errorf("adminapi: %w", err)
	}
	if tokens == nil {
		return nil, errors.New("adminapi: nil token source")
	}
	setDefaults(&opts)
	endpoint := opts.Endpoint(canon)
	if u, err := url.Parse(endpoint); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("adminapi: bad endpoint %q", endpoint)
	}
	return &Client{
		shop:     canon,
		endpoint: endpoint,
		tokens:   tokens,
		opts:     opts,
		learned:  map[string]float64{},
	}, nil
}

func setDefaults(o *Options) {
	if o.Endpoint == nil {
		o.Endpoint = DefaultEndpoint
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.MaxThrottled <= 0 {
		o.MaxThrottled = 10
	}
	if o.BaseBackoff <= 0 {
		o.BaseBackoff = 500 * time.Millisecond
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 30 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.Jitter == nil {
		o.Jitter = func(d time.Duration) time.Duration {
			return d/2 + rand.N(d/2+1)
		}
	}
}

// ShopDomain returns the canonical shop domain the client talks to.
func (c *Client) ShopDomain() string { return c.shop }

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// backoff is the delay before retry number n (1-based): BaseBackoff·2ⁿ⁻¹
// capped at MaxBackoff, jittered so that many clients do not retry in step.
func (c *Client) backoff(n int) time.Duration {
	d := c.opts.MaxBackoff
	if n < 31 {
		d = min(c.opts.BaseBackoff<<(n-1), c.opts.MaxBackoff)
	}
	return c.opts.Jitter(d)
}

// maxLearned bounds the learned-cost table; the typed queries need a few
// dozen entries at most.
const maxLearned = 256

// costKey identifies a query for the learned cost: the text plus the page
// size, which is what changes the cost between calls of one typed query.
func costKey(query string, vars map[string]any) string {
	return fmt.Sprintf("%s\x00%v", query, vars["first"])
}

// estimate is the cost the client budgets for before sending: what Shopify
// reported last time for the same query and page size (reported true), else
// the documented rules applied to the query (0 when it cannot be parsed;
// Shopify will say).
func (c *Client) estimate(query string, vars map[string]any) (cost float64, reported bool) {
	c.mu.Lock()
	learned, ok := c.learned[costKey(query, vars)]
	c.mu.Unlock()
	if ok {
		return learned, true
	}
	// Parsing again per call costs microseconds against a network round
	// trip, and a cache would grow with every ad hoc query sent through Do.
	if op, err := ParseQuery(query); err == nil {
		return float64(RequestedCost(op, vars)), false
	}
	return 0, false
}

// awaitBudget reserves cost points in the bucket estimate and sleeps until
// they will have restored. Before Shopify has reported the bucket there is
// nothing to wait for. Only a cost Shopify reported can prove a query too
// costly for the bucket; the client's own estimate is capped at the bucket.
func (c *Client) awaitBudget(ctx context.Context, cost float64, reported bool) error {
	c.mu.Lock()
	if c.bucket == nil {
		c.mu.Unlock()
		return ctx.Err()
	}
	if cost > c.bucket.Max {
		if reported {
			c.mu.Unlock()
			return fmt.Errorf("%w: cost %.0f, bucket %.0f", ErrQueryTooCostly, cost, c.bucket.Max)
		}
		cost = c.bucket.Max
	}
	wait := c.bucket.Reserve(cost, c.opts.Now())
	c.mu.Unlock()
	if wait < 0 {
		return fmt.Errorf("%w: the bucket does not restore", ErrQueryTooCostly)
	}
	if wait == 0 {
		return ctx.Err()
	}
	return c.opts.Sleep(ctx, wait)
}

// observe records what Shopify said about the bucket and the query's cost.
func (c *Client) observe(key string, cost *Cost) {
	if cost == nil {
		return
	}
	s := cost.ThrottleStatus
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.MaximumAvailable > 0 {
		// Shopify's figures replace the estimate, reservations of requests
		// still in flight included: the server's count is the true one.
		if c.bucket == nil {
			c.bucket = &Bucket{}
		}
		c.bucket.Set(s.MaximumAvailable, s.CurrentlyAvailable, s.RestoreRate, c.opts.Now())
	}
	if cost.RequestedQueryCost > 0 {
		if len(c.learned) >= maxLearned {
			clear(c.learned) // ad hoc queries through Do must not grow it forever
		}
		c.learned[key] = cost.RequestedQueryCost
	}
}
