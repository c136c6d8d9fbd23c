package builtin

import "hubchat/app/aiagent"

// shopperPhrasings are the everyday ways shoppers say what merchants write
// in their own words: "drop by" for a visit, "grab my order" for a pickup,
// "stock your candles" for wholesale, "a present" for a gift. A group that
// shares a name with one of synonyms_en.go adds to it (the analyzer merges
// groups by name); the rest are topics most shops write of and shoppers
// name differently. Ambiguous words ("trade", "turn up", "trip") are listed
// only in the phrases that tell their sense.
var shopperPhrasings = []synonymGroup{
	// Coming to the shop in person, however it is said.
	{"store", "", []string{"drop by", "drop in", "stop by", "stop in", "swing by", "pop in", "pop by", "pop over",
		"pop round", "come by", "come over", "come round", "come visit", "come and visit", "come see", "your place",
		"walk around", "look around", "in store", "instore", "visit you", "visiting", "grab my order", "grab it",
		"grab them", "get it in person", "collect it", "collect my order", "collection"}},
	// Selling the shop's goods in one's own shop.
	{"wholesale", "", []string{"stock your", "carry your", "sell your", "resell your", "my shop", "our shop",
		"my boutique", "our boutique", "gift shop", "retailer", "retailers", "stockists", "trade price",
		"trade prices"}},
	// Made for the shopper: names, messages, their own design.
	{"custom", "", []string{"custom made", "custom order", "custom orders", "custom label", "custom labels",
		"personalised", "engraved", "engraving", "monogram", "monogrammed", "bespoke", "made to order", "names on", "our names", "my name on",
		"their names"}},
	// Occasions shops make things for.
	{"events", "", []string{"event", "events", "wedding", "weddings", "getting married", "married", "bridal",
		"favours", "favors", "party favours", "party favors", "baby shower", "whats on", "what s on"}},
	// One stretch of doing a thing, without a break: a candle burnt "in one
	// go" is burnt so long "at a time".
	{"atatime", "", []string{"at a time", "in one go", "in one sitting", "in one stretch", "at one time", "in a row"}},
	// Being taught: a class is the merchant's workshop.
	{"classes", "", []string{"class", "classes", "workshop", "workshops", "lesson", "lessons", "tutorial",
		"tutorials", "teach", "teaches", "learn to", "learn how to", "learn to play"}},
	{"giftwrap", "", []string{"wrap it as a present", "wrap it as a gift", "wrap as a present", "wrapped as a present",
		"wrap a present", "wrap the present"}},
	// A present is a gift, and so is a thing sent for someone's birthday.
	{"gift", "", []string{"gift", "gifts", "gifting", "present", "presents", "birthday present",
		"christmas present", "as a gift", "for her birthday", "for his birthday", "for their birthday",
		"anniversary present"}},
	// Exchanging, said as trading or switching an item.
	{"exchange", aiagent.TagReturns, []string{"trade my", "trade it", "trade this", "trade them", "switch it for",
		"buy them off me", "buy it off me", "buy off me", "sell them to you", "sell it to you", "sell you my",
		"buy back", "buyback", "buy my old", "buy used", "pre owned", "preowned", "second hand", "secondhand"}},
	// Used once, in the words of the thing used.
	{"condition", aiagent.TagReturns, []string{"opened it", "lit it", "lit once",
		"burned it", "burnt it", "burned once", "rode it", "ridden", "rode once", "played it", "played once",
		"tried it", "washed it", "assembled it", "i rode", "rode a couple", "rode a few", "used a couple",
		"used a few times", "wore a couple", "worn a couple", "wore it a few"}},
	// Refunds in the shopper's words: their card, their dislike.
	{"returns", aiagent.TagReturns, []string{"back on my card", "back to my card", "money is back on my card", "money back on my card",
		"money back to my card", "money on my card", "refund on my card", "back on my credit card",
		"back to my credit card", "back in my account", "back into my account", "hate it", "hate the", "hated the",
		"hate how"}},
	// Not paying for something is its being free: "so I don't pay for delivery".
	{"free", "", []string{"don t pay for", "do not pay for", "not pay for", "not have to pay for",
		"don t have to pay for", "without paying for", "avoid paying for", "not paying for"}},
	// The parcel on its way, and leaving the shop.
	{"shipping", aiagent.TagShipping, []string{"in the truck", "in the van", "in the post", "in the mail",
		"survive the trip", "the trip to", "the journey", "on the journey", "during shipping", "during delivery",
		"ship out", "ships out", "send out", "sent out", "go out", "goes out", "leave the warehouse",
		"leave your warehouse", "leaves the warehouse", "leaves your warehouse"}},
	// Fastest, asked by when it is needed.
	{"express", aiagent.TagShipping, []string{"quickest option", "fastest option", "quickest delivery",
		"fastest delivery", "quickest shipping", "quickest way to get", "fastest way to get", "by tomorrow", "need it tomorrow",
		"get it tomorrow", "asap", "urgent", "urgently", "in a hurry", "in a rush"}},
	// Cold weather, in the shopper's words; "cold brew" is a coffee, not the weather.
	{"cold", "", []string{"cold", "freezing", "freeze", "frost", "frosty", "icy", "chilly", "below zero",
		"sub zero", "subzero"}},
	{"coldbrew", aiagent.TagProduct, []string{"cold brew", "cold brewed", "cold press"}},
	// The hour before which an order leaves the same day.
	{"cutoff", aiagent.TagShipping, []string{"cut off", "cutoff", "cut off time", "same day", "go out today",
		"goes out today", "ship today", "ships today", "shipped today", "leave today", "leaves today",
		"dispatched today", "sent today"}},
	// Trying a thing before buying it.
	{"trial", "", []string{"before i buy", "before buying", "before i purchase", "before purchasing",
		"before i commit", "try out", "test out", "try it out", "test it out", "try before", "test before",
		"try it first", "test drive", "test ride", "test rides", "demo", "demos", "demo copy", "demo copies"}},
	// Getting something the shop does not have in.
	{"specialorder", "", []string{"special order", "special orders", "order it in", "order in for me", "get hold of",
		"not on the shelf", "get it in for me"}},
	// Putting a thing together.
	{"assembly", aiagent.TagProduct, []string{"assemble", "assembly", "assembled", "assembling", "put together",
		"put it together", "put the bike together", "some assembly"}},
	// Moving an animal or a plant onto something new.
	{"transition", "", []string{"switch over", "move over", "changeover",
		"change over", "switching food", "switch food", "switch foods"}},
	{"repot", aiagent.TagProduct, []string{"repot", "repotting", "repotted", "bigger pot", "larger pot", "new pot",
		"pot up", "transplant", "transplanting"}},
	// Keeping a moving part running.
	{"lube", aiagent.TagProduct, []string{"lube", "lubricant", "lubricate", "lubricating", "lubrication",
		"oil my chain", "oil the chain", "oil my bike", "grease my chain", "grease the chain"}},
	// British and American spellings of one thing.
	{"tyre", aiagent.TagProduct, []string{"tyre", "tyres", "tire", "tires"}},
	{"grey", "", []string{"grey", "gray", "greys", "grays"}},
	{"aluminium", aiagent.TagProduct, []string{"aluminium", "aluminum"}},
	{"jewellery", aiagent.TagProduct, []string{"jewellery", "jewelry"}},
	{"flavour", aiagent.TagProduct, []string{"flavour", "flavours", "flavor", "flavors"}},
	// Pests and what is sprayed against them.
	{"pests", aiagent.TagProduct, []string{"pest", "pests", "bug", "bugs", "insect", "insects", "gnat", "gnats",
		"mite", "mites", "aphid", "aphids", "pesticide", "pesticides", "insecticide", "insecticides", "chemicals",
		"neonicotinoid", "neonicotinoids"}},
	// Whether a thing harms a pet or a child.
	{"toxic", aiagent.TagProduct, []string{"toxic", "non toxic", "nontoxic", "poisonous", "poison", "pet safe",
		"pet friendly", "safe for pets", "safe around pets", "safe for cats", "safe for dogs", "safe for my",
		"safe around my", "safe near my", "safe with my", "hurt her",
		"hurt him", "hurt my", "hurt them", "harm her", "harm him", "harm my", "harm them"}},
}
