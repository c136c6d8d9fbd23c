package conversation

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"

	"hubchat/app/aiagent"
	"hubchat/app/chat"
	"hubchat/app/productlink"
	"hubchat/storage"
)

// The AI agent's turns in an SMS conversation. The engine, the handoff and
// its rules are web chat's; what differs is that a text has no buttons and
// no sign-in:
//   - "did you mean…?" lists its choices as numbered lines, and a reply
//     that is one of the numbers asks that choice;
//   - the offer of a person asks for 1 (yes) or 2 (no), and that reply, or
//     a word for yes or no, answers it;
//   - the person is who their number says: a number on a customer's
//     account (matched when the text came in) is that customer, whose
//     orders the agent may look up, as a signed-in shopper's on web chat —
//     the phone on the account is what Shopify Inbox and Gorgias trust on
//     SMS too. The team can always text back, so a handoff needs no
//     sign-in. A number on no account cannot be verified by text: a
//     question about orders gets an offer of a person instead;
//   - a Zendesk or Gorgias handoff asks for an email address, and a reply
//     that is one is taken as it;
//   - product cards become short lines with their tracked links, at most
//     maxTextedCards (TextWriter);
//   - a number that opted out (STOP) gets nothing.

// TextWriter writes a reply of the agent's as the text a phone receives
// (app/sms).
type TextWriter interface {
	// Text is r as one text message: its body, its cards as short lines
	// with their links (absolute URLs), its choices as numbered lines, and
	// for an offer of a person how to answer it, in language.
	Text(r storage.AIReply, language string) string
	// StorefrontURL is the scheme and host the shop's tracked links are
	// opened at (its online store, whose app proxy serves the clicks).
	StorefrontURL(shop storage.Shop) string
}

// maxTextedCards is how many products one text lists: more is a catalog,
// not an answer, on a phone's screen.
const maxTextedCards = 3

// answerText is Answer for an SMS conversation: the agent's turn for the
// person's text p.MessageID.
func (a *Agent) answerText(ctx context.Context, c storage.Conversation, msgs []storage.Message, profile storage.Profile, p storage.AIAnswerJob) error {
	question, history, ok := questionAt(msgs, p.MessageID)
	if !ok || a.Texts == nil {
		return nil // a later text is answered instead
	}
	if profile.SMSOptedOutAt != nil {
		return nil // a number that opted out gets nothing
	}
	shop, err := a.Core.Shops.Get(ctx, c.ShopID)
	if err != nil {
		return err
	}
	language := p.Language
	w := wordsFor(language)
	text := strings.TrimSpace(question.Body)
	switch prev := lastAgentTurn(msgs, question.ID); {
	case prev.Kind == storage.KindHandoffOffer && yesOrNo(language, text) != 0:
		return a.answerTextedOffer(ctx, c, yesOrNo(language, text) > 0, language)
	case prev.Kind == storage.KindEmail && isEmail(text):
		_, err := a.LeaveEmail(ctx, c.ShopID, c.ProfileID, c.ID, text, language)
		return ignoreTextGone(err)
	case prev.Kind == storage.KindChoices:
		if choice, ok := pickedChoice(prev.Choices, text); ok {
			text = choice
		}
	}
	cfg, err := a.Settings.AIConfig(ctx, c.ShopID)
	if err != nil {
		return err
	}
	var customerID int64
	if profile.ShopifyCustomerID != nil {
		customerID = *profile.ShopifyCustomerID
	}
	ans, err := a.Engine.Answer(ctx, c.ShopID, aiagent.Question{Text: text, Language: language, History: history, CustomerID: customerID})
	if err != nil {
		return fmt.Errorf("answer text %d: %w", p.MessageID, err)
	}
	// The team texts back whoever texted: no sign-in before a handoff.
	d := decideReply(cfg, ans, Shopper{SignedIn: true, Email: profile.Email}, w)
	if d.reply.Kind == storage.KindSignIn { // orders of a number on no account
		d.reply.Body, d.reply.Kind = join(join(ans.Text, textWordsFor(language).cannotVerify), w.offerPerson), storage.KindHandoffOffer
	}
	if d.reply.Cards, err = a.textedCards(c, shop, ans.Cards); err != nil {
		return err
	}
	if d.external {
		d.reply.FollowUp = externalHandoffJob(c)
	}
	d.reply.ReplyTo = question.ID
	d.reply.Body = a.Texts.Text(d.reply, language)
	d.reply.Cards = nil // the text carries them: the ticket shows what the phone got
	d.reply.Preview = chat.Preview(d.reply.Body, previewLength)
	_, err = a.Conversations.RecordAIReply(ctx, c.ShopID, c.ID, d.reply)
	return ignoreTextGone(err)
}

