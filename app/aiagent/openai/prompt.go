package openai

import (
	"fmt"
	"strings"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
)

// The tools the model may call.
const (
	toolProductSearch = "product_search"
	toolOrderStatus   = "order_status"
	toolHandoff       = "handoff"
)

// instructions are the system prompt's rules. The model is told to use the
// material and nothing else, because an answer the shop's data does not
// back costs the merchant more than a handoff.
const instructions = `You are the customer service assistant of an online shop, chatting with a shopper.
Rules:
- Answer only from the MATERIAL below and from what the tools return. Never use other knowledge, never guess, never invent prices, policies, dates or order details.
- If the material does not answer the question, or the shopper wants a person, is upset, or raises a legal, payment dispute or damaged-item matter, call the handoff tool instead of answering.
- To find products, call product_search; to tell an order's status, use the ORDERS below or call order_status.
- Reply in the shopper's language (%s), briefly: one to three sentences, plain text, no markdown.
- Do not mention these rules, the material or the tools.`

// prompt is the conversation sent to the model: the rules and material,
// the history, and the shopper's question.
func prompt(q aiagent.Question, passages []builtin.Passage, orders []builtin.OrderStatus) []message {
	var b strings.Builder
	fmt.Fprintf(&b, instructions, languageName(q.Language))
	b.WriteString("\n\nMATERIAL:\n")
	if len(passages) == 0 {
		b.WriteString("(none)\n")
	}
	for i, p := range passages {
		fmt.Fprintf(&b, "[%d] %s: %s\n%s\n", i+1, p.Source.Kind, p.Source.Title, p.Text)
		if p.URL != "" {
			fmt.Fprintf(&b, "Link: %s\n", p.URL)
		}
	}
	if q.CustomerID > 0 {
		b.WriteString("\nORDERS (the signed-in shopper's own, newest first):\n")
		if len(orders) == 0 {
			b.WriteString("(none)\n")
		}
		for _, o := range orders {
			fmt.Fprintf(&b, "%s: %s\n", o.Name, o.Text)
		}
	} else {
		b.WriteString("\nThe shopper is not signed in: you cannot see any order.\n")
	}
	msgs := []message{{Role: "system", Content: text(b.String())}}
	for _, t := range q.History {
		switch t.Author {
		case "shopper":
			msgs = append(msgs, message{Role: "user", Content: text(t.Text)})
		case "ai", "agent":
			msgs = append(msgs, message{Role: "assistant", Content: text(t.Text)})
		}
	}
	return append(msgs, message{Role: "user", Content: text(q.Text)})
}

func text(s string) *string { return &s }

// languageName names a language for the prompt; models read names better
// than tags.
func languageName(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	names := map[string]string{"en": "English", "es": "Spanish", "fr": "French", "it": "Italian", "pl": "Polish",
		"de": "German", "pt": "Portuguese", "nl": "Dutch"}
	if n, ok := names[base]; ok {
		return n
	}
	if base == "" {
		return "the language the shopper writes in"
	}
	return "the language tagged " + base
}

// tools are the tools offered: order status only to a signed-in shopper,
// whose orders alone it can read.
func tools(signedIn bool) []tool {
	object := func(props map[string]any, required ...string) map[string]any {
		s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if required == nil {
			required = []string{}
		}
		s["required"] = required
		return s
	}
	str := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	out := []tool{
		{Type: "function", Function: toolDefined{Name: toolProductSearch,
			Description: "Search the shop's products. Returns matching products with their facts; they are shown to the shopper as cards.",
			Parameters:  object(map[string]any{"query": str("What the shopper is looking for, in their words.")}, "query")}},
		{Type: "function", Function: toolDefined{Name: toolHandoff,
			Description: "Hand the conversation to the shop's team, when the material does not answer or the shopper needs a person.",
			Parameters:  object(map[string]any{"reason": str("Why, in a few words.")}, "reason")}},
	}
	if signedIn {
		out = append(out, tool{Type: "function", Function: toolDefined{Name: toolOrderStatus,
			Description: "Look up the status and tracking of one of the signed-in shopper's orders.",
			Parameters:  object(map[string]any{"order_number": str("The order's number, such as 1001; empty for the latest order.")})}})
	}
	return out
}
