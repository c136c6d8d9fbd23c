package storage_test

import (
	"errors"
	"testing"
	"time"

	"hubchat/storage"
)

// smsSaleFixture is a dashboard fixture (USD, New York) whose shop credits
// SMS sales by its SMS attribution settings; a customer of it texts the AI
// agent, which texts back at textAt.
type smsSaleFixture struct {
	*dashboardFixture
	texter  chatFixture
	sms     storage.PostResult
	aiText  storage.Message
	textAt  time.Time
	orderID int64
}

func newSMSSaleFixture(t *testing.T, window int, touchpoint string) *smsSaleFixture {
	t.Helper()
	f := &smsSaleFixture{dashboardFixture: newDashboardFixture(t, "America/New_York"), orderID: 800}
	if _, err := storage.NewSMSAISettings(f.db, f.clock.Now).Save(f.ctx, storage.SMSAISettings{ShopID: f.shopID,
		AnswersSMS: true, WindowHours: window, Touchpoint: touchpoint}); err != nil {
		t.Fatal(err)
	}
	f.textAt = f.local("2026-06-10 09:00:00")
	f.setClock(f.textAt)
	f.customer++
	f.texter = newChatFixtureProfile(t, f.chatFixture, f.customer)
	res, err := f.convs.PostFromShopper(f.ctx, f.shopID, f.texter.profile.ID, storage.ShopperPost{ClientID: "twilio:SM1",
		Channel: storage.ChannelSMS, Body: "Any mugs?", Preview: "Any mugs?", AIAnswers: true})
	if err != nil {
		t.Fatal(err)
	}
	f.sms = res
	f.aiText = f.texter.aiReply(t, res, storage.AIReply{Body: "Blue mug, 24.00 USD: https://shop.example/apps/hubchat/click?l=x", Tag: "product_question"})
	if f.aiText.SMSStatus != storage.SMSSending {
		t.Fatalf("the agent's answer in an SMS conversation is %q, want queued to be texted", f.aiText.SMSStatus)
	}
	return f
}

// texted records that Twilio took the agent's text, with status.
func (f *smsSaleFixture) texted(t *testing.T, status string) {
	t.Helper()
	if err := f.convs.RecordSMSSent(f.ctx, f.shopID, f.aiText.ID, "SMai000000000000000000000000000001", status, ""); err != nil {
		t.Fatal(err)
	}
}

// click records a click on the texted link at at.
func (f *smsSaleFixture) click(t *testing.T, conv int64, at time.Time) {
	t.Helper()
	if _, err := storage.NewAttribution(f.db, f.clock.Now).RecordClick(f.ctx, f.shopID, storage.ProductClick{ConversationID: conv,
		ProductID: 9, ClickedAt: at}); err != nil {
		t.Fatal(err)
	}
}

// order saves an order of shopper's placed at placed, attributing it.
func (f *smsSaleFixture) order(t *testing.T, shopper chatFixture, total string, placed time.Time) {
	t.Helper()
	f.orderID++
	f.saveOrder(t, storage.Order{ShopifyID: f.orderID, Name: "#SMS", CustomerID: *shopper.profile.ShopifyCustomerID,
		Total: total, Currency: "USD", CreatedAt: placed, UpdatedAt: placed})
}

// salesOf is the week's sales of a channel as the dashboard splits them.
func (f *smsSaleFixture) salesOf(t *testing.T, channel string) storage.ChannelSales {
	t.Helper()
	got := f.figures(t, f.days(t, "2026-06-08", "2026-06-14"))
	if len(got.SalesByChannel) != len(storage.Channels) {
		t.Fatalf("sales by channel %+v, want every channel", got.SalesByChannel)
	}
	for _, s := range got.SalesByChannel {
		if s.Channel == channel {
			return s
		}
	}
	t.Fatalf("no %s in %+v", channel, got.SalesByChannel)
	return storage.ChannelSales{}
}

