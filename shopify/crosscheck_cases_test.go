package shopify

import (
	"math/rand/v2"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// caseGen builds the cross-check cases. Timestamps come from the real
// clock at now; both sides judge them at now (runNode holds the library's
// Date there).
type caseGen struct {
	rnd    *rand.Rand
	now    time.Time
	t      *testing.T
	cases  []ccCase
	nextID int
}

// clock is the instant the cases were made, when our side judges them.
func (g *caseGen) clock() time.Time { return g.now }

func (g *caseGen) add(c ccCase) {
	g.nextID++
	c.in.ID = g.nextID
	g.cases = append(g.cases, c)
}

// wildRunes are the characters that break naive encoders: the separators
// of both message formats, percent signs, "+" versus space, "~" and "*"
// (where URLSearchParams and url.QueryEscape differ), non-ASCII and
// astral characters, and an ASCII capital and digit to upset orderings.
var wildRunes = []rune(" +&=%~*-._/?#,;:'\"\\[]!aZ09éÜ日本😀\u00a0")

func (g *caseGen) pick(pool []rune, n int) string {
	var b strings.Builder
	for range n {
		b.WriteRune(pool[g.rnd.IntN(len(pool))])
	}
	return b.String()
}

// key returns a parameter name: most are like Shopify's (lowercase and
// "_", on which every ordering agrees), the rest are wild.
func (g *caseGen) key() string {
	for {
		var k string
		if g.rnd.IntN(3) > 0 {
			k = g.pick([]rune("abcdefghijklmnopqrstuvwxyz"), 1) + g.pick([]rune("abcdefghijklmnopqrstuvwxyz_"), g.rnd.IntN(9))
		} else {
			k = g.pick(wildRunes, 1+g.rnd.IntN(5))
		}
		switch k {
		case "hmac", "signature", "timestamp", "shop", "path_prefix", "logged_in_customer_id":
			continue
		}
		return k
	}
}

func (g *caseGen) value() string {
	return g.pick(append([]rune("abcxyz"), wildRunes...), g.rnd.IntN(13))
}

func (g *caseGen) shop() string {
	return g.pick([]rune("abcdefghijklmnopqrstuvwxyz0123456789"), 1) +
		g.pick([]rune("abcdefghijklmnopqrstuvwxyz0123456789-"), g.rnd.IntN(20)) + ".myshopify.com"
}

func (g *caseGen) ts(offset time.Duration) string {
	return strconv.FormatInt(g.now.Add(offset).Unix(), 10)
}

// fresh is a timestamp well inside the 90 s window, either side.
func (g *caseGen) fresh() string {
	return g.ts(time.Duration(g.rnd.IntN(61)-30) * time.Second)
}

// withExtras appends 0–4 random parameters, some of them repeated.
func (g *caseGen) withExtras(p pairs) pairs {
	for range g.rnd.IntN(5) {
		k := g.key()
		p = append(p, [2]string{k, g.value()})
		if g.rnd.IntN(4) == 0 {
			p = append(p, [2]string{k, g.value()})
		}
	}
	g.rnd.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// pairs is a query in wire order, repeats allowed.
type pairs [][2]string

func (p pairs) values() url.Values {
	q := url.Values{}
	for _, kv := range p {
		q.Add(kv[0], kv[1])
	}
	return q
}

func (p pairs) clone() pairs { return append(pairs(nil), p...) }

func (p pairs) set(k, v string) pairs {
	out := pairs{}
	for _, kv := range p {
		if kv[0] != k {
			out = append(out, kv)
		}
	}
	return append(out, [2]string{k, v})
}

func (p pairs) without(k string) pairs {
	out := pairs{}
	for _, kv := range p {
		if kv[0] != k {
			out = append(out, kv)
		}
	}
	return out
}

// adminOrder is the key sequence QueryMessage signs.
func adminOrder(p pairs) []string {
	q := p.values()
	keys := []string{}
	for k := range q {
		if k != "hmac" && k != "signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// proxyOrder is the key sequence AppProxyMessage signs: keys ordered by
// their "key=values" strings.
func proxyOrder(p pairs) []string {
	q := p.values()
	keys := []string{}
	for k := range q {
		if k != "signature" {
			keys = append(keys, k)
		}
	}
	part := func(k string) string { return k + "=" + strings.Join(q[k], ",") }
	sort.Slice(keys, func(i, j int) bool { return part(keys[i]) < part(keys[j]) })
	return keys
}

// queryCase adds one admin or app proxy case.
func (g *caseGen) queryCase(kind, variant string, p pairs, want bool, diff diffKind, why string) {
	c := ccCase{name: kind + "/" + variant, want: want, diff: diff, why: why}
	c.in = ccInput{Kind: kind, Pairs: p}
	if kind == "admin" {
		c.in.GoOrder = adminOrder(p)
		c.goOK = func() bool { return VerifyQuery(p.values(), ccSecret, g.clock) == nil }
	} else {
		c.in.GoOrder = proxyOrder(p)
		c.goOK = func() bool { _, err := VerifyAppProxy(p.values(), ccSecret, g.clock); return err == nil }
	}
	g.add(c)
}

// querySigned is p with its hmac (admin) or signature (appProxy) added.
func querySigned(kind string, p pairs, secret string) pairs {
	if kind == "admin" {
		return p.set("hmac", SignQuery(p.values(), secret))
	}
	return p.set("signature", SignAppProxy(p.values(), secret))
}

// queryVariants adds the valid, tampered, re-signed, stale and malformed
// versions of base (which has a fresh timestamp and no signature).
func (g *caseGen) queryVariants(kind string, base pairs) {
	sigKey := map[string]string{"admin": "hmac", "appProxy": "signature"}[kind]
	sign := func(p pairs) pairs { return querySigned(kind, p, ccSecret) }
	valid := sign(base)
	g.queryCase(kind, "valid", valid, true, diffNone, "")

	// Tamper with anything but shop and timestamp, so that re-signing
	// yields a valid request again.
	i := g.rnd.IntN(len(base))
	for base[i][0] == "shop" || base[i][0] == "timestamp" {
		i = g.rnd.IntN(len(base))
	}
	tampered := valid.clone()
	tampered[i][1] += "x"
	g.queryCase(kind, "tampered value", tampered, false, diffNone, "")
	if kind == "appProxy" && base[i][0] == "logged_in_customer_id" {
		g.queryCase(kind, "tampered and re-signed", sign(tampered.without(sigKey)), false, diffStricter, customerIDRule)
	} else {
		g.queryCase(kind, "tampered and re-signed", sign(tampered.without(sigKey)), true, diffNone, "")
	}
	renamed := valid.clone()
	renamed[i][0] += "x"
	g.queryCase(kind, "renamed key", renamed, false, diffNone, "")
	g.queryCase(kind, "dropped pair", append(valid[:i:i], valid[i+1:]...), false, diffNone, "")
	g.queryCase(kind, "added pair", append(valid.clone(), [2]string{g.key(), g.value()}), false, diffNone, "")
	g.queryCase(kind, "other secret", querySigned(kind, base, "shpss_other"), false, diffNone, "")
	g.queryCase(kind, "uppercase signature", valid.set(sigKey, strings.ToUpper(valid.values().Get(sigKey))), false, diffNone, "")
	g.queryCase(kind, "no signature", base, false, diffNone, "")
	g.queryCase(kind, "stale", sign(base.set("timestamp", g.ts(-5*time.Minute))), false, diffNone, "")
	g.queryCase(kind, "future", sign(base.set("timestamp", g.ts(5*time.Minute))), false, diffNone, "")
	g.queryCase(kind, "no timestamp", sign(base.without("timestamp")), false, diffNone, "")
	g.queryCase(kind, "timestamp not a number", sign(base.set("timestamp", "soon")), false, diffNone, "")
}

func (g *caseGen) adminCases(n int) {
	for range n {
		base := g.withExtras(pairs{
			{"embedded", "1"},
			{"host", EncodeHost("admin.shopify.com/store/" + strings.TrimSuffix(g.shop(), ".myshopify.com"))},
			{"locale", []string{"en", "fr", "pt-BR", "zh-CN"}[g.rnd.IntN(4)]},
			{"session", g.pick([]rune("0123456789abcdef"), 64)},
			{"shop", g.shop()},
			{"timestamp", g.fresh()},
		})
		g.queryVariants("admin", base)
		g.queryCase("admin", "signature param added", querySigned("admin", base, ccSecret).set("signature", "x"), true, diffNone, "")
		g.queryCase("admin", "repeated hmac", append(querySigned("admin", base, ccSecret), [2]string{"hmac", "0"}), false, diffNone, "")
	}
	// Orderings that differ by construction: a digit against "_", and
	// capitals against lowercase. Go verifies; Node's localeCompare order
	// signs a different message.
	for _, keys := range [][]string{{"a1", "a_b"}, {"B", "a"}, {"Zeta", "alpha"}} {
		p := pairs{{"shop", g.shop()}, {"timestamp", g.fresh()}}
		for _, k := range keys {
			p = append(p, [2]string{k, g.value()})
		}
		g.queryCase("admin", "byte order vs localeCompare", querySigned("admin", p, ccSecret), true, diffNone, "")
	}
}

// customerIDRule is why hubchat refuses proxied requests the library
// accepts: the parameter Shopify always sends must be there, a customer id
// or empty, so that no other split of the signed message names a customer.
const customerIDRule = "hubchat requires logged_in_customer_id, digits or empty"

func (g *caseGen) appProxyCases(n int) {
	for range n {
		customer := ""
		if g.rnd.IntN(2) == 0 {
			customer = strconv.Itoa(1 + g.rnd.IntN(1e9))
		}
		base := g.withExtras(pairs{
			{"shop", g.shop()},
			{"path_prefix", []string{"/apps/hubchat", "/a/chat", "/tools/x-y_z"}[g.rnd.IntN(3)]},
			{"logged_in_customer_id", customer},
			{"timestamp", g.fresh()},
		})
		g.queryVariants("appProxy", base)
		g.queryCase("appProxy", "repeated shop", querySigned("appProxy", append(base.clone(), [2]string{"shop", g.shop()}), ccSecret), false, diffNone, "")
		g.queryCase("appProxy", "repeated signature", append(querySigned("appProxy", base, ccSecret), [2]string{"signature", "0"}), false, diffNone, "")
	}
	base := pairs{{"shop", g.shop()}, {"path_prefix", "/apps/hubchat"}, {"logged_in_customer_id", ""}, {"timestamp", g.fresh()}}
	g.queryCase("appProxy", "no customer id", querySigned("appProxy", base.without("logged_in_customer_id"), ccSecret), false, diffStricter, customerIDRule)
	// Documented algorithm sorts "key=value" strings; the library sorts keys.
	g.queryCase("appProxy", "prefix keys", querySigned("appProxy", append(base.clone(), [2]string{"extra", "1"}, [2]string{"extra1", "2"}), ccSecret), true, diffNone, "")
	// The documentation signs every parameter but signature; the library
	// also drops hmac.
	g.queryCase("appProxy", "hmac parameter", querySigned("appProxy", append(base.clone(), [2]string{"hmac", "abc"}), ccSecret), true, diffNone, "")
	g.queryCase("appProxy", "repeated customer id",
		querySigned("appProxy", append(base.clone(), [2]string{"logged_in_customer_id", "1"}, [2]string{"logged_in_customer_id", "2"}), ccSecret),
		false, diffStricter, "hubchat refuses a repeat of a parameter it trusts; the library signs the comma-joined value")
}
