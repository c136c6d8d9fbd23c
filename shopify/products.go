package shopify

// A product without options of its own has one variant and, in both the
// Admin API and the webhooks, one option named "Title" whose only value is
// "Default Title": Shopify's placeholder, not something the merchant sells.
const (
	defaultOptionName  = "Title"
	defaultOptionValue = "Default Title"
)

// IsDefaultOption reports whether the option name with values is Shopify's
// placeholder option of a product that has none.
func IsDefaultOption(name string, values []string) bool {
	return name == defaultOptionName && len(values) == 1 && values[0] == defaultOptionValue
}
