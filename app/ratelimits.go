package app

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/chat"
	"hubchat/app/web"
)

// The limits in front of handlers, beside the storefront's own
// (app/storefront/limits.go): per address on the routes anyone can reach,
// per agent on the admin's writes. Each is a burst, then one request per
// interval, well above what a person or Shopify sends.
const (
	// OAuthBurst and OAuthInterval: installs and their callbacks, per
	// address.
	OAuthBurst, OAuthInterval = 20, 3 * time.Second
	// BadSignatureBurst and BadSignatureInterval: refused signatures and
	// tokens (webhooks, Twilio, the app proxy), per address. Only refusals
	// count, so Shopify's and Twilio's genuine bursts are never limited.
	BadSignatureBurst, BadSignatureInterval = 20, 3 * time.Second
	// AgentWriteBurst and AgentWriteInterval: an agent's changes in the
	// admin (replies, assignments, settings; not typing notices), per agent.
	AgentWriteBurst, AgentWriteInterval = 120, 50 * time.Millisecond
	// AgentReplyBurst and AgentReplyInterval: an agent's replies. Far
	// above a person's pace, and above the load tool's agents (each
	// answers 50 shoppers writing every 10 s: 5 a second), yet a script
	// cannot fill a thread with thousands a second.
	AgentReplyBurst, AgentReplyInterval = 50, 100 * time.Millisecond
)

// abuseLimits are the limiters of those limits, one set per instance.
type abuseLimits struct {
	oauth, badSignature, agentWrites, agentReplies *chat.Limiter
	now                                            func() time.Time
}

func newAbuseLimits(now func() time.Time) abuseLimits {
	return abuseLimits{
		oauth:        chat.NewLimiter(OAuthBurst, OAuthInterval, chat.MaxLimiterKeys),
		badSignature: chat.NewLimiter(BadSignatureBurst, BadSignatureInterval, chat.MaxLimiterKeys),
		agentWrites:  chat.NewLimiter(AgentWriteBurst, AgentWriteInterval, chat.MaxLimiterKeys),
		agentReplies: chat.NewLimiter(AgentReplyBurst, AgentReplyInterval, chat.MaxLimiterKeys),
		now:          now,
	}
}

// perAddress counts every request per client address.
func (a abuseLimits) perAddress(l *chat.Limiter) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if ok, wait := l.Allow("addr:"+c.IP(), a.now()); !ok {
			return tooMany(c, wait)
		}
		return c.Next()
	}
}

// refusalsPerAddress counts the requests to one kind of route (named by
// kind) refused as Unauthorized, a bad signature or token, per client
// address, and refuses every request of that kind from an address over
// the limit until it has waited: guessing signatures costs time, and
// genuine senders, never refused, are never counted. A refusal counts
// once answered, so requests already in flight when the limit is reached
// are still answered.
func (a abuseLimits) refusalsPerAddress(kind string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		key := kind + ":addr:" + c.IP()
		if wait := a.badSignature.Wait(key, a.now()); wait > 0 {
			return tooMany(c, wait)
		}
		err := c.Next()
		if apperr.Is(err, apperr.Unauthorized) {
			a.badSignature.Allow(key, a.now())
		}
		return err
	}
}

// perAgent counts an agent's writes (every method but GET and HEAD) in l.
// It runs behind the admin guard, which names the shop and agent. Typing
// notices are not counted: their own gate (realtime.TypingGate) drops the
// surplus silently before any database work, and a composer's burst of
// them must not use up the agent's replies.
func (a abuseLimits) perAgent(l *chat.Limiter) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead || strings.HasSuffix(c.Path(), "/typing") {
			return c.Next()
		}
		key := "shop:" + strconv.FormatInt(web.ShopID(c), 10) + ":agent:" + strconv.FormatInt(web.AgentID(c), 10)
		if ok, wait := l.Allow(key, a.now()); !ok {
			return tooMany(c, wait)
		}
		return c.Next()
	}
}

// tooMany is the answer over a limit: 429, Retry-After in whole seconds
// (at least one), and the generic words of apperr.TooMany in the reader's
// language.
func tooMany(c *fiber.Ctx, wait time.Duration) error {
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
	return apperr.New(apperr.TooMany, "")
}
