// Package i18n speaks the admin's six languages: English, Spanish, French,
// Italian, Polish and German. It holds the words a staff member reads, picks
// the plural form their language needs, and writes numbers, dates and times
// as their language writes them.
//
// # The request's language
//
// The admin guard puts the staff member's language into the request context
// (WithLocale); everything below reads it back with FromContext, so a templ
// component or a handler needs only its ctx:
//
//	loc := i18n.Match("es-MX")          // Spanish; "pt" or "" give English
//	ctx = i18n.WithLocale(ctx, loc)
//	i18n.FromContext(ctx).Lang()        // "es", for <html lang>
//
// # Words: T
//
// T(ctx, key, name, value, name, value...) returns the message of key in the
// context's language with its {name} placeholders filled:
//
//	i18n.T(ctx, "layout.nav.inbox")                           // "Bandeja de entrada"
//	i18n.T(ctx, "inbox.unread_count", "count", 3)              // "3 tickets no leídos"
//	i18n.T(ctx, "ticket.assigned_to", "name", agent.Name)     // user text: as given
//
// In a Fiber handler the context is c.UserContext() (the admin guard sets
// the language there, and web.Component renders templ with it). In templ,
// write { i18n.T(ctx, "layout.nav.inbox") }: templ escapes the result, so
// a value a person typed is safe in any message. Integer values are written
// with the language's digit grouping (Number); strings are used as given.
//
// A message with plural forms is chosen by its "count" argument with the
// CLDR cardinal rules: English one/other, Polish one/few/many/other (1
// bilet, 2 bilety, 5 biletów, 1,5 biletu)...
//
// A key missing from a language falls back to English, and a key missing from
// English is returned as is, so it shows; TestCatalogsAreComplete fails
// on both before they ship.
//
// # Catalogs
//
// The messages live in catalog/<lang>/<area>.json, one file per area of the
// admin (layout, inbox, ticket, dashboard, settings, errors, time...) so
// several people can add keys at once without touching the same file. Every
// key starts with its file's area ("inbox.tabs.open" lives in inbox.json). A
// value is a string, or an object of plural forms:
//
//	{
//	  "inbox.tabs.open": "Open",
//	  "inbox.unread_count": {"one": "{count} unread ticket", "other": "{count} unread tickets"}
//	}
//
// To add words: add the key to catalog/en/<area>.json, then the same key to
// the five other languages (TestCatalogsAreComplete lists what is missing,
// a placeholder that differs, or a plural form a language needs). A
// translation that is rightly the same as English ("Email", "OK") goes in
// sameAsEnglish in catalog_test.go. Name keys by meaning (inbox.tabs.open),
// not by their English words.
//
// # Numbers, dates and times
//
// Number, Decimal and Percent group digits as the language does ("5,000",
// "5000" and "12 345" in Polish); Date ("Jan 2, 2026", "2 ene 2026"),
// DayMonth, Weekday, Time ("3:04 PM", "15:04") and DateTime write a
// time.Time already in the zone to show it in; Ago writes how long ago
// ("3 min ago", "hace 3 min"). A script that words things between renders
// gets the messages it needs with ClientMessages. Money is not here: it follows the shop's
// money format, not the staff member's language.
package i18n
