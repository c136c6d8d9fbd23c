package localpg

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/lib/pq"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func ping(t *testing.T, url string) error {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return db.Ping()
}

// The whole life of a cluster: created on first use, shared by two users, kept
// running while one remains, stopped by the last, and reused (same data, same
// port) by the next start.
func TestClusterLifecycle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pg")
	ctx := context.Background()

	first, err := Start(ctx, Options{Dir: dir, Log: quietLog()})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	url := first.URL("postgres")
	if err := ping(t, url); err != nil {
		t.Fatalf("first user cannot connect: %v", err)
	}
	db, _ := sql.Open("postgres", url)
	if _, err := db.Exec(`CREATE DATABASE kept`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	second, err := Start(ctx, Options{Dir: dir, Log: quietLog()})
	if err != nil {
		t.Fatalf("second Start: %v", err)
	}
	if second.URL("postgres") != url {
		t.Fatalf("second user got %s, want the same server %s", second.URL("postgres"), url)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ping(t, url); err != nil {
		t.Fatalf("server stopped while a user remained: %v", err)
	}
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ping(t, url); err == nil {
		t.Fatal("server still running after the last user left")
	}

	again, err := Start(ctx, Options{Dir: dir, Log: quietLog()})
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	defer again.Close()
	if err := ping(t, again.URL("kept")); err != nil {
		t.Fatalf("data not kept across restarts: %v", err)
	}
}

func TestFindBinDir(t *testing.T) {
	empty := t.TempDir()
	t.Setenv("PATH", empty)
	if _, err := findBinDir(filepath.Join(empty, "*", "bin")); err != ErrNoBinaries {
		t.Fatalf("with nothing installed: %v, want ErrNoBinaries", err)
	}
	if !strings.Contains(ErrNoBinaries.Error(), "apt-get install postgresql") {
		t.Fatal("the error does not say what to install")
	}

	root := t.TempDir() // two fake versions: the newest complete one wins
	for _, v := range []string{"14", "16"} {
		dir := filepath.Join(root, v, "bin")
		os.MkdirAll(dir, 0o755)
		for _, tool := range []string{"initdb", "pg_ctl", "postgres"} {
			os.WriteFile(filepath.Join(dir, tool), nil, 0o755)
		}
	}
	os.Remove(filepath.Join(root, "16", "bin", "pg_ctl"))
	got, err := findBinDir(filepath.Join(root, "*", "bin"))
	if err != nil || got != filepath.Join(root, "14", "bin") {
		t.Fatalf("findBinDir = %q, %v; want the complete 14", got, err)
	}
}
