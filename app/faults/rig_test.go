package faults

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/lib/pq"

	"hubchat/app/config"
	"hubchat/app/loadtest"
	"hubchat/storage/localpg"
	"hubchat/storage/pgtest"
)

// binary is hubchat built from this tree, once per run of the package.
var binary struct {
	once sync.Once
	path string
	err  error
}

func buildHubchat(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		root, err := pgtest.ModuleRoot()
		if err != nil {
			binary.err = err
			return
		}
		dir, err := os.MkdirTemp("", "hubchat-faults-")
		if err != nil {
			binary.err = err
			return
		}
		binary.path = filepath.Join(dir, "hubchat")
		build := exec.Command("go", "build", "-o", binary.path, ".")
		build.Dir = root
		if out, err := build.CombinedOutput(); err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

// long skips a scenario unless FAULTS=all (make faults).
func long(t *testing.T) {
	t.Helper()
	if os.Getenv("FAULTS") != "all" {
		t.Skip("a long fault scenario: run with FAULTS=all (make faults)")
	}
}

// rig is hubchat running on a private PostgreSQL of its own, which the
// scenario may restart, slow or crash.
type rig struct {
	t         *testing.T
	dir       string
	cluster   *localpg.Cluster
	dbURL     string
	db        *sql.DB
	instances []*loadtest.Instance
	client    *http.Client
	// env is added to every instance's environment: the outside services
	// a scenario runs for it (SMTP_URL, TWILIO_URL, ZENDESK_URL).
	env []string
}

// newRig starts the cluster and n instances of hubchat on it (the first
// installs the app into its local Shopify's demo shop).
func newRig(t *testing.T, n int) *rig { return newRigWith(t, n, nil) }

// newRigWith is newRig with env added to the instances' environment.
func newRigWith(t *testing.T, n int, env []string) *rig {
	t.Helper()
	if testing.Short() {
		t.Skip("starts PostgreSQL and hubchat")
	}
	bin := buildHubchat(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	r := &rig{t: t, dir: t.TempDir(), client: newClient(), env: env}
	var err error
	// Durable, as in production: a test cluster's synchronous_commit = off
	// acknowledges commits a crash then loses, which is the cluster's
	// doing, not the app's.
	r.cluster, err = localpg.Start(ctx, localpg.Options{Dir: filepath.Join(r.dir, "pg"), Durable: true,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.cluster.Close() })
	r.dbURL = r.cluster.URL("postgres")
	if r.db, err = sql.Open("postgres", r.dbURL); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.db.Close() })
	for i := range n {
		r.instances = append(r.instances, r.start(ctx, bin, i, 0))
	}
	return r
}

// start runs instance i (on port, or any free one).
func (r *rig) start(ctx context.Context, bin string, i, port int) *loadtest.Instance {
	r.t.Helper()
	cfg := loadtest.InstanceConfig{Binary: bin, DatabaseURL: r.dbURL, DataDir: filepath.Join(r.dir, "app"), Port: port, Env: r.env}
	if i > 0 {
		cfg.ShopifyAdmin = r.instances[0].AdminOrigin
	}
	if f, err := os.OpenFile(filepath.Join(r.dir, fmt.Sprintf("hubchat-%d.log", i+1)), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644); err == nil {
		cfg.Log = f
		r.t.Cleanup(func() { f.Close() })
	}
	in, err := loadtest.StartInstance(ctx, cfg)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(in.Stop)
	return in
}

// target is the rig's instances, as the load tool sees them.
func (r *rig) target(instances ...*loadtest.Instance) loadtest.Target {
	t := loadtest.Target{APIKey: config.DevAPIKey, APISecret: config.DevAPISecret, Shop: loadtest.DemoShop, DatabaseURL: r.dbURL}
	for _, in := range instances {
		t.Bases, t.Instances = append(t.Bases, in.Base), append(t.Instances, in)
	}
	return t
}

// people signs in shoppers (customers from first) on the instances of
// shopTo, and agents on those of agentTo, with the AI agent off so that
// the agents answer.
func (r *rig) people(shopTo, agentTo loadtest.Target, first int64, shoppers, agents int) ([]*loadtest.Shopper, []*loadtest.Agent) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := loadtest.NewAgents(agentTo, r.client, 1)[0].SetAIAgent(ctx, false); err != nil {
		r.t.Fatal(err)
	}
	s, err := loadtest.NewShoppers(ctx, shopTo, r.client, first, shoppers)
	if err != nil {
		r.t.Fatal(err)
	}
	return s, loadtest.NewAgents(agentTo, r.client, agents)
}

