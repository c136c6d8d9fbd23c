package realtime

import (
	"bufio"
	"bytes"
	"net"
	"strconv"

	"github.com/valyala/fasthttp"
)

// streamBuffer is the size of a stream's write buffer. A frame larger
// than it is written through in pieces, each one chunk; most frames (a
// message, a ping) fit, and the buffer is held by every open stream, idle
// ones included, so it is kept small.
const streamBuffer = 1024

// chunkedResponse writes a response with HTTP/1.1's chunked transfer coding
// on a taken-over connection: each Write is one chunk, its size line, data
// and line end in one system call.
//
// The response header goes out with the first chunk, not before. A client
// takes a stream as open once it has the header (EventSource's open, the
// widget's fetch resolving: it then reloads what came before), so the
// header must not reach it before the stream has subscribed, or what is
// published between the two is lost (BENCHMARKS.md, idle streams). The
// stream's first write is its opening comment, made once it is subscribed.
type chunkedResponse struct {
	conn   net.Conn
	header []byte // the response header while it is not yet sent; nil after
	size   [18]byte
}

// startChunked returns the writer of a response on a taken-over
// connection: its header is the status and every header the handlers set,
// with chunked transfer coding, sent with the writer's first flush. Each
// flush is one chunk. The caller ends the response with end.
func startChunked(conn net.Conn, header *fasthttp.ResponseHeader) (*chunkedResponse, *bufio.Writer) {
	header.SetContentLength(-1)
	r := &chunkedResponse{conn: conn, header: bytes.Clone(header.Header())}
	return r, bufio.NewWriterSize(r, streamBuffer)
}

var (
	chunkEnd  = []byte("\r\n")
	lastChunk = []byte("0\r\n\r\n")
)

// Write writes p as one chunk, after the header if it is not yet sent.
func (r *chunkedResponse) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	size := append(strconv.AppendInt(r.size[:0], int64(len(p)), 16), '\r', '\n')
	if err := r.send(net.Buffers{size, p, chunkEnd}); err != nil {
		return 0, err
	}
	return len(p), nil
}

// end flushes w, the response's writer, and writes the last chunk, so the
// client sees the response end rather than the connection drop. A stream
// that ends before its first write (the server shutting down while it
// waited for the hub) still sends the header: an empty response.
func (r *chunkedResponse) end(w *bufio.Writer) {
	if w.Flush() == nil {
		r.send(net.Buffers{lastChunk})
	}
}

// send writes chunk, after the header while it is not yet sent. The
// stream bounds each write with the connection's write deadline
// (writeDeadline), this one's too.
func (r *chunkedResponse) send(chunk net.Buffers) error {
	if r.header == nil {
		_, err := chunk.WriteTo(r.conn)
		return err
	}
	withHeader := append(net.Buffers{r.header}, chunk...)
	if _, err := withHeader.WriteTo(r.conn); err != nil {
		return err
	}
	r.header = nil
	return nil
}
