package localpg

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// Options say where the cluster lives and how it behaves.
type Options struct {
	// Dir holds the cluster: data/ (PGDATA), postgres.log and the lock files.
	Dir string
	// Durable keeps fsync on. Tests turn it off: their data is thrown away and
	// creating a database per test is much faster without it.
	Durable bool
	Log     *slog.Logger
}

// Cluster is a running private PostgreSQL server that this process uses.
type Cluster struct {
	dir    string
	bin    string
	port   int
	runAs  serverUser
	users  *os.File // our shared lock: held while this process uses the server
	log    *slog.Logger
	closed bool
}

// Start makes sure the cluster in opts.Dir exists and runs, and registers this
// process as one of its users. Call Close when done: the last user stops it.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	bin, err := findBinDir(debianBinDirs)
	if err != nil {
		return nil, err
	}
	runAs, err := currentServerUser()
	if err != nil {
		return nil, err
	}
	dir, err := reachableDir(opts.Dir, runAs, opts.Log)
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, bin: bin, runAs: runAs, log: opts.Log}

	setup, err := lockFile(c.path("setup.lock"), syscall.LOCK_EX)
	if err != nil {
		return nil, err
	}
	defer setup.Close()
	if err := c.ensureInitialised(ctx, opts.Durable); err != nil {
		return nil, err
	}
	if c.users, err = lockFile(c.path("users.lock"), syscall.LOCK_SH); err != nil {
		return nil, err
	}
	if err := c.ensureRunning(ctx); err != nil {
		c.users.Close()
		return nil, err
	}
	return c, nil
}

// URL is the connection string for database on this cluster.
func (c *Cluster) URL(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, database)
}

// Dir is where the cluster lives (it may differ from Options.Dir when the server
// user could not reach that one).
func (c *Cluster) Dir() string { return c.dir }

// Close unregisters this process; the last process to leave stops the server.
func (c *Cluster) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	setup, err := lockFile(c.path("setup.lock"), syscall.LOCK_EX)
	if err != nil {
		return err
	}
	defer setup.Close()
	c.users.Close() // drops our shared lock
	last, err := lockFile(c.path("users.lock"), syscall.LOCK_EX|syscall.LOCK_NB)
	if err != nil {
		return nil // someone else still uses the server
	}
	defer last.Close()
	out, err := c.pgctl(context.Background(), "stop", "-m", "fast", "-w", "-t", "60")
	if err != nil {
		return fmt.Errorf("stop PostgreSQL: %w: %s", err, out)
	}
	return nil
}

// Restart stops the server and starts it again on the same port, for the
// fault tests: mode "fast" is a clean restart (sessions ended, a checkpoint
// written), "immediate" a crash (the server recovers from its WAL).
func (c *Cluster) Restart(ctx context.Context, mode string) error {
	if out, err := c.pgctl(ctx, "restart", "-m", mode, "-w", "-t", "60", "-l", c.path("postgres.log")); err != nil {
		return fmt.Errorf("restart PostgreSQL (%s): %w: %s", mode, err, out)
	}
	return nil
}

func (c *Cluster) path(name string) string { return filepath.Join(c.dir, name) }

func (c *Cluster) dataDir() string { return c.path("data") }

// reachableDir creates dir; when the server user cannot reach it (a project under
// /root, say) it falls back to a directory of its own under the system's temp dir.
func reachableDir(dir string, runAs serverUser, log *slog.Logger) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("data directory %q: %w", dir, err)
	}
	if err := makeOpenDir(abs); err != nil {
		return "", err
	}
	if runAs.canReach(abs) {
		return abs, nil
	}
	sum := sha256.Sum256([]byte(abs))
	fallback := filepath.Join(os.TempDir(), "hubchat-pg-"+hex.EncodeToString(sum[:6]))
	log.Warn("the postgres user cannot reach the data directory; using another one",
		"wanted", abs, "using", fallback)
	return fallback, makeOpenDir(fallback)
}

func makeOpenDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	return os.Chmod(dir, 0o755) // the server user must be able to enter it
}

func (c *Cluster) ensureRunning(ctx context.Context) error {
	port, err := readPort(c.dataDir())
	if err != nil {
		return err
	}
	c.port = port
	if _, err := c.pgctl(ctx, "status"); err == nil {
		c.log.Debug("adopting running PostgreSQL", "dir", c.dir, "port", port)
		return nil
	}
	if !portFree(port) {
		if c.port, err = freePort(); err != nil {
			return err
		}
		if err := c.writeConf(c.port, confDurable(c.dataDir())); err != nil {
			return err
		}
	}
	logFile := c.path("postgres.log")
	if err := touchFor(logFile, c.runAs); err != nil {
		return err
	}
	if out, err := c.pgctl(ctx, "start", "-w", "-t", "60", "-l", logFile); err != nil {
		return fmt.Errorf("start PostgreSQL in %s: %w: %s\nlast lines of %s:\n%s",
			c.dir, err, out, logFile, tail(logFile, 10))
	}
	c.log.Info("PostgreSQL started", "dir", c.dir, "port", c.port)
	return nil
}

// pgctl runs pg_ctl on our data directory as the server user.
func (c *Cluster) pgctl(ctx context.Context, args ...string) (string, error) {
	return c.runServerTool(ctx, "pg_ctl", append([]string{"-D", c.dataDir()}, args...)...)
}

func (c *Cluster) runServerTool(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, name), args...)
	cmd.Dir = c.dir
	// Its own process group, so a Ctrl-C meant for `make dev` reaches us (and we
	// stop the server cleanly) instead of killing the server under us.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: c.runAs.cred}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return strings.TrimSpace(out.String()), err
}

func lockFile(path string, how int) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}

func portFree(port int) bool {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func touchFor(path string, runAs serverUser) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	f.Close()
	return runAs.chownTree(path)
}

func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(unreadable: " + err.Error() + ")"
	}
	return lastLines(strings.TrimRight(string(b), "\n"), n)
}
