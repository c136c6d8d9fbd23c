package conversation

import (
	"slices"
	"strings"

	"hubchat/app/aiagent"
	"hubchat/app/chat"
	"hubchat/storage"
)

// AIConfig is the merchant's AI agent settings the core decides by.
type AIConfig struct {
	Enabled bool
	// Handoff is how the agent hands off when it cannot help: to the inbox
	// (asking the shopper first), with the merchant's custom message, or to
	// the merchant's Zendesk or Gorgias.
	Handoff       chat.Handoff
	CustomMessage string
	// AnswersSMS says the agent, when Enabled, answers text messages too.
	AnswersSMS bool
	// Versions are the versions of the settings rows read (AI and SMSAI;
	// Chat is not the AI agent's), for the posts decided on them; zero
	// when the reader does not know them, which checks nothing.
	Versions storage.SettingsVersions
}

// Shopper is what the core knows of who it answers.
type Shopper struct {
	SignedIn bool   // a customer Shopify vouched for
	Email    string // where the team can follow up; "" when unknown
}

// decision is what the AI agent's turn does: the reply it stores, and the
// external ticket it queues, if any.
type decision struct {
	reply    storage.AIReply
	external bool // queue the Zendesk / Gorgias ticket
}

// decideReply turns the engine's answer to a shopper's message into the
// agent's turn (SPEC §2). When the agent cannot resolve the question (the
// engine hands off, or the shopper asked for a person) it hands off as the
// merchant chose:
//   - Inbox: it asks whether the shopper wants a person (Yes / No); an
//     anonymous visitor is asked to sign in first (SPEC §1.1);
//   - Custom message: the merchant's text, and it stops;
//   - Zendesk or Gorgias: a ticket there with the transcript, and it tells
//     the shopper the team will follow up by email; a visitor without an
//     email is asked for one first.
//
// Otherwise it answers with the engine's text and product cards, or, when
// the engine could not tell two answers apart, asks "did you mean…?" with
// its choices as buttons. Either way the conversation's tag is the answer's.
func decideReply(cfg AIConfig, ans aiagent.Answer, who Shopper, w words) decision {
	r := storage.AIReply{Kind: storage.KindText, Tag: string(ans.Tag)}
	if !(ans.Handoff || ans.Intent == aiagent.IntentHuman) {
		r.Body = ans.Text
		switch choices := ChoicesOf(ans.Choices); {
		case ans.SignIn: // an anonymous visitor asked about their orders
			r.Kind = storage.KindSignIn
			if r.Body == "" {
				r.Body = w.signInForOrders
			}
		case len(choices) > 0:
			r.Kind, r.Choices = storage.KindChoices, choices
			if r.Body == "" {
				r.Body = w.didYouMean
				if len(choices) == 1 {
					r.Body = w.didYouMeanThis
				}
			}
		}
		return decision{reply: r}
	}
	lead := ans.Text // what the agent could say before handing off
	switch cfg.Handoff {
	case chat.HandoffCustom:
		r.Body, r.Handoff = cfg.CustomMessage, storage.HandoffCustomMessage
		return decision{reply: r}
	case chat.HandoffZendesk, chat.HandoffGorgias:
		if who.Email == "" {
			r.Body, r.Kind = join(lead, w.askEmail), storage.KindEmail
			return decision{reply: r}
		}
		r.Body, r.Handoff = join(lead, w.followUpByEmail(who.Email)), storage.Handoff(cfg.Handoff)
		return decision{reply: r, external: true}
	}
	if !who.SignedIn {
		r.Body, r.Kind = join(lead, w.signInForTeam), storage.KindSignIn
		return decision{reply: r}
	}
	r.Body, r.Kind = join(lead, w.offerPerson), storage.KindHandoffOffer
	return decision{reply: r}
}

// The bounds of a "did you mean…?": the buttons a shopper reads at a
// glance, each a title short enough for a button.
const (
	maxChoices      = 4
	maxChoiceLength = 200
)

// ChoicesOf is the engine's choices as the shopper sees them, buttons:
// trimmed, none empty or repeated (ignoring case), at most maxChoices,
// each at most maxChoiceLength characters; nil when none remains. One
// choice is a button too: "did you mean this?" of the one answer that
// came close, which the shopper confirms with a tap (shown as text, the
// question asked of nothing to pick).
func ChoicesOf(in []string) []string {
	var out []string
	for _, c := range in {
		c = strings.Join(strings.Fields(c), " ")
		if r := []rune(c); len(r) > maxChoiceLength {
			c = strings.TrimSpace(string(r[:maxChoiceLength-1])) + "…"
		}
		repeated := slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, c) })
		if c != "" && !repeated && len(out) < maxChoices {
			out = append(out, c)
		}
	}
	return out
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n\n" + b
}
