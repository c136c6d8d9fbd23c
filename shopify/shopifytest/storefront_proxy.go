package shopifytest

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"

	"hubchat/shopify"
)

// maxLiquidResponse bounds an application/liquid response, which must be
// read whole to be rendered.
const maxLiquidResponse = 4 << 20

// handleAppProxy forwards /{prefix}/{subpath}/… to the app as Shopify
// documents it (SHOPIFY.md §3): same method and body, the rest of the path
// appended to the proxy URL, the visitor's query plus shop, path_prefix,
// timestamp and logged_in_customer_id, signed with the app's secret;
// cookies stripped both ways. No X-Forwarded-* header: Shopify's
// documentation promises none, so an app must not depend on one. The
// response streams through (an SSE stream included), except that an
// application/liquid response is rendered in the theme layout with the
// storefront's objects.
func (s *Storefront) handleAppProxy(w http.ResponseWriter, r *http.Request) {
	if s.proxyURL == nil {
		s.handleNotFound(w, r)
		return
	}
	c, signedIn, err := s.customer(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	customerID := ""
	if signedIn {
		customerID = strconv.FormatInt(c.ID, 10)
	}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			s.rewriteProxyRequest(pr, customerID)
		},
		ModifyResponse: func(resp *http.Response) error {
			resp.Header.Del("Set-Cookie")
			if !isLiquid(resp.Header.Get("Content-Type")) {
				return nil
			}
			return s.renderLiquidResponse(resp, r)
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			s.cfg.Logger.Error("storefront: app proxy failed", "path", r.URL.Path, "err", err)
			http.Error(w, "The app proxy could not reach the app", http.StatusBadGateway)
		},
		FlushInterval: -1, // flush every write, so event streams are not held back
		Transport:     s.cfg.Transport,
	}
	proxy.ServeHTTP(w, r)
}

// rewriteProxyRequest builds the request the app receives.
func (s *Storefront) rewriteProxyRequest(pr *httputil.ProxyRequest, customerID string) {
	in, out := pr.In, pr.Out
	rest := strings.TrimPrefix(in.URL.EscapedPath(), s.proxyPath)
	target := *s.proxyURL
	joined, err := url.Parse(strings.TrimSuffix(s.proxyURL.EscapedPath(), "/") + rest)
	if err == nil {
		target.Path, target.RawPath = joined.Path, joined.RawPath
	}
	// Set replaces any value the visitor put in the URL, or a shopper could
	// claim a customer with ?logged_in_customer_id=.
	q := in.URL.Query()
	q.Set("shop", s.cfg.Shop.PermanentDomain)
	q.Set("path_prefix", s.proxyPath)
	q.Set("timestamp", strconv.FormatInt(s.cfg.Now().Unix(), 10))
	q.Set("logged_in_customer_id", customerID)
	q.Set("signature", shopify.SignAppProxy(q, s.cfg.AppProxy.Secret))
	target.RawQuery = q.Encode()
	out.URL, out.Host = &target, target.Host
	out.Header.Del("Cookie")
	// Without the visitor's Accept-Encoding the transport asks for gzip
	// itself and decompresses, so a Liquid response arrives as text.
	out.Header.Del("Accept-Encoding")
	// The visitor's own X-Forwarded-* headers were removed before Rewrite
	// (httputil.ProxyRequest), and none is added.
}

func isLiquid(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && mt == "application/liquid"
}

// renderLiquidResponse replaces the app's Liquid with the rendered page,
// keeping the app's status. `{% layout none %}` renders it bare.
func (s *Storefront) renderLiquidResponse(resp *http.Response, r *http.Request) error {
	src, err := io.ReadAll(io.LimitReader(resp.Body, maxLiquidResponse+1))
	resp.Body.Close()
	if err != nil {
		return fmt.Errorf("reading the app's Liquid: %w", err)
	}
	if len(src) > maxLiquidResponse {
		return fmt.Errorf("the app's Liquid response exceeds %d bytes", maxLiquidResponse)
	}
	objs, err := s.visitor(r, "page")
	if err != nil {
		return err
	}
	file := "app proxy response " + r.URL.Path
	content, prepared, err := renderLiquid(s.theme.env, file, string(src), objs.bindings())
	if err != nil {
		s.cfg.Logger.Error("storefront: app proxy Liquid failed", "path", r.URL.Path, "err", err)
		content = liquidErrorBox(err)
	}
	page := content
	if !prepared.layoutNone {
		if page, err = s.layoutPage(r, objs, storefrontPage{template: "page", pageType: "page"}, content); err != nil {
			return err
		}
	}
	resp.Body = io.NopCloser(strings.NewReader(page))
	resp.ContentLength = int64(len(page))
	resp.Header.Set("Content-Length", strconv.Itoa(len(page)))
	resp.Header.Set("Content-Type", "text/html; charset=utf-8")
	resp.Header.Del("Content-Encoding")
	return nil
}