// An SMS order is credited by the shop's SMS window and touchpoint: a click
// on a texted link, or the agent's text itself, within the window; not
// after it, not by a text Twilio could not deliver, not by a click when
// the touchpoint is the text received.
func TestSMSSalesFollowTheConfiguredWindowAndTouchpoint(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		window     int
		touchpoint string
		status     string        // what Twilio reported of the agent's text
		clickAfter time.Duration // after the text; 0: no click
		placed     time.Duration // the order, after the text
		want       string        // the SMS sales of the week
	}{
		{"click within 72 hours, past web chat's 24", 72, storage.TouchpointClick, "delivered", time.Hour, 49 * time.Hour, "40.00"},
		{"click older than the window", 72, storage.TouchpointClick, "delivered", time.Hour, 74 * time.Hour, "0.00"},
		{"no click, touchpoint click", 72, storage.TouchpointClick, "delivered", 0, 2 * time.Hour, "0.00"},
		{"text received within 5 days", 120, storage.TouchpointReceived, "delivered", 0, 119 * time.Hour, "40.00"},
		{"text received, older than the window", 2, storage.TouchpointReceived, "sent", 0, 3 * time.Hour, "0.00"},
		{"text undelivered", 120, storage.TouchpointReceived, "undelivered", 0, 2 * time.Hour, "0.00"},
		{"a click does not count when the text is the touchpoint", 1, storage.TouchpointReceived, "delivered", 90 * time.Minute, 2 * time.Hour, "0.00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newSMSSaleFixture(t, tc.window, tc.touchpoint)
			f.texted(t, tc.status)
			if tc.clickAfter != 0 {
				f.click(t, f.sms.Conversation.ID, f.textAt.Add(tc.clickAfter))
			}
			f.order(t, f.texter, "40.00", f.textAt.Add(tc.placed))
			if got := f.salesOf(t, storage.ChannelSMS); got.Sales != tc.want {
				t.Fatalf("SMS sales %+v, want %s", got, tc.want)
			}
			if got := f.salesOf(t, storage.ChannelWebChat); got.Sales != "0.00" {
				t.Fatalf("web chat sales %+v, want none", got)
			}
		})
	}
}

// The dashboard splits the AI-generated sales by channel, and web chat
// keeps its 24 hours after a card click whatever SMS's window is.
func TestDashboardSplitsSalesByChannel(t *testing.T) {
	t.Parallel()
	f := newSMSSaleFixture(t, 72, storage.TouchpointClick)
	f.texted(t, "delivered")
	f.click(t, f.sms.Conversation.ID, f.textAt.Add(time.Hour))
	f.order(t, f.texter, "40.00", f.textAt.Add(30*time.Hour))
	web, webShopper := f.start(t, f.local("2026-06-11 10:00:00"), "Any lamps?", "This lamp.", "product_question")
	f.click(t, web.Conversation.ID, f.local("2026-06-11 10:05:00"))
	f.order(t, webShopper, "15.50", f.local("2026-06-12 09:00:00")) // 23 hours after the click
	late, lateShopper := f.start(t, f.local("2026-06-11 11:00:00"), "Any rugs?", "This rug.", "product_question")
	f.click(t, late.Conversation.ID, f.local("2026-06-11 11:00:00"))
	f.order(t, lateShopper, "99.00", f.local("2026-06-12 12:00:00")) // 25 hours: web chat's window is over
	want := map[string]storage.ChannelSales{
		storage.ChannelWebChat: {Channel: storage.ChannelWebChat, Sales: "15.50", Orders: 1},
		storage.ChannelSMS:     {Channel: storage.ChannelSMS, Sales: "40.00", Orders: 1},
	}
	for ch, w := range want {
		if got := f.salesOf(t, ch); got != w {
			t.Errorf("%s: %+v, want %+v", ch, got, w)
		}
	}
	if got := f.figures(t, f.days(t, "2026-06-08", "2026-06-14")).Current; got.Sales != "55.50" || got.SalesOrders != 2 {
		t.Errorf("total sales %s in %d orders, want 55.50 in 2", got.Sales, got.SalesOrders)
	}
}

// The SMS settings refuse a window outside an hour to 30 days and an
// unknown touchpoint, and keep what was stored.
func TestSMSAISettingsRefuseBadValues(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	store := storage.NewSMSAISettings(f.db, f.clock.Now)
	if got, err := store.Get(f.ctx, f.shopID); err != nil || got != storage.DefaultSMSAISettings(f.shopID) {
		t.Fatalf("defaults %+v %v", got, err)
	}
	good := storage.SMSAISettings{ShopID: f.shopID, AnswersSMS: true, WindowHours: 48, Touchpoint: storage.TouchpointReceived}
	if _, err := store.Save(f.ctx, good); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []storage.SMSAISettings{
		{ShopID: f.shopID, WindowHours: 0, Touchpoint: storage.TouchpointClick},
		{ShopID: f.shopID, WindowHours: 721, Touchpoint: storage.TouchpointClick},
		{ShopID: f.shopID, WindowHours: 24, Touchpoint: "opened"},
	} {
		if _, err := store.Save(f.ctx, bad); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("%+v saved: %v", bad, err)
		}
	}
	if got, _ := store.Get(f.ctx, f.shopID); got.WindowHours != 48 || got.Touchpoint != storage.TouchpointReceived || !got.AnswersSMS {
		t.Fatalf("stored %+v, want the good settings kept", got)
	}
	if _, err := store.Save(f.ctx, storage.SMSAISettings{ShopID: f.shopID + 999, WindowHours: 24, Touchpoint: storage.TouchpointClick}); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("unknown shop: %v", err)
	}
}
