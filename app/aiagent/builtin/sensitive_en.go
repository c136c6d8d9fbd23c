package builtin

import "hubchat/app/aiagent"

// englishSensitive are the English topics that always go to a person,
// first match wins (sensitiveRule). They are written from what shoppers
// report, in the past or present tense; a question of what would happen
// ("what if it arrives broken?") is told apart by the hypothetical rules.
var englishSensitive = []sensitiveRule{
	{reason: ReasonPaymentDispute, tag: aiagent.TagReturns, patterns: regexps(
		`\bcharge ?backs?\b`, `\b(dispute|disputing|disputed)\b.*\b(charge|payment|transaction|bank|card|paypal)\b`,
		`\b(i m|i am|i ll|i will|going to|gonna|will be) (dispute|disputing)\b`,
		`\b(open|opening|file|filing|raise|raising) (a )?(dispute|claim) (with|on|through|at)\b`,
		`\b(call|calling|contact|contacting) my (bank|card company|credit card company)\b`,
		`\breverse (the|this|that) (charge|payment)\b`, `\bdouble (charged|billed)\b`, `\b(charged|billed) me twice\b`,
		// Charged more than once, as a report: "you charged my card twice",
		// not "will I be charged twice?".
		`\b(you|they|i was|i ve been|i have been|i got|we were|we got|we ve been|got|was|were) (charged|billed|debited)( \w+){0,3} (twice|two times|three times|double|2x)\b`,
		`\b(double|duplicate|duplicated) (charge|charges|payment|payments|billing)\b`)},
	{reason: ReasonLegal, patterns: regexps(
		`\b(lawyer|lawyers|attorney|attorneys|solicitor|solicitors|lawsuit|sue|suing|legal action|small claims|court|courts)\b`,
		`\b(consumer protection|trading standards|better business bureau|bbb|ftc)\b`,
		`\breport(ing)? (you|this|your (store|shop|company|business)) to\b`)},
	{reason: ReasonInjury, tag: aiagent.TagProduct, askable: true, patterns: regexps(
		`\b(had|have|having|got|get|gave me|caused|causing) (an |a )?(allergic reaction|reaction|rash|hives|burn|burns|blisters)\b`,
		`\ballergic reaction\b.*\b(my|me|i)\b`, `\b(injured|injury|hurt myself|hurt me|cut myself|burned me|burnt me|made me sick|made my \w+ sick|hospital|emergency room|er visit|poisoned)\b`,
		// Someone, or a pet, fell ill after using a product.
		`\b(got|gotten|became|been|fell|went) (really |very |so )?(sick|ill|unwell)\b`,
		`\b(vomiting|vomited|threw up|throwing up|diarrhea|diarrhoea|food poisoning|choked on)\b`,
		`\b(at|to) the (vet|vets|emergency vet|doctor|doctors|er)\b`, `\bvet (bill|bills|visit)\b`,
		`\b(i|we|he|she|they) (crashed|fell off|was thrown|got thrown|went over the (bars|handlebars|top))\b`)},
	{reason: ReasonFraud, patterns: regexps(
		`\b(fraud|fraudulent|scam|scammed|scammers?|stolen card|identity theft|hacked)\b`,
		`\bunauthori[sz]ed (charge|payment|purchase|transaction|order)s?\b`,
		`\b(didn t|did not|never) (make|place|authori[sz]e|order) (this|that|these|the|an|any)\b.*\b(order|charge|payment|purchase)s?\b`)},
	{reason: ReasonDamagedItem, tag: aiagent.TagReturns, askable: true, patterns: regexps(
		`\b(arrived|came|was|is|are|were|got here|showed up|turned up|it s|its|they re|theyre)( \w+){0,3} (`+enDamage+`)\b`,
		`\b(arrived|came|got here|showed up|turned up)( \w+){0,2} (opened|ripped open|torn open|missing|expired|stale|spoiled|rotten|melted|soaked|wet|dead|frozen|wilted|dying)\b`,
		// A living thing that did not survive the trip: "the plant died in the box".
		`\b(my|the|our|both|all|one of the|one of my) (\w+ )?(plant|plants|tree|trees|fish|succulents?|herbs?|flowers?) (died|is dead|was dead|are dead|were dead|froze)\b`,
		`\b(died|froze) (in|during|on) (the )?(box|transit|shipping|delivery|way|mail|post)\b`, `\bdead on arrival\b`,
		`\b(received|got|sent me|delivered) (a |an |the |my |two |some )?(\w+ )?(damaged|broken|defective|faulty|torn|ripped|cracked|smashed|crushed|used|wrong)\b`,
		`\b(stopped working|doesn t work|does not work|won t turn on|fell apart|came apart|broke after|broke on|broke the first|ripped after|tore after)\b`,
		// A fault found on arrival: "came with a bent wheel", "a huge rip in the sleeve".
		`\b(came|arrived|showed up|turned up|got here|was delivered|were delivered) with (a |an |some |the |two |one |no )?(\w+ ){0,2}(`+enDamage+`|damage|dent|dents|rip|rips|tear|tears|hole|holes|crack|cracks|scratch|scratches|stain|stains|chip|chips|scuff|scuffs|leak|leaks)\b`,
		`\b(a|an|big|huge|small|little|large|long|massive) (rip|tear|gash) (in|on|down|along) (the|my|it|its|one|both|each)\b`,
		`\b(there s|there is|there are|it has|it s got|found|noticed) (a |an |some |two |several )?(\w+ )?(hole|holes|crack|cracks|stain|stains|dent|dents|scratch|scratches|scuff|scuffs|chip|chips|leak|leaks)\b`,
		// A part giving way in use: "my fork snapped on the first ride".
		`\b(snapped|cracked|broke|tore|ripped|came off|fell off|gave out|died|quit working|wore through)( \w+){0,3} (after|on|within|during) (the |my |a |an |one |two |three |its |\d+ )?(first|second|third|week|weeks|day|days|month|months|use|uses|ride|rides|wash|washes|walk|walks|wear|wears|time|trip|hike)\b`,
		// A safety hazard.
		`\b(caught fire|catch fire|started a fire|sparked|sparking|sparks came|overheated|overheating|exploded|melted|electric shock|shocked me)\b`,
		// The wrong thing, or part of it missing.
		`\b(my|the|this|our) (order|package|parcel|delivery) (is|was) (wrong|incorrect|incomplete|missing (an?|some|one|two|the) \w+)\b`,
		`\b(is|was|are|were) missing from (my|the|our) (order|package|parcel|box|delivery)\b`,
		`\b(half|part|some|most|one|two) (of )?(my|the|our) (order|package|parcel|delivery|items?) (is|was|are|were) missing\b`)},
	{reason: ReasonAngry, patterns: regexps(
		`\b(useless|idiot|idiots|stupid|moron|morons|incompetent|pathetic|disgusting|disgrace|disgraceful|ridiculous|unacceptable|outrageous|rip ?off|ripoff|wtf|fuck\w*|shit\w*|bullshit|crap|crappy)\b`,
		`\b(worst|horrible|terrible|awful|appalling|shocking|lousy) (service|company|store|shop|experience|customer service|support)\b`,
		`\bthis is (a joke|insane|absurd|a disgrace)\b`, `\b(i m|i am|we re|we are|i ve been|getting|so|really) (so |really |getting )?(fed up|sick of|sick and tired)\b`,
		`^(fed up|sick of|sick and tired)\b`, `\bnever (again|buying|shopping|ordering)\b`,
		`\b(furious|livid|fuming|outraged|appalled|disgusted|frustrated|frustrating|infuriating|infuriated|pissed)\b`,
		`\b(i m|i am|we re|we are) (so |completely |totally |just |officially )?done with (you|your|this (company|store|shop))\b`,
		// Ignored, or let down again: "nobody answers my emails", "the third time".
		`\b(nobody|no one|noone|none of you) (answers|answered|replies|replied|responds|responded|gets back|got back|is answering|has answered|has replied|has responded|cares|helps|helped|bothered)\b`,
		`\b(no|zero|never got a|never got any|still no) (response|reply|replies|answer|answers)\b`,
		`\bthis is the (second|third|fourth|fifth|2nd|3rd|4th|5th) time\b`,
		`\b(second|third|fourth|fifth|2nd|3rd|4th|5th) time (i ve|i have|we ve|we have|i m|i am) (asked|asking|written|writing|emailed|called|contacted|complained)\b`,
		`\b(\d+|two|three|four|five|six|several|many) (days|weeks|months) and (nothing|still)\b`)},
}

// enDamage is how a shopper says what arrived is damaged or faulty.
const enDamage = `damaged|broken|defective|faulty|torn|ripped|cracked|smashed|crushed|dented|stained|leaking|leaked|shattered|moldy|mouldy|spoiled|spoilt|rotten|not working|bent|scratched|scuffed|chipped|snapped`
