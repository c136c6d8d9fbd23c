package openai

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrPrivateAddress is a model endpoint on an address the app may not
// reach: a merchant types the base URL, so without this check they could
// make the app call its own database, a cloud metadata service or another
// machine of the private network (server-side request forgery).
var ErrPrivateAddress = errors.New("the model endpoint is on a loopback, private or link-local address")

// privateAddress reports whether ip is one the app must not call for a
// merchant: loopback, private, link-local, unspecified, multicast, shared
// (CGNAT) and the IPv6 forms of IPv4 ones.
func privateAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() ||
		netip.MustParsePrefix("100.64.0.0/10").Contains(ip) || netip.MustParsePrefix("0.0.0.0/8").Contains(ip)
}

// NewHTTPClient returns the client the engine calls model endpoints with.
// Unless allowPrivate, it refuses, when it dials, every address
// privateAddress names: the check is on the address actually connected
// to, after name resolution, so a host name that resolves (or is made to
// resolve) to 127.0.0.1 is refused too. It uses no proxy from the
// environment (a proxy would be dialed instead of the endpoint) and
// follows no redirects.
func NewHTTPClient(allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			ip, err := netip.ParseAddr(host)
			if err != nil || privateAddress(ip) {
				return ErrPrivateAddress
			}
			return nil
		}
	}
	return &http.Client{
		Transport: &http.Transport{DialContext: dialer.DialContext, ForceAttemptHTTP2: true,
			TLSHandshakeTimeout: 5 * time.Second, MaxIdleConnsPerHost: 16, IdleConnTimeout: 90 * time.Second},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// The problems CheckBaseURL finds with a base URL, for a caller that words
// them itself (errors.Is).
var (
	ErrBaseURLNotAbsolute = errors.New("enter an absolute URL, such as https://api.openai.com/v1")
	ErrBaseURLNotHTTPS    = errors.New("the address must start with https://")
	ErrBaseURLExtras      = errors.New("the address must not carry a user name, a query or a fragment (the API key goes in its own field)")
	ErrBaseURLPrivate     = errors.New("a private or local address, which this app does not call")
)

// CheckBaseURL checks a base URL a merchant entered and returns it
// normalised (no trailing slash): an absolute http or https URL without
// credentials, query or fragment; unless allowPrivate, https only and not
// a literal private address or localhost (names that resolve to one are
// refused when dialled). The error says what is wrong, for the form.
func CheckBaseURL(raw string, allowPrivate bool) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "" {
		return "", ErrBaseURLNotAbsolute
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return "", ErrBaseURLNotHTTPS
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", ErrBaseURLExtras
	}
	if !allowPrivate {
		if u.Scheme != "https" {
			return "", ErrBaseURLNotHTTPS
		}
		host := u.Hostname()
		if ip, err := netip.ParseAddr(host); err == nil && privateAddress(ip) || strings.EqualFold(host, "localhost") ||
			strings.HasSuffix(strings.ToLower(host), ".localhost") {
			return "", fmt.Errorf("%s is %w", host, ErrBaseURLPrivate)
		}
	}
	return strings.TrimRight(u.String(), "/"), nil
}
