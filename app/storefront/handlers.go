package storefront

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/conversation"
	"hubchat/app/realtime"
	"hubchat/app/shopsync"
	"hubchat/app/web"
	"hubchat/storage"
)

// The stores the handlers use, each as narrow as they need it.
type (
	ShopStore interface {
		Get(ctx context.Context, shopID int64) (storage.Shop, error)
	}
	SettingsStore interface {
		Get(ctx context.Context, shopID int64) (storage.ChatSettings, error)
	}
	FAQStore interface {
		Published(ctx context.Context, shopID int64) ([]storage.FAQ, error)
	}
	ProfileStore interface {
		ForCustomer(ctx context.Context, shopID, customerID int64) (storage.Profile, error)
		ForVisitor(ctx context.Context, shopID int64, visitorKey string) (storage.Profile, error)
		TakeVisitorsConversation(ctx context.Context, shopID, customerProfileID int64, visitorKey string) (bool, error)
		Get(ctx context.Context, shopID, profileID int64) (storage.Profile, error)
	}
	ConversationStore interface {
		Active(ctx context.Context, shopID, profileID int64) (*storage.Conversation, []storage.Message, error)
		Get(ctx context.Context, shopID, id int64) (storage.Conversation, error)
		Close(ctx context.Context, shopID, id int64, by string) (storage.Conversation, error)
		MarkSeenByShopper(ctx context.Context, shopID, profileID, upToID int64) ([]int64, error)
	}
	// Core is the conversation core, which decides what a message does.
	Core interface {
		PostFromShopper(ctx context.Context, m conversation.ShopperMessage) (storage.PostResult, error)
		// AIOn says whether the shop's AI agent answers: then anonymous
		// visitors may talk to it.
		AIOn(ctx context.Context, shopID int64) (bool, error)
		// ReadFAQ records a FAQ the shopper opened in the hub, for the
		// story of their conversation.
		ReadFAQ(ctx context.Context, shopID, profileID, faqID int64) (storage.FAQRead, error)
	}
	// Agent is the AI agent's side of a conversation: the shopper's answer
	// to its offer of a person.
	Agent interface {
		AnswerOffer(ctx context.Context, shopID, profileID, conversationID int64, accept bool, language string) (storage.Conversation, []storage.Message, error)
		LeaveEmail(ctx context.Context, shopID, profileID, conversationID int64, email, language string) (storage.Message, error)
	}
	// EventLog says how far the event log goes: the state a shopper loads is
	// current to there, and their stream resumes from there.
	EventLog interface {
		Latest(ctx context.Context) (int64, error)
	}
	// StreamServer serves a live stream of events.
	StreamServer interface {
		Serve(c *fiber.Ctx, who realtime.Caller, f realtime.Filter, lastEventID string, encode realtime.Encoder) error
	}
	// JobQueue queues background work (a new customer's details).
	JobQueue interface {
		Enqueue(ctx context.Context, j storage.NewJob) (int64, error)
	}
)

// Handlers serve the widget.
type Handlers struct {
	Shops          ShopStore
	Settings       SettingsStore
	FAQs           FAQStore
	Profiles       ProfileStore
	Conversations  ConversationStore
	Core           Core
	Agent          Agent // nil while the AI agent is not available
	Events         EventLog
	Streams        StreamServer
	Jobs           JobQueue
	CustomerOrders OrderStore // the signed-in customer's synced orders (the Orders tab)
	Tokens         Tokens
	// Access is the shops' current state the API guard checks tokens
	// against; Limits the endpoints' rate limits.
	Access *Access
	Limits Limits
	// APIBase is hubchat's own origin, where the widget sends its calls;
	// MediaBase the same without a trailing slash, where the images sent
	// in conversations are served (/media/{token}).
	APIBase, MediaBase string
	Now                func() time.Time
}

// sessionAnswer is the session endpoint's answer.
type sessionAnswer struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
	APIBase   string    `json:"api_base"`
	State     State     `json:"state"`
}

