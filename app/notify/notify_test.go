package notify_test

import (
	"strings"
	"testing"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/notify"
	"hubchat/storage"
)

func TestValidateAddress(t *testing.T) {
	tests := []struct {
		in, want string // want "" means refused
	}{
		{"ops@example.com", "ops@example.com"},
		{"  Jane.Cooper+chat@shop.example.co.uk ", "Jane.Cooper+chat@shop.example.co.uk"},
		{"équipe@exemple.fr", "équipe@exemple.fr"},
		{"", ""},
		{"   ", ""},
		{"not-an-email", ""},
		{"jane@", ""},
		{"@example.com", ""},
		{"jane@localhost", ""},
		{"jane@example", ""},
		{"jane@example.c", ""},
		{"jane@10.0.0.1", ""},
		{"jane@-example.com", ""},
		{"jane@example..com", ""},
		{"Jane <jane@example.com>", ""},
		{"jane@example.com, bob@example.com", ""},
		{`"jane doe"@example.com`, ""},
		{"jane doe@example.com", ""},
		{"jane@example.com\r\nBcc: x@evil.example", ""},
		{strings.Repeat("a", 250) + "@example.com", ""},
	}
	for _, tt := range tests {
		got, err := notify.ValidateAddress(tt.in)
		if tt.want == "" {
			if err == nil || !apperr.Is(err, apperr.Invalid) || apperr.MessageOf(err) == "" {
				t.Errorf("ValidateAddress(%q) = %q, %v; want an Invalid error with a message", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ValidateAddress(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestComposeQuotesTheMessageAndEscapesTheHTML(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	e, err := notify.Compose(notify.NewTicket{
		ShopName:     "Ben & Jerry's\r\nBcc: x@evil.example",
		Customer:     `<img src=x onerror=alert(1)>`,
		Message:      "Line one\n<script>alert(1)</script>",
		QuoteMessage: true,
		ReceivedAt:   time.Date(2026, 6, 7, 14, 4, 0, 0, ny),
		TicketURL:    "https://admin.shopify.com/store/s/apps/k/tickets/9",
	}, []string{"a@example.com"}, "hubchat.ticket.1.9")
	if err != nil {
		t.Fatal(err)
	}
	if e.Subject != "New chat from <img src=x onerror=alert(1)> — Ben & Jerry's Bcc: x@evil.example" || strings.ContainsAny(e.FromName, "\r\n") {
		t.Errorf("subject %q, from name %q: want one line each", e.Subject, e.FromName)
	}
	if !strings.Contains(e.Text, "> Line one\n> <script>alert(1)</script>\n") || !strings.Contains(e.Text, "Sunday, June 7 at 2:04 PM (EDT)") {
		t.Errorf("text:\n%s", e.Text)
	}
	for _, raw := range []string{"<script>", "<img", "Ben & Jerry"} {
		if strings.Contains(e.HTML, raw) {
			t.Errorf("HTML holds %q unescaped:\n%s", raw, e.HTML)
		}
	}
	if !strings.Contains(e.HTML, "&lt;script&gt;") || !strings.Contains(e.HTML, `href="https://admin.shopify.com/store/s/apps/k/tickets/9"`) {
		t.Errorf("HTML:\n%s", e.HTML)
	}
}

func TestComposeShortensALongMessage(t *testing.T) {
	e, err := notify.Compose(notify.NewTicket{ShopName: "S", Customer: strings.Repeat("N", 200), Message: strings.Repeat("word ", 1000), QuoteMessage: true}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if len([]rune(e.Subject)) > 140 || !strings.Contains(e.Text, "…") || len(e.Text) > 2600 {
		t.Fatalf("subject of %d characters, text of %d bytes", len([]rune(e.Subject)), len(e.Text))
	}
}

// By default the email is a summary: who, when, the channel, how many
// messages and the link, never the message (a card number typed in the
// chat stays out of the team's mailboxes).
func TestComposeWritesASummaryWithoutTheMessageByDefault(t *testing.T) {
	e, err := notify.Compose(notify.NewTicket{
		ShopName: "S", Customer: "Ada", Channel: storage.ChannelSMS, Messages: 3,
		Message: "card 4111 1111 1111 1111", ReceivedAt: time.Date(2026, 6, 7, 14, 4, 0, 0, time.UTC),
		TicketURL: "https://admin.shopify.com/store/s/apps/k/tickets/9",
	}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, part := range map[string]string{"text": e.Text, "HTML": e.HTML, "subject": e.Subject} {
		if strings.Contains(part, "4111") || strings.Contains(part, "card") {
			t.Errorf("the %s carries the message:\n%s", name, part)
		}
	}
	for _, want := range []string{"Ada", "SMS", "3 messages", "Sunday, June 7 at 2:04 PM", "/tickets/9"} {
		if !strings.Contains(e.Text, want) || !strings.Contains(e.HTML, want) {
			t.Errorf("the summary lacks %q:\n%s\n%s", want, e.Text, e.HTML)
		}
	}
}
