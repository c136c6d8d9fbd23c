package admin

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/app/aiagent/openai"
	"hubchat/views/i18n"
)

// The engines' reasons in the staff member's language. The engines say why
// they handed off or fell back with their constants and codes (the
// Answer's HandoffReason, openai.Report's Code, openai's base URL errors);
// these functions put them into words for "Try your agent" and the engine
// form (messages.reason.*, messages.fallback.*, messages.base_url.*).

// handoffReasonKeys are the keys of the reasons the engines name.
var handoffReasonKeys = map[string]string{
	builtin.ReasonAskedForPerson: "asked_for_person",
	builtin.ReasonLowConfidence:  "low_confidence",
	builtin.ReasonNoOrderFound:   "no_order_found",
	builtin.ReasonPaymentDispute: "payment_dispute",
	builtin.ReasonLegal:          "legal",
	builtin.ReasonDamagedItem:    "damaged_item",
	builtin.ReasonInjury:         "injury",
	builtin.ReasonFraud:          "fraud",
	builtin.ReasonAngry:          "angry",
	openai.ReasonModelHandoff:    "model_handoff",
}

// handoffReasonWords words an Answer's HandoffReason: a known reason in
// ctx's language; the model's own reason after it as the model wrote it; a
// reason of an engine not known here as given.
func handoffReasonWords(ctx context.Context, reason string) string {
	reason = strings.TrimSpace(reason)
	if key, ok := handoffReasonKeys[reason]; ok {
		return i18n.T(ctx, "messages.reason."+key)
	}
	if own, ok := strings.CutPrefix(reason, openai.ReasonModelHandoff+": "); ok {
		return i18n.T(ctx, "messages.reason.model_handoff_because", "reason", own)
	}
	return reason
}

// reportReasonWords words why the built-in engine answered although the
// shop uses a model: the report's code, with the answer's handoff reason
// when a handoff rule decided.
func reportReasonWords(ctx context.Context, r openai.Report, ans aiagent.Answer) string {
	switch r.Code {
	case "":
		return r.Reason
	case openai.CodeHandoff:
		return handoffReasonWords(ctx, ans.HandoffReason)
	}
	return i18n.T(ctx, "messages.fallback."+r.Code, "status", r.Status)
}

// baseURLProblem words why openai.CheckBaseURL refused raw.
func baseURLProblem(ctx context.Context, raw string, err error) string {
	switch {
	case errors.Is(err, openai.ErrBaseURLNotHTTPS):
		return i18n.T(ctx, "messages.base_url.not_https")
	case errors.Is(err, openai.ErrBaseURLExtras):
		return i18n.T(ctx, "messages.base_url.extras")
	case errors.Is(err, openai.ErrBaseURLPrivate):
		host := ""
		if u, perr := url.Parse(strings.TrimSpace(raw)); perr == nil {
			host = u.Hostname()
		}
		return i18n.T(ctx, "messages.base_url.private", "host", host)
	}
	return i18n.T(ctx, "messages.base_url.not_absolute")
}

// topicWords names a topic inside a sentence ("topic: shipping"), as the
// language writes a common noun there.
func topicWords(ctx context.Context, tag aiagent.Tag) string {
	if !knownTag(string(tag)) {
		return i18n.T(ctx, "messages.topic.other")
	}
	return i18n.T(ctx, "messages.topic."+string(tag))
}

// upperFirst upper-cases the first letter of s, in any script.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
