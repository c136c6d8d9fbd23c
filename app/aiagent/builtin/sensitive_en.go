package builtin

import "hubchat/app/aiagent"

// englishSensitive are the English topics that always go to a person,
// first match wins (sensitiveRule).
var englishSensitive = []sensitiveRule{
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
}
