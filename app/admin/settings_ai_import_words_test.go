package admin_test

import (
	"html"
	"testing"

	"hubchat/views/i18n"
)

// Settings → AI agent → Import in Polish: the rows of a file's problems
// and of its preview are named in Polish, values in Polish quotes, counts
// grouped as Polish writes them.
func TestImportProblemsAndRowsInPolish(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	e.speaking(i18n.Polish)
	bad := "type,question,answer,published\nfaq,Fine?,Yes.,\nfaq,,An answer.,\nnews,Title,Text.,\narticle,Guide,,maybe\n"
	resp, body := e.postFile(importPath, "faqs.csv", []byte(bad), true)
	wantStatus(t, "bad rows", resp, body, 422)
	wantWords(t, "problems", html.UnescapeString(body),
		[]string{"Wiersz 3: pytanie jest puste.", "Wiersz 4: typ to „news”; wpisz faq lub article.",
			"Wiersz 5: published ma wartość „maybe”", "Wiersz 5: tekst jest pusty."},
		[]string{"Row 3", "the question is empty", "write faq or article", "messages.import"})

	resp, body = e.postFile(importPath, "latin1.csv", []byte("question,answer\nCaf\xe9?,Oui.\n"), true)
	wantStatus(t, "not UTF-8", resp, body, 422)
	wantWords(t, "not UTF-8", html.UnescapeString(body), []string{"Wiersz 2 pliku nie jest tekstem UTF-8."}, []string{"is not UTF-8 text"})

	many := "question,answer\n"
	for range 1001 {
		many += "Q?,A.\n"
	}
	resp, body = e.postFile(importPath, "many.csv", []byte(many), true)
	wantStatus(t, "too many", resp, body, 422)
	wantWords(t, "too many", html.UnescapeString(body), []string{"Liczba pytań i artykułów w pliku: 1001; importuj najwyżej 1000 naraz"},
		[]string{"FAQs and articles;"})

	resp, body = e.postFile(importPath, "faqs.json", []byte(`{"faqs":[{"question":"Q?","answer":"A."}],"articles":[{"title":"T","body":"B"}]}`), true)
	wantStatus(t, "preview", resp, body, 200)
	wantWords(t, "preview rows", body, []string{">Pytanie 1</td>", ">Artykuł 1</td>"}, []string{">FAQ 1<", ">Article 1<"})
}
