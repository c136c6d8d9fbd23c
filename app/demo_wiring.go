package app

import (
	"context"
	"fmt"

	"hubchat/app/knowledge"
	"hubchat/storage"
)

// demoTraining imports what a demo shop's file taught the app.
type demoTraining struct {
	shops   *storage.Shops
	imports *storage.Imports
}

// ImportDemoKnowledge trains the AI agent of the installed shop domain with
// the FAQs and articles of a demo-shop file's app_knowledge (the app's
// import JSON format, docs/knowledge-import.md), published as the file
// says, so that the demo answers from the first message. It imports only
// into a shop without FAQs and articles: running the demo again repeats
// nothing and keeps what the merchant changed. It returns how many items it
// imported (0 when data is empty or the shop already had knowledge).
func (a *App) ImportDemoKnowledge(ctx context.Context, domain string, data []byte) (int, error) {
	if len(data) == 0 {
		return 0, nil
	}
	f, err := knowledge.Read("app_knowledge.json", data)
	if err != nil {
		return 0, fmt.Errorf("the demo shop's app_knowledge: %w", err)
	}
	shop, err := a.demo.shops.ByDomain(ctx, domain)
	if err != nil {
		return 0, err
	}
	faqs, articles := f.ForStorage()
	imported, err := a.demo.imports.ImportIntoEmpty(ctx, shop.ID, faqs, articles)
	if err != nil || !imported {
		return 0, err
	}
	return len(f.Items), nil
}
