package admin

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/aiagent"
	"hubchat/app/conversation"
	"hubchat/app/helpdesk"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// AISettingsStore reads and writes the shop's AI agent settings; Secrets
// opens the sealed helpdesk secrets, for a credentials check only.
type AISettingsStore interface {
	Get(ctx context.Context, shopID int64) (storage.AISettings, error)
	Save(ctx context.Context, a storage.AISettings, replace storage.HelpdeskSecrets) (storage.AISettings, error)
	Secrets(ctx context.Context, shopID int64) (storage.HelpdeskSecrets, error)
}

// ArticleStore edits the shop's knowledge articles.
type ArticleStore interface {
	All(ctx context.Context, shopID int64) ([]storage.Article, error)
	Get(ctx context.Context, shopID, id int64) (storage.Article, error)
	Create(ctx context.Context, shopID int64, title, body string, published bool) (storage.Article, error)
	Update(ctx context.Context, shopID, id int64, title, body string, published bool) (storage.Article, error)
	SetPublished(ctx context.Context, shopID, id int64, published bool) (storage.Article, error)
	Delete(ctx context.Context, shopID, id int64) error
}

// KnowledgeImporter adds FAQs and articles in bulk, all or none.
type KnowledgeImporter interface {
	Import(ctx context.Context, shopID int64, faqs []storage.NewFAQ, articles []storage.NewArticle) error
}

// AIAgent serves Settings → AI agent: the agent on or off, its handoff
// (with the helpdesks' credentials checked by a real call on save), the
// knowledge articles, their import from a file, the merchant's synonyms,
// and "Try your agent". Its
// forms work as plain POSTs and with htmx, as the other settings do.
type AIAgent struct {
	Shops     ShopReader
	Settings  AISettingsStore
	Articles  ArticleStore
	Knowledge KnowledgeImporter
	// SynonymGroups are the merchant's own synonyms.
	SynonymGroups SynonymStore
	// Helpdesks builds the Zendesk and Gorgias clients the credentials are
	// checked with.
	Helpdesks helpdesk.Endpoints
	// Engine answers the try panel's questions: the same engine shoppers
	// get (a ReportingEngine says which answered).
	Engine aiagent.Engine
	// Engines stores the answering engine choice; AllowPrivateEndpoints
	// lets its endpoint be on a private network (config).
	Engines               AIEngineStore
	AllowPrivateEndpoints bool
	// SMSAgent stores whether the agent answers texts, and SMS attribution.
	SMSAgent SMSAgentStore
	// Handoffs lists the external handoffs that failed (the job queue).
	Handoffs HandoffJobs
	Now      func() time.Time
	Render   web.Renderer
	// Log records why the engine failed to answer; never a secret.
	Log *slog.Logger
}

// handoffLabels name the handoffs, in the order the form lists them.
var handoffLabels = []pages.Option{
	{Value: string(storage.HandoffInbox), Label: "settings.ai.handoff.inbox"},
	{Value: string(storage.HandoffCustomMessage), Label: "settings.ai.handoff.custom_message"},
	{Value: string(storage.HandoffZendesk), Label: "settings.ai.handoff.zendesk"},
	{Value: string(storage.HandoffGorgias), Label: "settings.ai.handoff.gorgias"},
}

// Page shows Settings → AI agent.
func (h *AIAgent) Page(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	a, err := h.Settings.Get(ctx, shopID)
	if err != nil {
		return err
	}
	f := aiAgentForm(ctx, shop, a, nil)
	f.Toast = doneToast(c)
	return h.writePage(c, fiber.StatusOK, f, h.tryView())
}

// Save saves the status and handoff. The fields of the chosen handoff are
// checked; a Zendesk or Gorgias account whose credentials changed is
// checked with a call to it first, and nothing is saved unless it accepts
// them. The other handoffs' fields keep what is stored.
func (h *AIAgent) Save(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	stored, err := h.Settings.Get(ctx, shopID)
	if err != nil {
		return err
	}
	ch, err := h.readHandoff(c, stored)
	if err != nil {
		return err
	}
	status := fiber.StatusUnprocessableEntity
	if len(ch.errs) == 0 && ch.check != nil {
		status, ch.errs, err = h.checkCredentials(ctx, ch)
		if err != nil {
			return err
		}
	}
	if len(ch.errs) > 0 {
		return h.writeForm(c, status, aiAgentForm(ctx, shop, ch.next, ch.errs))
	}
	saved, err := h.Settings.Save(ctx, ch.next, ch.replace)
	if err != nil {
		return err
	}
	if !web.IsHTMX(c) {
		return done(c, pages.AIAgentAction, toastSaved)
	}
	f := aiAgentForm(ctx, shop, saved, nil)
	f.Toast = toastText(c.UserContext(), toastSaved)
	return h.writeForm(c, fiber.StatusOK, f)
}

