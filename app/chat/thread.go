package chat

import (
	"net/url"
	"strings"
)

// LoginStatus is the "login status" setting: who sees the Chat tab (SPEC
// §1.1); the values are those of chat_settings.login_status.
type LoginStatus string

// The login statuses.
const (
	LoginAll      LoginStatus = "all"       // every visitor; anonymous ones sign in to chat with the team
	LoginLoggedIn LoginStatus = "logged_in" // only signed-in customers see the tab
)

// FAQ is a published question with its answer, which the widget answers by
// itself, instantly, as an automated message.
type FAQ struct {
	ID       int64  `json:"id"`
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// WidgetSettings is what of the shop's chat settings decides what the widget shows.
type WidgetSettings struct {
	LoginStatus    LoginStatus
	WelcomeMessage string
	PrivacyURL     string
	TermsURL       string
	FAQs           []FAQ // published ones only, in display order
	AIAgent        bool  // the AI agent is on and answers first, anonymous visitors included
}

// CurrentConversation is the shopper's latest conversation on web chat, as
// far as the widget's view depends on it.
type CurrentConversation struct {
	ID           int64
	Status       Status
	MessageCount int
}

// ElementKind names one block of the Chat tab.
type ElementKind string

// The blocks, in the order they can appear.
const (
	ElementFAQs     ElementKind = "faqs"     // the published FAQs, to pick from
	ElementWelcome  ElementKind = "welcome"  // the welcome message
	ElementHistory  ElementKind = "history"  // the messages of the current conversation
	ElementPolicies ElementKind = "policies" // privacy policy and terms links, until the first message
	ElementComposer ElementKind = "composer" // the box to type and send
	ElementSignIn   ElementKind = "sign_in"  // sign in to chat with the team
)

// Element is one block of the Chat tab. Only the fields of its Kind are set.
type Element struct {
	Kind ElementKind `json:"kind"`
	// faqs
	FAQs []FAQ `json:"faqs,omitempty"`
	// welcome: AfterFAQs asks the widget to frame it as "Still need help?".
	Text      string `json:"text,omitempty"`
	AfterFAQs bool   `json:"after_faqs,omitempty"`
	// history
	ConversationID int64 `json:"conversation_id,omitempty"`
	// policies: either may be "" when the shop has no such page.
	PrivacyURL string `json:"privacy_url,omitempty"`
	TermsURL   string `json:"terms_url,omitempty"`
	// composer: who answers first, "ai" or "team".
	To string `json:"to,omitempty"`
	// sign_in
	LoginURL string `json:"login_url,omitempty"`
}

// ChatView is what the widget shows in the Chat tab, as data for the state
// answer of the storefront API (docs/chat-api.md), not markup.
type ChatView struct {
	ShowTab  bool      `json:"show_tab"`            // false: no Chat tab at all
	CanChat  bool      `json:"can_chat"`            // may chat live with the team
	LoginURL string    `json:"login_url,omitempty"` // set for a shopper who is not signed in
	Elements []Element `json:"elements"`
}

// View returns what the Chat tab shows (SPEC §1.1, §1.2), in order:
//  1. the FAQs, when any is published;
//  2. the welcome message, when set: on its own without FAQs, or after them
//     as "Still need help?";
//  3. the current conversation's history, while it is open or snoozed and has
//     a message (a closed one is never shown again);
//  4. the privacy and terms links, while the shopper has sent nothing in an
//     active conversation and may send (at least one link set);
//  5. the composer, for a signed-in shopper, or an anonymous one when the AI
//     agent is on (it talks to the AI, which answers first);
//  6. for an anonymous shopper, a sign-in prompt: live chat with the team
//     needs a customer account.
//
// With login status "logged_in" an anonymous visitor gets no tab at all.
// returnPath is the page the shopper is on, where signing in brings them back.
// Whether the shopper is signed in is Shopify's word only (the proxy's
// logged_in_customer_id), never the browser's.
func View(s WidgetSettings, signedIn bool, returnPath string, conv *CurrentConversation) ChatView {
	if !signedIn && s.LoginStatus != LoginAll {
		return ChatView{Elements: []Element{}}
	}
	v := ChatView{ShowTab: true, CanChat: signedIn, Elements: []Element{}}
	if !signedIn {
		v.LoginURL = LoginURL(returnPath)
	}
	add := func(e Element) { v.Elements = append(v.Elements, e) }

	if len(s.FAQs) > 0 {
		add(Element{Kind: ElementFAQs, FAQs: s.FAQs})
	}
	if w := strings.TrimSpace(s.WelcomeMessage); w != "" {
		add(Element{Kind: ElementWelcome, Text: w, AfterFAQs: len(s.FAQs) > 0})
	}
	// A conversation starts with the shopper's first message, so one with
	// messages means the shopper has written; a closed one no longer counts.
	sent := conv != nil && conv.Status.Active() && conv.MessageCount > 0
	if sent {
		add(Element{Kind: ElementHistory, ConversationID: conv.ID})
	}
	mayWrite := signedIn || s.AIAgent
	if mayWrite && !sent && (s.PrivacyURL != "" || s.TermsURL != "") {
		add(Element{Kind: ElementPolicies, PrivacyURL: s.PrivacyURL, TermsURL: s.TermsURL})
	}
	if mayWrite {
		to := "team"
		if s.AIAgent {
			to = "ai"
		}
		add(Element{Kind: ElementComposer, To: to})
	}
	if !signedIn {
		add(Element{Kind: ElementSignIn, LoginURL: v.LoginURL})
	}
	return v
}

// LoginURL returns the store's customer login page that brings the shopper
// back to returnPath once signed in: /account/login?return_url=<path>. Only a
// path on the store itself is kept: it must start with "/" and not "//" or
// "/\" (which browsers read as another host), and hold no control characters
// (browsers drop tabs and newlines, so "/\t/evil.example" would become
// "//evil.example"). Anything else returns to "/", so the link cannot be used
// to send shoppers to another site.
func LoginURL(returnPath string) string {
	if !isLocalPath(returnPath) {
		returnPath = "/"
	}
	return "/account/login?return_url=" + url.QueryEscape(returnPath)
}

func isLocalPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return false
	}
	return !strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f })
}
