package builtin

import "hubchat/app/aiagent"

// englishSynonyms are the words shoppers and merchants use for the same
// things in e-commerce support, by topic: shipping, returns, orders,
// payment, discounts, account, products and their care, the store itself.
// Phrases are joined before matching. A word with several senses in a
// shop's data ("open" a bag or a store, an "hour" ago or opening hours,
// "time", "dry" food) is listed only in the phrases that tell its sense.
var englishSynonyms = concat(shippingSynonyms, returnSynonyms, orderSynonyms, paymentSynonyms, storeSynonyms,
	productSynonyms, shopperPhrasings, englishNeeds)

// concat joins lists of synonym groups.
func concat(lists ...[]synonymGroup) []synonymGroup {
	var out []synonymGroup
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// Shipping: how, how fast, where to, for how much, and what is owed at the border.
var shippingSynonyms = []synonymGroup{
	{"shipping", aiagent.TagShipping, []string{"ship", "ships", "shipping", "shipped", "shipment", "shipments", "send",
		"sending", "delivery", "deliveries", "deliver", "delivered", "courier", "carrier", "dispatch", "postage", "post",
		"postal", "mail", "parcel", "package", "arrive", "arrival", "transit", "freight", "usps", "fedex", "dhl",
		"royal mail", "canada post"}},
	// Faster than standard, however the shop names it.
	{"express", aiagent.TagShipping, []string{"express", "expedited", "expedite", "overnight", "next day",
		"next day delivery", "rush", "priority", "two day", "2 day", "faster shipping"}},
	// Abroad, in general words; the countries and the places in them are
	// the gazetteer's (places_en.go), which links each to its country and
	// to these, so that one country never stands for another. "Outside"
	// alone is most often out of doors ("can it live outside"), abroad
	// only when a country follows.
	{"international", aiagent.TagShipping, []string{"international", "internationally", "abroad", "overseas",
		"worldwide", "country", "countries", "outside the country", "outside the us", "outside the usa",
		"outside the uk", "outside the eu", "outside of the us", "outside of the country", "outside canada"}},
	// The countries whose names are written in several ways.
	{"usa", aiagent.TagShipping, []string{"usa", "united states", "united states of america", "america", "the us",
		"the states", "u s", "u s a", "lower 48", "contiguous us", "continental us"}},
	{"uk", aiagent.TagShipping, []string{"uk", "united kingdom", "britain", "great britain", "the uk", "gb"}},
	{"europe", aiagent.TagShipping, []string{"europe", "eu", "european union", "european"}},
	{"duties", aiagent.TagShipping, []string{"customs", "duty", "duties", "import tax", "import taxes", "import fee",
		"import fees", "import charges", "customs fees", "customs charges", "tariff", "tariffs", "vat", "brokerage",
		"border fees", "tax", "taxes", "sales tax", "gst", "hst"}},
	// What an order must reach for free shipping or a deal.
	{"threshold", "", []string{"minimum order", "minimum spend", "minimum purchase", "order minimum", "spend enough",
		"spend over", "spend more than", "orders over", "order over", "orders above", "orders of", "threshold",
		"qualify for free", "certain amount", "minimum amount", "spend at least",
		// How much to spend, asked: "how much do I need to spend for free postage".
		"need to spend", "have to spend", "has to spend", "must spend", "to spend for", "spend to get", "minimum for",
		"the minimum to", "order total", "basket total", "cart total"}},
	// The basic tier of shipping, named by the shopper and the merchant
	// differently: "normal delivery" is the merchant's "standard shipping".
	{"standard", aiagent.TagShipping, []string{"standard", "standard shipping", "standard delivery", "standard post",
		"normal shipping", "normal delivery", "normal post", "regular shipping", "regular post", "regular mail",
		"basic shipping", "ground shipping", "economy shipping", "economy delivery", "cheapest shipping",
		"cheapest delivery", "cheapest option"}},
	{"duration", "", []string{"how long", "how many days", "how soon", "how much time", "day", "days", "business days",
		"minute", "minutes", "hour", "hours", "week", "weeks", "quickly", "fast", "window", "period", "deadline",
		"time limit", "until", "till", "soon", "month", "months", "year", "years", "turnaround", "lead time",
		"processing time", "when will", "when does", "when do", "when can i expect", "by when"}},
	{"tracking", aiagent.TagOrderStatus, []string{"track", "tracking", "tracker", "tracking code", "tracking number"}},
	{"address", aiagent.TagShipping, []string{"address", "addresses", "zip code", "postal code", "postcode"}},
}

// Returns, refunds and exchanges: whether, in what condition, and damage.
var returnSynonyms = []synonymGroup{
	// A "restocking fee" is a charge on a return, not stock coming back.
	{"returns", aiagent.TagReturns, []string{"return", "returns", "refund", "refunds", "refunded", "reimburse",
		"restocking fee", "restocking fees", "restock fee",
		"reimbursement", "money back", "send back", "send it back", "ship back", "take back", "store credit",
		"not happy", "unhappy", "didn't like", "don't like", "do not like", "did not like", "doesn't like",
		"does not like", "didn't love", "not a fan", "hated it", "won't eat", "won't touch", "will not eat", "refuses to eat", "not satisfied", "dissatisfied",
		"disappointed", "not for me", "changed my mind",
		// Where a refund goes: told of refunds only.
		"original payment method", "original form of payment",
		// A refund's money coming, in the words of a parcel's: "arrive" here
		// asks when the refund does, not the delivery.
		"refund arrive", "refund arrives", "refund to arrive", "refund will arrive", "refund to come through",
		"refund come through", "refund to go through", "refund go through", "refund to show up", "refund show up",
		"refund to appear", "refund to post", "refund to hit", "refund to be processed", "refund be processed",
		"money to arrive", "money arrive", "money to come back", "money come back", "money is back", "money to be back",
		"see my money", "see the money", "see my refund", "see the refund", "get my money", "receive my refund",
		"receive the refund", "get my refund", "get the refund"}},
	// An exchange is asked for in its own words: "swap it for a large",
	// "trade in my old one".
	{"exchange", aiagent.TagReturns, []string{"exchange", "exchanges", "exchanged", "exchanging", "swap", "swaps",
		"swapped", "swapping", "trade in", "trade ins", "trading in", "part exchange"}},
	// The condition an item is returned in, said either way: the merchant's
	// "unworn" answers the shopper's "I wore it once".
	{"condition", aiagent.TagReturns, []string{"unused", "not used", "haven't used", "never used", "used it",
		"used once", "already used", "lightly used", "unopened", "unworn", "never worn", "not worn", "worn", "wore",
		"worn once", "tried on", "sealed", "tags on", "tags still on", "original packaging", "original condition"}},
	{"damaged", aiagent.TagReturns, []string{"damaged", "broken", "break", "breaks", "broke", "defective", "faulty", "wrong item",
		"torn", "ripped", "faulty item", "defect", "defects", "falls apart", "fell apart", "falling apart",
		"comes apart", "came apart", "come apart", "stopped working", "stops working", "wears out", "wore out",
		"worn out", "gave out"}},
	{"warranty", aiagent.TagReturns, []string{"warranty", "warranties", "guarantee", "guaranteed", "repair",
		"repairs", "lifetime"}},
}

// Orders: changing or cancelling one, buying, and subscriptions.
var orderSynonyms = []synonymGroup{
	{"cancel", aiagent.TagOrderStatus, []string{"cancel", "cancellation", "cancelation", "cancelled", "canceled",
		"cancelling", "canceling"}},
	{"change", aiagent.TagOrderStatus, []string{"change", "modify", "edit", "amend", "mistake", "by mistake",
		"update my order", "fix my order", "correct my order", "wrong address", "change my address",
		"update my address", "change the address", "add to my order", "add an item", "add something",
		"remove an item", "take off my order"}},
	{"preorder", "", []string{"pre order", "pre orders", "preorder", "preorders", "back order", "back orders",
		"backorder", "backorders", "backordered"}},
	{"buy", "", []string{"buy", "buying", "purchase", "purchasing", "checkout", "check out", "place an order"}},
	{"pause", "", []string{"pause", "skip", "hold off", "put on hold", "on hold", "postpone", "suspend", "vacation",
		"on holiday", "going away", "delay my subscription", "delay my next"}},
	{"subscription", "", []string{"subscribe", "subscribing", "subscription", "subscriptions", "subscriber",
		"auto ship", "autoship", "recurring", "auto renew", "renewal", "automatic delivery", "automatic deliveries",
		"auto delivery", "auto deliveries", "repeat delivery", "repeat deliveries", "scheduled delivery",
		"scheduled deliveries", "regular delivery", "regular deliveries", "standing order", "auto replenish"}},
	{"benefit", "", []string{"perk", "perks", "benefit", "benefits", "advantage", "advantages", "worth it", "save",
		"saving", "savings", "what do i get", "what do you get", "what s included", "whats included",
		"what is included"}},
	{"wholesale", "", []string{"wholesale", "bulk", "corporate", "large order", "large quantity", "resell",
		"reseller", "stockist", "for my business", "for our business", "for my office", "for our office",
		"for my cafe", "for our cafe", "for my restaurant", "for our restaurant", "office order", "trade account"}},
}

// Payment, discounts, loyalty and accounts.
var paymentSynonyms = []synonymGroup{
	{"payment", "", []string{"pay", "payment", "payments", "owe", "owed", "payable"}},
	// A way to pay named is a question about the ways the shop takes.
	{"paymethods", "", []string{"ways to pay", "pay with", "pay by", "pay using", "pay via", "credit card", "credit cards", "debit card", "debit cards", "visa", "mastercard", "amex",
		"american express", "discover card", "paypal", "apple pay", "google pay", "shop pay", "venmo", "bitcoin",
		"crypto", "cryptocurrency", "bank transfer", "wire transfer", "cash on delivery"}},
	{"installments", "", []string{"installment", "installments", "instalment", "instalments", "pay later",
		// "Split" alone is as often a leaf's or a seam's ("split-leaf"): only its phrases.
		"buy now pay later", "split the payment", "split the cost", "split payment", "split payments",
		"split my payment", "split it into", "pay in parts", "into parts",
		"pay over time", "payment plan", "monthly payments", "pay monthly", "financing", "finance", "klarna",
		"afterpay", "affirm", "sezzle"}},
	// The ways something is done: "payment options" are its "methods".
	{"methods", "", []string{"method", "methods", "option", "options"}},
	{"price", "", []string{"price", "pricing", "cost", "costs", "how much", "expensive", "cheap", "cheaper",
		"cheapest", "pricey", "affordable", "fee", "charge",
		// What a shipping table or a gift card is priced by.
		"rate", "rates", "amount", "amounts", "denomination", "denominations"}},
	{"currency", "", []string{"currency", "currencies", "usd", "cad", "aud", "eur", "gbp", "euro", "euros",
		"dollar", "dollars", "us dollars", "canadian dollars", "exchange rate", "local currency"}},
	{"pricematch", aiagent.TagDiscounts, []string{"price match", "price matching", "price guarantee",
		"match a price", "match the price", "match prices", "match a cheaper price", "match a lower price",
		"match competitor", "beat a price", "beat a lower price", "beat the price", "beat any price", "match or beat", "cheaper elsewhere", "cheaper somewhere else", "another site",
		"another website", "another store", "another shop", "other sites", "competitor", "competitors"}},
	{"discounts", aiagent.TagDiscounts, []string{"discount", "discounts", "coupon", "coupons", "promo", "promotion",
		"voucher", "deal", "deals", "sale", "sales", "clearance", "code", "codes", "promo code", "discount code",
		"coupon code", "money off", "percent off", "black friday"}},
	// How hot or cold, which a shop states in degrees ("water at 200 °F").
	{"temperature", "", []string{"temperature", "temperatures", "temp", "temps", "degrees", "degree"}},
	// How heavy, which a shop states in kilograms or pounds ("up to 18 lb").
	{"weight", "", []string{"weight", "weigh", "weighs", "heavy", "heavier", "how heavy"}},
	// How old a player or a wearer must be: "ages 8+", "from age 4".
	{"age", "", []string{"age", "ages", "aged", "how old", "age range", "age group"}},
	{"giftwrap", "", []string{"gift wrap", "gift wrapping", "gift wrapped", "wrap it", "wrapped as a gift",
		"gift message", "gift note", "gift receipt", "gift box"}},
	{"giftcard", aiagent.TagDiscounts, []string{"gift card", "gift cards", "giftcard", "giftcards",
		"gift certificate", "gift certificates", "e gift card", "egift card", "gift voucher", "gift vouchers"}},
	{"firstorder", aiagent.TagDiscounts, []string{"first order", "first purchase", "first time buyer",
		"first time buyers", "first time customer", "first time customers", "first time ordering",
		"first time order", "first time shopping", "first time here", "first timer",
		"new customer", "new customers", "welcome discount", "welcome offer", "welcome code"}},
	{"loyalty", aiagent.TagDiscounts, []string{"loyalty", "reward", "rewards", "points", "loyalty program",
		"rewards program", "redeem", "earn", "earning", "earned"}},
	{"combine", aiagent.TagDiscounts, []string{"combine", "combined", "stack", "stacking", "together", "multiple",
		"more than one", "at the same time", "at once"}},
	{"free", "", []string{"free", "complimentary", "no charge", "no cost", "at no cost", "for free"}},
	{"expire", "", []string{"expire", "expires", "expired", "expiry", "expiration", "run out", "runs out", "valid",
		"validity", "last forever", "shelf life", "best before", "best by", "use by", "go bad", "goes bad"}},
	{"account", aiagent.TagAccount, []string{"account", "login", "log in", "logon", "sign in", "signin", "password",
		"register", "registration", "sign up", "signup", "username", "order history"}},
	{"newsletter", "", []string{"newsletter", "newsletters", "mailing list", "email list", "unsubscribe",
		"marketing emails", "promotional emails"}},
	{"privacy", "", []string{"privacy", "personal data", "my data", "personal information", "gdpr",
		"delete my data"}},
}

// The store itself: where it is, when it is open, how to reach it.
var storeSynonyms = []synonymGroup{
	{"store", "", []string{"store", "shop", "physical store", "showroom", "brick and mortar", "in person",
		"walk in", "walk into", "visit", "location", "pick up", "pickup", "collect"}},
	{"hours", "", []string{"opening hours", "opening times", "business hours", "working hours", "office hours",
		"store hours", "your hours", "hours of operation", "are you open", "you open", "open every day", "open daily",
		"open on", "open until", "open till", "open from", "is open", "are open", "re open", "what time",
		"closing time", "support hours", "pm",
		// When it closes, asked: "what time do you shut on Saturday".
		"do you close", "you close", "you shut", "do you shut", "close on", "shut on", "closing", "open late",
		"late opening", "latest you re open"}},
	// Which days, whichever are named: "open on Saturdays?" is answered by "Monday to Friday".
	{"weekdays", "", []string{"monday", "mondays", "tuesday", "tuesdays", "wednesday", "wednesdays", "thursday",
		"thursdays", "friday", "fridays", "saturday", "saturdays", "sunday", "sundays", "weekday", "weekdays",
		"weekend", "weekends", "days a week",
		// Asked without naming one: "what days do you ship?".
		"what days", "which days", "what day of the week", "which day of the week", "days of the week"}},
	// How often, asked: a passage that says "every 2 years" answers it (frequency.go).
	{"frequency", "", []string{"how often", "often", "frequency", "frequently", "how many times", "how regularly"}},
	{"contact", "", []string{"contact", "email", "phone", "call", "reach", "support", "customer service",
		"customer support", "customer care", "support team", "phone number", "email address", "get in touch",
		"helpline", "hotline"}},
}

// Products: sizing, stock, care, materials, and the kinds of things most
// shops sell.
var productSynonyms = []synonymGroup{
	{"size", aiagent.TagProduct, []string{"size", "sizes", "sizing", "fit", "fits", "big", "small", "large", "tight",
		"loose", "baggy", "measurement", "measurements", "measure", "dimensions", "run big", "run small",
		"run large", "true to size", "size chart", "size guide", "size up", "size down", "between sizes"}},
	{"stock", aiagent.TagProduct, []string{"stock", "in stock", "available", "availability", "sold out", "out of stock",
		"inventory", "any left"}},
	{"restock", aiagent.TagProduct, []string{"restock", "restocked", "restocking", "back in stock", "come back",
		"coming back", "be back", "replenish", "notify me"}},
	{"care", aiagent.TagProduct, []string{"wash", "washing", "washable", "laundry", "dryer", "tumble", "tumble dry",
		"line dry", "hang dry", "air dry", "dry clean", "clean", "care", "iron", "shrink", "shrinks", "shrinkage",
		"dishwasher"}},
	{"colour", aiagent.TagProduct, []string{"colour", "colours", "color", "colors", "shade", "shades",
		"colourway", "colorway"}},
	{"material", aiagent.TagProduct, []string{"material", "materials", "fabric", "made of", "made from", "made with",
		"contain", "contains", "ingredient", "ingredients", "composition"}},
	{"allergen", aiagent.TagProduct, []string{"allergen", "allergens", "allergy", "allergies", "allergic"}},
	{"origin", aiagent.TagProduct, []string{"made in", "manufactured", "manufacture", "country of origin",
		"produced in", "sourced", "sourcing"}},
	{"eco", "", []string{"eco friendly", "sustainable", "sustainability", "recyclable", "recycle", "recycled",
		"compostable", "compost", "biodegradable", "plastic free", "environment", "environmentally friendly"}},
	{"measure", "", []string{"ratio", "proportion", "scoop", "scoops", "spoon", "spoons", "tablespoon",
		"tablespoons", "teaspoon", "teaspoons", "gram", "grams"}},
	{"face", aiagent.TagProduct, []string{"face", "facial", "complexion"}},
	{"chapped", aiagent.TagProduct, []string{"chapped", "cracked", "dry lips", "cracking"}},
	{"acne", aiagent.TagProduct, []string{"acne", "pimples", "spots", "breakouts", "blemishes", "zits"}},
	{"vegan", aiagent.TagProduct, []string{"vegan", "vegans", "animal products", "animal derived",
		"animal ingredients", "plant based"}},
	{"farm", "", []string{"farm", "farms", "farmer", "farmers", "grower", "growers", "producer", "producers",
		"cooperative", "cooperatives", "co op"}},
	{"kids", aiagent.TagProduct, []string{"kid", "kids", "child", "children", "childrens", "toddler", "toddlers",
		"youth", "junior", "year old", "years old", "year olds", "yr old"}},
	{"dog", aiagent.TagProduct, []string{"dog", "dogs", "puppy", "puppies", "pup", "pups", "doggy"}},
	{"cat", aiagent.TagProduct, []string{"cat", "cats", "kitten", "kittens", "kitty"}},
	{"ebike", aiagent.TagProduct, []string{"e bike", "e bikes", "ebike", "ebikes", "electric bike", "electric bikes",
		"electric bicycle"}},
	{"backpack", aiagent.TagProduct, []string{"backpack", "backpacks", "daypack", "daypacks", "day pack",
		"rucksack", "knapsack", "hiking bag"}},
	{"tote", aiagent.TagProduct, []string{"tote", "totes", "tote bag", "shopping bag", "canvas bag", "shoulder bag"}},
	{"zipper", aiagent.TagProduct, []string{"zip", "zips", "zipper", "zippers"}},
	{"trousers", aiagent.TagProduct, []string{"pants", "trousers", "slacks", "chinos", "joggers"}},
	{"hoodie", aiagent.TagProduct, []string{"hoodie", "hoody", "sweatshirt", "pullover", "jumper", "sweater"}},
	{"jacket", aiagent.TagProduct, []string{"jacket", "coat", "shell", "raincoat", "parka", "anorak"}},
	{"tshirt", aiagent.TagProduct, []string{"tee", "tees", "t shirt", "t shirts", "tshirt", "tshirts"}},
	{"shoes", aiagent.TagProduct, []string{"shoe", "shoes", "sneaker", "sneakers", "trainers", "footwear"}},
	{"hat", aiagent.TagProduct, []string{"hat", "cap", "beanie", "toque"}},
	{"bottle", aiagent.TagProduct, []string{"bottle", "flask", "water bottle", "thermos", "tumbler"}},
	{"mug", aiagent.TagProduct, []string{"mug", "cup"}},
}
