package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// Of a policy's paragraphs, the one that matches the question in the
// shopper's own words ("how long": "2 to 4 business days") is quoted over
// a shorter one that matches only a synonym ("within the United Kingdom").
func TestTheParagraphInTheShoppersWordsWinsOverAShortMention(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Do you have a shop in town?", "Our showroom is open Monday to Saturday."},
		[2]string{"Which cards do you accept?", "Visa, Mastercard and PayPal."},
		[2]string{"How do I wash the wool socks?", "Wash cold and dry flat."})
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy",
		Body: "Orders placed before noon leave our warehouse in Leeds the same day, Monday to Friday.\n\n" +
			"Standard shipping takes 2 to 4 business days and costs £3.95, or nothing on orders over £40. " +
			"Next-day shipping costs £6.95 when you order before noon.\n\n" +
			"We ship within the United Kingdom only, and not to the Channel Islands."}}
	idx := buildIndex(snap, languageFor("en"), true)
	a := idx.answer(idx.analyse("how long does shipping take"), languageFor("en").texts)
	if a.Handoff || !strings.Contains(a.Text, "2 to 4 business days") {
		t.Errorf("answered %q (handoff %v), want the paragraph of the shipping times", a.Text, a.Handoff)
	}
}

// faqShop is a shop's knowledge of FAQs alone, in English unless locale says.
func faqShop(locale string, faqs ...[2]string) storage.KnowledgeSnapshot {
	snap := storage.KnowledgeSnapshot{ShopName: "Shop", StorefrontURL: "https://shop.example", Currency: "USD", Locale: locale}
	for i, f := range faqs {
		snap.FAQs = append(snap.FAQs, storage.FAQ{ID: int64(i + 1), Question: f[0], Answer: f[1], Published: true})
	}
	return snap
}

// A shopper's own number ("5 foot 8") counts half a word of the same
// rarity in coverage: that a policy's figures ("5 to 8 business days")
// hold the same numbers is chance more often than an answer.
func TestANumberCountsHalfAWord(t *testing.T) {
	snap := faqShop("en",
		[2]string{"What size bike do I need?", "Riders from 170 to 180 cm tall ride a medium frame."},
		[2]string{"Do you service bikes?", "Our workshop tunes any bike for $79."})
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy",
		Body: "Complete bikes ship for a flat $99 and arrive in 5 to 8 business days."}}
	idx := buildIndex(snap, languageFor("en"), true)
	weight := conceptWeights(idx, "frame for 5 foot 8")
	// "frame" and "8" are each in one document of three.
	if weight["frame"] == 0 || weight["8"] != weight["frame"]*numberWeight {
		t.Errorf("weights %v: want 8 at %.1f of frame", weight, numberWeight)
	}
}
