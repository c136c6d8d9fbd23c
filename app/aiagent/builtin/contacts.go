package builtin

import "regexp"

// This file lets a question that asks how to reach the shop ("what's your
// phone number", "customer service email") be answered only by a passage
// that gives a way: an email address or a phone number as written. The
// words of the contact group are as often what the shop collects ("we
// collect your name, email address, phone number"), what it does ("we'll
// email you a code") or a thing's number, and a passage that says them
// without an address tells the shopper nothing of how to reach anyone.

// contactRules tell the questions that ask for a way to reach the shop.
type contactRules struct {
	// phone asks for a phone number; email for an email address; any for
	// either ("how can I contact you").
	phone, email, any *regexp.Regexp
}

// englishContacts are English's.
var englishContacts = contactRules{
	phone: regexp.MustCompile(`\b(phone|phone number|telephone|number (i|we) can call|call you|call someone|hotline|helpline)\b`),
	email: regexp.MustCompile(`\b(email address|e mail address|your email|an email|email you at|email to)\b`),
	any: regexp.MustCompile(`\b(contact you|contact details|contact info|contact information|contact number|contact email|` +
		`get in touch|reach you|reach someone|reach customer service|customer service|customer support|support team)\b`),
}

// Passages that give a way to reach someone are indexed under these terms
// (never words: "~" starts no word's term).
const (
	emailAddressTerm = "~emailaddress"
	phoneNumberTerm  = "~phonenumber"
)

var (
	emailAddress = regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`)
	// phoneNumber is digits in groups with separators: "(503) 555-0142",
	// "+44 20 7946 0958", "1-800-555-0199"; not a lone number, a range
	// ("1 to 3") nor an order's or a tracking number's run of digits.
	phoneNumber = regexp.MustCompile(`(\+\d{1,3}[\s.-]?)?(\(\d{2,4}\)\s?|\b\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b`)
)

// countContacts adds to a passage's term frequencies a count of each way
// to reach someone its text gives.
func countContacts(tf map[string]float32, text string) {
	if emailAddress.MatchString(text) {
		tf[emailAddressTerm]++
	}
	if phoneNumber.MatchString(text) {
		tf[phoneNumberTerm]++
	}
}

// contactForms are the forms a concept of the contact group ("~contact":
// phone, email, contact…) takes in a question that asks for a way to
// reach the shop: the ways asked for, as passages give them; ok is false
// for another concept or a question that asks none ("will you email me").
func (idx *index) contactForms(key, text string) (forms []form, ok bool) {
	r := idx.kit.analyzer.lang.contacts
	if key != contactGroup || r.phone == nil {
		return nil, false
	}
	switch {
	case r.phone.MatchString(text):
		return []form{{phoneNumberTerm, 1}}, true
	case r.email.MatchString(text):
		return []form{{emailAddressTerm, 1}}, true
	case r.any.MatchString(text):
		return []form{{emailAddressTerm, 1}, {phoneNumberTerm, 1}}, true
	}
	return nil, false
}

// contactGroup is the key of the synonym group of the ways to reach a shop.
const contactGroup = "~contact"

// markContacts sets in terms, a text's set of terms, the ways to reach
// someone the text gives, as the index counts them: a sentence that
// gives the number is the one quoted.
func markContacts(terms map[string]bool, text string) {
	terms[emailAddressTerm] = emailAddress.MatchString(text)
	terms[phoneNumberTerm] = phoneNumber.MatchString(text)
}
