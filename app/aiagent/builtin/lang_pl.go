package builtin

import (
	"fmt"
	"regexp"

	"hubchat/app/aiagent"
)

func init() { register("pl", polishLanguage) }

// polishLanguage is Polish, without a stemmer (none is at hand for it): its
// words index as written, accents folded, and its synonym lists name the
// inflected forms shoppers use. Its sensitive-topic rules are not written
// yet.
func polishLanguage() *language {
	return &language{
		code:     "pl",
		stopword: stopwords(func(string) bool { return false }, polishStopwords...),
		synonyms: polishSynonyms,
		intents:  polishIntents,
		texts:    polishTexts,
	}
}

var polishStopwords = []string{
	"a", "i", "w", "we", "z", "ze", "na", "do", "od", "po", "o", "u", "za", "przez", "dla", "czy", "jak", "jaki",
	"jaka", "jakie", "ile", "kiedy", "gdzie", "co", "to", "ten", "ta", "te", "jest", "sa", "są", "mam", "mi", "mnie",
	"moje", "moja", "mój", "się", "sie", "nie", "tak", "już", "juz", "można", "mozna", "moge", "mogę", "chcę",
	"chce", "proszę", "prosze", "dzień", "dobry", "cześć", "czesc", "dziękuję", "dziekuje", "dzięki", "dzieki",
}

var polishSynonyms = []synonymGroup{
	{"wysylka", aiagent.TagShipping, []string{"wysyłka", "wysyłki", "wysyłkę", "wysyłce", "dostawa", "dostawy",
		"dostawę", "dostawie", "przesyłka", "przesyłki", "przesyłkę", "paczka", "paczki", "paczkę", "kurier",
		"kuriera", "wysyłacie", "dostarczacie"}},
	{"zwrot", aiagent.TagReturns, []string{"zwrot", "zwrotu", "zwroty", "zwrócić", "oddać", "wymiana", "wymiany",
		"wymienić", "reklamacja", "reklamacji", "zwrot pieniędzy"}},
	{"rabat", aiagent.TagDiscounts, []string{"rabat", "rabatu", "kod rabatowy", "zniżka", "zniżki", "promocja",
		"promocji", "kupon"}},
	{"konto", aiagent.TagAccount, []string{"konto", "konta", "hasło", "hasła", "logowanie", "zalogować",
		"rejestracja"}},
	{"rozmiar", aiagent.TagProduct, []string{"rozmiar", "rozmiaru", "rozmiary", "rozmiarów", "tabela rozmiarów"}},
	{"czas", "", []string{"jak długo", "ile trwa", "trwa", "trwać", "ile czasu", "czas", "dni", "dzień roboczy",
		"dni robocze", "tydzień", "tygodnie"}},
	{"cena", "", []string{"cena", "ceny", "cenę", "koszt", "kosztuje", "kosztują"}},
	{"platnosc", "", []string{"płatność", "płatności", "płacić", "zapłacić", "karta", "kartą", "blik", "przelew"}},
}

var polishIntents = intentRules{
	human: regexps(
		`\b(rozmawiac|porozmawiac|pogadac) z (czlowiekiem|konsultantem|konsultantka|osoba|kims|pracownikiem)\b`,
		`^(konsultant|czlowiek|agent)( prosze)?$`),
	orderStatus: regexps(
		`\b(gdzie|status|kiedy|sledzic|sledzenie)\b.*\b(moje|moja|mojego|mojej) (zamowienie|zamowienia|paczka|paczki|przesylka|przesylki)\b`),
	products:    regexps(`\b(macie|sprzedajecie|szukam|polecacie)\b`),
	greeting:    regexp.MustCompile(`^(dzien dobry|dobry wieczor|czesc|witam|hej)\b`),
	thanks:      regexp.MustCompile(`^(dziekuje bardzo|dziekuje|dzieki|super|to wszystko)\b`),
	orderNumber: regexp.MustCompile(`(?:#\s?|\bzamowieni[ea]\s*(?:numer|nr\.?|#)?\s*#?\s*)(\d{1,12})\b`),
}

var polishTexts = texts{
	greeting:             "Dzień dobry! W czym mogę pomóc?",
	thanks:               "Proszę bardzo! Czy mogę pomóc w czymś jeszcze?",
	signIn:               "Zaloguj się na swoje konto, abym mógł sprawdzić Twoje zamówienia.",
	noAnswer:             "Przykro mi, nie znalazłem odpowiedzi na to w informacjach naszego sklepu.",
	sensitive:            "Przykro mi. Tą sprawą powinien zająć się osobiście ktoś z naszego zespołu.",
	didYouMean:           "Czy chodziło o jedno z tych pytań?",
	didYouMeanThis:       "Czy chodziło o to?",
	productsLead:         "Oto produkty, które pasują do tego, czego szukasz:",
	productLead:          "Może chodzi o ten produkt:",
	priceFact:            "Cena %s: %s %s.",
	inStock:              "%s: dostępny.",
	soldOut:              "%s: chwilowo wyprzedany.",
	optionFact:           "%s, opcje %s: %s.",
	moreIn:               "Więcej informacji: %s: %s",
	noOrders:             "Nie znalazłem żadnego zamówienia na Twoim koncie.",
	orderNotFound:        "Nie znalazłem zamówienia %s na Twoim koncie.",
	orderCancelled:       "Twoje zamówienie %s, złożone %s, zostało anulowane.",
	orderRefunded:        "Za Twoje zamówienie %s, złożone %s, zwrócono pieniądze.",
	orderShipped:         "Twoje zamówienie %s, złożone %s, zostało wysłane.",
	orderPartlyShipped:   "Część Twojego zamówienia %s, złożonego %s, została wysłana; reszta jest w przygotowaniu.",
	orderPreparing:       "Twoje zamówienie %s, złożone %s, jest przygotowywane i nie zostało jeszcze wysłane.",
	orderAwaitingPayment: "Twoje zamówienie %s, złożone %s, czeka na zakończenie płatności.",
	orderRestocked:       "Twoje zamówienie %s, złożone %s, nie zostało wysłane: produkty wróciły do magazynu.",
	trackOne:             "Możesz je śledzić tutaj: %s",
	trackMany:            "Możesz je śledzić tutaj:",
	trackNumber:          "Numer przesyłki: %s %s",
	months: [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
		"października", "listopada", "grudnia"},
	dateFormat: func(day int, month string, year int) string { return fmt.Sprintf("%d %s %d", day, month, year) },
}
