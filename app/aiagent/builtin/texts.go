package builtin

import (
	"fmt"
	"time"
)

// texts are the engine's fixed sentences in one language. Everything else
// an answer says is quoted from the shop's own data.
type texts struct {
	greeting   string // answers a greeting
	thanks     string // answers thanks
	signIn     string // asks an anonymous visitor to sign in to see their orders
	noAnswer   string // says the data holds no answer (before a handoff)
	sensitive  string // before handing a sensitive topic to the team
	didYouMean string // asks which of a few close answers the shopper meant
	// didYouMeanThis asks whether the one close answer is what the
	// shopper meant (its title a single button).
	didYouMeanThis string
	productsLead   string // introduces product cards
	productLead    string // introduces the card of the one product a question is about
	priceFact      string // %s costs %s %s: a product's title, price and currency
	inStock        string // %s: a product's title
	soldOut        string // %s: a product's title
	optionFact     string // %s %s %s: a product's title, an option's name and its values
	moreIn         string // "More in our %s: %s": a policy's title and link
	noOrders       string // the signed-in customer has no order
	orderNotFound  string // %s: the order number they named is not theirs, or unknown
	// The status of an order: %s is its name, %s the date it was placed.
	orderCancelled, orderRefunded, orderShipped, orderPartlyShipped, orderPreparing, orderAwaitingPayment string
	orderRestocked                                                                                        string
	// The refund of an order: %s is its name, %s the date it was placed
	// (refundNone: its name only, before its status).
	refundFull, refundPartial, refundVoided, refundNone string
	trackOne                                            string // %s: a tracking link
	trackMany                                           string // introduces tracking links, one a line
	trackNumber                                         string // %s %s: carrier and number, no link
	months                                              [12]string
	dateFormat                                          func(day int, month string, year int) string
}

// date is t as a shopper reads it, in the shop's time zone.
func (t texts) date(at time.Time, loc *time.Location) string {
	at = at.In(loc)
	return t.dateFormat(at.Day(), t.months[at.Month()-1], at.Year())
}

var englishTexts = texts{
	greeting:             "Hi! How can I help you today?",
	thanks:               "You're welcome! Is there anything else I can help you with?",
	signIn:               "Please sign in to your account so I can look up your orders.",
	noAnswer:             "I'm sorry, I couldn't find an answer to that in our store's information.",
	sensitive:            "I'm sorry about this. Someone from our team should look into it personally.",
	didYouMean:           "Did you mean one of these?",
	didYouMeanThis:       "Did you mean this?",
	productsLead:         "Here are some products that match what you're looking for:",
	productLead:          "This product may be what you're asking about:",
	priceFact:            "The %s costs %s %s.",
	inStock:              "The %s is in stock.",
	soldOut:              "The %s is sold out at the moment.",
	optionFact:           "The %s comes in these %s options: %s.",
	moreIn:               "More in our %s: %s",
	noOrders:             "I couldn't find any order on your account.",
	orderNotFound:        "I couldn't find order %s on your account.",
	orderCancelled:       "Your order %s, placed on %s, was cancelled.",
	orderRefunded:        "Your order %s, placed on %s, was refunded.",
	orderShipped:         "Your order %s, placed on %s, has shipped.",
	orderPartlyShipped:   "Part of your order %s, placed on %s, has shipped; the rest is being prepared.",
	orderPreparing:       "Your order %s, placed on %s, is being prepared and hasn't shipped yet.",
	orderAwaitingPayment: "Your order %s, placed on %s, is waiting for its payment to complete.",
	orderRestocked:       "Your order %s, placed on %s, was not shipped: its items were returned to stock.",
	refundFull:           "Your order %s, placed on %s, was refunded in full.",
	refundPartial:        "Your order %s, placed on %s, was partly refunded.",
	refundVoided:         "Your order %s, placed on %s, was cancelled before its payment was taken, so nothing was charged.",
	refundNone:           "No refund has been made on your order %s so far.",
	trackOne:             "You can track it here: %s",
	trackMany:            "You can track it here:",
	trackNumber:          "Tracking number: %s %s",
	months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December"},
	dateFormat: func(day int, month string, year int) string { return fmt.Sprintf("%s %d, %d", month, day, year) },
}

var spanishTexts = texts{
	greeting:             "¡Hola! ¿En qué puedo ayudarte?",
	thanks:               "¡De nada! ¿Hay algo más en lo que pueda ayudarte?",
	signIn:               "Inicia sesión en tu cuenta para que pueda consultar tus pedidos.",
	noAnswer:             "Lo siento, no encontré una respuesta a eso en la información de nuestra tienda.",
	sensitive:            "Lamento lo ocurrido. Es mejor que alguien de nuestro equipo lo revise personalmente.",
	didYouMean:           "¿Te refieres a alguna de estas?",
	didYouMeanThis:       "¿Te refieres a esto?",
	productsLead:         "Estos productos coinciden con lo que buscas:",
	productLead:          "Este producto puede ser el que buscas:",
	priceFact:            "Precio de %s: %s %s.",
	inStock:              "%s: disponible.",
	soldOut:              "%s: agotado por ahora.",
	optionFact:           "%s, opciones de %s: %s.",
	moreIn:               "Más información en %s: %s",
	noOrders:             "No encontré ningún pedido en tu cuenta.",
	orderNotFound:        "No encontré el pedido %s en tu cuenta.",
	orderCancelled:       "Tu pedido %s, realizado el %s, fue cancelado.",
	orderRefunded:        "Tu pedido %s, realizado el %s, fue reembolsado.",
	orderShipped:         "Tu pedido %s, realizado el %s, ya fue enviado.",
	orderPartlyShipped:   "Parte de tu pedido %s, realizado el %s, ya fue enviada; el resto se está preparando.",
	orderPreparing:       "Tu pedido %s, realizado el %s, se está preparando y aún no ha sido enviado.",
	orderAwaitingPayment: "Tu pedido %s, realizado el %s, está a la espera de que se complete el pago.",
	orderRestocked:       "Tu pedido %s, realizado el %s, no fue enviado: sus artículos volvieron al inventario.",
	refundFull:           "Tu pedido %s, realizado el %s, fue reembolsado por completo.",
	refundPartial:        "Tu pedido %s, realizado el %s, fue reembolsado en parte.",
	refundVoided:         "Tu pedido %s, realizado el %s, se canceló antes de cobrarse, así que no se te cobró nada.",
	refundNone:           "Por ahora no se ha hecho ningún reembolso de tu pedido %s.",
	trackOne:             "Puedes seguirlo aquí: %s",
	trackMany:            "Puedes seguirlo aquí:",
	trackNumber:          "Número de seguimiento: %s %s",
	months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
		"octubre", "noviembre", "diciembre"},
	dateFormat: func(day int, month string, year int) string { return fmt.Sprintf("%d de %s de %d", day, month, year) },
}
