package shopifytest

// The app's installation and its app-data metafields: currentAppInstallation,
// the metafieldsSet mutation (for the installation's metafields only), the
// store they are kept in, and what the storefront and uninstall read from it.

import (
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"time"

	"hubchat/shopify/adminapi"
)

// appMetafieldStore keeps each shop's app-data metafields. The zero value
// is empty and ready; it is safe for concurrent use.
type appMetafieldStore struct {
	mu     sync.Mutex
	lastID int64
	shops  map[string]map[appMetafieldKey]*appMetafield // shop → (namespace, key) → metafield
}

type appMetafieldKey struct{ namespace, key string }

type appMetafield struct {
	id               int64
	typ, value       string
	created, updated time.Time
}

// appMetafieldInput is one validated MetafieldsSetInput.
type appMetafieldInput struct {
	appMetafieldKey
	typ, value string
}

// set stores the inputs together (metafieldsSet is atomic) and returns them
// as stored, in input order; a metafield that exists keeps its id.
func (st *appMetafieldStore) set(shop string, in []appMetafieldInput, now time.Time) []any {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.shops == nil {
		st.shops = map[string]map[appMetafieldKey]*appMetafield{}
	}
	fields := st.shops[shop]
	if fields == nil {
		fields = map[appMetafieldKey]*appMetafield{}
		st.shops[shop] = fields
	}
	out := make([]any, len(in))
	for i, f := range in {
		m := fields[f.appMetafieldKey]
		if m == nil {
			st.lastID++
			m = &appMetafield{id: st.lastID, created: now}
			fields[f.appMetafieldKey] = m
		}
		m.typ, m.value, m.updated = f.typ, f.value, now
		out[i] = map[string]any{
			"id": adminapi.GID("Metafield", m.id), "namespace": f.namespace, "key": f.key,
			"type": m.typ, "value": m.value, "ownerType": "API_PERMISSION",
			"createdAt": adminapiTime(m.created), "updatedAt": adminapiTime(m.updated),
		}
	}
	return out
}

// AppInstallationID is the id of the app's installation on shop: a stable
// gid://shopify/AppInstallation/{n}, n derived from the shop's domain.
func (a *AdminAPI) AppInstallationID(shop string) string { return appInstallationID(shop) }

func appInstallationID(shop string) string {
	h := fnv.New32a()
	h.Write([]byte(shop))
	return adminapi.GID("AppInstallation", int64(h.Sum32())+1)
}

// AppMetafields returns a copy of the app-data metafields the app set on
// shop (namespace → key), as the storefront's app.metafields shows them.
func (a *AdminAPI) AppMetafields(shop string) map[string]map[string]StorefrontMetafield {
	a.appData.mu.Lock()
	defer a.appData.mu.Unlock()
	out := map[string]map[string]StorefrontMetafield{}
	for k, m := range a.appData.shops[shop] {
		if out[k.namespace] == nil {
			out[k.namespace] = map[string]StorefrontMetafield{}
		}
		out[k.namespace][k.key] = StorefrontMetafield{Type: m.typ, Value: m.value}
	}
	return out
}

// DeleteAppMetafields deletes the app's metafields on shop, as Shopify does
// with the data of an app installation when the app is uninstalled.
func (a *AdminAPI) DeleteAppMetafields(shop string) {
	a.appData.mu.Lock()
	defer a.appData.mu.Unlock()
	delete(a.appData.shops, shop)
}

func adminapiCurrentAppInstallation(s *DemoShop, _ *adminapi.Operation, _ adminapi.Field, _ map[string]any, _ *AdminAPIOptions) (any, error) {
	return map[string]any{"id": appInstallationID(s.Info().Domain)}, nil
}

// adminapiMutations answer the mutations hubchat's client sends; any other
// is an undefinedField error, as on Shopify.
var adminapiMutations = map[string]func(a *AdminAPI, shop string, op *adminapi.Operation, f adminapi.Field, vars map[string]any) (any, error){
	"metafieldsSet": (*AdminAPI).metafieldsSet,
}

// mutate runs a mutation's fields one after the other, as GraphQL does.
func (a *AdminAPI) mutate(shop string, op *adminapi.Operation, vars map[string]any) (map[string]any, error) {
	data := map[string]any{}
	for _, f := range op.Fields {
		v, err := adminapiMutations[f.Name](a, shop, op, f, vars)
		if err != nil {
			return nil, err
		}
		data[f.Alias] = v
	}
	return data, nil
}

