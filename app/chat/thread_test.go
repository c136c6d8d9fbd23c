package chat

import (
	"encoding/json"
	"strings"
	"testing"
)

// outline writes a view's elements compactly: "faqs welcome+ history
// composer:team", where "welcome+" is the welcome after the FAQs.
func outline(v ChatView) string {
	var parts []string
	for _, e := range v.Elements {
		s := string(e.Kind)
		switch e.Kind {
		case ElementWelcome:
			if e.AfterFAQs {
				s += "+"
			}
		case ElementComposer:
			s += ":" + e.To
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestViewCombinations(t *testing.T) {
	faqs := []FAQ{{ID: 1, Question: "Do you ship abroad?", Answer: "Yes."}}
	open := &CurrentConversation{ID: 12, Status: StatusOpen, MessageCount: 3}
	const login = "/account/login?return_url=%2Fproducts%2Fhat"

	tests := []struct {
		name     string
		faqs     []FAQ
		signedIn bool
		status   LoginStatus
		conv     *CurrentConversation
		want     string // outline; "" means no tab
		canChat  bool
	}{
		{"faqs, signed in, all, before", faqs, true, LoginAll, nil, "faqs welcome+ policies composer:team", true},
		{"faqs, signed in, all, after", faqs, true, LoginAll, open, "faqs welcome+ history composer:team", true},
		{"faqs, signed in, logged_in, before", faqs, true, LoginLoggedIn, nil, "faqs welcome+ policies composer:team", true},
		{"faqs, signed in, logged_in, after", faqs, true, LoginLoggedIn, open, "faqs welcome+ history composer:team", true},
		{"faqs, anonymous, all, before", faqs, false, LoginAll, nil, "faqs welcome+ sign_in", false},
		{"faqs, anonymous, all, after", faqs, false, LoginAll, open, "faqs welcome+ history sign_in", false},
		{"faqs, anonymous, logged_in, before", faqs, false, LoginLoggedIn, nil, "", false},
		{"faqs, anonymous, logged_in, after", faqs, false, LoginLoggedIn, open, "", false},
		{"no faqs, signed in, all, before", nil, true, LoginAll, nil, "welcome policies composer:team", true},
		{"no faqs, signed in, all, after", nil, true, LoginAll, open, "welcome history composer:team", true},
		{"no faqs, signed in, logged_in, before", nil, true, LoginLoggedIn, nil, "welcome policies composer:team", true},
		{"no faqs, signed in, logged_in, after", nil, true, LoginLoggedIn, open, "welcome history composer:team", true},
		{"no faqs, anonymous, all, before", nil, false, LoginAll, nil, "welcome sign_in", false},
		{"no faqs, anonymous, all, after", nil, false, LoginAll, open, "welcome history sign_in", false},
		{"no faqs, anonymous, logged_in, before", nil, false, LoginLoggedIn, nil, "", false},
		{"no faqs, anonymous, logged_in, after", nil, false, LoginLoggedIn, open, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := WidgetSettings{LoginStatus: tt.status, WelcomeMessage: "Hi! How can we help?",
				PrivacyURL: "https://shop.example/policies/privacy-policy", TermsURL: "https://shop.example/policies/terms-of-service", FAQs: tt.faqs}
			v := View(s, tt.signedIn, "/products/hat", tt.conv)
			if got := outline(v); got != tt.want {
				t.Errorf("outline = %q, want %q", got, tt.want)
			}
			if v.ShowTab != (tt.want != "") || v.CanChat != tt.canChat {
				t.Errorf("ShowTab = %v, CanChat = %v; want %v, %v", v.ShowTab, v.CanChat, tt.want != "", tt.canChat)
			}
			wantLogin := ""
			if !tt.signedIn && v.ShowTab {
				wantLogin = login
			}
			if v.LoginURL != wantLogin {
				t.Errorf("LoginURL = %q, want %q", v.LoginURL, wantLogin)
			}
		})
	}
}

func TestViewDetails(t *testing.T) {
	faqs := []FAQ{{ID: 2, Question: "Returns?", Answer: "30 days."}, {ID: 1, Question: "Shipping?", Answer: "3 days."}}
	base := WidgetSettings{LoginStatus: LoginAll, WelcomeMessage: "Hi!", PrivacyURL: "https://p", TermsURL: "https://t"}
	with := func(f func(*WidgetSettings)) WidgetSettings { s := base; f(&s); return s }

	tests := []struct {
		name     string
		s        WidgetSettings
		signedIn bool
		conv     *CurrentConversation
		want     string
	}{
		{"AI on: anonymous talks to the AI, may still sign in", with(func(s *WidgetSettings) { s.AIAgent = true }), false, nil, "welcome policies composer:ai sign_in"},
		{"AI on: signed in writes to the AI first", with(func(s *WidgetSettings) { s.AIAgent = true }), true, nil, "welcome policies composer:ai"},
		{"closed conversation is not shown, links return", base, true, &CurrentConversation{ID: 9, Status: StatusClosed, MessageCount: 5}, "welcome policies composer:team"},
		{"snoozed conversation is shown", base, true, &CurrentConversation{ID: 9, Status: StatusSnoozed, MessageCount: 5}, "welcome history composer:team"},
		{"conversation without messages counts as not sent", base, true, &CurrentConversation{ID: 9, Status: StatusOpen}, "welcome policies composer:team"},
		{"blank welcome is left out", with(func(s *WidgetSettings) { s.WelcomeMessage = " \n" }), true, nil, "policies composer:team"},
		{"no policy links, no policies block", with(func(s *WidgetSettings) { s.PrivacyURL, s.TermsURL = "", "" }), true, nil, "welcome composer:team"},
		{"terms only", with(func(s *WidgetSettings) { s.PrivacyURL = "" }), true, nil, "welcome policies composer:team"},
		{"faqs keep their order", with(func(s *WidgetSettings) { s.FAQs = faqs }), true, nil, "faqs welcome+ policies composer:team"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := View(tt.s, tt.signedIn, "/", tt.conv)
			if got := outline(v); got != tt.want {
				t.Errorf("outline = %q, want %q", got, tt.want)
			}
			for _, e := range v.Elements {
				switch e.Kind {
				case ElementHistory:
					if e.ConversationID != tt.conv.ID {
						t.Errorf("history of %d, want %d", e.ConversationID, tt.conv.ID)
					}
				case ElementPolicies:
					if e.PrivacyURL != tt.s.PrivacyURL || e.TermsURL != tt.s.TermsURL {
						t.Errorf("policies %q %q", e.PrivacyURL, e.TermsURL)
					}
				case ElementFAQs:
					if len(e.FAQs) != 2 || e.FAQs[0].ID != 2 {
						t.Errorf("faqs %v", e.FAQs)
					}
				case ElementWelcome:
					if e.Text != "Hi!" {
						t.Errorf("welcome %q", e.Text)
					}
				case ElementSignIn:
					if e.LoginURL != "/account/login?return_url=%2F" {
						t.Errorf("sign in %q", e.LoginURL)
					}
				}
			}
		})
	}
}

func TestViewJSON(t *testing.T) {
	v := View(WidgetSettings{LoginStatus: LoginLoggedIn}, false, "/", nil)
	b, _ := json.Marshal(v)
	if string(b) != `{"show_tab":false,"can_chat":false,"elements":[]}` {
		t.Errorf("hidden tab JSON = %s", b)
	}
	v = View(WidgetSettings{LoginStatus: LoginAll, WelcomeMessage: "Hi!", FAQs: []FAQ{{ID: 1, Question: "Q", Answer: "A"}}}, false, "/cart", nil)
	b, _ = json.Marshal(v)
	want := `{"show_tab":true,"can_chat":false,"login_url":"/account/login?return_url=%2Fcart","elements":[` +
		`{"kind":"faqs","faqs":[{"id":1,"question":"Q","answer":"A"}]},{"kind":"welcome","text":"Hi!","after_faqs":true},` +
		`{"kind":"sign_in","login_url":"/account/login?return_url=%2Fcart"}]}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
}

func TestLoginURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/products/hat", "/account/login?return_url=%2Fproducts%2Fhat"},
		{"/", "/account/login?return_url=%2F"},
		{"/search?q=red hat&page=2", "/account/login?return_url=%2Fsearch%3Fq%3Dred+hat%26page%3D2"},
		{"/collections/été", "/account/login?return_url=%2Fcollections%2F%C3%A9t%C3%A9"},
		{"", "/account/login?return_url=%2F"},
		{"//evil.example/x", "/account/login?return_url=%2F"},
		{"/\\evil.example", "/account/login?return_url=%2F"},
		{"/\t/evil.example", "/account/login?return_url=%2F"},
		{"/\n/evil.example", "/account/login?return_url=%2F"},
		{"https://evil.example/", "/account/login?return_url=%2F"},
		{"javascript:alert(1)", "/account/login?return_url=%2F"},
		{"products/hat", "/account/login?return_url=%2F"},
	}
	for _, tt := range tests {
		if got := LoginURL(tt.in); got != tt.want {
			t.Errorf("LoginURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
