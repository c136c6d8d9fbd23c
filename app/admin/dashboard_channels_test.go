package admin_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

var channelPartRe = regexp.MustCompile(`data-part="([a-z_]+)"><dt>([^<]*)</dt><dd>([^<]*)</dd>`)

// The sales card splits the AI-generated sales by channel: web chat's by
// its 24 hours after a card click, SMS's by the shop's SMS settings (here
// three days after a click on a texted link); grouped by channel, the
// chart counts SMS conversations beside web chat's.
func TestDashboardSplitsSalesAndConversationsByChannel(t *testing.T) {
	t.Parallel()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	ctx := context.Background()
	if _, err := storage.NewSMSAISettings(e.DB, time.Now).Save(ctx, storage.SMSAISettings{ShopID: e.shopID, AnswersSMS: true,
		WindowHours: 72, Touchpoint: storage.TouchpointClick}); err != nil {
		t.Fatal(err)
	}
	web := e.shopper("Ana Web")
	res := e.ask(web, e.local("2026-06-02 10:00:00"), "Any mugs?", "This mug.", "product_question")
	e.sell(web, res.Conversation.ID, 9101, "20.00", e.local("2026-06-02 12:00:00"))
	texter := e.shopper("Sam Text")
	e.now = e.local("2026-06-03 09:00:00")
	sms, err := e.convs.PostFromShopper(ctx, e.shopID, texter.ID, storage.ShopperPost{ClientID: "twilio:SMdash1",
		Channel: storage.ChannelSMS, Body: "Any lamps?", Preview: "Any lamps?", AIAnswers: true})
	if err != nil {
		t.Fatal(err)
	}
	e.reply(sms, storage.AIReply{Body: "This lamp: https://shop.example/apps/hubchat/click?l=x", Tag: "product_question"})
	// Placed 48 hours after the click: past web chat's window, inside SMS's.
	e.sell(texter, sms.Conversation.ID, 9102, "75.25", e.local("2026-06-05 10:00:00"))
	page := e.page("/app/dashboard?" + weekQuery + "&group=channel")
	var parts []string
	for _, m := range channelPartRe.FindAllStringSubmatch(page, -1) {
		parts = append(parts, fmt.Sprintf("%s:%s=%s", m[1], m[2], m[3]))
	}
	if got := strings.Join(parts, " "); got != "web_chat:Web chat=$20.00 sms:SMS=$75.25" {
		t.Fatalf("sales by channel %q", got)
	}
	if values, _ := metrics(page); values["sales"] != "$95.25" {
		t.Fatalf("sales %q, want both channels' $95.25", values["sales"])
	}
	if got := fmt.Sprint(legend(page)); !strings.Contains(got, "web_chat=1") || !strings.Contains(got, "sms=1") {
		t.Fatalf("channel legend %s, want one web chat and one SMS conversation", got)
	}
}
