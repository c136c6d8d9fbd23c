package app

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
)

// requestContext gives every request a context that ends when the first of
// these comes: the request timeout passes, the client closes its connection,
// or the server's drain gives up on it (aborted). Handlers pass
// c.UserContext() to storage, so each of those cancels the request's
// database work and frees its pooled connection. A live stream's handler
// returns at once; its stream then lives on the server's Streams context.
func requestContext(aborted context.Context, timeout time.Duration) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(aborted, timeout)
		defer cancel()
		stop := web.OnClientGone(c.Context().Conn(), cancel)
		defer stop()
		outer := c.UserContext()
		c.SetUserContext(ctx)
		err := c.Next()
		// The error handler renders after this returns, when ctx is done.
		c.SetUserContext(outer)
		return err
	}
}
