package shopify

import (
	"crypto/rand"
	"crypto/rsa"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func (g *caseGen) tokenCase(variant, token string, want bool, diff diffKind, why string) {
	g.add(ccCase{
		in:   ccInput{Kind: "token", Token: token},
		name: "token/" + variant, want: want, diff: diff, why: why,
		goOK: func() bool {
			// Judged at the instant the case was made: on a busy machine,
			// seconds pass before the verdicts are compared, and a token
			// made to expire within the leeway would drift out of it.
			_, err := VerifySessionToken(token, ccAPIKey, ccSecret, g.clock)
			return err == nil
		},
	})
}

func (g *caseGen) sign(m jwt.SigningMethod, key any, c jwt.MapClaims) string {
	s, err := jwt.NewWithClaims(m, c).SignedString(key)
	if err != nil {
		g.t.Fatalf("sign %s: %v", m.Alg(), err)
	}
	return s
}

func (g *caseGen) tokenCases(n int) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		g.t.Fatal(err)
	}
	sec := func(d time.Duration) int64 { return g.now.Add(d).Unix() }
	for range n {
		shop := g.shop()
		iat := time.Duration(-g.rnd.IntN(21)) * time.Second
		claims := func() jwt.MapClaims {
			return jwt.MapClaims{
				"iss": "https://" + shop + "/admin", "dest": "https://" + shop, "aud": ccAPIKey,
				"sub": g.pick([]rune("123456789"), 1) + g.pick([]rune("0123456789"), g.rnd.IntN(12)), "sid": g.value(), "jti": g.value(),
				"iat": sec(iat), "nbf": sec(iat), "exp": sec(iat + time.Minute),
			}
		}
		with := func(kv ...any) jwt.MapClaims {
			c := claims()
			for i := 0; i < len(kv); i += 2 {
				if kv[i+1] == nil && kv[i] != "nbf" {
					delete(c, kv[i].(string))
				} else {
					c[kv[i].(string)] = kv[i+1]
				}
			}
			return c
		}
		hs := func(c jwt.MapClaims) string { return g.sign(jwt.SigningMethodHS256, []byte(ccSecret), c) }

		good, err := SignSessionToken(SessionTokenParams{Shop: shop, APIKey: ccAPIKey, UserID: "42", SessionID: g.value(), IssuedAt: g.now.Add(iat)}, ccSecret)
		if err != nil {
			g.t.Fatal(err)
		}
		g.tokenCase("valid (SignSessionToken)", good, true, diffNone, "")
		g.tokenCase("valid (wild sid and jti)", hs(claims()), true, diffNone, "")
		g.tokenCase("iat in the future", hs(with("iat", sec(time.Hour))), true, diffNone, "")
		g.tokenCase("expired within leeway", hs(with("iat", sec(-63*time.Second), "nbf", sec(-63*time.Second), "exp", sec(-3*time.Second))), true, diffNone, "")
		g.tokenCase("expired", hs(with("iat", sec(-2*time.Minute), "nbf", sec(-2*time.Minute), "exp", sec(-time.Minute))), false, diffNone, "")
		g.tokenCase("nbf within leeway", hs(with("nbf", sec(3*time.Second))), true, diffNone, "")
		g.tokenCase("not yet valid", hs(with("nbf", sec(time.Minute), "exp", sec(2*time.Minute))), false, diffNone, "")
		g.tokenCase("wrong aud", hs(with("aud", "someone-else")), false, diffNone, "")
		g.tokenCase("aud as array", hs(with("aud", []string{ccAPIKey})), false, diffNone, "")
		g.tokenCase("no aud", hs(with("aud", nil)), false, diffNone, "")
		g.tokenCase("exp as string", hs(with("exp", "9999999999")), false, diffNone, "")
		g.tokenCase("nbf null", hs(with("nbf", nil)), false, diffNone, "")
		g.tokenCase("other secret", g.sign(jwt.SigningMethodHS256, []byte("shpss_other"), claims()), false, diffNone, "")
		g.tokenCase("alg none", g.sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims()), false, diffNone, "")
		g.tokenCase("alg HS384", g.sign(jwt.SigningMethodHS384, []byte(ccSecret), claims()), false, diffNone, "")
		g.tokenCase("alg HS512", g.sign(jwt.SigningMethodHS512, []byte(ccSecret), claims()), false, diffNone, "")
		g.tokenCase("alg RS256", g.sign(jwt.SigningMethodRS256, rsaKey, claims()), false, diffNone, "")

		parts := strings.Split(good, ".")
		other := strings.Split(hs(with("dest", "https://x"+shop)), ".")
		g.tokenCase("payload swapped", parts[0]+"."+other[1]+"."+parts[2], false, diffNone, "")
		mid := len(parts[2]) / 2
		repl := "A"
		if parts[2][mid] == 'A' {
			repl = "B"
		}
		g.tokenCase("signature changed", parts[0]+"."+parts[1]+"."+parts[2][:mid]+repl+parts[2][mid+1:], false, diffNone, "")
		g.tokenCase("signature dropped", parts[0]+"."+parts[1]+".", false, diffNone, "")

		// Documented: hubchat is stricter than decodeSessionToken.
		g.tokenCase("iss and dest on different shops", hs(with("iss", "https://x"+shop+"/admin")), false, diffStricter,
			"SHOPIFY.md §2: iss and dest must name the same shop; the library does not check")
		g.tokenCase("no exp", hs(with("exp", nil)), false, diffStricter, "hubchat requires exp; jose treats it as optional")
		g.tokenCase("no sub", hs(with("sub", nil)), false, diffStricter, "hubchat requires sub (the staff user)")
		for _, sub := range []string{"0", "-5", "abc", "042", ""} {
			g.tokenCase("sub "+strconv.Quote(sub), hs(with("sub", sub)), false, diffStricter,
				"hubchat requires sub to be a staff user id (a positive number); the library takes any string")
		}
		g.tokenCase("no iss", hs(with("iss", nil)), false, diffStricter, "hubchat requires iss; the library does not read it")
		g.tokenCase("dest not a shop", hs(with("dest", "https://evil.example.com", "iss", "https://evil.example.com/admin")), false, diffStricter,
			"hubchat requires dest to be a myshopify.com shop; the library does not read it")
		g.tokenCase("dest with a path", hs(with("dest", "https://"+shop+"/x")), false, diffStricter,
			"hubchat requires dest to be exactly https://{shop}")
	}
}