// answerTextedOffer records the person's YES or NO to the offer of a
// person. YES hands the conversation to the team with the office-hours
// reply, or else a text saying the team will answer here; NO lets the
// agent go on.
func (a *Agent) answerTextedOffer(ctx context.Context, c storage.Conversation, accept bool, language string) error {
	answer := storage.HandoffAnswer{Accept: accept, Reply: wordsFor(language).declined}
	if accept {
		reply, err := a.Core.autoReply(ctx, c.ShopID)
		if err != nil {
			return err
		}
		if reply == "" {
			reply = textWordsFor(language).teamWillReply
		}
		answer = storage.HandoffAnswer{Accept: true, AutoReply: reply}
	}
	_, _, err := a.Conversations.AnswerHandoffOffer(ctx, c.ShopID, c.ProfileID, c.ID, answer)
	return ignoreTextGone(err)
}

// textedCards are the answer's first products with their tracked links,
// absolute at the shop's storefront (a phone has no page to be relative
// to), and short when the linker makes short links (TextLinker).
func (a *Agent) textedCards(c storage.Conversation, shop storage.Shop, in []aiagent.ProductCard) ([]storage.Card, error) {
	link := a.Cards.Link
	if short, ok := a.Cards.(TextLinker); ok {
		link = short.ShortLink
	}
	base := strings.TrimRight(a.Texts.StorefrontURL(shop), "/")
	out := make([]storage.Card, 0, maxTextedCards)
	for _, p := range in[:min(len(in), maxTextedCards)] {
		url, err := link(productlink.Card{ShopID: c.ShopID, ConversationID: c.ID, ProductID: p.ProductID, Handle: p.Handle})
		if err != nil {
			return nil, err
		}
		out = append(out, storage.Card{ProductID: p.ProductID, Title: p.Title, Price: p.Price, Currency: p.Currency, URL: base + url})
	}
	return out, nil
}

// TextLinker makes the short tracked links a text carries
// (productlink.Signer): a card's full link is some 270 characters.
type TextLinker interface {
	ShortLink(card productlink.Card) (string, error)
}

// ignoreTextGone is ignoreGone, and ends a turn whose person opted out
// while it ran.
func ignoreTextGone(err error) error {
	if errors.Is(err, storage.ErrSMSOptedOut) {
		return nil
	}
	return ignoreGone(err)
}

// lastAgentTurn is the agent's message just before the person's message
// id, when the agent spoke last; else the zero message.
func lastAgentTurn(msgs []storage.Message, id int64) storage.Message {
	for i, m := range msgs {
		if m.ID == id && i > 0 && msgs[i-1].Author == storage.AuthorAI {
			return msgs[i-1]
		}
	}
	return storage.Message{}
}

// pickedChoice is the choice a reply names by its number ("2", "2.",
// "#2").
func pickedChoice(choices []string, reply string) (string, bool) {
	reply = strings.TrimRight(strings.TrimLeft(strings.TrimSpace(reply), "#"), ".)")
	n, err := strconv.Atoi(reply)
	if err != nil || n < 1 || n > len(choices) {
		return "", false
	}
	return choices[n-1], true
}

// isEmail says a reply is an email address and nothing else.
func isEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == ""
}
