package twilio

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/storage/pgtest"
)

// The differential test of X-Twilio-Signature: every generated request is
// judged by VerifySignature and by Twilio's own Node library
// (validateRequest, through testdata/crosscheck.mjs), and every signature
// Go computes is compared with the library's getExpectedTwilioSignature.
// Each case carries the verdict it should get, so both sides agreeing on a
// wrong answer fails too. The only tolerated disagreement is ccStricter:
// the library also accepts a URL without its non-default port and the URL
// as Node's URL parser rewrites it; VerifySignature accepts only the URL
// the app configured, with or without the scheme's default port.

type ccVerdict int

const (
	ccAccept   ccVerdict = iota // both accept
	ccRefuse                    // both refuse
	ccStricter                  // the library accepts, Go refuses, on purpose
)

// ccPair is one form parameter, in the order it arrived.
type ccPair = [2]string

type ccInput struct {
	ID          int      `json:"id"`
	Token       string   `json:"token"`
	URL         string   `json:"url"`
	SignedURL   string   `json:"signedUrl"`
	Pairs       []ccPair `json:"pairs"`
	SignedPairs []ccPair `json:"signedPairs"`
	Header      string   `json:"header"`
}

type ccResult struct {
	ID       int    `json:"id"`
	OK       bool   `json:"ok"`
	Expected string `json:"expected"`
	Error    string `json:"error"`
}

type ccCase struct {
	in      ccInput
	variant string
	want    ccVerdict
}

func TestSignatureCrossCheckWithTwilioLibrary(t *testing.T) {
	root, err := pgtest.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node is not on PATH: install Node 20+ and run `npm ci` in %s; the cross-check must not be skipped", root)
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules", "twilio", "package.json")); err != nil {
		t.Fatalf("twilio (npm) is not installed: run `npm ci` in %s (%v)", root, err)
	}
	seed := uint64(20261205)
	if s := os.Getenv("HUBCHAT_CROSSCHECK_SEED"); s != "" {
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("HUBCHAT_CROSSCHECK_SEED: %v", err)
		}
	}
	t.Logf("seed %d (set HUBCHAT_CROSSCHECK_SEED to explore others)", seed)
	g := &sigGen{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for range 40 {
		g.round()
	}
	results := runTwilioNode(t, root, g.cases)

	counts := map[string][3]int{}
	for _, c := range g.cases {
		r := results[c.in.ID]
		if r.Error != "" {
			t.Fatalf("case %d %s: the library threw: %s", c.in.ID, c.variant, r.Error)
		}
		if got := Signature(AuthToken(c.in.Token), c.in.SignedURL, toValues(c.in.SignedPairs)); got != r.Expected {
			t.Errorf("case %d %s: Go signs %s, the library %s (input %+v)", c.in.ID, c.variant, got, r.Expected, c.in)
		}
		goOK := VerifySignature(AuthToken(c.in.Token), c.in.URL, toValues(c.in.Pairs), c.in.Header) == nil
		wantGo, wantNode := c.want == ccAccept, c.want != ccRefuse
		if goOK != wantGo || r.OK != wantNode {
			t.Errorf("case %d %s: Go %v (want %v), library %v (want %v); input %+v",
				c.in.ID, c.variant, goOK, wantGo, r.OK, wantNode, c.in)
		}
		n := counts[c.variant]
		n[c.want]++
		counts[c.variant] = n
	}
	for _, variant := range slices.Sorted(maps.Keys(counts)) {
		n := counts[variant]
		t.Logf("%-22s accepted by both %3d, refused by both %3d, refused by Go only %3d", variant, n[ccAccept], n[ccRefuse], n[ccStricter])
	}
}

func toValues(pairs []ccPair) url.Values {
	v := url.Values{}
	for _, p := range pairs {
		v.Add(p[0], p[1])
	}
	return v
}

// sigGen makes, each round, one signed request and its variants.
type sigGen struct {
	rnd   *rand.Rand
	cases []ccCase
}

func (g *sigGen) add(variant string, want ccVerdict, token, url, signedURL string, pairs, signed []ccPair, header string) {
	g.cases = append(g.cases, ccCase{variant: variant, want: want, in: ccInput{
		ID: len(g.cases) + 1, Token: token, URL: url, SignedURL: signedURL,
		Pairs: pairs, SignedPairs: signed, Header: header}})
}

func (g *sigGen) round() {
	token := g.hex(32)
	u := g.url()
	pairs := g.pairs()
	sig := Signature(AuthToken(token), u, toValues(pairs))
	g.add("valid", ccAccept, token, u, u, pairs, pairs, sig)
	g.add("reordered", ccAccept, token, u, u, g.shuffled(pairs), pairs, sig)
	g.add("wrong token", ccRefuse, g.hex(32), u, u, pairs, pairs, sig)
	g.add("tampered value", ccRefuse, token, u, u, g.tampered(pairs), pairs, sig)
	g.add("dropped parameter", ccRefuse, token, u, u, pairs[1:], pairs, sig)
	g.add("added parameter", ccRefuse, token, u, u, append(g.shuffled(pairs), ccPair{"Extra", g.text()}), pairs, sig)
	g.add("other path", ccRefuse, token, u+"x", u, pairs, pairs, sig)
	g.add("empty header", ccRefuse, token, u, u, pairs, pairs, "")

	// A name sent several times, some values repeated: the library signs
	// each distinct value once, sorted, so order and repeats do not matter.
	repeated := append(g.shuffled(pairs), ccPair{"MediaUrl", "b" + g.text()}, ccPair{"MediaUrl", "a" + g.text()})
	repeated = append(repeated, repeated[len(repeated)-1])
	rsig := Signature(AuthToken(token), u, toValues(repeated))
	g.add("repeated names", ccAccept, token, u, u, g.shuffled(repeated), repeated, rsig)
	g.add("repeated, one dropped", ccRefuse, token, u, u, repeated[:len(repeated)-2], repeated, rsig)

	g.portCases(token, pairs)
}

