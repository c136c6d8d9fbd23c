package admin

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/openai"
	"hubchat/app/conversation"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// maxTryQuestion is the longest question the panel asks, in characters: a
// shopper's message, short.
const maxTryQuestion = 500

// tryTimeout bounds the engine's answer, within the request's deadline.
const tryTimeout = 10 * time.Second

// tryLanguages are the storefront languages the panel can ask in.
var tryLanguages = []pages.Option{
	{Value: "en", Label: "English"}, {Value: "es", Label: "Español"}, {Value: "fr", Label: "Français"},
	{Value: "it", Label: "Italiano"}, {Value: "pl", Label: "Polski"}, {Value: "de", Label: "Deutsch"},
}

// The catalog keys of the engine's intents and sources.
var (
	intentLabels = map[aiagent.Intent]string{
		aiagent.IntentQuestion: "settings.ai.try.intent.question", aiagent.IntentHuman: "settings.ai.try.intent.human",
		aiagent.IntentOrderStatus: "settings.ai.try.intent.order_status", aiagent.IntentProducts: "settings.ai.try.intent.products",
		aiagent.IntentGreeting: "settings.ai.try.intent.greeting", aiagent.IntentThanks: "settings.ai.try.intent.thanks",
	}
	sourceLabels = map[aiagent.SourceKind]string{
		aiagent.SourceFAQ: "settings.ai.try.source.faq", aiagent.SourceArticle: "settings.ai.try.source.article",
		aiagent.SourcePolicy: "settings.ai.try.source.policy", aiagent.SourceProduct: "settings.ai.try.source.product",
		aiagent.SourceOrder: "settings.ai.try.source.order",
	}
)

// Try asks the engine the merchant's question, as a visitor who is not
// signed in would, and shows the answer with its sources, confidence and
// handoff: the answer alone for htmx, else the whole page.
func (h *AIAgent) Try(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	v := h.tryView()
	v.Question, v.Picked = formText(c, "question"), c.FormValue("picked") != ""
	if lang := c.FormValue("language"); slices.ContainsFunc(tryLanguages, func(o pages.Option) bool { return o.Value == lang }) {
		v.Language = lang
	}
	status := fiber.StatusOK
	switch n := utf8.RuneCountInString(v.Question); {
	case n == 0:
		v.Error, status = i18n.T(ctx, "settings.ai.try.error.question_missing"), fiber.StatusUnprocessableEntity
	case n > maxTryQuestion:
		v.Error, status = i18n.T(ctx, "settings.faqs.error.question.too_long", "max", maxTryQuestion, "count", n), fiber.StatusUnprocessableEntity
	default:
		var err error
		if status, err = h.ask(ctx, shopID, &v); err != nil {
			return err
		}
	}
	c.Vary("HX-Request")
	if web.IsHTMX(c) {
		if v.Picked { // a choice asked: its question shows in the panel
			return web.Component(c, status, pages.TryPanel(v))
		}
		return web.Component(c, status, pages.TryAnswer(v))
	}
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	a, err := h.Settings.Get(ctx, shopID)
	if err != nil {
		return err
	}
	return h.writePage(c, status, aiAgentForm(c.UserContext(), shop, a, nil), v)
}

// ask puts the question to the engine and fills in the result, or the
// reason there is none.
func (h *AIAgent) ask(ctx context.Context, shopID int64, v *pages.TryView) (int, error) {
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return 0, err
	}
	settings, err := h.Settings.Get(ctx, shopID)
	if err != nil {
		return 0, err
	}
	answerCtx, cancel := context.WithTimeout(ctx, tryTimeout)
	defer cancel()
	ans, report, err := h.answerReported(answerCtx, shopID, aiagent.Question{Text: v.Question, Language: v.Language})
	if err != nil {
		if h.Log != nil {
			h.Log.Warn("the AI agent could not answer a try", "shop_id", shopID, "error", err)
		}
		v.Error = i18n.T(ctx, "settings.ai.try.error.unavailable")
		return fiber.StatusServiceUnavailable, nil
	}
	v.Result = tryResult(ctx, ans, shop, settings)
	v.Result.AnsweredBy, v.Result.FallbackReason = answeredBy(ctx, report, ans)
	return fiber.StatusOK, nil
}

// ReportingEngine is an engine that says which engine answered and
// whether it fell back (the app's per-shop engine choice).
type ReportingEngine interface {
	AnswerReported(ctx context.Context, shopID int64, q aiagent.Question) (aiagent.Answer, openai.Report, error)
}

