// Package views is documentation only: the templ components live in layouts/
// (the HTML shell), pages/ (one file per page, each taking a view model shaped
// like the page) and components/ (pieces shared by pages). Views never query
// anything and never import storage or Fiber; handlers build the view models.
package views
