package shopifytest

import (
	"errors"
	"html"
	"net/http"
	"net/url"
)

// storefrontPage is one theme template to render inside the layout.
type storefrontPage struct {
	template string         // a key of themeTemplates
	pageType string         // request.page_type
	title    string         // page_title; empty for the shop name alone
	status   int            // 0 means 200
	vars     map[string]any // the template's own objects (product, …)
}

func (s *Storefront) handleHome(w http.ResponseWriter, r *http.Request) {
	var products []StorefrontProduct
	if s.cfg.Products != nil {
		var err error
		if products, err = s.cfg.Products(r.Context()); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	list := make([]any, len(products))
	for i, p := range products {
		list[i] = p.object(s.root(r))
	}
	s.writePage(w, r, storefrontPage{template: "index", pageType: "index", vars: map[string]any{"products": list}})
}

func (s *Storefront) handleProduct(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Products != nil {
		products, err := s.cfg.Products(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, p := range products {
			if p.Handle == r.PathValue("handle") {
				s.writePage(w, r, storefrontPage{template: "product", pageType: "product", title: p.Title,
					vars: map[string]any{"product": p.object(s.root(r))}})
				return
			}
		}
	}
	s.handleNotFound(w, r)
}

func (s *Storefront) handlePolicy(w http.ResponseWriter, r *http.Request) {
	policy := map[string]*StorefrontPolicy{
		"privacy-policy":   s.cfg.Shop.PrivacyPolicy,
		"terms-of-service": s.cfg.Shop.TermsOfService,
	}[r.PathValue("handle")]
	if policy == nil {
		s.handleNotFound(w, r)
		return
	}
	s.writePage(w, r, storefrontPage{template: "page", pageType: "policy", title: policy.Title,
		vars: map[string]any{"policy": map[string]any{"title": policy.Title, "body": policy.Body}}})
}

func (s *Storefront) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.writePage(w, r, storefrontPage{template: "404", pageType: "404", title: "Page not found", status: http.StatusNotFound})
}

// handleLoginPage shows the fake's sign-in: one button that signs in as the
// demo customer and returns to return_url (or checkout_url), as Shopify's
// login does.
func (s *Storefront) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	vars := map[string]any{"return_url": returnPath(r, "/account")}
	if s.cfg.DemoCustomerID != 0 && s.cfg.Customer != nil {
		c, ok, err := s.cfg.Customer(r.Context(), s.cfg.DemoCustomerID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if ok {
			vars["demo_customer"] = map[string]any{"name": c.Name(), "email": c.Email}
		}
	}
	s.writePage(w, r, storefrontPage{template: "customers/login", pageType: "customers/login", title: "Sign in", vars: vars})
}

// handleLogin signs in as the demo customer. It is a form post to the
// fake's own origin, the stand-in for Shopify's customer login.
func (s *Storefront) handleLogin(w http.ResponseWriter, r *http.Request) {
	if s.cfg.DemoCustomerID == 0 || s.cfg.Customer == nil {
		http.Error(w, "This fake store has no demo customer", http.StatusNotFound)
		return
	}
	if _, ok, err := s.cfg.Customer(r.Context(), s.cfg.DemoCustomerID); err != nil || !ok {
		if err == nil {
			err = errors.New("the demo customer does not exist")
		}
		s.fail(w, r, err)
		return
	}
	s.sessions.signIn(w, s.cfg.DemoCustomerID)
	http.Redirect(w, r, returnPath(r, "/account"), http.StatusSeeOther)
}

func (s *Storefront) handleLogout(w http.ResponseWriter, r *http.Request) {
	s.sessions.signOut(w)
	http.Redirect(w, r, returnPath(r, "/"), http.StatusSeeOther)
}

func (s *Storefront) handleAccount(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.sessions.customerID(r); !ok {
		http.Redirect(w, r, "/account/login?return_url="+url.QueryEscape("/account"), http.StatusSeeOther)
		return
	}
	s.writePage(w, r, storefrontPage{template: "customers/account", pageType: "customers/account", title: "Account"})
}

// writePage renders a theme template inside the layout.
func (s *Storefront) writePage(w http.ResponseWriter, r *http.Request, p storefrontPage) {
	objs, err := s.visitor(r, p.pageType)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	bindings := objs.bindings()
	for k, v := range p.vars {
		bindings[k] = v
	}
	content, err := renderTemplate(s.theme.templates[p.template], "templates/"+p.template+".liquid", bindings)
	if err != nil {
		s.fail(w, r, err) // the theme is part of the fake: an error here is its bug
		return
	}
	page, err := s.layoutPage(r, objs, p, content)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeHTML(w, p.status, page)
}

// layoutPage wraps content in the theme layout, with the enabled app
// embeds' assets in the head and their markup at the end of the body.
func (s *Storefront) layoutPage(r *http.Request, objs StorefrontObjects, p storefrontPage, content string) (string, error) {
	embeds := s.renderEmbeds(r, objs)
	bindings := objs.bindings()
	bindings["content_for_layout"] = content
	bindings["content_for_header"] = shopifyGlobals(objs) + embeds.head
	bindings["page_title"] = p.title
	bindings["template"] = map[string]any{"name": p.template}
	page, err := renderTemplate(s.theme.layout, "layout/theme.liquid", bindings)
	if err != nil {
		return "", err
	}
	return insertBeforeBodyEnd(page, embeds.body), nil
}

func writeHTML(w http.ResponseWriter, status int, body string) {
	if status == 0 {
		status = http.StatusOK
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// liquidErrorBox shows an error on the page, as Shopify prints Liquid
// errors inline, so a broken embed is seen rather than silently missing.
func liquidErrorBox(err error) string {
	return `<div class="liquid-error" data-testid="liquid-error">` + html.EscapeString(err.Error()) + `</div>`
}
