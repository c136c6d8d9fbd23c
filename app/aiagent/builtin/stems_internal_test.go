package builtin

import "testing"

// A stemmer that cuts a long word to its first three letters conflates
// unrelated words ("sólidos" and "solar" both to "sol"): the stem keeps
// two letters more, which the word's own forms still share, so "crema
// solar" is not answered by a passage on solid soaps and creams.
func TestAShortStemOfALongWordKeepsMoreLetters(t *testing.T) {
	es := languageFor("es")
	stem := func(w string) string { return fold(es.stem(w)) }
	if stem("sólidos") != stem("sólida") || stem("sólidos") == stem("solar") {
		t.Errorf("stems: sólidos %q, sólida %q, solar %q", stem("sólidos"), stem("sólida"), stem("solar"))
	}
	snap := faqShop("es",
		[2]string{"¿Cuándo caducan los productos?", "Los jabones y champús sólidos duran al menos 2 años. Las cremas, 12 meses una vez abiertas."},
		[2]string{"¿Cuánto cuesta el envío?", "El envío cuesta 4,95 €."},
		[2]string{"¿Qué formas de pago aceptáis?", "Tarjeta, PayPal y Bizum."})
	idx := buildIndex(snap, es, true)
	if a := idx.respond(es, normalized("¿tenéis crema solar?")); !a.Handoff {
		t.Errorf("answered %q: solid soaps are no sun cream", a.Text)
	}
}
