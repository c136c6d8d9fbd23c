package i18n

// The SMS words that some languages rightly write as English does: a
// Polaris term the language borrows ("Status"), a pattern of placeholders
// only, or an example number.
func init() {
	for key, langs := range map[string]string{
		"sms.settings.status.title": "pl de",
		"sms.delivery.with_reason":  "*",
	} {
		sameAsEnglish[key] = langs
	}
}