// aiAgentForm is the form showing a with its errors; the date the agent
// was first turned on is written in ctx's language, in the shop's zone.
func aiAgentForm(ctx context.Context, shop storage.Shop, a storage.AISettings, errs pages.FormErrors) pages.AIAgentForm {
	f := pages.AIAgentForm{
		Enabled: a.Enabled, Handoff: string(a.Handoff), Handoffs: handoffLabels, CustomMessage: a.CustomMessage,
		Zendesk: pages.HelpdeskFields{Account: a.ZendeskSubdomain, User: a.ZendeskAgentEmail, SecretSet: a.HasZendeskToken},
		Gorgias: pages.HelpdeskFields{Account: a.GorgiasDomain, User: a.GorgiasUsername, SecretSet: a.HasGorgiasKey},
		Errors:  errs,
	}
	if a.FirstEnabledAt != nil {
		f.Since = i18n.Date(ctx, a.FirstEnabledAt.In(shop.Location()))
	}
	return f
}

// writePage writes the whole page: the form, the articles and the panel.
func (h *AIAgent) writePage(c *fiber.Ctx, status int, f pages.AIAgentForm, try pages.TryView) error {
	return h.writeView(c, status, pages.AIAgentView{Form: f, Try: try})
}

// writeView writes the page v, filling in what it lacks: the answering
// engine form as stored (unless given), the handoff problems, the articles.
func (h *AIAgent) writeView(c *fiber.Ctx, status int, v pages.AIAgentView) error {
	if v.Engine.Engine == "" {
		var err error
		if v.Engine, err = h.storedEngineForm(c); err != nil {
			return err
		}
	}
	if v.SMS.Touchpoint == "" && v.SMS.Errors == nil {
		var err error
		if v.SMS, err = h.storedSMSAgentForm(c); err != nil {
			return err
		}
	}
	rows, err := h.articleRows(c)
	if err != nil {
		return err
	}
	problems, err := h.handoffProblems(c)
	if err != nil {
		return err
	}
	synonyms, err := h.synonymRows(c)
	if err != nil {
		return err
	}
	v.HandoffProblems, v.Articles, v.Synonyms = problems, rows, synonyms
	return web.Component(c, status, pages.AIAgentSettings(h.Render.EmbeddedHead(c, i18n.T(c.UserContext(), "settings.sections.ai-agent.label")), nav, v))
}

// HandoffJobs reads the job queue's failed external handoffs.
type HandoffJobs interface {
	Failing(ctx context.Context, shopID int64, kind string, limit int) ([]storage.Job, error)
}

// handoffProblems are the recent Zendesk and Gorgias handoffs whose ticket
// could not be made, with why, and whether they will be tried again.
func (h *AIAgent) handoffProblems(c *fiber.Ctx) ([]pages.HandoffProblem, error) {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	jobs, err := h.Handoffs.Failing(ctx, shopID, conversation.JobExternalHandoff, 10)
	if err != nil {
		return nil, err
	}
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return nil, err
	}
	out := make([]pages.HandoffProblem, 0, len(jobs))
	for _, j := range jobs {
		var p struct {
			ConversationID int64 `json:"conversation_id"`
		}
		if j.DecodePayload(&p) != nil {
			continue
		}
		out = append(out, pages.HandoffProblem{TicketHref: ticketHref(p.ConversationID), Reason: j.LastError,
			When: i18n.DateTime(ctx, j.UpdatedAt.In(shop.Location())), Retrying: j.Status == storage.JobQueued})
	}
	return out, nil
}

// writeForm writes the form alone for htmx, else the whole page.
func (h *AIAgent) writeForm(c *fiber.Ctx, status int, f pages.AIAgentForm) error {
	c.Vary("HX-Request")
	if web.IsHTMX(c) {
		return web.Component(c, status, pages.AIAgentSettingsForm(f))
	}
	return h.writePage(c, status, f, h.tryView())
}