// portCases: Twilio may sign with or without the default port; both sides
// accept either. A non-default port signed without it, and a URL signed in
// the form Node's URL parser gives it, only the library accepts.
func (g *sigGen) portCases(token string, pairs []ccPair) {
	host, path := g.host(), g.path()
	for _, scheme := range []string{"https", "http"} {
		port := map[string]string{"https": "443", "http": "80"}[scheme]
		bare, withPort := scheme+"://"+host+path, scheme+"://"+host+":"+port+path
		g.add(scheme+" default port", ccAccept, token, bare, withPort, pairs, pairs, Signature(AuthToken(token), withPort, toValues(pairs)))
		g.add(scheme+" default port", ccAccept, token, withPort, bare, pairs, pairs, Signature(AuthToken(token), bare, toValues(pairs)))
	}
	other := fmt.Sprintf("https://%s:%d%s", host, 1024+g.rnd.IntN(60000), path)
	bare := "https://" + host + path
	g.add("non-default port", ccStricter, token, other, bare, pairs, pairs, Signature(AuthToken(token), bare, toValues(pairs)))
	g.add("scheme swapped", ccRefuse, token, "http://"+host+path, bare, pairs, pairs, Signature(AuthToken(token), bare, toValues(pairs)))
	upper := "https://" + strings.ToUpper(host) + path
	g.add("host case normalised", ccStricter, token, upper, bare, pairs, pairs, Signature(AuthToken(token), bare, toValues(pairs)))
}

const ccAlphabet = "abcXYZ019 -_.~+&=%?/#'\"é日😀！\n"

func (g *sigGen) text() string {
	r := []rune(ccAlphabet)
	var b strings.Builder
	for range 1 + g.rnd.IntN(12) {
		b.WriteRune(r[g.rnd.IntN(len(r))])
	}
	return b.String()
}

func (g *sigGen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.rnd.IntN(16)]
	}
	return string(b)
}

func (g *sigGen) host() string { return "shop-" + g.hex(4) + ".example.com" }

func (g *sigGen) path() string { return "/sms/twilio/" + g.hex(8) }

// url is a webhook URL, half of them with a query string whose values
// carry characters a URL parser would re-encode.
func (g *sigGen) url() string {
	u := "https://" + g.host() + g.path()
	if g.rnd.IntN(2) == 0 {
		u += "?shop=" + url.QueryEscape(g.text()) + "&k=" + g.hex(6)
	}
	return u
}

// pairs are the parameters of an incoming message, with some names of
// letters past U+FFFF and U+FF01, which byte order and UTF-16 order sort
// differently.
func (g *sigGen) pairs() []ccPair {
	p := []ccPair{
		{"AccountSid", "AC" + g.hex(32)}, {"Body", g.text()}, {"From", "+1555" + g.hex(3)},
		{"MessageSid", "SM" + g.hex(32)}, {"NumMedia", "0"}, {"To", "+1555" + g.hex(3)},
		{"ApiVersion", "2010-04-01"}, {"SmsStatus", "received"},
	}
	if g.rnd.IntN(3) == 0 {
		p = append(p, ccPair{"X😀", g.text()}, ccPair{"X！", g.text()}, ccPair{"body", g.text()})
	}
	return g.shuffled(p)
}

func (g *sigGen) shuffled(p []ccPair) []ccPair {
	out := append([]ccPair(nil), p...)
	g.rnd.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func (g *sigGen) tampered(p []ccPair) []ccPair {
	out := append([]ccPair(nil), p...)
	i := g.rnd.IntN(len(out))
	out[i][1] += "!"
	return out
}

// runTwilioNode runs the script once with every case and returns its
// verdicts by case id.
func runTwilioNode(t *testing.T, root string, cases []ccCase) map[int]ccResult {
	t.Helper()
	in := struct {
		Cases []ccInput `json:"cases"`
	}{}
	for _, c := range cases {
		in.Cases = append(in.Cases, c.in)
	}
	payload, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("app", "twilio", "testdata", "crosscheck.mjs"))
	cmd.Dir = root
	cmd.Stdin = bytes.NewReader(payload)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("crosscheck.mjs failed (run `npm ci` in %s if modules are missing): %v\nstderr:\n%s", root, err, stderr.String())
	}
	var out struct {
		Results []ccResult `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("crosscheck.mjs output is not JSON: %v\nstdout:\n%.2000s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	byID := make(map[int]ccResult, len(out.Results))
	for _, r := range out.Results {
		byID[r.ID] = r
	}
	if len(byID) != len(cases) {
		t.Fatalf("crosscheck.mjs returned %d verdicts for %d cases", len(byID), len(cases))
	}
	return byID
}
