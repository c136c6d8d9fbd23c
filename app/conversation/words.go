package conversation

import "strings"

// words are the AI agent's fixed sentences in one language. The engine's
// answers come from the shop's data; these are the agent's own.
type words struct {
	offerPerson, signInForTeam, signInForOrders, askEmail string
	declined, followUp                                    string
	didYouMean                                            string // asked above the engine's choices
}

var wordsByLanguage = map[string]words{
	"en": {
		offerPerson:     "Would you like to talk to a person from our team?",
		signInForTeam:   "To talk to our team, please sign in to your account first. You'll come back right here.",
		signInForOrders: "Please sign in to your account so I can look up your orders.",
		askEmail:        "Leave your email address and our team will follow up with you.",
		declined:        "No problem! What else can I help you with?",
		followUp:        "Thanks! Our team will follow up with you by email at %s.",
		didYouMean:      "Did you mean one of these?",
	},
	"es": {
		offerPerson:     "¿Quieres hablar con una persona de nuestro equipo?",
		signInForTeam:   "Para hablar con nuestro equipo, inicia sesión en tu cuenta. Volverás justo aquí.",
		signInForOrders: "Inicia sesión en tu cuenta para que pueda consultar tus pedidos.",
		askEmail:        "Déjanos tu correo electrónico y nuestro equipo se pondrá en contacto contigo.",
		declined:        "¡De acuerdo! ¿En qué más puedo ayudarte?",
		followUp:        "¡Gracias! Nuestro equipo te escribirá a %s.",
		didYouMean:      "¿Te refieres a alguna de estas?",
	},
}

// wordsFor is the agent's sentences in language (a BCP 47 tag such as
// "es-MX"), English when it has none in that language.
func wordsFor(language string) words {
	base, _, _ := strings.Cut(strings.ToLower(language), "-")
	if w, ok := wordsByLanguage[base]; ok {
		return w
	}
	return wordsByLanguage["en"]
}

func (w words) followUpByEmail(email string) string {
	return strings.Replace(w.followUp, "%s", email, 1)
}
