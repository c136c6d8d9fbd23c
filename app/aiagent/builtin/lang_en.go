package builtin

import (
	"regexp"

	"github.com/kljensen/snowball/english"

	"hubchat/app/aiagent"
)

func init() { register("en", englishLanguage) }

func englishLanguage() *language {
	return &language{
		code:         "en",
		stem:         cachedStemmer(func(w string) string { return english.Stem(w, true) }),
		stopword:     stopwords(english.IsStopWord, englishStopwords...),
		synonyms:     englishSynonyms,
		factGroups:   []string{"price", "stock", "restock"},
		optionGroups: []string{"size", "colour"},
		functionWords: []string{"does", "what", "where", "when", "which", "your", "have", "with", "there", "about",
			"would", "could", "should", "this", "that", "they", "their", "them", "from", "into", "were", "will"},
		intents: englishIntents,
		texts:   englishTexts,
	}
}

// englishStopwords are words of shoppers' questions that tell nothing of
// what they ask about, beyond the stemmer library's list.
var englishStopwords = []string{
	"please", "pls", "hi", "hello", "hey", "thanks", "thank", "would", "could", "like", "want", "know", "tell",
	"need", "get", "also", "just", "really", "question", "help", "ok", "okay", "yes", "anyone", "guys", "u", "ur",
	"im", "dont", "cant", "wont", "whats", "wheres", "hows", "thats", "s", "t", "go", "one", "way", "put", "take",
	"let", "see", "give", "keep", "find", "got", "getting", "something", "anything", "thing", "things", "offer",
	"provide", "still", "stuff", "guys", "folks", "people", "today", "real", "actually", "anyway", "make", "made",
	"sure", "wondering", "wonder", "maybe", "kind", "sort", "lot", "bit", "come", "comes", "came", "sell", "sells",
	"selling", "carry", "carries", "m", "d", "ll", "re", "ve", "many", "much", "vs", "versus", "per", "every", "each",
	"going", "gonna", "wanna", "wants", "wanted", "best", "better", "recommend", "back", "look", "looking", "searching", "happen",
	"happens", "happened", "work", "works", "didn", "doesn", "isn", "wasn", "aren", "haven", "hasn", "couldn",
	"wouldn", "shouldn", "honestly", "ok",
	// Who a purchase is for says nothing of what is asked.
	"cousin", "cousins", "friend", "friends", "mom", "mum", "mother", "dad", "father", "parents", "sister", "brother",
	"aunt", "uncle", "grandma", "grandmother", "grandpa", "grandfather", "wife", "husband", "boyfriend",
	"girlfriend", "partner", "son", "daughter", "family", "someone", "somebody",
}

