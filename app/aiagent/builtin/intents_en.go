package builtin

import "regexp"

// What English shoppers call what they ordered and whom they ask for, as
// the intent rules read them.
const (
	enShipment = `(order|orders|package|packages|parcel|parcels|shipment|shipments|delivery|purchase|purchases|stuff|items?|things)`
	// enMine is one of the shopper's own: "my grinder order", "our last parcel".
	enMine = `(my|our)( \w+){0,3} ` + enShipment
	// enBoughtThing is a product of the shopper's own order, named for the
	// order: "the dog bed I ordered", "that grinder we bought".
	enBoughtThing = `(the|that|this|those|these|my|our)( \w+){1,4} (i|we) (just |recently )?(ordered|bought|purchased|paid for|preordered|pre ordered)`
	// enWhereWord asks where something sent is or when it comes; not a bare
	// "when", which asks of using a product as often ("when I wash the hoodie I bought").
	enWhereWord = `(where|when (will|does|do|is|are|s|should|can|might)|arrive|arrived|arriving|ship|shipped|shipping|` +
		`dispatched|sent out|on (its|the) way|coming|delivered|track|tracking|status|eta|yet|late|delayed|update|news|` +
		`get here|show up|showed up|turn up|turned up|waiting|left|gone out|been sent|sent out|release date|ship date|shipping date|` +
		`delivery date|arrival date|dispatch date)`
	// enCameButNot says part of an order came and part not: "the mat came
	// but not the dice", "got the box but the cards never arrived".
	enCameButNot = `(came|arrived|got here|turned up|showed up|was delivered|were delivered|got|received)\b.*\bbut (not|never) (the|my|our|a|an|any)\b`
	enStaff      = `(human|humans|person|people|agent|someone|somebody|representative|rep|staff|team|manager|supervisor|operator|support|customer service|customer care|customer support|mechanic|technician|specialist|expert|owner|employee)`
)

