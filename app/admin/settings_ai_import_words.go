package admin

import (
	"context"

	"hubchat/app/knowledge"
	"hubchat/views/i18n"
)

// The import's problems and places in the staff member's language.
// knowledge.Read decides what is wrong with a file and where (a code and
// its values); these functions put it into words (messages.import.*).

// placeWords names a place in the file: "Row 3", "Wiersz 3"; "" for the
// whole file.
func placeWords(ctx context.Context, p knowledge.Place) string {
	if p.Label == "" {
		return ""
	}
	return i18n.T(ctx, "messages.import.place."+string(p.Label), "number", p.Number)
}

// importProblemWords is one problem as a sentence, starting with where it
// is when it is in a row or item. A value the merchant wrote is quoted as
// the language quotes, or said to be empty.
func importProblemWords(ctx context.Context, p knowledge.Problem) string {
	args := make([]any, 0, len(p.Args))
	for i := 0; i+1 < len(p.Args); i += 2 {
		name, value := p.Args[i], p.Args[i+1]
		if name == "value" {
			value = quotedValue(ctx, value.(string))
		}
		args = append(args, name, value)
	}
	sentence := i18n.T(ctx, "messages.import.problem."+p.Code, args...)
	if where := placeWords(ctx, p.Where); where != "" {
		return i18n.T(ctx, "messages.import.at", "where", where, "problem", sentence)
	}
	return sentence
}

// quotedValue is a value the merchant wrote in the language's quotes, or
// the word for empty.
func quotedValue(ctx context.Context, v string) string {
	if v == "" {
		return i18n.T(ctx, "messages.import.blank")
	}
	return i18n.T(ctx, "messages.import.quoted", "value", v)
}
