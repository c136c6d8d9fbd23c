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
			"row 2 faq \"Do you ship abroad?\" \"Yes.\\nTo 40 countries, in 5 days.\" true\nrow 3 article \"Size guide\" \"Hoodies run \\\"large\\\".\" false\n",
		},
		"csv with title and body columns, semicolons, other columns and blank rows": {
			"articles.csv",
			"ID;Title;Body;Updated\n7;Returns;30 days, free.;2024-01-01\n;;;\n8;Care; Wash cold. ;2024-01-02\n\n",
			"CSV",
			"row 2 article \"Returns\" \"30 days, free.\" true\nrow 4 article \"Care\" \"Wash cold.\" true\n",
		},
		"csv with both naming schemes and a type column": {
			"mixed.csv",
			"Type,Question,Title,Answer,Body,Published\nFAQ,Why?,,Because.,,draft\nArticle,,Guide,,Text.,published\n",
			"CSV",
			"row 2 faq \"Why?\" \"Because.\" false\nrow 3 article \"Guide\" \"Text.\" true\n",
		},
		"hand-made csv with a bare quote": {
			"faqs.csv",
			"question,answer\nWhat is a \"gift card\"?,A card.\n",
			"CSV",
			"row 2 faq \"What is a \\\"gift card\\\"?\" \"A card.\" true\n",
		},
		"json array, keys in any case": {
			"export.json",
			`[{"type":"faq","Question":"Why?","answer":"Because.","published":false},{"title":"Guide","body":"Text.\r\nMore.","published":"yes","id":9}]`,
			"JSON",
			"item 1 faq \"Why?\" \"Because.\" false\nitem 2 article \"Guide\" \"Text.\\nMore.\" true\n",
		},
		"json object of lists, sniffed without an extension": {
			"upload",
			" {\"faqs\":[{\"question\":\"Q?\",\"answer\":\"A.\",\"published\":0}],\"articles\":[{\"title\":\"T\",\"body\":\"B\"}]}",
			"JSON",
			"faq 1 faq \"Q?\" \"A.\" false\narticle 1 article \"T\" \"B\" true\n",
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
			[]string{"row 2: empty_question", "row 3: type_unknown [value faqq]",
				"row 4: published_unknown_csv [value maybe]",
				"row 4: too_long_question [count 201 max 200]", "row 5: empty_text"}},
		"json items": {"bad.json",
			`[{"type":"faq","question":"Q?","answer":7},{"question":"Q?","title":"T"},"text",{"title":"T","body":"B","published":"perhaps"}]`,
			[]string{"item 1: field_not_text [field answer]", "item 1: empty_answer", "item 2: type_needed",
				"item 3: not_an_object",
				"item 4: published_unknown_json [value perhaps]"}},
		"csv header":       {"x.csv", "name,text\na,b\n", []string{"row 1: columns_missing [names “name”, “text”]"}},
		"both columns":     {"x.csv", "question,title,answer\na,b,c\n", []string{"row 1: type_column_needed"}},
		"duplicate column": {"x.csv", "question,answer,Answer\na,b,c\n", []string{"row 1: column_twice [value Answer]"}},
		"unclosed quote":   {"x.csv", "question,answer\n\"a,b\nc,d\n", []string{"file: csv_open_quote [line 2]"}},
		"invalid json":     {"x.json", "[\n{\"question\": \"a\",}\n]", []string{"file: json_invalid_at [line 2 detail invalid character '}' looking for beginning of object key string]"}},
		"not utf-8":        {"x.csv", "question,answer\nCaf\xe9?,Oui.\n", []string{"file: file_not_utf8 [line 2]"}},
		"utf-16":           {"x.csv", "\xff\xfeq\x00", []string{"file: file_utf16"}},
		"nul":              {"x.csv", "question,answer\na\x00,b\n", []string{"file: file_nul"}},
		"empty":            {"x.csv", "", []string{"file: file_empty"}},
		"header only":      {"x.csv", "question,answer\r\n", []string{"file: no_items"}},
		"json object":      {"x.json", `{"items":[]}`, []string{"file: json_no_lists"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Read(tc.filename, []byte(tc.data))
			var p *Problems
			if !errors.As(err, &p) {
				t.Fatalf("error %v, want problems", err)
			}
			got := make([]string, len(p.List))
			for i, m := range p.List {
				got[i] = m.String()
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
	if err == nil || err.(*Problems).List[0].String() != "file: too_many_items [count 1001 max 1000]" {
		t.Fatalf("over the rows: %v", err)
	}
	big := make([]byte, MaxFileBytes+1)
	_, err = Read("big.csv", big)
	if err == nil || !strings.HasPrefix(err.Error(), "file: file_too_big [size 2049 max 2048]") {
		t.Fatalf("over the size: %v", err)
	}
	// Problems past the bound are counted, not listed.
	_, err = Read("many.csv", []byte("question,answer\n"+strings.Repeat(",A.\n", maxProblems+7)))
	if p := err.(*Problems); len(p.List) != maxProblems || p.More != 7 || !strings.HasSuffix(p.Error(), "(and 7 more)") {
		t.Fatalf("%d listed, %d more", len(p.List), p.More)
	}
}