// englishSynonyms are the words shoppers use for the same things, from
// e-commerce support questions; phrases are joined before matching.
var englishSynonyms = []synonymGroup{
	{"shipping", aiagent.TagShipping, []string{"ship", "shipping", "shipped", "send", "sending", "delivery", "deliver", "delivered",
		"courier", "carrier", "dispatch", "postage", "post", "mail", "parcel", "package", "arrive", "arrival", "transit"}},
	{"international", aiagent.TagShipping, append([]string{"international", "internationally", "abroad", "overseas",
		"worldwide", "country", "countries", "outside"}, countriesEnglish...)},
	{"returns", aiagent.TagReturns, []string{"return", "returns", "refund", "refunds", "refunded", "exchange",
		"reimburse", "money back", "send back", "send it back", "take back", "swap", "not happy", "unhappy",
		"didn't like", "don't like", "do not like", "did not like", "not satisfied", "dissatisfied", "disappointed",
		"not for me", "changed my mind"}},
	{"damaged", aiagent.TagReturns, []string{"damaged", "broken", "breaks", "defective", "faulty", "wrong item",
		"torn", "ripped", "faulty item"}},
	{"cancel", aiagent.TagOrderStatus, []string{"cancel", "cancellation", "cancelled", "canceled"}},
	{"tracking", aiagent.TagOrderStatus, []string{"track", "tracking", "tracker"}},
	{"discounts", aiagent.TagDiscounts, []string{"discount", "discounts", "coupon", "coupons", "promo", "promotion",
		"voucher", "deal", "deals", "sale", "promo code", "discount code", "coupon code"}},
	{"account", aiagent.TagAccount, []string{"account", "login", "log in", "logon", "sign in", "signin", "password",
		"register", "registration", "sign up", "signup", "username"}},
	{"size", aiagent.TagProduct, []string{"size", "sizes", "sizing", "fit", "fits", "big", "small", "large", "tight",
		"loose", "baggy", "measurement", "measure", "run big", "run small", "run large", "true to size", "size chart",
		"size guide"}},
	{"stock", aiagent.TagProduct, []string{"stock", "in stock", "available", "availability", "sold out", "out of stock",
		"inventory", "any left"}},
	{"restock", aiagent.TagProduct, []string{"restock", "restocked", "restocking", "back in stock", "come back",
		"coming back", "be back", "replenish", "notify me"}},
	{"expire", "", []string{"expire", "expires", "expired", "expiry", "expiration", "run out", "runs out", "valid",
		"validity", "good for", "last forever"}},
	{"backpack", aiagent.TagProduct, []string{"backpack", "backpacks", "daypack", "daypacks", "day pack",
		"rucksack", "knapsack", "hiking bag"}},
	{"tote", aiagent.TagProduct, []string{"tote", "totes", "tote bag", "shopping bag", "canvas bag", "shoulder bag"}},
	{"pause", "", []string{"pause", "skip", "hold off", "put on hold", "postpone", "delay", "suspend", "vacation",
		"holiday", "away"}},
	{"subscription", "", []string{"subscribe", "subscribing", "subscription", "subscriptions", "subscriber",
		"auto ship", "autoship", "recurring", "auto renew"}},
	{"benefit", "", []string{"perk", "perks", "benefit", "benefits", "advantage", "advantages", "worth it", "save",
		"saving", "savings", "what do i get", "what do you get"}},
	{"unused", aiagent.TagReturns, []string{"unused", "not used", "haven't used", "never used", "unopened",
		"unworn", "never worn", "not worn", "sealed", "tags on", "tags still on"}},
	{"measure", "", []string{"ratio", "proportion", "scoop", "scoops", "spoon", "spoons", "tablespoon",
		"tablespoons", "teaspoon", "teaspoons", "gram", "grams"}},
	{"face", aiagent.TagProduct, []string{"face", "facial", "complexion"}},
	{"chapped", aiagent.TagProduct, []string{"chapped", "cracked", "dry lips", "cracking"}},
	{"acne", aiagent.TagProduct, []string{"acne", "pimples", "spots", "breakouts", "blemishes", "zits"}},
	{"vegan", aiagent.TagProduct, []string{"vegan", "vegans", "animal products", "animal derived",
		"animal ingredients", "plant based"}},
	{"farm", "", []string{"farm", "farms", "farmer", "farmers", "grower", "growers", "producer", "producers",
		"cooperative", "cooperatives", "co op"}},
	{"wholesale", "", []string{"wholesale", "bulk", "office", "corporate", "business", "businesses", "cafe",
		"restaurant", "large order", "large quantity", "resell", "reseller", "stockist"}},
	{"free", "", []string{"free", "complimentary", "no charge", "no cost", "at no cost", "for free"}},
	{"change", aiagent.TagOrderStatus, []string{"change", "modify", "edit", "amend", "fix", "correct", "mistake",
		"by mistake", "update my order"}},
	{"buy", "", []string{"buy", "buying", "purchase", "purchasing", "checkout", "check out", "place an order"}},
	{"zipper", aiagent.TagProduct, []string{"zip", "zips", "zipper", "zippers"}},
	{"trousers", aiagent.TagProduct, []string{"pants", "trousers", "slacks", "chinos", "joggers"}},
	{"warranty", aiagent.TagReturns, []string{"warranty", "guarantee", "guaranteed", "repair", "repairs",
		"lifetime"}},
	{"store", "", []string{"store", "shop", "physical store", "showroom", "brick and mortar", "in person",
		"walk in", "walk into", "visit", "location", "pick up", "pickup", "collect"}},
	{"hours", "", []string{"opening hours", "open", "hours", "business hours", "working hours", "what time",
		"weekend", "weekends", "monday", "friday"}},
	{"care", aiagent.TagProduct, []string{"wash", "washing", "washable", "laundry", "dryer", "tumble", "clean",
		"care", "iron", "shrink", "shrinks", "shrinkage", "dry"}},
	{"colour", aiagent.TagProduct, []string{"colour", "colours", "color", "colors", "shade", "shades",
		"colourway", "colorway"}},
	{"material", aiagent.TagProduct, []string{"material", "fabric", "made of", "made from", "contain"}},
	{"combine", aiagent.TagDiscounts, []string{"combine", "combined", "stack", "stacking", "together", "multiple",
		"more than one", "at the same time", "at once"}},
	{"duration", "", []string{"how long", "how many days", "how soon", "day", "days", "business days", "week",
		"weeks", "time", "quickly", "fast", "window", "period", "deadline", "time limit", "until", "till", "within",
		"soon", "month", "months", "year", "years"}},
	{"price", "", []string{"price", "cost", "costs", "how much", "expensive", "cheap", "fee", "charge"}},
	{"payment", "", []string{"pay", "payment", "payments", "payment method", "payment methods", "credit card",
		"debit card", "accept"}},
	{"installments", "", []string{"installment", "installments", "instalments", "pay later", "split",
		"klarna", "afterpay"}},
	{"contact", "", []string{"contact", "email", "phone", "call", "reach", "support", "customer service",
		"customer support", "support team"}},
	{"hoodie", aiagent.TagProduct, []string{"hoodie", "hoody", "sweatshirt", "pullover", "jumper", "sweater"}},
	{"jacket", aiagent.TagProduct, []string{"jacket", "coat", "shell", "raincoat", "parka", "anorak"}},
	{"tshirt", aiagent.TagProduct, []string{"tee", "t shirt", "tshirt", "shirt"}},
	{"shoes", aiagent.TagProduct, []string{"shoe", "shoes", "sneaker", "sneakers", "trainers", "footwear"}},
	{"hat", aiagent.TagProduct, []string{"hat", "cap", "beanie", "toque"}},
	{"bottle", aiagent.TagProduct, []string{"bottle", "flask", "water bottle", "thermos", "tumbler"}},
	{"mug", aiagent.TagProduct, []string{"mug", "cup"}},
}

