package i18n

// The settings pages' words that some languages rightly write as English
// does: a brand (Zendesk, Gorgias), a Polaris term the language borrows
// ("Status", "Design", "Macro", "Variable", "FAQ"), a word spelled alike
// ("Question", "Position", "Message", "Conversation", "Text", "File"), or
// an order number. Kept
// here rather than in sameAsEnglish's literal so that each area adds its
// own without touching the same lines.
func init() {
	for _, key := range []string{
		"settings.ai.articles.body_label",
		"settings.ai.articles.form_title",
		"settings.ai.engine.model",
		"settings.ai.handoff.custom.message",
		"settings.ai.handoff.gorgias",
		"settings.ai.handoff.zendesk",
		"settings.ai.import.col.type",
		"settings.ai.import.file",
		"settings.ai.import.kind.article",
		"settings.ai.import.kind.faq",
		"settings.ai.problems.conversation",
		"settings.ai.try.source.faq",
		"settings.faqs.question",
		"settings.macros.form_title",
		"settings.macros.name",
		"settings.macros.var.last_order_number_example",
		"settings.macros.variable",
		"settings.macros.variables_title",
		"settings.sections.general.label",
		"settings.sections.macros.label",
		"settings.sections.notifications.label",
		"settings.sections.sms.label",
		"settings.webchat.design.position",
		"settings.webchat.design.title",
		"settings.webchat.icon.message",
		"settings.webchat.icon.support",
		"settings.webchat.status.title",
	} {
		sameAsEnglish[key] = "*" // any language
	}
}
