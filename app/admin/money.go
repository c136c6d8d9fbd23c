package admin

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// money writes an amount in a currency ("489.00", "USD") as the shop's
// money format shows it to shoppers: the currency's sign before the number
// with no space ("$489.00", "€12.50", "¥1,200"), or its letters after it
// ("1,234.50 CHF", "89.00 zł"), thousands grouped, with the currency's
// usual decimals. An amount that is not a number is shown as given.
func money(amount, code string) string {
	return moneyIn(language.English, amount, code)
}

// moneyIn is money with the numbers written as lang writes them.
func moneyIn(lang language.Tag, amount, code string) string {
	amount, code = strings.TrimSpace(amount), strings.ToUpper(strings.TrimSpace(code))
	value, err := strconv.ParseFloat(amount, 64)
	unit, uerr := currency.ParseISO(code)
	if err != nil || uerr != nil {
		return strings.TrimSpace(amount + " " + code)
	}
	scale, _ := currency.Standard.Rounding(unit)
	p := message.NewPrinter(lang)
	digits := p.Sprint(number.Decimal(value, number.Scale(scale)))
	sign := p.Sprint(currency.NarrowSymbol(unit))
	if strings.IndexFunc(sign, unicode.IsLetter) >= 0 {
		return digits + " " + sign
	}
	if strings.HasPrefix(digits, "-") {
		return "-" + sign + digits[1:]
	}
	return sign + digits
}
