package loadtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Instance is a hubchat process the tool started, in a process group of
// its own, so Stop ends it and anything it started.
type Instance struct {
	Base      string // http://127.0.0.1:port
	DebugAddr string // its DEBUG_ADDR (pprof and runtime figures)
	// AdminOrigin is its local Shopify's admin, when it runs one.
	AdminOrigin string

	cmd    *exec.Cmd
	done   chan struct{}
	output *tailBuffer
}

// InstanceConfig says how to start one instance.
type InstanceConfig struct {
	Binary      string // the hubchat executable
	DatabaseURL string
	DataDir     string // DATA_DIR: the dev token key, shared by the instances
	// ShopifyAdmin is the first instance's local Shopify (admin origin):
	// empty starts a local Shopify with the demo shop and installs the app
	// into it; set, the instance uses that one and installs nothing.
	ShopifyAdmin string
	Log          io.Writer // its output (last lines kept for errors)
	// Port, when set, is the port it serves on: an instance started again
	// where a killed one served, as a supervisor restarts it behind the
	// same address (0: any free port).
	Port int
	// Env is added to its environment, after (and so over) the tool's own
	// variables: such as SMTP_URL, or TWILIO_URL naming an outside service.
	Env []string
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// StartInstance runs `hubchat dev` on the given database and waits until
// it answers /readyz (the first one has then installed the app into its
// demo shop).
func StartInstance(ctx context.Context, c InstanceConfig) (*Instance, error) {
	var ports [4]int
	for i := range ports {
		p, err := freePort()
		if err != nil {
			return nil, err
		}
		ports[i] = p
	}
	if c.Port != 0 {
		ports[0] = c.Port
	}
	in := &Instance{
		Base:      fmt.Sprintf("http://127.0.0.1:%d", ports[0]),
		DebugAddr: fmt.Sprintf("127.0.0.1:%d", ports[3]),
		done:      make(chan struct{}),
		output:    &tailBuffer{max: 40},
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"DATABASE_URL=" + c.DatabaseURL, "DATA_DIR=" + c.DataDir,
		"PORT=" + strconv.Itoa(ports[0]), "APP_URL=" + in.Base,
		"DEBUG_ADDR=" + in.DebugAddr, "LOG_LEVEL=warn",
		"LOCAL_TWILIO_PORT=0", // any free port: several instances run side by side
	}
	if c.ShopifyAdmin == "" {
		in.AdminOrigin = fmt.Sprintf("http://127.0.0.1:%d", ports[1])
		env = append(env, "LOCAL_SHOPIFY_ADMIN_PORT="+strconv.Itoa(ports[1]),
			"LOCAL_SHOPIFY_STOREFRONT_PORT="+strconv.Itoa(ports[2]))
	} else {
		env = append(env, "SHOPIFY_ADMIN_URL="+c.ShopifyAdmin, "SHOPIFY_SHOP_URL="+c.ShopifyAdmin+"/shops/{shop}",
			"APP_BRIDGE_URL="+c.ShopifyAdmin+"/shopifycloud/app-bridge.js")
	}
	in.cmd = exec.Command(c.Binary, "dev")
	in.cmd.Env = append(env, c.Env...) // the last of a repeated variable counts
	in.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out := io.Writer(in.output)
	if c.Log != nil {
		out = io.MultiWriter(in.output, c.Log)
	}
	in.cmd.Stdout, in.cmd.Stderr = out, out
	if err := in.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", c.Binary, err)
	}
	go func() { in.cmd.Wait(); close(in.done) }()
	if err := in.waitReady(ctx, 90*time.Second); err != nil {
		in.Stop()
		return nil, fmt.Errorf("%w\nits last output:\n%s", err, in.output)
	}
	return in, nil
}

// waitReady polls /readyz until 200, the process exits, or the time is up.
func (in *Instance) waitReady(ctx context.Context, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		select {
		case <-in.done:
			return fmt.Errorf("hubchat exited before it was ready")
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		resp, err := http.Get(in.Base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("hubchat at %s was not ready within %s", in.Base, within)
}

// Kill ends the process group at once (SIGKILL), as a crash or an
// out-of-memory kill does: nothing is shut down cleanly.
func (in *Instance) Kill() {
	syscall.Kill(-in.cmd.Process.Pid, syscall.SIGKILL)
	<-in.done
}

// Pid is the process id.
func (in *Instance) Pid() int { return in.cmd.Process.Pid }

// Stop ends the process group: SIGTERM (a clean shutdown), then SIGKILL
// if it is still there after 15 s.
func (in *Instance) Stop() {
	pgid := in.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-in.done:
	case <-time.After(15 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-in.done
	}
	syscall.Kill(-pgid, syscall.SIGKILL) // anything it left in its group
}

// tailBuffer keeps the last lines written to it.
type tailBuffer struct {
	mu    sync.Mutex
	max   int
	lines []string
	part  string
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	sc := bufio.NewScanner(strings.NewReader(t.part + string(p)))
	t.part = ""
	for sc.Scan() {
		t.lines = append(t.lines, sc.Text())
	}
	if len(p) > 0 && p[len(p)-1] != '\n' && len(t.lines) > 0 {
		t.part, t.lines = t.lines[len(t.lines)-1], t.lines[:len(t.lines)-1]
	}
	if len(t.lines) > t.max {
		t.lines = t.lines[len(t.lines)-t.max:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(append(t.lines, t.part), "\n")
}

// ProcessStats is what /proc says of a process at one moment.
type ProcessStats struct {
	RSSBytes int64
	CPU      time.Duration // user + system time so far
	At       time.Time
}

// readProcess reads /proc/<pid>/status (VmRSS) and /proc/<pid>/stat
// (utime, stime in clock ticks of 1/100 s on Linux).
func readProcess(pid int) (ProcessStats, error) {
	st := ProcessStats{At: time.Now()}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return st, err
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			st.RSSBytes = kb * 1024
		}
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return st, err
	}
	// The command name (field 2) may hold spaces: count fields after ')'.
	i := strings.LastIndexByte(string(stat), ')')
	if i < 0 {
		return st, errors.New("unreadable /proc stat")
	}
	fields := strings.Fields(string(stat)[i+1:])
	if len(fields) < 13 {
		return st, errors.New("short /proc stat")
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	st.CPU = time.Duration(utime+stime) * 10 * time.Millisecond
	return st, nil
}

// RaiseFileLimit raises this process's open-file limit to want (children
// inherit it), up to the hard limit, and returns the limit it has.
func RaiseFileLimit(want uint64) (uint64, error) {
	var l syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return 0, err
	}
	if l.Cur >= want {
		return l.Cur, nil
	}
	l.Cur = min(want, l.Max)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &l); err != nil {
		return 0, err
	}
	return l.Cur, nil
}
