package adminapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// maxResponse bounds what the client reads of one response: far above any
// page hubchat asks for, low enough that a misbehaving proxy cannot exhaust
// memory.
const maxResponse = 64 << 20

// Do runs a GraphQL query with variables and decodes its data into out (a
// pointer, or nil to discard it). It waits for the cost bucket, retries what
// is worth retrying, and returns a *GraphQLError when Shopify reported
// errors, a *HTTPError for other failed statuses, ErrUnauthorized,
// ErrThrottled, ErrQueryTooCostly, or ctx's error.
func (c *Client) Do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return fmt.Errorf("adminapi: encode request: %w", err)
	}
	token, err := c.tokens.Token(ctx)
	if err != nil {
		return fmt.Errorf("adminapi: access token: %w", err)
	}
	key := costKey(query, vars)
	refreshed := false
	failures, throttles := 0, 0
	for {
		cost, reported := c.estimate(query, vars)
		if err := c.awaitBudget(ctx, cost, reported); err != nil {
			return err
		}
		r, err := c.send(ctx, token, body)
		if r.resp != nil {
			c.observe(key, r.resp.Extensions.Cost)
		}
		switch {
		case err != nil || r.transient():
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err == nil {
				err = &HTTPError{StatusCode: r.status, Body: r.snippet}
			}
			if failures++; failures >= c.opts.MaxAttempts {
				return fmt.Errorf("adminapi: giving up after %d attempts: %w", failures, err)
			}
			if err := c.opts.Sleep(ctx, max(c.backoff(failures), r.retryAfter)); err != nil {
				return err
			}
		case r.status == http.StatusUnauthorized:
			if refreshed {
				return ErrUnauthorized
			}
			refreshed = true
			if token, err = c.tokens.Refresh(ctx, token); err != nil {
				return fmt.Errorf("adminapi: refresh access token: %w", err)
			}
		case r.throttled():
			// The bucket estimate now holds Shopify's figures, so the next
			// awaitBudget sleeps (requested − available) / restoreRate.
			if throttles++; throttles > c.opts.MaxThrottled {
				return ErrThrottled
			}
		case r.status != http.StatusOK || r.resp == nil:
			return &HTTPError{StatusCode: r.status, Body: r.snippet}
		case len(r.resp.Errors) > 0:
			return &GraphQLError{Errors: r.resp.Errors}
		case out == nil:
			return nil
		default:
			if err := json.Unmarshal(r.resp.Data, out); err != nil {
				return fmt.Errorf("adminapi: decode data: %w", err)
			}
			return nil
		}
	}
}

// reply is one HTTP exchange's outcome.
type reply struct {
	status     int
	retryAfter time.Duration
	resp       *response // nil when the body is not JSON (a proxy's error page)
	snippet    string    // the start of the body, for errors
}

func (r reply) throttled() bool { return r.resp != nil && r.resp.Errors.throttled() }

// transient reports a failure worth retrying after a backoff: 5xx, and 429
// unless it carries THROTTLED (then the bucket wait applies instead).
func (r reply) transient() bool {
	return r.status >= 500 || r.status == http.StatusTooManyRequests && !r.throttled()
}

// send posts one request; err is a transport failure.
func (c *Client) send(ctx context.Context, token string, body []byte) (reply, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return reply{}, fmt.Errorf("adminapi: build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Shopify-Access-Token", token)
	res, err := c.opts.HTTPClient.Do(req)
	if err != nil {
		return reply{}, fmt.Errorf("adminapi: post: %w", err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxResponse))
	if err != nil {
		return reply{}, fmt.Errorf("adminapi: read response: %w", err)
	}
	r := reply{status: res.StatusCode, snippet: string(raw[:min(len(raw), 200)])}
	if secs, err := strconv.Atoi(res.Header.Get("Retry-After")); err == nil && secs > 0 {
		r.retryAfter = time.Duration(secs) * time.Second
	}
	var resp response
	if json.Unmarshal(raw, &resp) == nil {
		r.resp = &resp
	}
	return r, nil
}
