package loadtest

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
)

// profiler saves the instances' profiles under dir while scenarios run
// (nothing when dir is empty or the tool did not start the instance).
type profiler struct {
	dir string
	out io.Writer
}

// cpu starts a CPU profile of in for seconds, saved as name.cpu.pprof;
// the returned function waits until it is saved.
func (p profiler) cpu(in *Instance, name string, seconds int) (wait func()) {
	return p.fetch(in, name+".cpu.pprof", fmt.Sprintf("/debug/pprof/profile?seconds=%d", max(1, seconds)))
}

// heap saves the live heap of in (after a collection) as name.heap.pprof.
func (p profiler) heap(in *Instance, name string) {
	p.fetch(in, name+".heap.pprof", "/debug/pprof/heap?gc=1")()
}

func (p profiler) fetch(in *Instance, file, path string) func() {
	if p.dir == "" || in == nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := download("http://"+in.DebugAddr+path, filepath.Join(p.dir, file)); err != nil {
			fmt.Fprintf(p.out, "profile %s: %v\n", file, err)
		}
	}()
	return func() { <-done }
}

// download saves the body of url to path.
func download(url, path string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", url, resp.Status)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
