package pages

import "strconv"

// Count writes a count in English, thousands grouped: 5000 is "5,000".
// Pages in the staff member's language use i18n.Number (and a plural
// message of the catalogs instead of CountOf); Count remains for the words
// not yet in the catalogs.
func Count[N ~int | ~int64](n N) string {
	s := strconv.FormatInt(int64(n), 10)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}

// CountOf writes a count with its noun in the right number: "1 unread
// ticket", "2 unread tickets", "1,200 unread tickets".
func CountOf[N ~int | ~int64](n N, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Count(n) + " " + many
}
