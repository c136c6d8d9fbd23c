package localpg

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// confFile is our own settings, included from postgresql.conf so the rest of the
// generated configuration stays as initdb wrote it.
const confFile = "hubchat.conf"

// ensureInitialised creates the cluster when its data directory is empty, and
// refuses one made by another major version of PostgreSQL.
func (c *Cluster) ensureInitialised(ctx context.Context, durable bool) error {
	version, err := os.ReadFile(filepath.Join(c.dataDir(), "PG_VERSION"))
	if err == nil {
		have, want := strings.TrimSpace(string(version)), strconv.Itoa(majorOf(c.bin))
		if majorOf(c.bin) != 0 && have != want {
			return fmt.Errorf("the cluster in %s was made by PostgreSQL %s but the binaries are %s: "+
				"delete that directory to start afresh", c.dataDir(), have, want)
		}
		return nil
	}
	if err := os.RemoveAll(c.dataDir()); err != nil { // a half-made cluster from a crash
		return fmt.Errorf("clear %s: %w", c.dataDir(), err)
	}
	if err := os.Mkdir(c.dataDir(), 0o700); err != nil {
		return fmt.Errorf("create %s: %w", c.dataDir(), err)
	}
	if err := c.runAs.chownTree(c.dataDir()); err != nil {
		return fmt.Errorf("give %s to the postgres user: %w", c.dataDir(), err)
	}
	base := []string{"-D", c.dataDir(), "-A", "trust", "-U", "postgres", "-E", "UTF8"}
	out, err := c.runServerTool(ctx, "initdb", append(base, "--locale=C.UTF-8")...)
	if err != nil { // a system without the C.UTF-8 locale
		out, err = c.runServerTool(ctx, "initdb", append(base, "--no-locale")...)
	}
	if err != nil {
		return fmt.Errorf("initdb in %s: %w: %s", c.dataDir(), err, lastLines(out, 10))
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	if err := c.writeConf(port, durable); err != nil {
		return err
	}
	main := filepath.Join(c.dataDir(), "postgresql.conf")
	f, err := os.OpenFile(main, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("open %s: %w", main, err)
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "\ninclude '%s'\n", confFile)
	return err
}

// writeConf writes our settings: loopback only, no Unix socket (its path could
// be too long or unwritable), enough connections for parallel tests.
func (c *Cluster) writeConf(port int, durable bool) error {
	conf := fmt.Sprintf(`# Written by hubchat for its private cluster.
listen_addresses = '127.0.0.1'
port = %d
unix_socket_directories = ''
max_connections = 300
shared_buffers = 128MB
`, port)
	if !durable {
		conf += "# not durable: test data is thrown away\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
	}
	path := filepath.Join(c.dataDir(), confFile)
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return c.runAs.chownTree(path)
}

var portLine = regexp.MustCompile(`(?m)^port = (\d+)$`)

func readPort(dataDir string) (int, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, confFile))
	if err != nil {
		return 0, fmt.Errorf("read the cluster's settings: %w", err)
	}
	m := portLine.FindSubmatch(b)
	if m == nil {
		return 0, fmt.Errorf("%s names no port", filepath.Join(dataDir, confFile))
	}
	return strconv.Atoi(string(m[1]))
}

func confDurable(dataDir string) bool {
	b, _ := os.ReadFile(filepath.Join(dataDir, confFile))
	return !strings.Contains(string(b), "fsync = off")
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
