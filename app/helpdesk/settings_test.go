package helpdesk_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"hubchat/app/apperr"
	"hubchat/app/helpdesk"
)

func TestZendeskSettingsNormalize(t *testing.T) {
	const token = helpdesk.Secret("abcdefgh12345678")
	for _, tc := range []struct {
		name    string
		in      helpdesk.ZendeskSettings
		want    helpdesk.ZendeskSettings
		problem string // the field at fault, "" when valid
	}{
		{"subdomain", helpdesk.ZendeskSettings{"mystore", "agent@shop.example", token},
			helpdesk.ZendeskSettings{"mystore", "agent@shop.example", token}, ""},
		{"host reduced, spaces trimmed", helpdesk.ZendeskSettings{" MyStore.zendesk.com ", " agent@shop.example ", " " + token + " "},
			helpdesk.ZendeskSettings{"mystore", "agent@shop.example", token}, ""},
		{"pasted address", helpdesk.ZendeskSettings{"https://my-store.zendesk.com/agent/dashboard", "agent@shop.example", token},
			helpdesk.ZendeskSettings{"my-store", "agent@shop.example", token}, ""},
		{"empty subdomain", helpdesk.ZendeskSettings{"", "agent@shop.example", token}, helpdesk.ZendeskSettings{}, helpdesk.FieldSubdomain},
		{"another domain", helpdesk.ZendeskSettings{"help.mystore.com", "agent@shop.example", token}, helpdesk.ZendeskSettings{}, helpdesk.FieldSubdomain},
		{"leading dash", helpdesk.ZendeskSettings{"-store", "agent@shop.example", token}, helpdesk.ZendeskSettings{}, helpdesk.FieldSubdomain},
		{"underscore", helpdesk.ZendeskSettings{"my_store", "agent@shop.example", token}, helpdesk.ZendeskSettings{}, helpdesk.FieldSubdomain},
		{"bad email", helpdesk.ZendeskSettings{"mystore", "agent", token}, helpdesk.ZendeskSettings{}, helpdesk.FieldAgentEmail},
		{"named email", helpdesk.ZendeskSettings{"mystore", "Agent <agent@shop.example>", token}, helpdesk.ZendeskSettings{}, helpdesk.FieldAgentEmail},
		{"empty token", helpdesk.ZendeskSettings{"mystore", "agent@shop.example", ""}, helpdesk.ZendeskSettings{}, helpdesk.FieldAPIToken},
		{"token with a space", helpdesk.ZendeskSettings{"mystore", "agent@shop.example", "abcd efgh1234"}, helpdesk.ZendeskSettings{}, helpdesk.FieldAPIToken},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.in.Normalize()
			checkNormalized(t, got, tc.want, err, tc.problem)
		})
	}
}

func TestGorgiasSettingsNormalize(t *testing.T) {
	const key = helpdesk.Secret("0123456789abcdef")
	for _, tc := range []struct {
		name    string
		in      helpdesk.GorgiasSettings
		want    helpdesk.GorgiasSettings
		problem string
	}{
		{"domain", helpdesk.GorgiasSettings{"mystore", "owner@shop.example", key},
			helpdesk.GorgiasSettings{"mystore", "owner@shop.example", key}, ""},
		{"host reduced", helpdesk.GorgiasSettings{"mystore.gorgias.com", "owner@shop.example", key},
			helpdesk.GorgiasSettings{"mystore", "owner@shop.example", key}, ""},
		{"base API URL pasted", helpdesk.GorgiasSettings{"https://mystore.gorgias.com/api/", "owner@shop.example", key},
			helpdesk.GorgiasSettings{"mystore", "owner@shop.example", key}, ""},
		{"zendesk host", helpdesk.GorgiasSettings{"mystore.zendesk.com", "owner@shop.example", key}, helpdesk.GorgiasSettings{}, helpdesk.FieldDomain},
		{"username not an email", helpdesk.GorgiasSettings{"mystore", "owner", key}, helpdesk.GorgiasSettings{}, helpdesk.FieldUsername},
		{"short key", helpdesk.GorgiasSettings{"mystore", "owner@shop.example", "abc"}, helpdesk.GorgiasSettings{}, helpdesk.FieldAPIKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.in.Normalize()
			checkNormalized(t, got, tc.want, err, tc.problem)
		})
	}
}