// englishIntents recognise what an English message wants before any
// retrieval (see intentRules).
var englishIntents = intentRules{
	human: regexps(
		// Asking to talk with someone, whoever they are at the shop.
		`\b(talk|speak|chat|complain)( to| with)( a| an| the| some| your| real| actual| live| one of your| someone from)* `+enStaff+`\b`,
		`\b(make|file|lodge|raise) a complaint\b`,
		`\b(want|need|get|give)( me)?( to| with)?( a| an| the| some| your)* (real |actual |live )?(human|person|agent|representative|rep|operator)\b`,
		`\b(connect|transfer|put|pass|forward)( me| this| it)?( through| over)?( to| with)( a| an| the| some| your)* `+enStaff+`\b`,
		`\b(real|live|actual) (person|human|agent)\b`, `\bhuman (being|agent|please)\b`, `\bescalat(e|ion)\b`,
		// Asking to be called or written back.
		// Not "call me when it's back in stock", which asks for a notice.
		`\b(call|phone|ring) me( back)?( (please|pls|asap|today|tomorrow|now|at|on|about|regarding|to discuss)\b.*)?$`,
		`\bgive me a (call|ring)\b`,
		`\b(can|could|would|will) (someone|somebody|anyone|you|one of you|your team) (get back to|reach out to|contact|email|text) me\b`,
		// Asking whether anyone is there: "is there a human?", "am I talking to a bot?".
		`\b(is there|are there|is this|am i (talking|chatting|speaking) (to|with)|are you) (a |an |any )?(real |actual |live )?(human|humans|person|people|someone|somebody|anyone|bot|robot|machine)\b`,
		`\b(anyone|anybody|someone|somebody) (there|here|around|available|online)\b`,
		`\b(contact|reach|get hold of|get ahold of|get through to) (a |an )?(real |actual |live )?(human|person|agent|representative|someone|somebody|anyone)\b`,
		`\b(help|answer) from (a|an|some|your) (real |actual |live )?(human|person|agent|representative)\b`,
		`\b(request|get|want|need|arrange|schedule|book)( a)? (call ?back|phone call)\b`, `\blive (chat|support|agent)\b`,
		`^(a |an )?(real |live )?(human|humans|agent|person|people|representative|rep|operator|customer service|customer support|someone)( please| pls| now)?$`,
	),
	orderStatus: regexps(
		// Where an order placed is: "status of my grinder order", "any news on our parcel".
		`\b(where|whereabouts|track|tracking|status|arriving|shipped|dispatched|coming|late|delayed|yet|update|news|eta)\b.*\b`+enMine+`\b`,
		`\b(when will|when does|when do|when is|when are|when s|has|have|did|is|are)( \w+)? (my|our)( \w+){1,3} (arrive|arriving|arrived|ship|shipped|shipping|dispatched|delivered|get here|be here|be delivered|on its way|on the way|go out|gone out|left|`+
			`been sent|sent out|been shipped|been dispatched|been posted|been mailed)\b`,
		`\b(when|how soon) (will|should|can|do) (i|we) (get|receive|expect|see) (my|our)\b`,
		`\b(where s|wheres|where is|where are|were is|were are) (my|our)\b`, `\btracking (number|link|code|info|details)\b.*\b(my|our)\b`,
		`\b(my|our)\b.*\btracking (number|link|code|info|details)\b`,
		`\btracking\b.*\b(my|our|the|last|latest|recent)( \w+){0,3} `+enShipment+`\b`,
		`\b(send|give|get) me (the |my |a )?tracking\b`,
		// "Got a tracking link for me?": the tracking asked for the shopper is of their order.
		`\btracking (number|link|code|info|details)( yet)? for (me|us)\b`,
		`\b(my|our) (order|package|parcel|shipment|delivery|purchase)\b.*\b(where|track|status|arrive|arrived|shipped|ship|dispatched|sent|coming|late|delayed|yet|received|when|lost|missing)\b`,
		`\bwhen (my|our)( \w+){1,3} (will|is going to|should|is gonna|are going to) (arrive|come|show up|turn up|get here|be here|be delivered|ship|be shipped)\b`,
		// Asked without the order: "has it shipped yet?".
		`\b(has|have|did) (it|they|everything)( been| already| actually| even)? (ship|shipped|send|sent|dispatch|dispatched|left|gone out|go out|post|posted|mail|mailed)\b`,
		// Ordered, and nothing yet: "I ordered last week and nothing yet".
		`\b(i|we) (ordered|placed an order|placed my order|bought|purchased)\b.*\b(nothing|not here|not arrived|not received|still (not|hasn t|haven t|waiting)|yet|where|when will|hasn t|haven t)\b`,
		`\b(order|package|parcel|delivery|shipment)s? (still )?(hasn t|has not|haven t|have not|didn t|did not|never|still hasn t) (arrived|arrive|come|came|shown up|showed up|turned up|been delivered|been shipped|shipped|been sent|got here)\b`,
		// Still waiting: "still waiting on my stuff", "I never got my package".
		`\b(waiting|waited) (on|for) (my|our|the|an?)( \w+){0,3} `+enShipment+`\b`,
		`\b(haven t|have not|hasn t|has not|didn t|did not|never|still not|not yet|yet to)( \w+)? (get|got|gotten|receive|received|seen) (my|our|the|an?)( \w+){0,3} `+enShipment+`\b`,
		`\b(what s|whats|what is|what) (happening|going on|up|happened|the latest) (with|to|on) (`+enMine+`|order (number |no |num )?\d+)\b`,
		`\b(any )?(update|news|updates) (on|about|for) `+enMine+`\b`,
		`\b(check|look up|lookup|find|locate|trace|chase|follow up on|follow up)( on| up)?( the status of)? `+enMine+`\b`,
		`\border status\b`, `\btrack (an |the )?order\b`, `\bwhere is order\b`, `\bstatus of order\b`,
		`\b(where|status|track|tracking|arrive|arrived|shipped|ship|dispatched|sent|delivered|when|yet|happening|going on|happened|update|news|eta|check)\b.*\border (number |no |num )?\d+\b`,
		`\border (number |no |num )?\d+\b.*\b(where|status|track|tracking|arrive|arrived|shipped|dispatched|sent|delivered|yet)\b`,
		`^(my )?order (number |no |num )?\d+$`,
		// A product of an order placed, named instead of the order: "where is
		// the kettle I bought", "when does my dog bed arrive", "tracking for my grinder".
		`\b`+enWhereWord+`\b.*\b`+enBoughtThing+`\b`, `\b`+enBoughtThing+`\b.*\b`+enWhereWord+`\b`,
		`\b(my|our)( \w+){1,3} (still )?(hasn t|has not|haven t|have not|didn t|did not|never|isn t|is not|aren t|are not|not)( yet| even)? `+
			`(arrived|arrive|come|came|shown up|showed up|turned up|got here|here|been delivered|delivered|been shipped|shipped|been sent|sent|been dispatched|dispatched|left)\b`,
		`\bwhen (am|are) (i|we) (getting|receiving|going to get|gonna get|going to receive|going to see) (my|our)\b`,
		`\b(track|trace) (my|our)\b`, `\btracking (number |link |code |info |details )?(for|on|of) (my|our)\b`,
		`\b(my|our)( \w+){1,3} tracking\b`, `\b(status|eta|whereabouts) (of|on|for) (my|our)\b`,
		`\b(i|we) (ordered|placed an order|bought|purchased|paid for)\b.*\b(status|tracking|eta|when does it|when do they|when is it|`+
			`is it (shipped|coming|on its way|here)|did (it|they) (ship|go out|leave)|arrive|arriving|on its way|any news|any update|any updates)\b`,
		// Part of an order came: "only half my order showed up", "where is the rest of my order".
		`\b(rest|remainder|other part|other half|remaining part|remaining items) of (my|our|the) `+enShipment+`\b`,
		`\b(part|half|some|one) of (my|our) `+enShipment+`( has| have| was| were| is| are)? (arrived|came|shown up|showed up|turned up|got here|been delivered|delivered|shipped|been shipped|here)\b`,
		`\bonly (got|received|part|half|some|one)\b.*\b(my|our) `+enShipment+`\b`,
		// Still waiting, or never got it: "still waiting for my kettle".
		`\bstill waiting (on|for) (my|our)\b`,
		// Asked of the shop: "did you send my tea yet", "when are you sending my stuff".
		`\b(did|have|has|when will|when are|when re) (you|u|you guys|they)( already| actually| even)? (send|sent|ship|shipped|sending|shipping|`+
			`dispatch|dispatched|dispatching|post|posted|mail|mailed|mailing) (my|our)\b`,
		`\b(can you|could you|please) (tell me|check|say|let me know) where( \w+)? (my|our)\b`, `\bwhere (my|our)( \w+){1,3} (is|are)\b`,
		`\b(delivery date|expected delivery|estimated delivery|arrival date|delivery estimate|expected arrival|estimated arrival|`+
			`ship date|shipping date|dispatch date) (for|of|on) (my|our)\b`,
		`\b(update|updates|news) (on|about|for|regarding) (my|our)\b`,
		`\b(says|shows|showing|marked|marked as|tracking says) (it was |it s |as )?delivered\b.*\b(not|never|haven t|hasn t|didn t|nowhere)\b`,
		`\b(haven t|have not|hasn t|has not|didn t|did not|never|still not|not yet|yet to) (received|receive|gotten|got|get) (my|our)( \w+){1,3}$`,
		// The tracking of a product bought: "tracking # for the candle kit".
		`^(the )?tracking( number| no| code| info| link| details)?( please| pls)? (for|on|of) (the|my|our|that|this)\b`,
		// The tracking asked for and nothing else ("tracking number please"):
		// a chat with a shop asks it of the shopper's own order.
		`^(the |my |a |any )?tracking (number|no|code|info|link|details)( yet)?( please| pls| plz)?$`,
		// Held up: "why is my hoya order on hold", "my parcel is stuck".
		`\b(my|our)( \w+){0,3} `+enShipment+` (is |s |was |has been |been |still |seems )*(on hold|held up|stuck|pending|delayed|late)\b`,
		`\bwhy (is|has|hasn t|isn t|did|didn t) (my|our)( \w+){0,3} `+enShipment+`\b`,
		// Part of it came: "the dice and mat came but not the rpg box".
		`\b`+enCameButNot,
		// Ordered, and on its way? "I ordered a game on Monday, is it on the way".
		`\b(i|we) (ordered|placed an order|bought|purchased|paid for)\b.*\b(is it|are they|it s|they re) (on the way|on its way|coming|shipped|sent|out)\b`,
	),
	notOrderStatus: regexps(`\b(refund|refunds|money|reimbursement|credit|points|gift card|pick ?up|collect)\b`,
		// What else a shop sends: a code, an email, a receipt.
		`\b(discount code|promo code|coupon|confirmation email|email confirmation|password|newsletter|receipt|invoice)\b`,
		// Changing an order is a question of policy, whatever its status.
		`\b(cancel|cancelling|canceling|cancellation|change|modify|edit|amend|swap|exchange|return|returns|returning)\b`,
		// What would happen to an order, not where one is: a question of policy.
		`\bif (i|we) (order|buy|purchase|place|get|ordered|bought|purchased|placed)\b`,
		`\b(what if|what happens if|what happens when|in case|if (my|our|the|an?)( \w+){0,3} `+enShipment+`)\b`,
		`\b(can|could|may|would) (i|we) (get|have) (my|our) (\w+ )?(order|package|parcel|shipment|purchase|stuff|items?) (sent|shipped|delivered|dispatched|posted|wrapped)\b`,
		`\b(can|could|would|will|do) (you|u) (send|ship|deliver|post) (my|our) (\w+ )?(order|package|parcel|purchase|stuff|items?) to\b`,
		`\b(can|could) (my|our) (\w+ )?(order|package|parcel|shipment|purchase|stuff|items?) be (sent|shipped|delivered|dispatched|posted)\b`),
	partOfOrder: regexps(`\b`+enCameButNot, `\b(only (got|received|part|half|some|one)|(rest|remainder|other part|other half|remaining part|remaining items) of|`+
		`(part|half|some) of (my|our) `+enShipment+`)\b`),
	refundStatus: regexps(
		// Whether the shopper's own money came back: "did I get my money back
		// for the wax warmer", "has my refund gone through", "was I refunded".
		`\b(did|have|has) (i|we) (ever |already |actually )?(get|got|gotten|receive|received) (my|our|the|a|any) (money|refund|reimbursement|credit)\b`,
		`\b(did|have|has) (you|u|they|you guys)( already| actually| ever)? (refund|refunded|reimburse|reimbursed|credit|credited) (me|us|my|our|it|the|that|this)\b`,
		`\b(did|have|has) (you|u|they|you guys)( already| actually| ever)? (process|processed|issue|issued|send|sent|approve|approved|release|released) (my|our|the) (refund|reimbursement|money)\b`,
		`\b(was|were|has|have) (i|we|my|our|it|they)( \w+){0,3} (been )?(refunded|reimbursed|credited)\b`,
		`\b(has|have|did|is) (my|our|the) (refund|reimbursement|money)( \w+){0,3} (gone through|go through|went through|been processed|processed|been issued|issued|`+
			`been sent|sent|been approved|approved|come through|came through|arrived|cleared|posted|done|complete|completed|showed up|shown up)\b`,
		`\b(where s|wheres|where is|where are|status|update|updates|news|any word)\b.*\b(my|our) (refund|reimbursement|money back)\b`,
		`\b(my|our) (refund|reimbursement)\b.*\b(status|yet|hasn t|has not|haven t|didn t|never|not arrived|not received|still)\b`,
		`\b(haven t|have not|hasn t|has not|didn t|did not|never|still not|not yet|yet to)( \w+)? (get|got|gotten|receive|received|seen|see) (my|our|the|a|any) (refund|reimbursement|money)\b`,
		`\b(waiting|waited) (on|for) (my|our|the|a) (refund|reimbursement|money)\b`, `\brefund status\b`,
		`^(any )?refund (for|on|of) (my|our)\b`, `^(my|our) refund( status)?$`,
		`\b(refund|refunded|money back|reimbursed)\b.*\border (number |no |num )?\d+\b`,
		`\border (number |no |num )?\d+\b.*\b(refund|refunded|money back|reimbursed)\b`,
	),
	// A question of how refunds go, not of the shopper's own: "how long
	// until my refund arrives?" is answered by the policy's delay.
	notRefundStatus: regexps(`\b(how long|how many|how soon|how much time|when will|when do|when does|when should|when can|` +
		`what if|if (i|we|you|my|the|it)|in case|polic(y|ies)|can i|could i|do you|will you|will i|would i|do i)\b`),
	products: regexps(
		`^(need|want|looking for) (a|an|some)\b`, `^(something|anything)\b`,
		`\b(which|what) \w+( \w+)? (is|are|would be) (best|better|good|right) for\b`,
		`\bdo you (have|sell|carry|stock|make)\b`, `\b(looking|searching|shopping) for\b`, `\bshow me\b`,
		`\b(recommend|recommendation|suggest|suggestion)s?\b`, `\b(i want|i d like|i would like|i need) to buy\b`,
		`\bwhat (products|items) do you\b`, `\bdo you have any\b`, `\bi m looking\b`, `\bany good\b`,
		`^(got|have you got|you got|any) any\b`, `^(got|any) \w+( \w+)?$`, `\b(i need|i m after|i want) (a|an|some|new)\b`,
		// Asking what to get for a use or a person: "something so my bike
		// isn't stolen", "what can I use for iced coffee", "a gift for a runner".
		`\b(need|want|after|looking for) (something|anything)\b`, `\bwhat (can|could|should|do|would) (i|we) (use|get|buy|try) for\b`,
		`\bgift (ideas?|suggestions?)\b`, `\b(a|any) (good |nice |great )?gift for\b`,
	),
	sellsThing: regexps(`\b(do|does) (you|u|ya|you guys|your (shop|store)) (also |even |ever )?(sell|carry|stock|have|offer)( any| some)? `),
	greeting:   regexp.MustCompile(`^(good (morning|afternoon|evening|day)|hello|hullo|hiya|heya|howdy|greetings|hey|hi|yo|dear (team|sir|madam))( there| team| all| guys| folks| everyone| again)?\b`),
	// Thanks, and the acknowledgements that close an answer ("ok", "sounds
	// good"): a message that is nothing more is answered, not handed off.
	thanks: regexp.MustCompile(`^(thank you|thank u|many thanks|great thanks|ok thanks|okay thanks|perfect thanks|that s all|that is all|got it|thanks|thx|ty|cheers|awesome|perfect|great|` +
		`ok|okay|alright|all right|noted|understood|gotcha|sounds (good|great|perfect)|(i )?appreciate (it|that|your help|the help)|much appreciated|appreciated|` +
		`brilliant|lovely|wonderful|fantastic|excellent|that helps|that helped|(very |super |really )?helpful)\b`),
	orderNumber: regexp.MustCompile(`(?:#\s?|\border\s*(?:number|no\.?|num\.?|#)?\s*#?\s*)(\d{1,12})\b`),
	sensitive:   englishSensitive,
	productFacts: productRules{
		price:    regexps(`\b(how much|price|prices|pricing|cost|costs|priced)\b`),
		amountOf: regexp.MustCompile(`\bhow much (\w+ (does|do|did|should|would|will|can|could|must))\b`),
		stock: regexps(`\b(in stock|out of stock|sold out|available|availability|any left|still have)\b`,
			// Whether it can be had now: "can I buy the meter right now",
			// "do you still sell the blue mug", "did you run out of the oolong".
			`\b(can|could) (i|we) (still )?(buy|order|get|purchase)\b.*\b(now|right now|today|at the moment|currently)\b`,
			`\bstill (got|sell|selling|carry|carrying|stock|stocking|make|making|around)\b`,
			`\b(run|ran|running) out of\b`, `\ball gone\b`),
		restock: regexps(`\b(will|when|soon|restock|restocked|restocking|notify|come back|coming back)\b`),
		options: regexps(`\b(come|comes|available|offered|made|sold|it) in (a |an )?(size|sizes|colou?rs?|[a-z]{1,3}|\d+[a-z]*)\b`,
			`\b(what|which|any other|other) (sizes?|colou?rs?|options|styles|lengths|waists?|inseams?|variants?)\b`,
			`\b(sizes?|colou?rs?) (does|do|is|are|can|it)\b`),
		frame: regexp.MustCompile(`\b((can|could) (i|we) (still )?(buy|order|get|purchase)|right now|at the moment|currently|still)\b`),
		under: regexp.MustCompile(`\b(?:under|below|less than|cheaper than|max|maximum|up to|no more than|within)(?: usd| eur| gbp)? (\d+(?:[.,]\d+)?)\b`),
		over:  regexp.MustCompile(`\b(?:over|above|more than|at least)(?: usd| eur| gbp)? (\d+(?:[.,]\d+)?)\b`),
	},
	measures: englishMeasures,
	hypothetical: regexps(`\b(what if|what happens if|what happens when|in case|if (my|the|a|an|it|i|your|one|something|anything|items?|products?|orders?))\b`,
		`\bpolic(y|ies)\b`, `\b(do|does|will|would) (you|your)\b.*\b(replace|refund|cover|accept|take back)\b`),
}