// countriesEnglish are countries and regions shoppers ask to ship to.
var countriesEnglish = []string{"canada", "usa", "us", "america", "united states", "mexico", "uk", "united kingdom",
	"england", "scotland", "wales", "ireland", "europe", "eu", "france", "germany", "spain", "portugal", "italy",
	"netherlands", "belgium", "switzerland", "austria", "poland", "sweden", "norway", "denmark", "finland",
	"australia", "new zealand", "japan", "china", "india", "singapore", "hong kong", "korea", "brazil",
	"argentina", "chile", "colombia", "peru", "south africa", "israel", "uae", "dubai", "puerto rico", "hawaii",
	"alaska",
	// Cities and regions shoppers name as a destination.
	"toronto", "montreal", "vancouver", "calgary", "ottawa", "quebec", "ontario", "british columbia", "london",
	"manchester", "edinburgh", "glasgow", "dublin", "paris", "berlin", "munich", "madrid", "barcelona", "lisbon",
	"rome", "milan", "amsterdam", "brussels", "zurich", "vienna", "warsaw", "stockholm", "oslo", "copenhagen",
	"sydney", "melbourne", "auckland", "tokyo", "seoul", "shanghai", "beijing", "mumbai", "delhi", "mexico city",
	"sao paulo", "buenos aires", "cape town", "tel aviv", "new york", "los angeles", "chicago", "miami", "texas",
	"california", "florida"}

