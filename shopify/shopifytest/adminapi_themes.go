package shopifytest

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"path"
	"slices"
	"strconv"

	"hubchat/shopify/adminapi"
)

// adminapiThemes answers themes(first:, roles:): the shop's published
// theme (role MAIN), the only one the fake has, when roles is absent or
// names MAIN. Its files are config/settings_data.json alone, answered when
// filenames is absent or matches it ('*' matches any run of characters).
func adminapiThemes(s *DemoShop, op *adminapi.Operation, f adminapi.Field, vars map[string]any, opts *AdminAPIOptions) (any, error) {
	theme := opts.Themes(s.Info().Domain)
	first, after := adminapiPageArgs(op, f, vars)
	var nodes []adminapiNode
	if theme != nil && adminapiRoleAsked(op, f, vars, "MAIN") {
		files, err := adminapiThemeFiles(theme, op, adminapiFindField(f.Fields, "files"), vars)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, adminapiNode{cursor: adminapiCursor{Key: theme.Name, ID: theme.ID}, build: func() map[string]any {
			return map[string]any{
				"id": fmt.Sprintf("gid://shopify/OnlineStoreTheme/%d", theme.ID), "name": theme.Name, "role": "MAIN",
				"prefix": "/t/1", "processing": false, "processingFailed": false, "themeStoreId": 887,
				"createdAt": "2026-01-05T10:00:00Z", "updatedAt": "2026-01-05T10:00:00Z", "files": files,
			}
		}})
	}
	return adminapiPage(nodes, first, after, false)
}

// adminapiThemeFiles is the theme's files connection for the selected
// files field (nil when the query does not select it).
func adminapiThemeFiles(theme *Theme, op *adminapi.Operation, files *adminapi.Field, vars map[string]any) (map[string]any, error) {
	if files == nil {
		return nil, nil
	}
	const name = adminapi.SettingsDataFile
	if arg, ok := op.Arg(*files, "filenames", vars); ok {
		list, _ := arg.([]any)
		if len(list) > 50 {
			return nil, fmt.Errorf("At most 50 filenames can be specified.")
		}
		if !slices.ContainsFunc(list, func(v any) bool { p, _ := v.(string); ok, _ := path.Match(p, name); return ok }) {
			return adminapiPage(nil, 50, "", false)
		}
	}
	first, after := adminapiPageArgs(op, *files, vars)
	content := theme.SettingsData()
	sum := md5.Sum([]byte(content))
	node := adminapiNode{cursor: adminapiCursor{Key: name, ID: 1}, build: func() map[string]any {
		return map[string]any{
			"filename": name, "contentType": "application/json", "size": strconv.Itoa(len(content)),
			"checksumMd5": hex.EncodeToString(sum[:]), "body": map[string]any{"content": content},
			"createdAt": "2026-01-05T10:00:00Z", "updatedAt": "2026-01-05T10:00:00Z",
		}
	}}
	return adminapiPage([]adminapiNode{node}, first, after, false)
}

// adminapiPageArgs are a connection field's first (default 50, Shopify's
// for theme connections) and after arguments.
func adminapiPageArgs(op *adminapi.Operation, f adminapi.Field, vars map[string]any) (int, string) {
	first := 50
	if v, ok := op.Arg(f, "first", vars); ok {
		first, _ = adminapiInt(v)
	}
	after, _ := op.Arg(f, "after", vars)
	s, _ := after.(string)
	return first, s
}

// adminapiRoleAsked reports whether the roles argument is absent or lists
// role.
func adminapiRoleAsked(op *adminapi.Operation, f adminapi.Field, vars map[string]any, role string) bool {
	arg, ok := op.Arg(f, "roles", vars)
	if !ok {
		return true
	}
	list, _ := arg.([]any)
	return slices.Contains(list, any(role))
}

// adminapiFindField is the first field named name in fields or below them.
func adminapiFindField(fields []adminapi.Field, name string) *adminapi.Field {
	for i := range fields {
		if fields[i].Name == name {
			return &fields[i]
		}
		if f := adminapiFindField(fields[i].Fields, name); f != nil {
			return f
		}
	}
	return nil
}
