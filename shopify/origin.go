package shopify

import (
	"net"
	"net/url"
	"strings"
)

// Origin returns the web origin of an http(s) URL spelled as a browser
// spells it in an Origin header: the scheme and host in lowercase, the port
// only when it is not the scheme's default, no path. It is how a shop's
// storefront domains (the url of the Admin API's Domain objects) and a
// request's Origin header are compared. ok is false for anything that has
// no such origin: another scheme, no host, user info, or the opaque
// origin "null".
func Origin(raw string) (origin string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Opaque != "" || u.User != nil {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", false
	}
	host, port := asciiLower(u.Hostname()), u.Port()
	if host == "" {
		return "", false
	}
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	switch {
	case port != "":
		host = net.JoinHostPort(host, port)
	case strings.Contains(host, ":"): // an IPv6 address keeps its brackets
		host = "[" + host + "]"
	}
	return scheme + "://" + host, true
}
