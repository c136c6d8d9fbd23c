package builtin

import "hubchat/app/aiagent"

// topicPriority orders the topics a question's words may tell at once: the
// more specific wins ("return shipping" is about a return).
var topicPriority = []aiagent.Tag{aiagent.TagReturns, aiagent.TagDiscounts, aiagent.TagAccount,
	aiagent.TagOrderStatus, aiagent.TagShipping, aiagent.TagProduct}

// topicsOf are the topics the words of a normalised message tell, by the
// language's synonym groups.
func topicsOf(kit *languageKit, msg string) []aiagent.Tag {
	a := kit.analyzer
	var out []aiagent.Tag
	for _, t := range a.terms(msg) {
		key := a.groupOf[t]
		if _, isKey := a.tagOf[t]; isKey {
			key = t
		}
		if topic := a.tagOf[key]; topic != "" {
			out = append(out, topic)
		}
	}
	return out
}

// tagOf is a question's tag: the most specific topic its words tell, else
// the one its answer's source tells (a refund policy is about returns),
// else other.
func tagOf(topics []aiagent.Tag, source aiagent.SourceKind, policyType string) aiagent.Tag {
	for _, t := range topicPriority {
		for _, have := range topics {
			if have == t {
				return t
			}
		}
	}
	switch {
	case source == aiagent.SourcePolicy && policyType == "REFUND_POLICY":
		return aiagent.TagReturns
	case source == aiagent.SourcePolicy && policyType == "SHIPPING_POLICY":
		return aiagent.TagShipping
	case source == aiagent.SourceProduct:
		return aiagent.TagProduct
	case source == aiagent.SourceOrder:
		return aiagent.TagOrderStatus
	}
	return aiagent.TagOther
}
