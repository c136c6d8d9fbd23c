package loadtest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/lib/pq"

	"hubchat/app/config"
	"hubchat/storage/localpg"
)

// Options configure a run.
type Options struct {
	// Target, when its Bases are set, is an operator's deployment; else the
	// tool starts hubchat (Binary) on a private cluster under DataDir.
	Target  Target
	Binary  string
	DataDir string
	// DatabaseURL, in place of the private cluster, is an empty database
	// the started instances migrate and use (the tests' own cluster).
	DatabaseURL string

	Shoppers, Agents int
	Chat             time.Duration // how long the chat scenarios send
	IdleShoppers     int           // × 5 streams each
	WriteShoppers    int           // × 10 messages each
	WebhookRate      int
	Webhooks         time.Duration
	// GoBench is a file of `go test -bench` output for the budgets the Go
	// benchmarks measure; Widget the embed's script.
	GoBench, Widget string
	// ProfileDir, when set, receives the first instance's CPU profile
	// during each scenario and its heap with the idle streams open.
	ProfileDir string
	Out        io.Writer
}

// DemoShop is the local Shopify's demo shop, into which `hubchat dev`
// installs the app.
const DemoShop = "hubchat-demo.myshopify.com"

// loadDatabase is the database of the tool's private cluster, made afresh
// for each run.
const loadDatabase = "hubchat_load"

// Run runs every scenario and prints the budget table; the figures and
// the table's rows are returned too. Everything it started is stopped when it returns.
func Run(ctx context.Context, o Options) (*Results, error) {
	logf := func(format string, args ...any) {
		fmt.Fprintf(o.Out, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
	}
	need := uint64(o.IdleShoppers*5+2*(o.Shoppers+o.Agents)) + 1024
	if got, err := RaiseFileLimit(need); err != nil || got < need {
		logf("open-file limit is %d, below the %d this run needs (raise the hard limit: ulimit -Hn); streams will fail", got, need)
	}
	t := o.Target
	var first *Instance
	if len(t.Bases) == 0 {
		url := o.DatabaseURL
		if url == "" {
			cluster, clusterURL, err := startCluster(ctx, o.DataDir)
			if err != nil {
				return nil, err
			}
			defer cluster.Close()
			url = clusterURL
		}
		t = Target{APIKey: config.DevAPIKey, APISecret: config.DevAPISecret, Shop: DemoShop, DatabaseURL: url}
		logf("starting hubchat on %s", url)
		var err error
		if first, err = StartInstance(ctx, InstanceConfig{Binary: o.Binary, DatabaseURL: url, DataDir: filepath.Join(o.DataDir, "app"),
			Log: instanceLog(o.DataDir, 1)}); err != nil {
			return nil, err
		}
		defer first.Stop()
		t.Bases, t.Instances = []string{first.Base}, []*Instance{first}
	}
	var db *sql.DB
	if t.DatabaseURL != "" {
		var err error
		if db, err = sql.Open("postgres", t.DatabaseURL); err != nil {
			return nil, err
		}
		defer db.Close()
	}
	m := &Results{}
	err := runScenarios(ctx, o, t, first, db, m, logf)
	m.Rows = m.rows(o)
	PrintTable(o.Out, Machine(ctx, db), m.Rows)
	printWaits(o.Out, m.Waits, m.waitOrder)
	return m, err
}

// startCluster starts the private cluster and makes the run's database afresh.
func startCluster(ctx context.Context, dataDir string) (*localpg.Cluster, string, error) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cluster, err := localpg.Start(ctx, localpg.Options{Dir: filepath.Join(dataDir, "postgres"), Durable: true, Log: log})
	if err != nil {
		return nil, "", err
	}
	admin, err := sql.Open("postgres", cluster.URL("postgres"))
	if err == nil {
		defer admin.Close()
		_, err = admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pq.QuoteIdentifier(loadDatabase)+` WITH (FORCE)`)
		if err == nil {
			_, err = admin.ExecContext(ctx, `CREATE DATABASE `+pq.QuoteIdentifier(loadDatabase))
		}
	}
	if err != nil {
		cluster.Close()
		return nil, "", fmt.Errorf("make the load database: %w", err)
	}
	return cluster, cluster.URL(loadDatabase), nil
}

