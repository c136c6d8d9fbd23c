package admin

import (
	"regexp"
	"slices"
	"strings"
)

// MacroValues are what a macro's variables stand for in one ticket. An empty
// field is a value the ticket does not have (an anonymous shopper has no
// first name, a new customer no order): its variable expands to "".
type MacroValues struct {
	CustomerFirstName string
	// LastOrderNumber is the customer's latest order as Shopify names it
	// ("#1001").
	LastOrderNumber string
	AgentFirstName  string
}

// MacroVariable is one variable a macro body may use, written {{Name}}.
// Description and Example are catalog keys (views/i18n), so the Macros page
// documents the variable in the staff member's language.
type MacroVariable struct {
	Name        string
	Description string
	Example     string
	value       func(MacroValues) string
}

// Placeholder is the variable as the merchant writes it: {{customer.first_name}}.
func (v MacroVariable) Placeholder() string { return "{{" + v.Name + "}}" }

// MacroVariableList are the variables macros may use (SPEC §3.3), in the
// order the Macros page documents them.
var MacroVariableList = []MacroVariable{
	{"customer.first_name", "settings.macros.var.customer_first_name", "settings.macros.var.customer_first_name_example", func(v MacroValues) string { return v.CustomerFirstName }},
	{"customer.last_order_number", "settings.macros.var.last_order_number", "settings.macros.var.last_order_number_example", func(v MacroValues) string { return v.LastOrderNumber }},
	{"agent.first_name", "settings.macros.var.agent_first_name", "settings.macros.var.agent_first_name_example", func(v MacroValues) string { return v.AgentFirstName }},
}

// placeholder matches {{name}}, spaces allowed inside the braces. The name
// holds no brace, so in "{{ {{x}}" only "{{x}}" is a variable.
var placeholder = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// MacroVariables returns the variables of body that are not in
// MacroVariableList, as written (without braces), each once, in the order
// they first appear; nil when every variable is known. Saving a macro with
// one is refused, so an agent never sends "{{custmer.name}}" to a shopper.
func MacroVariables(body string) (unknown []string) {
	for _, m := range placeholder.FindAllStringSubmatch(body, -1) {
		name := m[1]
		if _, ok := macroVariable(name); !ok && !slices.Contains(unknown, name) {
			unknown = append(unknown, name)
		}
	}
	return unknown
}

// UnclosedVariable returns the first variable of body that is opened with
// "{{" and never closed, as written up to the end of its line ("{{
// customer.first_name"); "" when every "{{" is closed. Such a variable
// would reach a shopper as written, so saving a macro with one is refused.
func UnclosedVariable(body string) string {
	variables := placeholder.FindAllStringIndex(body, -1)
	for i := 0; i+1 < len(body); i++ {
		if body[i:i+2] != "{{" || slices.ContainsFunc(variables, func(v []int) bool { return v[0] <= i && i < v[1] }) {
			continue
		}
		open, _, _ := strings.Cut(body[i:], "\n")
		return strings.TrimSpace(open)
	}
	return ""
}

// ExpandMacro fills body's variables in with v: a variable whose value is
// missing becomes "" (so "Hi {{customer.first_name}}," reads "Hi ," for an
// anonymous shopper: write macros that read well either way). An unknown
// variable, which saving refuses, is left as written.
func ExpandMacro(body string, v MacroValues) string {
	return placeholder.ReplaceAllStringFunc(body, func(match string) string {
		name := placeholder.FindStringSubmatch(match)[1]
		if mv, ok := macroVariable(name); ok {
			return mv.value(v)
		}
		return match
	})
}

// macroVariable finds a variable by name; names are matched exactly, since
// the page documents them in lower case.
func macroVariable(name string) (MacroVariable, bool) {
	i := slices.IndexFunc(MacroVariableList, func(v MacroVariable) bool { return v.Name == name })
	if i < 0 {
		return MacroVariable{}, false
	}
	return MacroVariableList[i], true
}

// knownPlaceholders lists the variables for an error message.
func knownPlaceholders() string {
	names := make([]string, len(MacroVariableList))
	for i, v := range MacroVariableList {
		names[i] = v.Placeholder()
	}
	return strings.Join(names, ", ")
}
