package webhooks

import (
	"encoding/json"
	"strings"
	"testing"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// maxRefusalLen bounds the words of a refused delivery: they are stored
// with it and logged.
const maxRefusalLen = 512

// FuzzShopDataPayloads: the bodies of the order, product and compliance
// topics either read into what the stores accept (an id, a total that is
// an amount, tags trimmed and without commas, named options, a customer
// named somehow) or are refused as Invalid in bounded words.
func FuzzShopDataPayloads(f *testing.F) {
	f.Add([]byte(`{"id":1,"created_at":"2026-01-02T03:04:05Z","total_price":"89.00","customer":{"id":7},"tags":"a, b,,c ","options":[{"name":"Size","values":["S"]}],"body_html":"<p>Soft &amp; <b>warm</b></p>"}`))
	f.Add([]byte(`{"id":-1,"total_price":"1e9","customer":null,"tags":["x"],"options":{"name":""}}`))
	f.Add([]byte(`{"id":2,"created_at":"2026-01-02T03:04:05Z","total_price":"` + strings.Repeat("9", 10000) + `"}`))
	f.Add([]byte(`{"customer":{"email":"<script>alert(1)</script>@x"},"body_html":"&lt;script&gt;alert(1)&lt;/script&gt;<img src=x onerror=alert(1)>"}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, body []byte) {
		d := storage.Delivery{Topic: "orders/updated", Body: body}
		var order orderPayload
		if json.Unmarshal(body, &order) == nil {
			o, err := order.order(d)
			if err != nil {
				checkRefusal(t, err)
			} else if o.ShopifyID <= 0 || !isAmount(o.Total) || o.CreatedAt.IsZero() || o.UpdatedAt.IsZero() {
				t.Fatalf("order read as %+v", o)
			}
		}
		var product productPayload
		if json.Unmarshal(body, &product) == nil {
			if tags, err := productTags(product.Tags); err == nil {
				for _, tag := range tags {
					if tag == "" || tag != strings.TrimSpace(tag) || strings.Contains(tag, ",") {
						t.Fatalf("tag %q", tag)
					}
				}
			}
			if options, err := productOptions(product.Options); err == nil {
				for _, o := range options {
					if strings.TrimSpace(o.Name) == "" {
						t.Fatalf("option %+v", o)
					}
				}
			}
			text := plainText(product.BodyHTML)
			if text != strings.Join(strings.Fields(text), " ") {
				t.Fatalf("description read as %q", text)
			}
			if p := lowestPrice(product); p != "" && !isAmount(p) {
				t.Fatalf("price %q", p)
			}
		}
		p, err := parseCompliance(storage.Delivery{Topic: "customers/redact", Body: body})
		if err != nil {
			checkRefusal(t, err)
		} else if p.Customer.ID == 0 && p.Customer.Email == "" && p.Customer.Phone == "" {
			t.Fatalf("compliance payload names no customer: %+v", p)
		}
	})
}

func checkRefusal(t *testing.T, err error) {
	t.Helper()
	if !apperr.Is(err, apperr.Invalid) || len(err.Error()) > maxRefusalLen {
		t.Fatalf("refused with %.600v", err)
	}
}
