package admin_test

import (
	"reflect"
	"testing"

	"hubchat/app/admin"
)

func TestMacroVariables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body string
		want []string
	}{
		{"Thanks for waiting!", nil},
		{"Hi {{customer.first_name}}, order {{customer.last_order_number}} ships today. {{agent.first_name}}", nil},
		{"Hi {{ customer.first_name }}", nil},
		{"Hi {{customer.name}} and {{Customer.First_Name}}", []string{"customer.name", "Customer.First_Name"}},
		{"{{order.number}} {{ order.number }} {{x}}", []string{"order.number", "x"}},
		{"Empty {{}} braces", []string{""}},
		{"Only the inner {{ {{agent.first_name}} and {{ {{shop}}", []string{"shop"}},
		{"Not a variable: { {customer.first_name} } or {{ unclosed", nil},
	}
	for _, tt := range tests {
		if got := admin.MacroVariables(tt.body); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("MacroVariables(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestUnclosedVariable(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"Hi {{customer.first_name}}":                     "",
		"Hi {{ customer.first_name":                      "{{ customer.first_name",
		"Hi {{customer.first_name}}, {{agent.first_name": "{{agent.first_name",
		"{{ {{agent.first_name}} and more\nnext line":    "{{ {{agent.first_name}} and more",
		"Braces { } and }} alone":                        "",
	}
	for body, want := range tests {
		if got := admin.UnclosedVariable(body); got != want {
			t.Errorf("UnclosedVariable(%q) = %q, want %q", body, got, want)
		}
	}
}

func TestExpandMacro(t *testing.T) {
	t.Parallel()
	all := admin.MacroValues{CustomerFirstName: "Jane", LastOrderNumber: "#1001", AgentFirstName: "Alex"}
	tests := []struct {
		name, body string
		v          admin.MacroValues
		want       string
	}{
		{"every variable", "Hi {{customer.first_name}}, {{ customer.last_order_number }} ships today. {{agent.first_name}}", all,
			"Hi Jane, #1001 ships today. Alex"},
		{"repeated", "{{agent.first_name}}/{{agent.first_name}}", all, "Alex/Alex"},
		{"a missing value is empty", "Hi {{customer.first_name}}!", admin.MacroValues{AgentFirstName: "Alex"}, "Hi !"},
		{"unknown stays as written", "Hi {{customer.name}}", all, "Hi {{customer.name}}"},
		{"values are not expanded again", "{{customer.first_name}}", admin.MacroValues{CustomerFirstName: "{{agent.first_name}}", AgentFirstName: "Alex"},
			"{{agent.first_name}}"},
		{"no variables", "Plain text { }", all, "Plain text { }"},
	}
	for _, tt := range tests {
		if got := admin.ExpandMacro(tt.body, tt.v); got != tt.want {
			t.Errorf("%s: ExpandMacro = %q, want %q", tt.name, got, tt.want)
		}
	}
}
