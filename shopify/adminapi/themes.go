package adminapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// SettingsDataFile is the theme file holding the theme's settings and, in
// current.blocks, its app embeds with their settings and whether each is
// switched off ("disabled").
const SettingsDataFile = "config/settings_data.json"

// Theme is the shop's published theme and its settings_data.json as stored.
type Theme struct {
	ID, Name     string
	SettingsData string // "" when the theme has no settings_data.json
}

// The body of a theme file is a union: text files come as
// OnlineStoreThemeFileBodyText. Needs the read_themes scope.
const mainThemeQuery = `query HubchatMainTheme {
  themes(first: 1, roles: [MAIN]) {
    nodes {
      id
      name
      files(filenames: ["config/settings_data.json"], first: 1) {
        nodes {
          filename
          body { ... on OnlineStoreThemeFileBodyText { content } }
        }
      }
    }
  }
}`

// MainTheme reads the published theme (role MAIN) and its
// settings_data.json: where the app embeds the merchant switched on in the
// theme editor are recorded. A shop without a published theme (no online
// store) is ErrNotFound.
func (c *Client) MainTheme(ctx context.Context) (Theme, error) {
	var data struct {
		Themes struct {
			Nodes []struct {
				ID    string `json:"id"`
				Name  string `json:"name"`
				Files *struct {
					Nodes []struct {
						Filename string `json:"filename"`
						Body     struct {
							Content string `json:"content"`
						} `json:"body"`
					} `json:"nodes"`
				} `json:"files"`
			} `json:"nodes"`
		} `json:"themes"`
	}
	if err := c.Do(ctx, mainThemeQuery, nil, &data); err != nil {
		return Theme{}, fmt.Errorf("main theme: %w", err)
	}
	if len(data.Themes.Nodes) == 0 {
		return Theme{}, fmt.Errorf("main theme: %w", ErrNotFound)
	}
	n := data.Themes.Nodes[0]
	t := Theme{ID: n.ID, Name: n.Name}
	if n.Files != nil {
		for _, f := range n.Files.Nodes {
			if f.Filename == SettingsDataFile {
				t.SettingsData = f.Body.Content
			}
		}
	}
	return t, nil
}

// AppEmbed is one app embed block of a theme's settings_data.json.
type AppEmbed struct {
	// ID is the block's key in current.blocks (Shopify makes it up when
	// the merchant first switches the embed on).
	ID string
	// Type is shopify://apps/{app handle}/blocks/{block handle}/{uuid}.
	Type     string
	Disabled bool
	// Settings are the values the merchant saved; a setting left at its
	// schema default may be missing.
	Settings map[string]any
}

// IsBlock reports whether the embed is the block blockHandle of the app
// whose handle is appHandle.
func (e AppEmbed) IsBlock(appHandle, blockHandle string) bool {
	return strings.HasPrefix(e.Type, "shopify://apps/"+appHandle+"/blocks/"+blockHandle+"/")
}

// AppEmbeds lists the app embeds of a settings_data.json: the blocks of
// its current settings whose type is an app's block. current is an object,
// or in older themes the name of one of its presets. Shopify writes a
// /* … */ comment at the top of the file, which is not JSON: it is skipped.
// An empty file has no embeds.
func AppEmbeds(settingsData string) ([]AppEmbed, error) {
	doc := bytes.TrimSpace(skipLeadingComments([]byte(settingsData)))
	if len(doc) == 0 {
		return nil, nil
	}
	var file struct {
		Current json.RawMessage            `json:"current"`
		Presets map[string]json.RawMessage `json:"presets"`
	}
	if err := json.Unmarshal(doc, &file); err != nil {
		return nil, fmt.Errorf("settings_data.json: %w", err)
	}
	current := file.Current
	var preset string
	if json.Unmarshal(current, &preset) == nil {
		current = file.Presets[preset]
	}
	var settings struct {
		Blocks map[string]struct {
			Type     string         `json:"type"`
			Disabled bool           `json:"disabled"`
			Settings map[string]any `json:"settings"`
		} `json:"blocks"`
	}
	if len(current) > 0 {
		if err := json.Unmarshal(current, &settings); err != nil {
			return nil, fmt.Errorf("settings_data.json current: %w", err)
		}
	}
	var out []AppEmbed
	for id, b := range settings.Blocks {
		if strings.HasPrefix(b.Type, "shopify://apps/") {
			out = append(out, AppEmbed{ID: id, Type: b.Type, Disabled: b.Disabled, Settings: b.Settings})
		}
	}
	return out, nil
}

// skipLeadingComments drops /* … */ comments (and the space around them)
// at the start of doc; an unterminated one leaves doc as it is, for the
// JSON decoder to refuse.
func skipLeadingComments(doc []byte) []byte {
	for {
		rest := bytes.TrimSpace(doc)
		if !bytes.HasPrefix(rest, []byte("/*")) {
			return rest
		}
		end := bytes.Index(rest[2:], []byte("*/"))
		if end < 0 {
			return rest
		}
		doc = rest[2+end+2:]
	}
}
