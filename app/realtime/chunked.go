package realtime

import (
	"bufio"
	"net"
	"strconv"
	"time"

	"github.com/valyala/fasthttp"
)

// streamBuffer is the size of a stream's write buffer. A frame larger
// than it is written through in pieces, each one chunk; most frames (a
// message, a ping) fit, and the buffer is held by every open stream, idle
// ones included, so it is kept small.
const streamBuffer = 1024

// headerTimeout bounds the write of a stream's response header: a client
// that reads nothing must not hold the stream's goroutine before it starts.
const headerTimeout = 10 * time.Second

// startChunked writes the response header (status and every header the
// handlers set, with chunked transfer coding) on a taken-over connection,
// and returns the stream's writer: each flush of it is one chunk.
func startChunked(conn net.Conn, header *fasthttp.ResponseHeader) (*bufio.Writer, error) {
	header.SetContentLength(-1)
	if err := conn.SetWriteDeadline(time.Now().Add(headerTimeout)); err != nil {
		return nil, err
	}
	if _, err := conn.Write(header.Header()); err != nil {
		return nil, err
	}
	if err := conn.SetWriteDeadline(time.Time{}); err != nil {
		return nil, err
	}
	return bufio.NewWriterSize(&chunkWriter{conn: conn}, streamBuffer), nil
}

// endChunked flushes the stream's writer and writes the last chunk, so the
// client sees the response end rather than the connection drop.
func endChunked(conn net.Conn, w *bufio.Writer) {
	if w.Flush() == nil {
		conn.Write([]byte("0\r\n\r\n"))
	}
}

// chunkWriter writes each Write as one chunk of HTTP/1.1's chunked
// transfer coding, size line, data and line end in one system call.
type chunkWriter struct {
	conn net.Conn
	size [18]byte
}

var chunkEnd = []byte("\r\n")

func (cw *chunkWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	size := append(strconv.AppendInt(cw.size[:0], int64(len(p)), 16), '\r', '\n')
	chunk := net.Buffers{size, p, chunkEnd}
	if _, err := chunk.WriteTo(cw.conn); err != nil {
		return 0, err
	}
	return len(p), nil
}
