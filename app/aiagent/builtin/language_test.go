package builtin_test

import (
	"context"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
)

// The index is analysed in the shop's primary locale, whatever the
// shopper's language: a Spanish shop's data is stemmed and matched with the
// Spanish synonyms for an English-speaking shopper too, once for both; the
// fixed sentences are the shopper's.
func TestTheShopsLocaleChoosesTheAnalysis(t *testing.T) {
	k := newMemoryKnowledge()
	k.set(1, faqShop("es-ES",
		[2]string{"¿Puedo devolver un producto?", "Tienes 30 días desde la entrega para devolver cualquier artículo sin usar."},
		[2]string{"¿Qué formas de pago aceptan?", "Aceptamos Visa, Mastercard y PayPal."}))
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	ask := func(text, lang string) aiagent.Answer {
		t.Helper()
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: text, Language: lang})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, lang := range []string{"en", "es"} {
		if got := source(ask("¿me devuelven el dinero?", lang)); got != "faq:¿Puedo devolver un producto?" {
			t.Errorf("a %s-speaking shopper's Spanish question: %s, want the returns FAQ by the Spanish synonyms", lang, got)
		}
	}
	if b := e.Builds(); b != 1 {
		t.Errorf("%d builds for shoppers of two languages, want 1: the shop's locale gives its index's language", b)
	}
	if a := ask("¿abren los domingos?", "en"); !a.Handoff || !strings.HasPrefix(a.Text, "I'm sorry") {
		t.Errorf("the English shopper's handoff says %q, want the English sentence", a.Text)
	}
}

// French (with its stemmer), Italian and Polish (languages without one:
// words as written, accents folded, synonym lists naming the inflected
// forms) answer from a shop in their locale, with their own fixed
// sentences.
func TestFrenchItalianAndPolishShops(t *testing.T) {
	for _, tt := range []struct {
		locale, faq, answer, question, want, greeting, hello string
	}{
		{"fr", "Quels sont les délais de livraison ?", "Nous livrons en 2 à 4 jours ouvrés.", "vous expédiez les colis en combien de jours",
			"Nous livrons en 2 à 4 jours ouvrés.", "Bonjour ! Comment puis-je vous aider ?", "bonjour"},
		{"fr", "Puis-je retourner un article ?", "Vous avez 30 jours pour nous renvoyer un article.", "je voudrais un remboursement",
			"Vous avez 30 jours pour nous renvoyer un article.", "Bonjour ! Comment puis-je vous aider ?", "bonjour"},
		{"it", "Quanto tempo richiede la spedizione?", "La spedizione richiede da 2 a 4 giorni lavorativi.", "in quanti giorni arriva il pacco",
			"La spedizione richiede da 2 a 4 giorni lavorativi.", "Ciao! Come posso aiutarti?", "ciao"},
		{"it", "Posso restituire un articolo?", "Hai 30 giorni per il reso.", "vorrei un rimborso",
			"Hai 30 giorni per il reso.", "Ciao! Come posso aiutarti?", "ciao"},
		{"pl", "Ile trwa dostawa?", "Wysyłamy w ciągu 2 dni roboczych.", "jak długo trwa wysyłka",
			"Wysyłamy w ciągu 2 dni roboczych.", "Dzień dobry! W czym mogę pomóc?", "dzień dobry"},
	} {
		k := newMemoryKnowledge()
		k.set(1, faqShop(tt.locale, [2]string{tt.faq, tt.answer},
			[2]string{"Contact", "Write to shop@example.com."}))
		e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: tt.question, Language: tt.locale})
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != tt.want || a.Handoff {
			t.Errorf("%s %q: %q (handoff %v), want %q", tt.locale, tt.question, a.Text, a.Handoff, tt.want)
		}
		hello, err := e.Answer(context.Background(), 1, aiagent.Question{Text: tt.hello, Language: tt.locale})
		if err != nil {
			t.Fatal(err)
		}
		if hello.Text != tt.greeting {
			t.Errorf("%s greeting answered %q, want %q", tt.locale, hello.Text, tt.greeting)
		}
	}
}
