package adminapi

import (
	"fmt"
	"strconv"
	"strings"
)

const gidPrefix = "gid://shopify/"

// GID returns Shopify's global id of a resource, gid://shopify/{resource}/{id}.
func GID(resource string, id int64) string {
	return gidPrefix + resource + "/" + strconv.FormatInt(id, 10)
}

// ParseGID splits a global id into its resource name and numeric id. It
// ignores a query string (parameterised GIDs) and rejects anything that is
// not gid://shopify/{Resource}/{positive integer}.
func ParseGID(gid string) (resource string, id int64, err error) {
	rest, ok := strings.CutPrefix(gid, gidPrefix)
	if !ok {
		return "", 0, fmt.Errorf("adminapi: not a shopify gid: %q", gid)
	}
	rest, _, _ = strings.Cut(rest, "?")
	resource, num, ok := strings.Cut(rest, "/")
	if !ok || resource == "" {
		return "", 0, fmt.Errorf("adminapi: gid without resource: %q", gid)
	}
	id, err = strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 {
		return "", 0, fmt.Errorf("adminapi: gid without numeric id: %q", gid)
	}
	return resource, id, nil
}

// numericID parses the id of a GID of the expected resource. Shopify's own
// ids always parse; a failure means a bug or a foreign id, worth surfacing.
func numericID(gid, resource string) (int64, error) {
	r, id, err := ParseGID(gid)
	if err != nil {
		return 0, err
	}
	if r != resource {
		return 0, fmt.Errorf("adminapi: gid %q is not a %s", gid, resource)
	}
	return id, nil
}
