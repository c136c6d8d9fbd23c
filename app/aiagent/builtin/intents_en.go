package builtin

import "regexp"

// englishIntents recognise what an English message wants before any
// retrieval (see intentRules).
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
	sensitive:   englishSensitive,
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
