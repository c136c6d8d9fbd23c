package knowledge

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"hubchat/app/apperr"
)

// summary is the items as one line per item, for comparing.
func summary(items []Item) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "%s %s %q %q %v\n", it.Where, it.Kind, it.Title, it.Body, it.Published)
	}
	return b.String()
}

func TestReadAcceptsTheFormatsVariants(t *testing.T) {
	for name, tc := range map[string]struct {
		filename, data, format, want string
	}{
		"csv with BOM, CRLF and a quoted multi-line field": {
			"export.csv",
			"\uFEFFtype,question,answer,published\r\nfaq,Do you ship abroad?,\"Yes.\r\nTo 40 countries, in 5 days.\",true\r\narticle,Size guide,\"Hoodies run \"\"large\"\".\",no\r\n",
			"CSV",
			"Row 2 faq \"Do you ship abroad?\" \"Yes.\\nTo 40 countries, in 5 days.\" true\nRow 3 article \"Size guide\" \"Hoodies run \\\"large\\\".\" false\n",
		},
		"csv with title and body columns, semicolons, other columns and blank rows": {
			"articles.csv",
			"ID;Title;Body;Updated\n7;Returns;30 days, free.;2024-01-01\n;;;\n8;Care; Wash cold. ;2024-01-02\n\n",
			"CSV",
			"Row 2 article \"Returns\" \"30 days, free.\" true\nRow 4 article \"Care\" \"Wash cold.\" true\n",
		},
		"csv with both naming schemes and a type column": {
			"mixed.csv",
			"Type,Question,Title,Answer,Body,Published\nFAQ,Why?,,Because.,,draft\nArticle,,Guide,,Text.,published\n",
			"CSV",
			"Row 2 faq \"Why?\" \"Because.\" false\nRow 3 article \"Guide\" \"Text.\" true\n",
		},
		"hand-made csv with a bare quote": {
			"faqs.csv",
			"question,answer\nWhat is a \"gift card\"?,A card.\n",
			"CSV",
			"Row 2 faq \"What is a \\\"gift card\\\"?\" \"A card.\" true\n",
		},
		"json array, keys in any case": {
			"export.json",
			`[{"type":"faq","Question":"Why?","answer":"Because.","published":false},{"title":"Guide","body":"Text.\r\nMore.","published":"yes","id":9}]`,
			"JSON",
			"Item 1 faq \"Why?\" \"Because.\" false\nItem 2 article \"Guide\" \"Text.\\nMore.\" true\n",
		},
		"json object of lists, sniffed without an extension": {
			"upload",
			" {\"faqs\":[{\"question\":\"Q?\",\"answer\":\"A.\",\"published\":0}],\"articles\":[{\"title\":\"T\",\"body\":\"B\"}]}",
			"JSON",
			"FAQ 1 faq \"Q?\" \"A.\" false\nArticle 1 article \"T\" \"B\" true\n",
		},
	} {
		t.Run(name, func(t *testing.T) {
			f, err := Read(tc.filename, []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if f.Format != tc.format || summary(f.Items) != tc.want {
				t.Fatalf("%s:\n%s\nwant %s:\n%s", f.Format, summary(f.Items), tc.format, tc.want)
			}
		})
	}
}

func TestReadNamesEveryProblemByRow(t *testing.T) {
	long := strings.Repeat("x", MaxQuestion+1)
	for name, tc := range map[string]struct {
		filename, data string
		want           []string
	}{
		"csv rows": {"bad.csv",
			"type,question,answer,published\nfaq,,An answer,true\nfaqq,Q?,A.,true\nfaq," + long + ",A.,maybe\narticle,Title,,\n",
			[]string{"Row 2: the question is empty.", "Row 3: the type is “faqq”; write faq or article.",
				"Row 4: published is “maybe”; write true or false (or yes or no).",
				"Row 4: the question has 201 characters; it can have at most 200.", "Row 5: the text is empty."}},
		"json items": {"bad.json",
			`[{"type":"faq","question":"Q?","answer":7},{"question":"Q?","title":"T"},"text",{"title":"T","body":"B","published":"perhaps"}]`,
			[]string{"Item 1: answer must be text.", "Item 1: the answer is empty.", "Item 2: add a type (faq or article).",
				"Item 3 is not an object with a question and an answer (or a title and a body).",
				"Item 4: published is “perhaps”; write true or false."}},
		"csv header":       {"x.csv", "name,text\na,b\n", []string{"Row 1 must name the columns: type, question (or title), answer (or body), and if you like published. It names: “name”, “text”."}},
		"both columns":     {"x.csv", "question,title,answer\na,b,c\n", []string{"Row 1: add a type column (faq or article), since the file has both question and title columns."}},
		"duplicate column": {"x.csv", "question,answer,Answer\na,b,c\n", []string{"Row 1: the column “Answer” appears twice."}},
		"unclosed quote":   {"x.csv", "question,answer\n\"a,b\nc,d\n", []string{"The quoted field that starts on line 2 is not closed, or has a quote inside that is not doubled (write \"\" for a quote inside quotes)."}},
		"invalid json":     {"x.json", "[\n{\"question\": \"a\",}\n]", []string{"The file is not valid JSON: line 2 (invalid character '}' looking for beginning of object key string)."}},
		"not utf-8":        {"x.csv", "question,answer\nCaf\xe9?,Oui.\n", []string{"Line 2 of the file is not UTF-8 text. Save the file as UTF-8 (in Excel: CSV UTF-8) and try again."}},
		"utf-16":           {"x.csv", "\xff\xfeq\x00", []string{"The file is saved as UTF-16. Save it as UTF-8 (in Excel: CSV UTF-8) and try again."}},
		"nul":              {"x.csv", "question,answer\na\x00,b\n", []string{"The file has NUL characters in it, so it is not a text file. Choose a CSV or JSON file."}},
		"empty":            {"x.csv", "", []string{"The file is empty."}},
		"header only":      {"x.csv", "question,answer\r\n", []string{"The file has no FAQs or articles in it."}},
		"json object":      {"x.json", `{"items":[]}`, []string{"The JSON object must have a faqs list or an articles list."}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Read(tc.filename, []byte(tc.data))
			var p *Problems
			if !errors.As(err, &p) {
				t.Fatalf("error %v, want problems", err)
			}
			got := make([]string, len(p.List))
			for i, m := range p.List {
				got[i] = string(m)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("coded %s", apperr.CodeOf(err))
			}
		})
	}
}

func TestReadBounds(t *testing.T) {
	rows := "question,answer\n" + strings.Repeat("Q?,A.\n", MaxItems)
	if f, err := Read("max.csv", []byte(rows)); err != nil || len(f.Items) != MaxItems {
		t.Fatalf("%d items: %v", MaxItems, err)
	}
	_, err := Read("over.csv", []byte(rows+"Q?,A.\n"))
	if err == nil || err.(*Problems).List[0] != "The file has 1,001 FAQs and articles; import at most 1,000 at a time (split the file)." {
		t.Fatalf("over the rows: %v", err)
	}
	big := make([]byte, MaxFileBytes+1)
	_, err = Read("big.csv", big)
	if err == nil || !strings.HasPrefix(err.Error(), "The file is 2,049 KB; it can be at most 2,048 KB.") {
		t.Fatalf("over the size: %v", err)
	}
	// Problems past the bound are counted, not listed.
	_, err = Read("many.csv", []byte("question,answer\n"+strings.Repeat(",A.\n", maxProblems+7)))
	if p := err.(*Problems); len(p.List) != maxProblems || p.More != 7 || !strings.HasSuffix(p.Error(), "(and 7 more)") {
		t.Fatalf("%d listed, %d more", len(p.List), p.More)
	}
}