// runScenarios runs each scenario in turn, filling m.
func runScenarios(ctx context.Context, o Options, t Target, first *Instance, db *sql.DB, m *Results, logf func(string, ...any)) error {
	client := newHTTPClient()
	prof := profiler{dir: o.ProfileDir, out: o.Out}
	var err error
	if t.DatabaseURL != "" {
		if m.NotifyFloor, err = NotifyFloor(ctx, t.DatabaseURL, 300); err != nil {
			return fmt.Errorf("floor: %w", err)
		}
		logf("floor, INSERT; NOTIFY → LISTEN: %s", m.NotifyFloor)
	}
	owner := NewAgents(t, client, 1)[0]
	if err := owner.SetAIAgent(ctx, false); err != nil {
		return fmt.Errorf("turn the AI agent off (agents answer): %w", err)
	}
	shoppers, err := NewShoppers(ctx, Target{Bases: t.Bases[:1], APIKey: t.APIKey, APISecret: t.APISecret, Shop: t.Shop}, client, 5_000_001, o.Shoppers)
	if err != nil {
		return err
	}
	if m.StreamFloor, err = StreamFloor(ctx, shoppers, min(100, len(shoppers))); err != nil {
		return fmt.Errorf("stream floor: %w", err)
	}
	logf("floor, empty stream round trip: %s", m.StreamFloor)
	agents := NewAgents(Target{Bases: t.Bases[:1], APIKey: t.APIKey, APISecret: t.APISecret, Shop: t.Shop}, client, o.Agents)
	logf("chat: %d shoppers, %d agents, one instance, %s", len(shoppers), len(agents), o.Chat)
	profiled := prof.cpu(first, "chat-one-instance", int(o.Chat.Seconds()))
	waits := sampleWaits(ctx, db)
	m.Chat1, err = RunChat(ctx, shoppers, agents, ChatConfig{Shoppers: len(shoppers), Agents: len(agents), SendEvery: 10 * time.Second, Duration: o.Chat}, t.Instances)
	profiled()
	m.record("chat, one instance", waits())
	m.Ran1 = err == nil
	logf("chat, one instance: %s; to agents %+v; to shoppers %+v", m.Chat1, m.Chat1.ToAgents, m.Chat1.ToShoppers)
	profiled = prof.cpu(first, "admin-pages", 5)
	waits = sampleWaits(ctx, db)
	if m.Admin, err = RunAdminPages(ctx, owner, 200); err != nil {
		return fmt.Errorf("admin pages: %w", err)
	}
	m.record("admin inbox page", waits())
	profiled()
	logf("admin inbox page: %s", m.Admin)
	profiled = prof.cpu(first, "durable-writes", 5)
	waits = sampleWaits(ctx, db)
	m.Writes = RunWrites(ctx, shoppers[:min(o.WriteShoppers, len(shoppers))], 10, 64)
	m.record("durable writes", waits())
	profiled()
	logf("durable writes: %d accepted in %s (%.0f/s), errors %d %s", m.Writes.Accepted, m.Writes.Elapsed, m.Writes.PerSecond(), m.Writes.Errors, m.Writes.FirstError)
	profiled = prof.cpu(first, "webhooks", int(o.Webhooks.Seconds())+5)
	waits = sampleWaits(ctx, db)
	m.Webhooks = RunWebhooks(ctx, t, client, db, WebhookConfig{Rate: o.WebhookRate, Duration: o.Webhooks, DuplicateEvery: 20,
		RunID: "load-" + strconv.FormatInt(time.Now().UnixNano(), 36)})
	m.record("webhooks, intake and processing", waits())
	profiled()
	logf("webhooks: %+v", m.Webhooks)
	if first == nil {
		logf("two instances and idle-stream memory need the tool to start hubchat: skipped against a URL")
		return nil
	}
	if err := runTwoInstances(ctx, o, t, first, db, m, prof, logf); err != nil {
		return err
	}
	idle, err := NewShoppers(ctx, t, client, 6_000_001, o.IdleShoppers)
	if err != nil {
		return err
	}
	m.Idle = RunIdleStreams(ctx, idle, 5, first, func() { prof.heap(first, "idle-streams") })
	m.RanIdle = true
	logf("idle streams: %+v", m.Idle)
	return nil
}

// runTwoInstances starts a second instance on the same database and runs
// the chat scenario across both: each reply crosses instances.
func runTwoInstances(ctx context.Context, o Options, t Target, first *Instance, db *sql.DB, m *Results, prof profiler, logf func(string, ...any)) error {
	second, err := StartInstance(ctx, InstanceConfig{Binary: o.Binary, DatabaseURL: t.DatabaseURL,
		DataDir: filepath.Join(o.DataDir, "app"), ShopifyAdmin: first.AdminOrigin, Log: instanceLog(o.DataDir, 2)})
	if err != nil {
		return err
	}
	defer second.Stop()
	two := t
	two.Bases, two.Instances = []string{first.Base, second.Base}, []*Instance{first, second}
	c := newHTTPClient()
	shoppers, err := NewShoppers(ctx, two, c, 7_000_001, o.Shoppers)
	if err != nil {
		return err
	}
	agents := NewAgents(two, c, o.Agents)
	logf("chat: %d shoppers, %d agents, two instances, %s", len(shoppers), len(agents), o.Chat)
	profiled := prof.cpu(second, "chat-two-instances", int(o.Chat.Seconds()))
	waits := sampleWaits(ctx, db)
	m.Chat2, err = RunChat(ctx, shoppers, agents, ChatConfig{Shoppers: len(shoppers), Agents: len(agents), SendEvery: 10 * time.Second, Duration: o.Chat}, two.Instances)
	m.record("chat, two instances", waits())
	profiled()
	m.Ran2 = err == nil
	logf("chat, two instances: %s; to agents %+v; to shoppers %+v", m.Chat2, m.Chat2.ToAgents, m.Chat2.ToShoppers)
	return err
}

// instanceLog is the file instance n's output goes to (DataDir/hubchat-n.log),
// or nothing when it cannot be made.
func instanceLog(dataDir string, n int) io.Writer {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil
	}
	f, err := os.Create(filepath.Join(dataDir, "hubchat-"+strconv.Itoa(n)+".log"))
	if err != nil {
		return nil
	}
	return f
}