// metafieldsSet sets up to 25 metafields atomically: any invalid input
// fails them all with userErrors and stores nothing. Only the app
// installation's own metafields are modelled; other owners that Shopify
// would accept (the shop, products…) are errors of the fake, not of the app.
func (a *AdminAPI) metafieldsSet(shop string, op *adminapi.Operation, f adminapi.Field, vars map[string]any) (any, error) {
	arg, _ := op.Arg(f, "metafields", vars)
	list, ok := arg.([]any)
	if !ok {
		return nil, errors.New("Variable $metafields of type [MetafieldsSetInput!]! was provided invalid value")
	}
	if len(list) > adminapi.MaxMetafieldsPerSet {
		return adminapiMetafieldsSetPayload(nil, []any{adminapiUserError([]string{"metafields"}, -1,
			fmt.Sprintf("Exceeded the maximum metafields input limit of %d.", adminapi.MaxMetafieldsPerSet), "LESS_THAN_OR_EQUAL_TO")}), nil
	}
	owner := appInstallationID(shop)
	inputs := make([]appMetafieldInput, len(list))
	var userErrors []any
	for i, raw := range list {
		in, errs, err := adminapiMetafieldInput(raw, i, owner)
		if err != nil {
			return nil, err
		}
		inputs[i], userErrors = in, append(userErrors, errs...)
	}
	if len(userErrors) > 0 {
		return adminapiMetafieldsSetPayload(nil, userErrors), nil
	}
	return adminapiMetafieldsSetPayload(a.appData.set(shop, inputs, a.opts.Now()), nil), nil
}

func adminapiMetafieldsSetPayload(metafields, userErrors []any) map[string]any {
	return map[string]any{"metafields": nonNil(metafields), "userErrors": nonNil(userErrors)}
}

// nonNil makes a nil list a JSON [] rather than null, as Shopify answers.
func nonNil(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}

// adminapiUserError is a MetafieldsSetUserError; index is the input's
// elementIndex, or -1 for none.
func adminapiUserError(field []string, index int, message, code string) map[string]any {
	e := map[string]any{"field": field, "message": message, "code": code, "elementIndex": nil}
	if index >= 0 {
		e["elementIndex"] = index
	}
	return e
}

// adminapiMetafieldInput validates input i. Bad input the app sent gives
// userErrors; input the fake does not model gives err.
func adminapiMetafieldInput(raw any, i int, owner string) (appMetafieldInput, []any, error) {
	obj, _ := raw.(map[string]any)
	str := func(name string) (string, bool) { s, ok := obj[name].(string); return s, ok }
	ownerID, okOwner := str("ownerId")
	key, okKey := str("key")
	value, okValue := str("value")
	if obj == nil || !okOwner || !okKey || !okValue {
		return appMetafieldInput{}, nil, fmt.Errorf("Variable $metafields of type [MetafieldsSetInput!]! was provided invalid value for %d (ownerId, key and value are required strings)", i)
	}
	namespace, okNamespace := str("namespace")
	typ, _ := str("type")
	if !okNamespace || strings.HasPrefix(namespace, "$app") {
		return appMetafieldInput{}, nil, fmt.Errorf("shopifytest: metafieldsSet without a namespace or in the reserved $app namespace is not supported by the fake")
	}
	if resource, _, err := adminapi.ParseGID(ownerID); err == nil && resource != "AppInstallation" {
		return appMetafieldInput{}, nil, fmt.Errorf("shopifytest: metafields on %s are not supported by the fake, only the app installation's", ownerID)
	}
	var errs []any
	bad := func(field, message, code string) {
		errs = append(errs, adminapiUserError([]string{"metafields", strconv.Itoa(i), field}, i, message, code))
	}
	if ownerID != owner {
		bad("ownerId", "Owner does not exist.", "INVALID")
	}
	for _, c := range []struct{ field, value string }{{"namespace", namespace}, {"key", key}} {
		if msg, code := adminapiCheckIdentifier(c.field, c.value); msg != "" {
			bad(c.field, msg, code)
		}
	}
	if msg, code := adminapiCheckMetafieldType(typ); msg != "" {
		bad("type", msg, code)
	} else if msg, code := adminapiCheckMetafieldValue(typ, value); msg != "" {
		bad("value", msg, code)
	}
	return appMetafieldInput{appMetafieldKey{namespace, key}, typ, value}, errs, nil
}
