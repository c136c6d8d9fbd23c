package shopapi

import (
	"context"
	"errors"
	"fmt"

	"hubchat/shopify"
	"hubchat/shopify/adminapi"
	"hubchat/storage"
)

// themesScope lets the app read the published theme's settings_data.json,
// where Shopify records the app embeds the merchant switched on.
const themesScope = "read_themes"

// ErrThemesNotGranted means the shop has not granted read_themes (it
// installed the app before the app asked for it), so whether an app embed
// is on cannot be known until the merchant grants it.
var ErrThemesNotGranted = errors.New("shopapi: the shop has not granted read_themes")

// AppEmbed finds the app embed block blockHandle of the app whose handle is
// appHandle in the shop's published theme, as the theme editor saved it:
// found is false when the merchant never switched it on (or the shop has
// no published theme); otherwise the embed says whether it is switched off
// and holds its saved settings.
func (c *Clients) AppEmbed(ctx context.Context, shop storage.Shop, appHandle, blockHandle string) (embed adminapi.AppEmbed, found bool, err error) {
	if len(shopify.MissingScopes(shop.Scopes, []string{themesScope})) > 0 {
		return adminapi.AppEmbed{}, false, ErrThemesNotGranted
	}
	client, err := c.For(shop)
	if err != nil {
		return adminapi.AppEmbed{}, false, err
	}
	theme, err := client.MainTheme(ctx)
	var ge *adminapi.GraphQLError
	switch {
	case errors.Is(err, adminapi.ErrNotFound):
		return adminapi.AppEmbed{}, false, nil
	case errors.As(err, &ge) && ge.HasCode("ACCESS_DENIED"):
		return adminapi.AppEmbed{}, false, ErrThemesNotGranted
	case err != nil:
		return adminapi.AppEmbed{}, false, fmt.Errorf("published theme of %s: %w", shop.Domain, err)
	}
	embeds, err := adminapi.AppEmbeds(theme.SettingsData)
	if err != nil {
		return adminapi.AppEmbed{}, false, fmt.Errorf("published theme of %s: %w", shop.Domain, err)
	}
	for _, e := range embeds {
		if e.IsBlock(appHandle, blockHandle) {
			return e, true, nil
		}
	}
	return adminapi.AppEmbed{}, false, nil
}
