package adminapi

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// The client says which of Shopify's answers are permanent (asking again
// gets the same answer, so a job should stop) and which are temporary (a job
// should retry later).
func TestPermanentAnswersAreTold(t *testing.T) {
	graphqlError := func(code string) func(http.ResponseWriter) {
		return respond(200, `{"errors":[{"message":"no","extensions":{"code":"`+code+`"}}]}`)
	}
	hangUp := func(w http.ResponseWriter) {
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	}
	slow := func(w http.ResponseWriter) { time.Sleep(200 * time.Millisecond); ok(1, 999, 50)(w) }
	tests := []struct {
		name      string
		reply     func(http.ResponseWriter)
		customer  bool // ask for a customer rather than the shop
		permanent bool
	}{
		{"unknown customer (null)", respond(200, `{"data":{"customer":null}}`), true, true},
		{"token refused after a refresh", respond(401, `{"errors":"[API] Invalid API key or access token"}`), false, true},
		{"payment required (frozen shop)", respond(402, `{"errors":"Unavailable Shop"}`), false, true},
		{"forbidden", respond(403, `{"errors":"Forbidden"}`), false, true},
		{"shop not found", respond(404, `{"errors":"Not Found"}`), false, true},
		{"locked shop", respond(423, `{"errors":"Locked"}`), false, true},
		{"access denied for a scope", graphqlError("ACCESS_DENIED"), false, true},
		{"inactive shop", graphqlError("SHOP_INACTIVE"), false, true},
		{"malformed query", graphqlError("undefinedField"), false, true},
		{"server error, every attempt", respond(500, `{"errors":"Internal Server Error"}`), false, false},
		{"unavailable, every attempt", respond(503, `<html>down</html>`), false, false},
		{"network failure, every attempt", hangUp, false, false},
		{"Shopify's internal error", graphqlError("INTERNAL_SERVER_ERROR"), false, false},
		{"throttled, every attempt", throttled(50, 0, 50), false, false},
		{"timeout", slow, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{replies: []func(http.ResponseWriter){tt.reply}}
			c, _ := newTestClient(t, s, nil, func(o *Options) { o.MaxThrottled = 2 })
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			var err error
			if tt.customer {
				_, err = c.Customer(ctx, 404)
			} else {
				err = c.Do(ctx, tinyQuery, nil, nil)
			}
			if err == nil {
				t.Fatal("no error")
			}
			if got := Permanent(err); got != tt.permanent {
				t.Errorf("Permanent(%v) = %v, want %v", err, got, tt.permanent)
			}
		})
	}
}
