package app

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/realtime"
	"hubchat/app/sms"
	"hubchat/app/web"
)

// incomingRequestID accepts a load balancer's id only when it is plainly an id,
// so nothing odd reaches the logs through it.
var incomingRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// requestLog gives each request an id and logs one line when it ends: method,
// path (never the query, which carries HMACs and session tokens), status,
// duration and, once a guard has verified it, the shop. Bodies are never logged.
func requestLog(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		id := c.Get(fiber.HeaderXRequestID)
		if !incomingRequestID.MatchString(id) {
			id = randomHex(12)
		}
		web.SetRequestID(c, id)
		c.Set(fiber.HeaderXRequestID, id)

		err := c.Next()
		if err != nil {
			// Let the error handler write the response now, so the line below
			// logs the status the client really gets.
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				c.Status(fiber.StatusInternalServerError)
			}
		}
		attrs := []any{
			"request_id", id,
			"method", c.Method(),
			"path", redactPath(c.Path()),
			"status", c.Response().StatusCode(),
			"duration_ms", float64(time.Since(start).Microseconds()) / 1000,
		}
		if shop := web.Shop(c); shop != "" {
			attrs = append(attrs, "shop", shop)
		}
		log.Info("request", attrs...)
		return nil
	}
}

// securityHeaders sets a nonce-based Content-Security-Policy and the usual
// hardening headers. frame-ancestors names the shop's admin when a guard
// established the shop (Shopify requires that for embedded pages) and
// forbids framing otherwise. adminOrigin is the Shopify admin's origin and
// appBridgeOrigin where App Bridge is loaded from.
//
// Over https (APP_URL), Strict-Transport-Security tells browsers never to
// come back over plain http.
func securityHeaders(adminOrigin, appBridgeOrigin string, https bool) fiber.Handler {
	scripts := "'self' " + appBridgeOrigin
	connect := "'self' " + appBridgeOrigin + " " + adminOrigin
	return func(c *fiber.Ctx) error {
		nonce := randomBase64(16)
		web.SetNonce(c, nonce)
		err := c.Next()
		frame := "'none'"
		if shop := web.FrameShop(c); shop != "" {
			frame = "https://" + shop + " " + adminOrigin
		}
		c.Set(fiber.HeaderContentSecurityPolicy, "default-src 'self'; "+
			"script-src "+scripts+" 'nonce-"+nonce+"'; "+
			"style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; "+
			"connect-src "+connect+"; object-src 'none'; base-uri 'self'; "+
			"frame-ancestors "+frame+";")
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		c.Set(fiber.HeaderReferrerPolicy, "strict-origin-when-cross-origin")
		if https {
			c.Set(fiber.HeaderStrictTransportSecurity, "max-age=31536000; includeSubDomains")
		}
		return err
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

func randomBase64(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// origin is the scheme and host of a URL, for the CSP.
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// panicError is a handler's panic, turned into an error for the one error
// handler, which answers 500 and logs it with its stack.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.value) }

// recoverPanics turns a panicking handler into a 500 for its request alone:
// the process, and every other request and stream, goes on.
func recoverPanics(c *fiber.Ctx) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{value: v, stack: debug.Stack()}
		}
	}()
	return c.Next()
}

// limitBody refuses a request whose body is over max bytes before any
// handler decodes it. The server's own limit (the largest of these) stops
// bigger bodies while they are read.
func limitBody(max int) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if c.Request().Header.ContentLength() > max || len(c.Body()) > max {
			size := fmt.Sprintf("%d KB", max>>10)
			if max >= 1<<20 {
				size = fmt.Sprintf("%d MB", max>>20)
			}
			return fiber.NewError(fiber.StatusRequestEntityTooLarge, "This is too large to send: at most "+size+".")
		}
		return c.Next()
	}
}

// redactPath keeps capability tokens out of logs: an image's URL is its
// permission (/media/{token}), and so is an outgoing MMS picture's
// (/sms-media/{token}).
func redactPath(path string) string {
	for _, capability := range []string{"/media/", sms.MediaLinkPath} {
		if strings.HasPrefix(path, capability) {
			return capability + "…"
		}
	}
	return path
}

// noStore keeps the admin's answers, which carry customers' data, out of
// every cache (the browser's back-forward cache and disk included), unless
// the handler chose a cache policy itself.
func noStore(c *fiber.Ctx) error {
	err := c.Next()
	if len(c.Response().Header.Peek(fiber.HeaderCacheControl)) == 0 {
		c.Set(fiber.HeaderCacheControl, "no-store")
	}
	return err
}

// liveFrom records, before an admin handler reads its data, how far the
// hub has published the event log (web.SetLiveFrom): the page's live
// connection replays what came after, so a change made while the page
// loads is not lost. Before the hub's first publish there is no position
// yet, and the connection starts when it opens.
func liveFrom(hub *realtime.Hub) fiber.Handler {
	return func(c *fiber.Ctx) error {
		select {
		case <-hub.Ready():
			web.SetLiveFrom(c, hub.Horizon())
		default:
		}
		return c.Next()
	}
}