// newClient is a client for many concurrent streams to loopback.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 1024,
		DisableCompression:  true,
	}}
}

// awaitReady polls the instance's /readyz until 200 and returns how long
// that took from since.
func (r *rig) awaitReady(in *loadtest.Instance, since time.Time, within time.Duration) time.Duration {
	r.t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := r.client.Get(in.Base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(since)
			}
		}
	}
	r.t.Fatalf("%s not ready %s after the fault", in.Base, within)
	return 0
}

// scenario is one fault injected during a chat load.
type scenario struct {
	name             string
	shoppers, agents int
	chat             time.Duration // how long shoppers send
	sendEvery        time.Duration
	// inject runs once the chat is under way (after faultAfter) and
	// returns the app's recovery time, measured from the fault's end.
	faultAfter time.Duration
	inject     func() time.Duration
}

// figures are what a scenario measured.
type figures struct {
	loadtest.ChatResult
	Recovery time.Duration
}

// run chats through the fault and checks the promise: every acknowledged
// message delivered to every stream it belongs to exactly once.
func (r *rig) run(sc scenario, shoppers []*loadtest.Shopper, agents []*loadtest.Agent, instances []*loadtest.Instance) figures {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), sc.chat+2*time.Minute)
	defer cancel()
	recovered := make(chan time.Duration, 1)
	go func() {
		if sleep(ctx, sc.faultAfter) {
			recovered <- sc.inject()
		}
	}()
	res, err := loadtest.RunChat(ctx, shoppers, agents, loadtest.ChatConfig{Shoppers: len(shoppers), Agents: len(agents),
		SendEvery: sc.sendEvery, Duration: sc.chat}, instances)
	if err != nil {
		r.t.Fatal(err)
	}
	f := figures{ChatResult: res}
	select {
	case f.Recovery = <-recovered:
	case <-ctx.Done():
		r.t.Fatal("the fault never ended")
	}
	r.t.Logf("FIGURES | %s | acknowledged %d | delivered %d | lost %d | duplicated %d | resent after 503/no answer %d | failed %d | reconnects %d | recovery %s",
		sc.name, res.Sent+res.Replies, res.All.Delivered, res.All.Lost, res.All.Duplicated, res.Resent, res.Errors, res.Reconnects, f.Recovery.Round(time.Millisecond))
	if res.Errors > 0 {
		r.t.Logf("first failure: %s", res.FirstError)
	}
	if res.Sent == 0 || res.All.Delivered == 0 {
		r.t.Errorf("%s: nothing was acknowledged or delivered: %+v", sc.name, res)
	}
	if res.All.Lost != 0 || res.All.Duplicated != 0 {
		r.t.Errorf("%s: %d acknowledged deliveries lost, %d duplicated; to agents %+v, to shoppers %+v",
			sc.name, res.All.Lost, res.All.Duplicated, res.ToAgents, res.ToShoppers)
	}
	return f
}

// after chats briefly with new shoppers (customers from first) once the
// fault is over: the app serves as before, every message acknowledged and
// delivered, without having been restarted.
func (r *rig) after(name string, shopTo, agentTo loadtest.Target, first int64) {
	r.t.Helper()
	shoppers, agents := r.people(shopTo, agentTo, first, 6, 2)
	instances := append(append([]*loadtest.Instance{}, shopTo.Instances...), agentTo.Instances...)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := loadtest.RunChat(ctx, shoppers, agents, loadtest.ChatConfig{Shoppers: len(shoppers), Agents: len(agents),
		SendEvery: time.Second, Duration: 3 * time.Second}, instances)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Logf("FIGURES | %s, after | acknowledged %d | delivered %d | lost %d | duplicated %d | refused %d", name,
		res.Sent+res.Replies, res.All.Delivered, res.All.Lost, res.All.Duplicated, res.Errors)
	if res.Sent == 0 || res.Errors != 0 || res.Replies != res.Sent || res.All.Lost != 0 || res.All.Duplicated != 0 {
		r.t.Errorf("%s: after the fault the app does not serve as before: %+v (first error %q)", name, res, res.FirstError)
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// exec runs a statement on the rig's database as its owner.
func (r *rig) exec(query string, args ...any) {
	r.t.Helper()
	if _, err := r.db.Exec(query, args...); err != nil {
		r.t.Fatalf("%s: %v", strings.Fields(query)[0], err)
	}
}

// portOf is the port of an http://127.0.0.1:port base.
func portOf(t *testing.T, base string) int {
	t.Helper()
	_, port, err := net.SplitHostPort(strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	var p int
	fmt.Sscan(port, &p)
	return p
}
