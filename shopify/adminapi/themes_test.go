package adminapi

import (
	"reflect"
	"testing"
)

func TestParseQueryReadsInlineFragments(t *testing.T) {
	op, err := ParseQuery(mainThemeQuery)
	if err != nil {
		t.Fatal(err)
	}
	files := op.Fields[0].Fields[0].Fields[2]
	body := files.Fields[0].Fields[1]
	if files.Name != "files" || body.Name != "body" || len(body.Fields) != 1 {
		t.Fatalf("selection = %+v", files)
	}
	if c := body.Fields[0]; c.Name != "content" || c.On != "OnlineStoreThemeFileBodyText" {
		t.Errorf("fragment field = %+v, want content on OnlineStoreThemeFileBodyText", c)
	}
	if _, err := ParseQuery(`{ shop { ... { name } } }`); err == nil {
		t.Error("a fragment without a type condition was accepted")
	}
}

func TestAppEmbedsReadsSettingsData(t *testing.T) {
	const data = `/*
 * ------------------------------------------------------------
 * IMPORTANT: The contents of this file are auto-generated.
 * ------------------------------------------------------------
 */
{
  "current": {
    "colors_accent_1": "#121212",
    "blocks": {
      "12883641587216398163": {
        "type": "shopify://apps/hubchat/blocks/hub/5f2c4c1e-0000-4000-8000-000000000001",
        "disabled": false,
        "settings": {"show_tabs": false, "accent_color": "#ff0000"}
      },
      "998": {"type": "shopify://apps/other/blocks/hub/1", "disabled": true, "settings": {}}
    }
  },
  "presets": {"Default": {}}
}`
	embeds, err := AppEmbeds(data)
	if err != nil {
		t.Fatal(err)
	}
	var hub *AppEmbed
	for i, e := range embeds {
		if e.IsBlock("hubchat", "hub") {
			hub = &embeds[i]
		}
	}
	if len(embeds) != 2 || hub == nil {
		t.Fatalf("embeds = %+v", embeds)
	}
	want := AppEmbed{ID: "12883641587216398163", Type: "shopify://apps/hubchat/blocks/hub/5f2c4c1e-0000-4000-8000-000000000001",
		Settings: map[string]any{"show_tabs": false, "accent_color": "#ff0000"}}
	if !reflect.DeepEqual(*hub, want) {
		t.Errorf("hub = %+v, want %+v", *hub, want)
	}
	if other := (AppEmbed{Type: "shopify://apps/hubchat/blocks/hub-extra/1"}); other.IsBlock("hubchat", "hub") {
		t.Error("another block of the app matched")
	}
}

func TestAppEmbedsFollowsAPresetName(t *testing.T) {
	data := `{"current": "Light", "presets": {"Light": {"blocks": {"1": {"type": "shopify://apps/hubchat/blocks/hub/u", "disabled": true}}}}}`
	embeds, err := AppEmbeds(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(embeds) != 1 || !embeds[0].Disabled {
		t.Errorf("embeds = %+v, want the preset's disabled hub", embeds)
	}
	for _, bad := range []string{`/* unterminated {"current": {}}`, `{"current": {"blocks": []}}`} {
		if _, err := AppEmbeds(bad); err == nil {
			t.Errorf("AppEmbeds(%q) accepted it", bad)
		}
	}
	if embeds, err := AppEmbeds(""); err != nil || embeds != nil {
		t.Errorf("empty file: %v, %v", embeds, err)
	}
}
