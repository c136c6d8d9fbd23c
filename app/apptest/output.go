// Package apptest holds helpers for tests that run the app or its server.
package apptest

import (
	"bytes"
	"sync"
)

// Output collects what a server writes (its log) from many goroutines at
// once, for tests to read while it runs.
type Output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p; it is safe for concurrent use.
func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

// String returns everything written so far.
func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}
