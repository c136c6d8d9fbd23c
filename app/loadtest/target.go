package loadtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// Target is the hubchat deployment under load.
type Target struct {
	// Bases are the instances' own origins (what the session answer calls
	// api_base), one per instance behind the load balancer.
	Bases []string
	// APIKey and APISecret are the app's client id and secret, to sign as
	// Shopify signs app-proxy requests, session tokens and webhooks.
	APIKey, APISecret string
	// Shop is the installed shop's myshopify.com domain.
	Shop string
	// DatabaseURL, when set, is the app's PostgreSQL: the floor is measured
	// on it and the webhook scenario reads its processing lag there.
	DatabaseURL string
	// Instances are the processes the tool started, one per base (none
	// against an operator's deployment): their memory and CPU are read
	// from /proc and, with DebugAddr, their Go heap.
	Instances []*Instance
}

// newHTTPClient is a client for many concurrent connections to few hosts
// (loopback), each stream holding one of its own.
func newHTTPClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        0,
		MaxIdleConnsPerHost: 4096,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}}
}

// HTTPError is an answer other than the one expected.
type HTTPError struct {
	Method, URL string
	Status      int
	Body        string
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.Method, e.URL, e.Status, e.Body)
}

// doJSON sends req, checks its status is one of want and decodes a JSON
// answer into out (when not nil).
func doJSON(client *http.Client, req *http.Request, out any, want ...int) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	for _, w := range want {
		if resp.StatusCode == w {
			if out == nil {
				return nil
			}
			return json.Unmarshal(body, out)
		}
	}
	return &HTTPError{Method: req.Method, URL: req.URL.Path, Status: resp.StatusCode, Body: string(bytes.TrimSpace(body[:min(len(body), 300)]))}
}

// newJSONRequest is a POST of v as JSON.
func newJSONRequest(ctx context.Context, url string, v any) (*http.Request, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}

// newClientID is a random UUID v4, as the widget and the composer make.
func newClientID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
