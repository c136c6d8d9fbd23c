package localpg

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ErrNoBinaries says the PostgreSQL server programs are not installed.
var ErrNoBinaries = errors.New("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH " +
	"or under /usr/lib/postgresql/*/bin: install them (Debian: apt-get install postgresql) " +
	"or set DATABASE_URL to an existing server")

// debianBinDirs is where Debian installs each major version's server programs.
const debianBinDirs = "/usr/lib/postgresql/*/bin"

// findBinDir returns the directory holding initdb, pg_ctl and postgres: the one
// on PATH first, else the newest install matching the glob installed.
func findBinDir(installed string) (string, error) {
	var candidates []string
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		candidates = append(candidates, filepath.Dir(p))
	}
	debian, _ := filepath.Glob(installed)
	sort.Slice(debian, func(i, j int) bool { return majorOf(debian[i]) > majorOf(debian[j]) })
	candidates = append(candidates, debian...)
	for _, dir := range candidates {
		if hasAll(dir, "initdb", "pg_ctl", "postgres") {
			return dir, nil
		}
	}
	return "", ErrNoBinaries
}

func hasAll(dir string, names ...string) bool {
	for _, n := range names {
		if st, err := os.Stat(filepath.Join(dir, n)); err != nil || st.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

// majorOf reads 15 from /usr/lib/postgresql/15/bin.
func majorOf(binDir string) int {
	n, _ := strconv.Atoi(strings.Split(filepath.Base(filepath.Dir(binDir)), ".")[0])
	return n
}