func checkNormalized[S comparable](t *testing.T, got, want S, err error, problem string) {
	t.Helper()
	if problem == "" {
		if err != nil || got != want {
			t.Fatalf("got %+v, %v; want %+v", got, err, want)
		}
		return
	}
	var problems helpdesk.Problems
	if !errors.As(err, &problems) || len(problems) != 1 || problems[0].Field != problem {
		t.Fatalf("err = %#v, want one problem with %s", err, problem)
	}
	if !apperr.Is(err, apperr.Invalid) || !strings.HasPrefix(problems[0].Message, "Enter") && !strings.HasPrefix(problems[0].Message, "Paste") {
		t.Errorf("problem %q is not an instruction coded Invalid", problems[0].Message)
	}
}

func TestNewClientsRefuseMalformedSettingsWithEveryProblem(t *testing.T) {
	_, err := helpdesk.NewZendesk(helpdesk.ZendeskSettings{Subdomain: "my store", AgentEmail: "nobody", APIToken: ""})
	var problems helpdesk.Problems
	if !errors.As(err, &problems) || len(problems) != 3 {
		t.Fatalf("err = %v, want three problems", err)
	}
	_, err = helpdesk.NewGorgias(helpdesk.GorgiasSettings{Domain: "", Username: "owner@shop.example", APIKey: "0123456789abcdef"})
	if !errors.As(err, &problems) || len(problems) != 1 || problems[0].Field != helpdesk.FieldDomain {
		t.Fatalf("err = %v, want the domain's problem", err)
	}
}

func TestBaseURLMustBeHTTPSExceptOnLoopback(t *testing.T) {
	s := helpdesk.ZendeskSettings{Subdomain: "mystore", AgentEmail: "agent@shop.example", APIToken: "abcdefgh12345678"}
	for raw, ok := range map[string]bool{
		"https://zendesk.example":  true,
		"http://127.0.0.1:8091":    true,
		"http://localhost:8091":    true,
		"http://[::1]:8091":        true,
		"http://zendesk.example":   false,
		"http://10.0.0.5:8091":     false,
		"ftp://127.0.0.1":          false,
		"https://u:p@zendesk.test": false,
		"/relative":                false,
	} {
		_, err := helpdesk.NewZendesk(s, helpdesk.WithBaseURL(raw))
		if (err == nil) != ok {
			t.Errorf("base URL %q: err = %v, want accepted %v", raw, err, ok)
		}
	}
}

func TestSecretsNeverPrintNorLog(t *testing.T) {
	z := helpdesk.ZendeskSettings{Subdomain: "mystore", AgentEmail: "agent@shop.example", APIToken: zendeskToken}
	g := helpdesk.GorgiasSettings{Domain: "mystore", Username: "owner@shop.example", APIKey: gorgiasKey}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("settings", "token", z.APIToken, "zendesk", z, "gorgias", g)
	printed := fmt.Sprintf("%v %+v %#v %s %q %x %d %v", z, z, z, z.APIToken, z.APIToken, z.APIToken, z.APIToken, g)
	for where, text := range map[string]string{"fmt": printed, "slog": logged.String()} {
		for _, secret := range []string{zendeskToken, gorgiasKey} {
			if strings.Contains(text, secret[8:20]) || strings.Contains(text, fmt.Sprintf("%x", secret[8:20])) {
				t.Errorf("%s shows a secret: %s", where, text)
			}
		}
		if !strings.Contains(text, "agent@shop.example") {
			t.Errorf("%s lost the settings that are not secret: %s", where, text)
		}
	}
}
