package main

import (
	"encoding/json"
	"fmt"
	"testing"

	"hubchat/storage/pgtest"
)

// make dev trains the demo shop's AI agent with the FAQs and articles its
// file carries, published, so the agent answers from the first message;
// starting it again on the same database adds none a second time.
func TestDevImportsDemoKnowledgeOnce(t *testing.T) {
	var file struct {
		Knowledge struct {
			FAQs     []struct{ Question string } `json:"faqs"`
			Articles []struct{ Title string }    `json:"articles"`
		} `json:"app_knowledge"`
	}
	if err := json.Unmarshal(builtinDemoShop(t), &file); err != nil {
		t.Fatal(err)
	}
	wantFAQs, wantArticles := len(file.Knowledge.FAQs), len(file.Knowledge.Articles)
	if wantFAQs == 0 || wantArticles == 0 {
		t.Fatalf("the built-in demo shop carries %d FAQs and %d articles; it should teach both", wantFAQs, wantArticles)
	}
	dbURL := pgtest.NewEmptyURL(t)
	for start := 1; start <= 2; start++ {
		t.Run(fmt.Sprintf("start %d", start), func(t *testing.T) {
			startRun(t, "dev", map[string]string{"PORT": "0", "DATABASE_URL": dbURL})
			db := pgtest.Open(t, dbURL)
			var faqs, articles int
			var firstQuestion string
			if err := db.QueryRow(`SELECT
				(SELECT count(*) FROM faqs f JOIN shops s ON s.id = f.shop_id WHERE s.domain = $1 AND f.published),
				(SELECT count(*) FROM knowledge_articles a JOIN shops s ON s.id = a.shop_id WHERE s.domain = $1 AND a.published),
				(SELECT f.question FROM faqs f JOIN shops s ON s.id = f.shop_id WHERE s.domain = $1 ORDER BY f.position LIMIT 1)`,
				"hubchat-demo.myshopify.com").Scan(&faqs, &articles, &firstQuestion); err != nil {
				t.Fatal(err)
			}
			if faqs != wantFAQs || articles != wantArticles {
				t.Errorf("the demo shop has %d published FAQs and %d articles, want the file's %d and %d", faqs, articles, wantFAQs, wantArticles)
			}
			if firstQuestion != file.Knowledge.FAQs[0].Question {
				t.Errorf("the first FAQ is %q, want the file's first, %q", firstQuestion, file.Knowledge.FAQs[0].Question)
			}
		})
	}
}