var englishIntents = intentRules{
	human: regexps(
		`\b(talk|speak|chat)( to| with)( a| an| the| some| your| real| actual| live)* (human|person|people|agent|someone|somebody|representative|rep|staff|team|manager|operator|support|customer service)\b`,
		`\b(want|need|get|give|connect|transfer|put)( me)?( to| with| through to)?( a| an| the| some| your)* (real |actual |live )?(human|person|agent|representative|rep|operator)\b`,
		`\b(real|live|actual) (person|human|agent)\b`, `\bhuman (being|agent|please)\b`,
		`^(human|agent|person|representative|operator|customer service)( please)?$`,
	),
	orderStatus: regexps(
		`\b(where|track|tracking|status|arrive|arrived|arriving|shipped|ship|dispatched|sent|coming|late|delayed|yet|received)\b.*\b(my|our) (order|package|parcel|shipment|delivery|purchase|stuff|items?)\b`,
		`\b(when will|when does|when do|when is|when are|has|have|did|is|are)( \w+)? (my|our)( \w+){1,3} (arrive|arriving|arrived|ship|shipped|shipping|dispatched|delivered|get here|be here|be delivered|on its way|on the way)\b`,
		`\b(where s|wheres|where is|where are) (my|our)\b`, `\btracking (number|link|code|info|details)\b.*\b(my|our)\b`,
		`\b(my|our)\b.*\btracking (number|link|code|info|details)\b`,
		`\b(my|our) (order|package|parcel|shipment|delivery|purchase)\b.*\b(where|track|status|arrive|arrived|shipped|ship|dispatched|sent|coming|late|delayed|yet|received|when)\b`,
		`\b(what s|whats|what is) (happening|going on|up) with (my|our)( \w+){0,3} (order|package|parcel|shipment|delivery|purchase)\b`,
		`\b(any )?(update|news) on (my|our)( \w+){0,3} (order|package|parcel|shipment|delivery)\b`,
		`\border status\b`, `\btrack (an |the )?order\b`, `\bwhere is order\b`, `\bstatus of order\b`,
		`\b(where|status|track|tracking|arrive|arrived|shipped|ship|dispatched|sent|delivered|when|yet)\b.*\border (number |no |num )?\d+\b`,
		`\border (number |no |num )?\d+\b.*\b(where|status|track|tracking|arrive|arrived|shipped|dispatched|sent|delivered|yet)\b`,
	),
	notOrderStatus: regexps(`\b(refund|refunds|money|reimbursement|credit|points|gift card|pick ?up|collect)\b`,
		// What would happen to an order, not where one is: a question of policy.
		`\bif (i|we) (order|buy|purchase|place|get)\b`,
		`\b(can|could|may|would) (i|we) (get|have) (my|our) (\w+ )?(order|package|parcel|shipment|purchase|stuff|items?) (sent|shipped|delivered|dispatched|posted|wrapped)\b`,
		`\b(can|could|would|will|do) (you|u) (send|ship|deliver|post) (my|our) (\w+ )?(order|package|parcel|purchase|stuff|items?) to\b`,
		`\b(can|could) (my|our) (\w+ )?(order|package|parcel|shipment|purchase|stuff|items?) be (sent|shipped|delivered|dispatched|posted)\b`),
	products: regexps(
		`^(need|want|looking for) (a|an|some)\b`, `^(something|anything)\b`,
		`\b(which|what) \w+( \w+)? (is|are|would be) (best|better|good|right) for\b`,
		`\bdo you (have|sell|carry|stock|make)\b`, `\b(looking|searching|shopping) for\b`, `\bshow me\b`,
		`\b(recommend|recommendation|suggest|suggestion)s?\b`, `\b(i want|i d like|i would like|i need) to buy\b`,
		`\bwhat (products|items) do you\b`, `\bdo you have any\b`, `\bi m looking\b`, `\bany good\b`,
		`^(got|have you got|you got|any) any\b`, `^(got|any) \w+( \w+)?$`, `\b(i need|i m after|i want) (a|an|some|new)\b`,
	),
	greeting:    regexp.MustCompile(`^(good (morning|afternoon|evening|day)|hello|hiya|howdy|greetings|hey|hi|yo)( there| team| all| guys| everyone)?\b`),
	thanks:      regexp.MustCompile(`^(thank you|thank u|many thanks|great thanks|ok thanks|okay thanks|perfect thanks|that s all|that is all|got it|thanks|thx|ty|cheers|awesome|perfect|great)\b`),
	orderNumber: regexp.MustCompile(`(?:#\s?|\border\s*(?:number|no\.?|num\.?|#)?\s*#?\s*)(\d{1,12})\b`),
	sensitive: []sensitiveRule{
		{reason: ReasonPaymentDispute, tag: aiagent.TagReturns, patterns: regexps(
			`\bcharge ?backs?\b`, `\b(dispute|disputing|disputed)\b.*\b(charge|payment|transaction|bank|card|paypal)\b`,
			`\b(open|opening|file|filing|raise|raising) (a )?(dispute|claim) (with|on|through|at)\b`,
			`\b(call|calling|contact|contacting) my (bank|card company|credit card company)\b`,
			`\breverse (the|this|that) (charge|payment)\b`, `\b(charged|billed) (me )?twice\b`, `\bdouble (charged|billed)\b`)},
		{reason: ReasonLegal, patterns: regexps(
			`\b(lawyer|lawyers|attorney|attorneys|solicitor|solicitors|lawsuit|sue|suing|legal action|small claims|court|courts)\b`,
			`\b(consumer protection|trading standards|better business bureau|bbb|ftc)\b`)},
		{reason: ReasonInjury, tag: aiagent.TagProduct, askable: true, patterns: regexps(
			`\b(had|have|having|got|get|gave me|caused|causing) (an |a )?(allergic reaction|reaction|rash|hives|burn|burns|blisters)\b`,
			`\ballergic reaction\b.*\b(my|me|i)\b`, `\b(injured|injury|hurt myself|hurt me|cut myself|burned me|burnt me|made me sick|made my \w+ sick|hospital|emergency room|er visit|poisoned)\b`)},
		{reason: ReasonFraud, patterns: regexps(
			`\b(fraud|fraudulent|scam|scammed|scammers?|stolen card|identity theft|hacked)\b`,
			`\bunauthori[sz]ed (charge|payment|purchase|transaction|order)s?\b`,
			`\b(didn t|did not|never) (make|place|authori[sz]e|order) (this|that|these|the|an|any)\b.*\b(order|charge|payment|purchase)s?\b`)},
		{reason: ReasonDamagedItem, tag: aiagent.TagReturns, askable: true, patterns: regexps(
			`\b(arrived|came|was|is|are|were|got here|showed up|turned up|it s|its|they re|theyre)( \w+){0,3} (damaged|broken|defective|faulty|torn|ripped|cracked|smashed|crushed|dented|stained|leaking|shattered|moldy|mouldy|spoiled|not working)\b`,
			`\b(received|got|sent me|delivered) (a |an |the |my |two |some )?(\w+ )?(damaged|broken|defective|faulty|torn|ripped|cracked|smashed|crushed|used|wrong)\b`,
			`\b(stopped working|doesn t work|does not work|won t turn on|fell apart|came apart|broke after|broke on|broke the first|ripped after|tore after)\b`)},
		{reason: ReasonAngry, patterns: regexps(
			`\b(useless|idiot|idiots|stupid|moron|morons|incompetent|pathetic|disgusting|disgrace|disgraceful|ridiculous|unacceptable|outrageous|rip ?off|ripoff|wtf|fuck\w*|shit\w*|bullshit|crap|crappy)\b`,
			`\b(worst|horrible|terrible|awful|appalling|shocking|lousy) (service|company|store|shop|experience|customer service|support)\b`,
			`\bthis is (a joke|insane|absurd|a disgrace)\b`, `\b(fed up|sick of|sick and tired)\b`, `\bnever (again|buying|shopping|ordering)\b`)},
	},
	productFacts: productRules{
		price:   regexps(`\b(how much|price|prices|pricing|cost|costs|priced)\b`),
		stock:   regexps(`\b(in stock|out of stock|sold out|available|availability|any left|still have)\b`),
		restock: regexps(`\b(will|when|soon|restock|restocked|restocking|notify|come back|coming back)\b`),
		options: regexps(`\b(come|comes|available|offered|made|sold|it) in (a |an )?(size|sizes|colou?rs?|[a-z]{1,3}|\d+[a-z]*)\b`,
			`\b(what|which|any other|other) (sizes?|colou?rs?|options|styles|lengths|waists?|inseams?|variants?)\b`,
			`\b(sizes?|colou?rs?) (does|do|is|are|can|it)\b`),
		under: regexp.MustCompile(`\b(?:under|below|less than|cheaper than|max|maximum|up to|no more than|within)(?: usd| eur| gbp)? (\d+(?:[.,]\d+)?)\b`),
		over:  regexp.MustCompile(`\b(?:over|above|more than|at least)(?: usd| eur| gbp)? (\d+(?:[.,]\d+)?)\b`),
	},
	hypothetical: regexps(`\b(what if|what happens if|what happens when|in case|if (my|the|a|an|it|i|your|one|something|anything|items?|products?|orders?))\b`,
		`\bpolic(y|ies)\b`, `\b(do|does|will|would) (you|your)\b.*\b(replace|refund|cover|accept|take back)\b`),
}
