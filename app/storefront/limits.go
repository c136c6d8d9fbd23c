package storefront

import (
	"math"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/chat"
)

// RateLimiter says whether a key may make a request now, and otherwise
// when (chat.Limiter).
type RateLimiter interface {
	Allow(key string, now time.Time) (ok bool, retryAfter time.Duration)
}

// Limits are the rate limits of the storefront endpoints, each a token
// bucket per key in this instance (docs/chat-api.md lists them). Requests
// are counted by what the app trusts: the signed-in customer Shopify
// vouched for, the token's profile, or, for an anonymous visitor, whom the
// app cannot tell apart through the proxy, the shop (sessions) or the
// token's id (state).
type Limits struct {
	// Sessions count POST {proxy}/session per shop and signed-in customer;
	// AnonymousSessions the anonymous ones per shop, all visitors together.
	Sessions, AnonymousSessions RateLimiter
	// The chat API, per profile (or token id for an anonymous visitor).
	State, Messages, Seen, End, Stream RateLimiter
	// Handoff counts the answers to the AI agent's offer of a person, Email
	// the addresses left for an external handoff, per profile.
	Handoff, Email RateLimiter
	// Orders counts the Orders tab's reads, Images the images sent, per
	// profile.
	Orders, Images RateLimiter
	// FAQReads counts the FAQs reported read in the hub, per profile (or
	// token id for an anonymous visitor).
	FAQReads RateLimiter
}

// The limits: a burst, then one request per interval. Each is well above
// what the widget sends (a session on opening and hourly, a state on each
// stream connection, a seen per agent message shown, a stream reconnect
// with backoff), so only a script meets it.
// Messages have chat.MessageBurst and chat.MessageInterval.
const (
	SessionBurst, SessionInterval                   = 20, 3 * time.Second
	AnonymousSessionBurst, AnonymousSessionInterval = 300, 50 * time.Millisecond
	StateBurst, StateInterval                       = 30, 2 * time.Second
	SeenBurst, SeenInterval                         = 60, time.Second
	EndBurst, EndInterval                           = 5, 10 * time.Second
	StreamBurst, StreamInterval                     = 10, 5 * time.Second
	HandoffBurst, HandoffInterval                   = 10, 3 * time.Second
	EmailBurst, EmailInterval                       = 10, 3 * time.Second
	OrdersBurst, OrdersInterval                     = 10, 3 * time.Second
	ImagesBurst, ImagesInterval                     = 5, 10 * time.Second
	FAQReadsBurst, FAQReadsInterval                 = 30, time.Second
)

// NewLimits returns the storefront's limits, messages' being
// chat.NewMessageLimiter.
func NewLimits() Limits {
	limiter := func(burst int, interval time.Duration) RateLimiter {
		return chat.NewLimiter(burst, interval, chat.MaxLimiterKeys)
	}
	return Limits{
		Sessions:          limiter(SessionBurst, SessionInterval),
		AnonymousSessions: limiter(AnonymousSessionBurst, AnonymousSessionInterval),
		State:             limiter(StateBurst, StateInterval),
		Messages:          chat.NewMessageLimiter(),
		Seen:              limiter(SeenBurst, SeenInterval),
		End:               limiter(EndBurst, EndInterval),
		Stream:            limiter(StreamBurst, StreamInterval),
		Handoff:           limiter(HandoffBurst, HandoffInterval),
		Email:             limiter(EmailBurst, EmailInterval),
		Orders:            limiter(OrdersBurst, OrdersInterval),
		Images:            limiter(ImagesBurst, ImagesInterval),
		FAQReads:          limiter(FAQReadsBurst, FAQReadsInterval),
	}
}

// tooFast is the answer to a request over a limit.
const tooFast = "Too many requests. Please wait a moment."

// limit spends one request of key from l at now, or answers 429 with
// Retry-After in whole seconds and the message msg.
func limit(c *fiber.Ctx, l RateLimiter, key string, now time.Time, msg string) error {
	if ok, wait := l.Allow(key, now); !ok {
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		return apperr.New(apperr.TooMany, "%s", msg)
	}
	return nil
}

// shopperKey is what a shopper's requests are counted by: their profile,
// or the token for an anonymous visitor.
func shopperKey(s Shopper) string {
	if s.ProfileID != 0 {
		return "profile:" + strconv.FormatInt(s.ProfileID, 10)
	}
	return "token:" + s.TokenID
}
