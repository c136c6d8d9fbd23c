package shopify

import (
	"strconv"
	"strings"
	"time"
)

// webhookHeaders are the headers of a genuine delivery, lowercased as
// Node's IncomingMessage presents them.
func (g *caseGen) webhookHeaders(body string) map[string]string {
	return map[string]string{
		"x-shopify-hmac-sha256":  SignWebhook([]byte(body), ccSecret),
		"x-shopify-topic":        []string{"orders/create", "app/uninstalled", "customers/redact"}[g.rnd.IntN(3)],
		"x-shopify-shop-domain":  g.shop(),
		"x-shopify-api-version":  "2026-10",
		"x-shopify-webhook-id":   g.pick([]rune("0123456789abcdef-"), 36),
		"x-shopify-event-id":     g.pick([]rune("0123456789abcdef-"), 36),
		"x-shopify-triggered-at": g.now.UTC().Format(time.RFC3339Nano),
	}
}

func (g *caseGen) webhookCase(variant, body string, h map[string]string, want bool, diff diffKind, why string) {
	g.add(ccCase{
		in:   ccInput{Kind: "webhook", Body: body, Headers: h},
		name: "webhook/" + variant, want: want, diff: diff, why: why,
		goOK: func() bool {
			get := func(name string) string { return h[strings.ToLower(name)] }
			if VerifyWebhook([]byte(body), get(HeaderWebhookHMAC), ccSecret) != nil {
				return false
			}
			_, err := ParseWebhookHeaders(get)
			return err == nil
		},
	})
}

func (g *caseGen) webhookCases(n int) {
	edit := func(h map[string]string, k, v string) map[string]string {
		out := map[string]string{}
		for hk, hv := range h {
			out[hk] = hv
		}
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
		return out
	}
	for range n {
		body := `{"id":` + strconv.Itoa(g.rnd.IntN(1e9)) + `,"note":"` + g.value() + `","tags":"` + g.value() + "\"}\n"
		h := g.webhookHeaders(body)
		g.webhookCase("valid", body, h, true, diffNone, "")
		g.webhookCase("no optional headers", body, edit(edit(h, "x-shopify-event-id", ""), "x-shopify-triggered-at", ""), true, diffNone, "")
		g.webhookCase("body changed", strings.Replace(body, "id", "Id", 1), h, false, diffNone, "")
		g.webhookCase("body trimmed", strings.TrimSpace(body), h, false, diffNone, "")
		g.webhookCase("hmac of other secret", body, edit(h, "x-shopify-hmac-sha256", SignWebhook([]byte(body), "other")), false, diffNone, "")
		g.webhookCase("hmac as hex", body, edit(h, "x-shopify-hmac-sha256", hmacHex(ccSecret, body)), false, diffNone, "")
		g.webhookCase("hmac unpadded", body, edit(h, "x-shopify-hmac-sha256", strings.TrimRight(h["x-shopify-hmac-sha256"], "=")), false, diffNone, "")
		for _, k := range []string{"x-shopify-hmac-sha256", "x-shopify-topic", "x-shopify-shop-domain", "x-shopify-api-version", "x-shopify-webhook-id"} {
			g.webhookCase("no "+k, body, edit(h, k, ""), false, diffNone, "")
		}
	}
	body := `{"id":1}`
	h := g.webhookHeaders(body)
	g.webhookCase("empty body", "", edit(h, "x-shopify-hmac-sha256", SignWebhook(nil, ccSecret)), false, diffNone, "")
	g.webhookCase("shop domain not a shop", body, edit(h, "x-shopify-shop-domain", "evil.example.com"), false, diffStricter,
		"hubchat validates X-Shopify-Shop-Domain; the library only requires it")
}