// answerReported asks the engine, with its report when it gives one.
func (h *AIAgent) answerReported(ctx context.Context, shopID int64, q aiagent.Question) (aiagent.Answer, openai.Report, error) {
	if r, ok := h.Engine.(ReportingEngine); ok {
		return r.AnswerReported(ctx, shopID, q)
	}
	a, err := h.Engine.Answer(ctx, shopID, q)
	return a, openai.Report{By: openai.ByBuiltin}, err
}

// answeredBy names the engine that answered and, when the model's answer
// was replaced by the built-in engine's, why.
func answeredBy(ctx context.Context, r openai.Report, ans aiagent.Answer) (by, fallback string) {
	switch {
	case r.By == openai.ByModel:
		return i18n.T(ctx, "settings.ai.try.by_model"), ""
	case r.FellBack:
		return i18n.T(ctx, "settings.ai.try.by_builtin_fallback"), upperFirst(reportReasonWords(ctx, r, ans))
	case r.Reason != "" || r.Code != "":
		// The shop uses a model, but the built-in engine's rules decided.
		return i18n.T(ctx, "settings.ai.try.by_builtin_rules", "reason", reportReasonWords(ctx, r, ans)), ""
	}
	return i18n.T(ctx, "settings.ai.try.by_builtin"), ""
}

// tryView is the panel before any question.
func (h *AIAgent) tryView() pages.TryView {
	return pages.TryView{Language: "en", Languages: tryLanguages}
}

// tryResult is the answer as the merchant reads it.
func tryResult(ctx context.Context, ans aiagent.Answer, shop storage.Shop, settings storage.AISettings) *pages.TryResult {
	confidence := int(max(0, min(1, ans.Confidence))*100 + 0.5)
	r := &pages.TryResult{
		Answer: ans.Text, Confidence: confidence, ConfidenceLabel: confidenceLabel(confidence),
		Intent: orDefault(intentLabels[ans.Intent], intentLabels[aiagent.IntentQuestion]), Tag: topicWords(ctx, ans.Tag),
		Handoff: ans.Handoff, HandoffReason: upperFirst(handoffReasonWords(ctx, ans.HandoffReason)),
		HandoffEffect: handoffEffect(ctx, settings),
	}
	for _, s := range ans.Sources {
		r.Sources = append(r.Sources, pages.TrySource{Kind: orDefault(sourceLabels[s.Kind], "settings.ai.try.source.other"),
			Title: s.Title, Href: sourceHref(s), Score: i18n.Decimal(ctx, s.Score, 2)})
	}
	if !r.Handoff {
		r.Choices = conversation.ChoicesOf(ans.Choices) // as the shopper would see them
	}
	for _, card := range ans.Cards {
		r.Cards = append(r.Cards, pages.TryCard{Title: card.Title, Price: money(card.Price, card.Currency),
			ImageURL: webURL(card.ImageURL), URL: productURL(shop, card.Handle)})
	}
	return r
}

// confidenceLabel says a confidence in words.
func confidenceLabel(percent int) string {
	switch {
	case percent >= 75:
		return "high"
	case percent >= 40:
		return "medium"
	}
	return "low"
}

// handoffEffect says what the shop's handoff setting does when the agent
// hands off.
func handoffEffect(ctx context.Context, a storage.AISettings) string {
	switch a.Handoff {
	case storage.HandoffCustomMessage:
		return i18n.T(ctx, "settings.ai.try.effect.custom_message", "message", a.CustomMessage)
	case storage.HandoffZendesk:
		return i18n.T(ctx, "settings.ai.try.effect.helpdesk", "helpdesk", "Zendesk")
	case storage.HandoffGorgias:
		return i18n.T(ctx, "settings.ai.try.effect.helpdesk", "helpdesk", "Gorgias")
	}
	return i18n.T(ctx, "settings.ai.try.effect.inbox")
}

// sourceHref edits the merchant's own FAQ or article; other sources have
// no page here.
func sourceHref(s aiagent.Source) string {
	id, err := strconv.ParseInt(s.ID, 10, 64)
	if err != nil || id <= 0 {
		return ""
	}
	switch s.Kind {
	case aiagent.SourceFAQ:
		return pages.FAQPath(id, "")
	case aiagent.SourceArticle:
		return pages.ArticlePath(id, "")
	}
	return ""
}

// productURL is the product's page on the shop's storefront.
func productURL(shop storage.Shop, handle string) string {
	host := orDefault(shop.PrimaryDomain, shop.Domain)
	return "https://" + host + "/products/" + url.PathEscape(handle)
}

// webURL is u when it is an http or https address, else "".
func webURL(u string) string {
	if p, err := url.Parse(u); err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != "" {
		return u
	}
	return ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