// Session serves POST {proxy}/session, behind the app proxy guard: the
// shopper Shopify vouches for gets a token and the chat's state. A signed-in
// customer gets a profile, whose details are fetched in the background.
//
// Which storefront may use the token is not decided here: the proxied
// request says nothing Shopify documents about the page's host, so the API
// guard holds every request to the shop's own storefront origins.
func (h *Handlers) Session(c *fiber.Ctx) error {
	ctx, shopID, cid := c.UserContext(), web.ShopID(c), web.CustomerID(c)
	if err := h.limitSession(c, shopID, cid); err != nil {
		return err
	}
	settings, err := h.Settings.Get(ctx, shopID)
	if err != nil {
		return err
	}
	if !settings.Enabled {
		return apperr.New(apperr.Forbidden, "Chat is not available right now.")
	}
	s, err := h.sessionShopper(c, shopID, cid, settings.LoginStatus)
	if err != nil {
		return err
	}
	token, exp, err := h.Tokens.Issue(s)
	if err != nil {
		return err
	}
	st, err := h.state(ctx, s, c.Query("return_to"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(sessionAnswer{Token: token, ExpiresAt: exp, APIBase: h.APIBase, State: st})
}

// limitSession counts a session request: per customer Shopify vouches for,
// or, for anonymous visitors, whom nothing trustworthy tells apart, per shop.
func (h *Handlers) limitSession(c *fiber.Ctx, shopID int64, customerID string) error {
	shop := "shop:" + strconv.FormatInt(shopID, 10)
	if customerID == "" {
		return limit(c, h.Limits.AnonymousSessions, shop, h.Now(), tooFast)
	}
	return limit(c, h.Limits.Sessions, shop+":customer:"+customerID, h.Now(), tooFast)
}

// customerProfile is the profile of the customer Shopify names, whose
// details are fetched in the background when they were never fetched.
func (h *Handlers) customerProfile(ctx context.Context, shopID int64, customerID string) (int64, error) {
	id, err := strconv.ParseInt(customerID, 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.Unauthorized, "Sign in again to chat with us.")
	}
	p, err := h.Profiles.ForCustomer(ctx, shopID, id)
	if err != nil {
		return 0, err
	}
	if p.SyncedAt == nil {
		err = shopsync.EnqueueProfileSync(ctx, h.Jobs, shopID, p.ID)
	}
	return p.ID, err
}

// State serves GET /api/storefront/state.
func (h *Handlers) State(c *fiber.Ctx) error {
	s := shopperOf(c)
	if err := limit(c, h.Limits.State, shopperKey(s), h.Now(), tooFast); err != nil {
		return err
	}
	st, err := h.state(c.UserContext(), s, c.Query("return_to"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(st)
}

// decode reads a JSON body into v; a body that is not JSON is a bad request.
func decode(c *fiber.Ctx, v any) error {
	if err := json.Unmarshal(c.Body(), v); err != nil {
		return fiber.NewError(fiber.StatusBadRequest, "The request is not valid JSON.")
	}
	return nil
}

// chatter is the shopper of a request that chats: an anonymous visitor must
// sign in first.
func chatter(c *fiber.Ctx) (Shopper, error) {
	s := shopperOf(c)
	if s.ProfileID == 0 {
		return s, apperr.New(apperr.Forbidden, "Sign in to chat with us.")
	}
	return s, nil
}

// Stream serves GET /api/storefront/stream: the shopper's live events,
// resuming after Last-Event-ID (the state's event_id on a first connection),
// or a reset event when the log no longer reaches back that far. A shopper
// holds a few streams at most (realtime.MaxShopperStreams).
func (h *Handlers) Stream(c *fiber.Ctx) error {
	s, err := chatter(c)
	if err != nil {
		return err
	}
	if err := limit(c, h.Limits.Stream, shopperKey(s), h.Now(), tooFast); err != nil {
		return err
	}
	return h.Streams.Serve(c, realtime.ShopperCaller(s.ProfileID), realtime.Shopper(s.ShopID, s.ProfileID),
		c.Get("Last-Event-ID"), realtime.StoredPayload)
}
