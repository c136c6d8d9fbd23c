package loadtest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestSmokeRun runs every scenario at a few clients for a few seconds
// against hubchat built from this tree, started by the tool on an empty
// database of the tests' cluster: every message reaches every recipient
// exactly once, across two instances too, every unique webhook is
// processed and its duplicates ignored, and the idle streams all open.
// It checks the tool works end to end; budgets need the full run.
func TestSmokeRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts hubchat")
	}
	root, err := pgtest.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	binary := filepath.Join(dir, "hubchat")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var out bytes.Buffer
	res, err := Run(ctx, Options{
		Binary: binary, DataDir: dir, DatabaseURL: pgtest.NewEmptyURL(t),
		Shoppers: 6, Agents: 2, Chat: 4 * time.Second, BigData: false, IdleShoppers: 4, WriteShoppers: 6,
		WebhookRate: 50, Webhooks: time.Second, Widget: filepath.Join(root, "extensions/customer-hub/assets/hub.js"),
		Out: &out,
	})
	defer func() {
		if t.Failed() {
			t.Logf("the tool's output:\n%s", out.String())
			if b, err := os.ReadFile(filepath.Join(dir, "hubchat-1.log")); err == nil {
				t.Logf("hubchat's output:\n%s", b)
			}
		}
	}()
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]ChatResult{"one instance": res.Chat1, "two instances": res.Chat2} {
		if c.Sent == 0 || c.Replies != c.Sent || c.Errors != 0 {
			t.Errorf("%s: %s, first error %q: every message should be answered", name, c, c.FirstError)
		}
		// Every message reaches both agents' streams, every reply its shopper's.
		if want := int(c.Sent+c.Replies) * 2; c.ToAgents.Delivered != want {
			t.Errorf("%s: %d deliveries to agents, want %d", name, c.ToAgents.Delivered, want)
		}
		if c.ToShoppers.Delivered != int(c.Replies) || c.All.Lost != 0 || c.All.Duplicated != 0 {
			t.Errorf("%s: to shoppers %+v, all %+v: want every reply once, none lost or duplicated", name, c.ToShoppers, c.All)
		}
	}
	w := res.Webhooks
	if !w.Complete || w.Acked != w.Sent || w.Stored != w.Unique || w.Orders != w.Unique || w.Unique == w.Sent {
		t.Errorf("webhooks %+v: want every delivery acknowledged, each unique event stored and processed once", w)
	}
	if res.Idle.Streams != 20 || res.Idle.Failed != 0 || res.Idle.RSSAfter == 0 {
		t.Errorf("idle streams %+v: want 20 open and the server's memory read", res.Idle)
	}
	if !res.RanAI || res.AI.Asked != 100 || res.AI.Unanswered != 0 || res.AI.Errors != 0 {
		t.Errorf("AI agent %s (first error %q): every question should be answered once", res.AI, res.AI.FirstError)
	}
	if res.NotifyFloor.Count == 0 || res.StreamFloor.Count == 0 || res.Admin.Count == 0 || res.Writes.Accepted != 60 {
		t.Errorf("floor %s / %s, admin %s, writes %+v: each should be measured", res.NotifyFloor, res.StreamFloor, res.Admin, res.Writes)
	}
	if !bytes.Contains(out.Bytes(), []byte("machine: ")) {
		t.Errorf("no table printed:\n%s", out.String())
	}
}
