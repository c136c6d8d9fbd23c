// Package pgtest gives storage and handler tests a real PostgreSQL: every test
// gets a fresh database of its own, cloned from a template that holds hubchat's
// migrated schema, and dropped when the test ends, so tests never see each
// other's rows and may run in parallel.
//
// The server is DATABASE_URL's when that is set (its user needs CREATEDB),
// otherwise a private cluster (clusterDir), shared by the test processes of
// one `go test ./...` run.
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage"
	"hubchat/storage/localpg"
)

// server is set up by Main for the whole test binary.
var server struct {
	base    *url.URL // connection URL of the server; its path names the database
	cluster *localpg.Cluster
	once    sync.Once
	tmpl    string
	tmplErr error
}

// Main runs m with a PostgreSQL server available. Call it from TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
func Main(m *testing.M) {
	os.Exit(Run(m))
}

// Run is Main without the exit: it runs m with a PostgreSQL server available
// and returns m's exit code, for a TestMain that has more to close after.
func Run(m *testing.M) int {
	if err := startServer(); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	code := m.Run()
	if server.cluster != nil {
		if err := server.cluster.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
		}
	}
	return code
}

func startServer() error {
	if raw := os.Getenv("DATABASE_URL"); raw != "" {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme == "" {
			return fmt.Errorf("DATABASE_URL must be a postgres:// URL for tests, got an unparsable value")
		}
		server.base = u
		return nil
	}
	root, err := ModuleRoot()
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	c, err := localpg.Start(context.Background(), localpg.Options{Dir: clusterDir(root), Log: log})
	if err != nil {
		return err
	}
	server.cluster = c
	server.base, err = url.Parse(c.URL("postgres"))
	return err
}

// memoryDir is a file system in memory that Linux systems have.
const memoryDir = "/dev/shm"

// memoryNeeded is the room memoryDir must have free for the cluster to live
// there: the template and the clones of the tests running at once take a
// few hundred MB. A container's /dev/shm is often 64 MB; there the cluster
// stays on disk rather than fail mid-run for want of space.
const memoryNeeded = 2 << 30

// inMemory says the private cluster lives in memoryDir (set by clusterDir).
var inMemory bool

// clusterDir is where the private test cluster lives: in memory when the
// system has memoryDir with room enough, else <module root>/.data/postgres-test.
// Its data is thrown away after the tests anyway, and every test clones the
// template database (some 500 files) and drops its clone: on a disk shared
// with busy neighbours that took one to three seconds a test, in memory a
// tenth of a second. The directory is named after the module root, so that
// two checkouts never share a cluster.
func clusterDir(root string) string {
	onDisk := filepath.Join(root, ".data", "postgres-test")
	var fs syscall.Statfs_t
	if err := syscall.Statfs(memoryDir, &fs); err != nil || fs.Bavail*uint64(fs.Bsize) < memoryNeeded {
		return onDisk
	}
	sum := sha256.Sum256([]byte(root))
	dir := filepath.Join(memoryDir, "hubchat-postgres-test-"+hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return onDisk
	}
	inMemory = true
	return dir
}

// URLFor returns the connection URL of database on the test server.
func URLFor(tb testing.TB, database string) string {
	tb.Helper()
	if server.base == nil {
		tb.Fatal("pgtest: no server; call pgtest.Main from the package's TestMain")
	}
	u := *server.base
	u.Path = "/" + database
	return u.String()
}

// NewURL creates a fresh database with hubchat's schema and returns its URL; it
// is dropped when the test ends. Use it for tests that start the whole app.
func NewURL(tb testing.TB) string {
	tb.Helper()
	server.once.Do(func() { server.tmpl, server.tmplErr = ensureTemplate(tb) })
	if server.tmplErr != nil {
		tb.Fatalf("pgtest: template database: %v", server.tmplErr)
	}
	return createDB(tb, server.tmpl)
}

// NewEmptyURL creates a fresh database with no schema at all (for migration
// tests) and returns its URL; it is dropped when the test ends.
func NewEmptyURL(tb testing.TB) string {
	tb.Helper()
	return createDB(tb, "template0")
}

// NewDB opens a fresh database with hubchat's schema, closed and dropped when the
// test ends.
func NewDB(tb testing.TB) *sqlx.DB {
	tb.Helper()
	return Open(tb, NewURL(tb))
}

// TestPool is the pool tests get from Open: the server's timeouts are set,
// so a test that would hang on a stuck connection fails instead.
var TestPool = storage.Pool{MaxConns: 10, StatementTimeout: 30 * time.Second, IdleInTransactionTimeout: 30 * time.Second}

// Open connects to url with TestPool and closes the pool when the test ends.
func Open(tb testing.TB, url string) *sqlx.DB {
	tb.Helper()
	return OpenPool(tb, url, TestPool)
}

// OpenPool connects to url with pool p and closes it when the test ends.
func OpenPool(tb testing.TB, url string, p storage.Pool) *sqlx.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), url, p)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func createDB(tb testing.TB, template string) string {
	tb.Helper()
	name := "hubchat_test_" + randomHex(8)
	admin := Open(tb, URLFor(tb, "postgres"))
	if _, err := admin.Exec(fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s%s`, name, template, copyStrategy(tb, admin))); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
	tb.Cleanup(func() {
		// Registered after Open's cleanup, so it runs first: the test's own pools
		// were registered later still and are closed by now; FORCE ends stragglers.
		if _, err := admin.Exec(fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name)); err != nil {
			tb.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	return URLFor(tb, name)
}

// copyStrategy is the clause that has CREATE DATABASE copy the template's
// files, for the private cluster in memory. The default of PostgreSQL 15
// and later, WAL_LOG, also writes the whole template, some 10 MB, into the
// write-ahead log for every test: slower, and memory taken. On disk (and on
// a server of DATABASE_URL) the default stays: a file copy forces a
// checkpoint, which a disk pays dearly.
func copyStrategy(tb testing.TB, admin *sqlx.DB) string {
	tb.Helper()
	if !inMemory {
		return ""
	}
	strategy.once.Do(func() {
		var version int
		strategy.err = admin.Get(&version, `SELECT current_setting('server_version_num')::int`)
		if version >= 150000 { // older servers always copy files
			strategy.clause = " STRATEGY FILE_COPY"
		}
	})
	if strategy.err != nil {
		tb.Fatalf("pgtest: server version: %v", strategy.err)
	}
	return strategy.clause
}

// strategy is the clause copyStrategy found for the server.
var strategy struct {
	once   sync.Once
	clause string
	err    error
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// ModuleRoot is the directory of go.mod, found from the test's working
// directory: where tests find the project's own files (extensions,
// node_modules, the local clusters).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}
