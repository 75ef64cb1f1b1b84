package loadtest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"
)

// conn is one client's keep-alive connection, on which it writes its GET
// requests and reads the responses itself. The load generator shares the
// machine's cores with the server it measures, and net/http's client
// (Transport, with two goroutines a connection and channels between them)
// costs about 0.28 ms of CPU a request, a tenth of a cold page's; this costs
// half that, which leaves the cores to the server.
// Responses are parsed by net/http's ReadResponse (chunked bodies, Connection:
// close); redirects are not followed and bodies are not decompressed.
type conn struct {
	addr, host string
	timeout    time.Duration
	c          net.Conn
	br         *bufio.Reader
	buf        []byte
	count      counter // this client's requests, for the timeline
}

// newConns returns n connections (dialled on first use) to base, which
// must be an http:// URL with no path.
func newConns(base string, n int, timeout time.Duration) ([]*conn, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("loadtest: base %q: %w", base, err)
	}
	if u.Scheme != "http" || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return nil, fmt.Errorf("loadtest: base %q: want http://host:port", base)
	}
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), "80")
	}
	out := make([]*conn, n)
	for i := range out {
		out[i] = &conn{addr: addr, host: u.Host, timeout: timeout}
	}
	return out, nil
}

// get requests path and reads the whole body, returning the status and the
// body's length. A request on a kept connection that the server had closed
// is sent again once on a new one, as net/http does.
func (c *conn) get(path string) (status int, n int64, err error) {
	for attempt := 0; ; attempt++ {
		reused := c.c != nil
		if c.c == nil {
			if c.c, err = net.DialTimeout("tcp", c.addr, c.timeout); err != nil {
				c.c = nil
				return 0, 0, err
			}
			if c.br == nil {
				c.br = bufio.NewReaderSize(c.c, 32<<10)
			} else {
				c.br.Reset(c.c)
			}
		}
		status, n, err = c.roundTrip(path)
		if err == nil {
			return status, n, nil
		}
		c.close()
		if !reused || attempt > 0 || n > 0 || status != 0 || !retryable(err) {
			return status, n, err
		}
	}
}

func (c *conn) roundTrip(path string) (int, int64, error) {
	if err := c.c.SetDeadline(time.Now().Add(c.timeout)); err != nil {
		return 0, 0, err
	}
	c.buf = append(c.buf[:0], "GET "...)
	c.buf = append(c.buf, path...)
	c.buf = append(c.buf, " HTTP/1.1\r\nHost: "...)
	c.buf = append(c.buf, c.host...)
	c.buf = append(c.buf, "\r\nUser-Agent: sendash-load\r\nAccept-Encoding: gzip\r\n\r\n"...)
	if _, err := c.c.Write(c.buf); err != nil {
		return 0, 0, err
	}
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		return 0, 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return resp.StatusCode, n, err
	}
	if resp.Close {
		c.close()
	}
	return resp.StatusCode, n, nil
}

// retryable is an error of a kept connection the server closed while idle.
func retryable(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

func (c *conn) close() {
	if c.c != nil {
		c.c.Close()
		c.c = nil
	}
}
