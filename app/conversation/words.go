package conversation

import "strings"

// words are the AI agent's fixed sentences in one language. The engine's
// answers come from the shop's data; these are the agent's own.
type words struct {
	offerPerson, signInForTeam, signInForOrders, askEmail string
	declined, followUp                                    string
	didYouMean                                            string // asked above the engine's choices
	didYouMeanThis                                        string // asked above its one choice
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
		didYouMeanThis:  "Did you mean this?",
	},
	"es": {
		offerPerson:     "¿Quieres hablar con una persona de nuestro equipo?",
		signInForTeam:   "Para hablar con nuestro equipo, inicia sesión en tu cuenta. Volverás justo aquí.",
		signInForOrders: "Inicia sesión en tu cuenta para que pueda consultar tus pedidos.",
		askEmail:        "Déjanos tu correo electrónico y nuestro equipo se pondrá en contacto contigo.",
		declined:        "¡De acuerdo! ¿En qué más puedo ayudarte?",
		followUp:        "¡Gracias! Nuestro equipo te escribirá a %s.",
		didYouMean:      "¿Te refieres a alguna de estas?",
		didYouMeanThis:  "¿Te refieres a esto?",
	},
	"fr": {
		offerPerson:     "Veux-tu parler à une personne de notre équipe ?",
		signInForTeam:   "Pour parler à notre équipe, connecte-toi d'abord à ton compte. Tu reviendras ici même.",
		signInForOrders: "Connecte-toi à ton compte pour que je puisse consulter tes commandes.",
		askEmail:        "Laisse-nous ton adresse e-mail et notre équipe te recontactera.",
		declined:        "Pas de souci ! Comment puis-je t'aider d'autre ?",
		followUp:        "Merci ! Notre équipe te répondra par e-mail à %s.",
		didYouMean:      "Voulais-tu dire l'une de ces options ?",
		didYouMeanThis:  "Voulais-tu dire ceci ?",
	},
	"it": {
		offerPerson:     "Vuoi parlare con una persona del nostro team?",
		signInForTeam:   "Per parlare con il nostro team, accedi prima al tuo account. Tornerai proprio qui.",
		signInForOrders: "Accedi al tuo account così posso controllare i tuoi ordini.",
		askEmail:        "Lasciaci il tuo indirizzo email e il nostro team ti ricontatterà.",
		declined:        "Nessun problema! In cos'altro posso aiutarti?",
		followUp:        "Grazie! Il nostro team ti risponderà via email a %s.",
		didYouMean:      "Intendevi una di queste?",
		didYouMeanThis:  "Intendevi questo?",
	},
	"pl": {
		offerPerson:     "Chcesz porozmawiać z kimś z naszego zespołu?",
		signInForTeam:   "Aby porozmawiać z naszym zespołem, najpierw zaloguj się na swoje konto. Wrócisz dokładnie tutaj.",
		signInForOrders: "Zaloguj się na swoje konto, żebym mógł sprawdzić Twoje zamówienia.",
		askEmail:        "Zostaw nam swój adres e-mail, a nasz zespół się z Tobą skontaktuje.",
		declined:        "Nie ma sprawy! W czym jeszcze mogę pomóc?",
		followUp:        "Dziękujemy! Nasz zespół odpisze Ci na adres %s.",
		didYouMean:      "Czy chodziło Ci o jedną z tych opcji?",
		didYouMeanThis:  "Czy chodziło Ci o to?",
	},
	"de": {
		offerPerson:     "Möchtest du mit einer Person aus unserem Team sprechen?",
		signInForTeam:   "Um mit unserem Team zu sprechen, melde dich bitte zuerst in deinem Konto an. Du kommst genau hierher zurück.",
		signInForOrders: "Bitte melde dich in deinem Konto an, damit ich deine Bestellungen nachsehen kann.",
		askEmail:        "Hinterlasse uns deine E-Mail-Adresse, und unser Team meldet sich bei dir.",
		declined:        "Kein Problem! Wobei kann ich dir sonst helfen?",
		followUp:        "Danke! Unser Team antwortet dir per E-Mail an %s.",
		didYouMean:      "Meintest du eine dieser Optionen?",
		didYouMeanThis:  "Meintest du das?",
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
