package builtin

import (
	"regexp"

	"hubchat/app/aiagent"
)

// This file keeps an answer to a question of a measure to one that gives
// a measure: "how long does it burn", "how many cups does it make", "how
// often should I oil my chain" ask for a number, a duration or a
// frequency, and a passage on the topic that gives none ("burns cleanly")
// answers another question.

// measureRules recognise, on the normalised text, a question that asks
// for a measure and an answer that gives one.
type measureRules struct {
	asks  []*regexp.Regexp
	gives *regexp.Regexp
	// dimension finds a physical size or capacity in a text: a number and
	// its unit ("16 oz", "3 x 6 inch", "200 ml").
	dimension *regexp.Regexp
	// lengthOf finds a question of how long a thing is ("how long is the
	// leash"), the thing's last word its group; length finds a length in
	// an answer's text ("6 ft", "120 cm"). Nil: none known.
	lengthOf, length *regexp.Regexp
	// inch is the unit a number's double prime stands for ("6\"" is
	// "6 inch"); "": the language's texts write none.
	inch string
}

// englishMeasures are English's: a price ("how much is it") is no measure
// here, since "free" answers it.
var englishMeasures = measureRules{
	asks: regexps(`\bhow (long|many|big|large|small|heavy|tall|wide|deep|far|often|hot|warm|cold|soon|quickly|fast)\b`,
		`\bhow much (does|do|will|would) (it|they|this|that|the \w+|each \w+) (weigh|hold|last|make|fit)\b`,
		`\bwhat (temperature|temp|ratio|pressure|wattage|capacity|volume|dimensions|weight)\b`),
	gives: regexp.MustCompile(`\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|` +
		`forty|fifty|sixty|hundred|dozen|half|once|twice|single|double|a few|several|` +
		`second|seconds|minute|minutes|hour|hours|day|days|week|weeks|month|months|year|years|daily|weekly|monthly|` +
		`yearly|annually|overnight|same day|next day|lifetime|forever|never)\b`),
	dimension: regexp.MustCompile(`\b\d+( \d+)?( x \d+( \d+)?)*( ?x)? ?(inch|inches|cm|mm|ft|foot|feet|oz|fl oz|ml|l|litre|litres|liter|liters|` +
		`qt|quart|quarts|gal|gallon|gallons|lb|lbs|pound|pounds|kg|g|gram|grams|cup|cups)\b`),
	lengthOf: regexp.MustCompile(`^how long (?:is|are) (?:the|this|that|these|those|your|a|an|my|its) (?:\w+ )?(\w+)$`),
	length: regexp.MustCompile(`(?i)\b\d+(\.\d+)?(\s|-)?(inch|inches|in|cm|mm|m|metre|metres|meter|meters|ft|foot|feet|yd|yard|yards)\b|` +
		`\d+(\.\d+)?\s?["”′]`),
	inch: "inch",
}

// spanishMeasures are Spanish's ("¿cuánto cuesta?" is a price, not one).
var spanishMeasures = measureRules{
	asks: regexps(`\bcuant(o|a)s\b`, `\bcada cuanto\b`,
		`\bcuanto (tarda|tardan|dura|duran|tiempo|pesa|pesan|mide|miden|ocupa|aguanta|aguantan|rinde|rinden|contiene|trae|traen)\b`,
		`\b(que|cual es la) (temperatura|tamano|capacidad|medida|medidas|proporcion|presion|potencia)\b`),
	gives: regexp.MustCompile(`\d|\b(un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|` +
		`treinta|cuarenta|cincuenta|cien|ciento|docena|media|medio|mitad|unos|varios|varias|` +
		`segundo|segundos|minuto|minutos|hora|horas|dia|dias|semana|semanas|mes|meses|ano|anos|diario|diaria|` +
		`semanal|mensual|anual|mismo dia|siempre|nunca)\b`),
	dimension: regexp.MustCompile(`\b\d+( \d+)?( x \d+( \d+)?)*( ?x)? ?(cm|mm|metros?|centimetros?|ml|l|litros?|cl|kg|g|gramos?|kilos?|tazas?|pulgadas?|oz)\b`),
}

// withoutMeasure hands off an answer to a question that asks for a
// measure when the answer's text gives none; other answers pass as they
// are.
func withoutMeasure(kit *languageKit, question string, a aiagent.Answer, t texts) aiagent.Answer {
	m := kit.intents.measures
	if a.Handoff || len(a.Choices) > 0 || !matchesAny(m.asks, question) || m.gives == nil ||
		m.gives.MatchString(normalized(a.Text)) {
		return a
	}
	return handedOff(a, t)
}

// withoutLength hands off an answer to a question of how long a thing
// the shop's products are named by is ("how long is the leash") when the
// answer gives no length: "how long" of a thing asks its length, and a
// passage on caring for it that says "after a few minutes" gives a
// duration. A question of how long a service lasts ("how long is
// shipping", "the warranty") names no product and passes.
func (idx *index) withoutLength(kit *languageKit, question string, a aiagent.Answer, t texts) aiagent.Answer {
	m := kit.intents.measures
	if a.Handoff || len(a.Choices) > 0 || m.length == nil || m.length.MatchString(a.Text) || !idx.asksLengthOfProduct(kit, question) {
		return a
	}
	return handedOff(a, t)
}

// asksLengthOfProduct reports whether question asks how long a thing the
// shop's products are named by is ("how long is the leash").
func (idx *index) asksLengthOfProduct(kit *languageKit, question string) bool {
	m := kit.intents.measures
	if m.lengthOf == nil {
		return false
	}
	thing := m.lengthOf.FindStringSubmatch(question)
	if thing == nil {
		return false
	}
	terms := idx.kit.analyzer.terms(thing[1])
	if len(terms) == 0 {
		return false
	}
	_, named := idx.nameTerms[terms[0]]
	return named
}

// lengthQuery is q, the analysis of question, without the words that ask
// "how long" when they ask a product's length: they stand for a duration
// in the synonym lists ("how long does shipping take"), which a product's
// length ("a 6-foot leash") never matches, so the product would cover too
// little of the question to answer it.
func (idx *index) lengthQuery(kit *languageKit, question string, q query) query {
	if !idx.asksLengthOfProduct(kit, question) {
		return q
	}
	a := idx.kit.analyzer
	p, ok := a.longestPhrase(a.tokens(question))
	if !ok {
		return q
	}
	var keep uint64
	for i, c := range q.concepts {
		if c.term != p.key {
			keep |= 1 << uint(i)
		}
	}
	return q.only(keep)
}

// handedOff is the handoff that replaces answer a, whose text does not
// answer the question asked: a's confidence and topic, no text of its own.
func handedOff(a aiagent.Answer, t texts) aiagent.Answer {
	return aiagent.Answer{Text: t.noAnswer, Confidence: a.Confidence, Handoff: true, HandoffReason: ReasonLowConfidence,
		Intent: aiagent.IntentQuestion, Tag: a.Tag}
}
