package builtin

import (
	"fmt"
	"regexp"

	"github.com/kljensen/snowball/french"

	"hubchat/app/aiagent"
)

func init() { register("fr", frenchLanguage) }

// frenchLanguage is French: the snowball stemmer, a small curated synonym
// list and the fixed sentences. Its sensitive-topic rules are not written
// yet, so only requests for a person, order status and products are
// recognised before retrieval.
func frenchLanguage() *language {
	return &language{
		code:     "fr",
		stem:     cachedStemmer(keepingShortStems(func(w string) string { return french.Stem(w, true) })),
		stopword: stopwords(french.IsStopWord, frenchStopwords...),
		synonyms: frenchSynonyms,
		intents:  frenchIntents,
		texts:    frenchTexts,
	}
}

var frenchStopwords = []string{
	"bonjour", "salut", "merci", "svp", "stp", "plait", "peux", "pouvez", "puis", "est", "ce", "quoi", "comment",
	"combien", "quand", "quel", "quelle", "quels", "quelles", "voudrais", "veux", "faut", "faire", "avez", "ai",
}

var frenchSynonyms = []synonymGroup{
	{"livraison", aiagent.TagShipping, []string{"livraison", "livraisons", "livrer", "livrez", "livré", "expédition",
		"expédier", "expédiez", "envoi", "envoyer", "envoyez", "colis", "transporteur", "arriver", "délai"}},
	{"international", aiagent.TagShipping, []string{"international", "internationale", "étranger", "pays"}},
	{"retour", aiagent.TagReturns, []string{"retour", "retours", "retourner", "rembourser", "remboursement",
		"échange", "échanger", "renvoyer"}},
	{"annuler", aiagent.TagOrderStatus, []string{"annuler", "annulation", "annulé"}},
	{"réduction", aiagent.TagDiscounts, []string{"réduction", "remise", "promo", "promotion", "code promo", "coupon",
		"soldes", "bon de réduction"}},
	{"compte", aiagent.TagAccount, []string{"compte", "mot de passe", "connexion", "connecter", "identifiant",
		"inscription", "inscrire"}},
	{"taille", aiagent.TagProduct, []string{"taille", "tailles", "pointure", "grand", "petit", "ajusté", "ample",
		"guide des tailles", "taille normalement"}},
	{"prix", "", []string{"prix", "coût", "coûte", "tarif", "frais", "cher"}},
	{"paiement", "", []string{"paiement", "payer", "carte bancaire", "carte de crédit", "paypal"}},
}

var frenchIntents = intentRules{
	human: regexps(
		`\b(parler|discuter) (a|avec) (un|une|le|la|quelqu un|un vrai|une vraie)? ?(humain|personne|agent|conseiller|conseillere|quelqu un|service client)\b`,
		`^(humain|agent|conseiller|une personne)( svp| s il vous plait)?$`),
	orderStatus: regexps(
		`\b(ou|suivi|suivre|statut|etat|arrive|quand|expediee?|envoyee?)\b.*\b(ma|mon|notre) (commande|colis|livraison)\b`,
		`\b(ma|mon) (commande|colis)\b.*\b(ou|arrive|quand|expediee?|envoyee?|retard)\b`),
	products:    regexps(`\b(vendez|avez vous|proposez)\b`, `\bje cherche\b`, `\b(recommandez|conseillez)\b`),
	greeting:    regexp.MustCompile(`^(bonjour|bonsoir|salut|coucou|hello)\b`),
	thanks:      regexp.MustCompile(`^(merci beaucoup|merci bien|merci|parfait|super|c est tout)\b`),
	orderNumber: regexp.MustCompile(`(?:#\s?|\bcommande\s*(?:numero|n[o°º]\.?|#)?\s*#?\s*)(\d{1,12})\b`),
}

var frenchTexts = texts{
	greeting:             "Bonjour ! Comment puis-je vous aider ?",
	thanks:               "Avec plaisir ! Puis-je vous aider pour autre chose ?",
	signIn:               "Connectez-vous à votre compte pour que je puisse consulter vos commandes.",
	noAnswer:             "Désolé, je n'ai pas trouvé de réponse à cela dans les informations de notre boutique.",
	sensitive:            "Je suis désolé. Quelqu'un de notre équipe doit s'en occuper personnellement.",
	didYouMean:           "Vouliez-vous dire l'une de ces questions ?",
	didYouMeanThis:       "Vouliez-vous dire ceci ?",
	productsLead:         "Voici des produits qui correspondent à votre recherche :",
	productLead:          "Ce produit correspond peut-être à votre question :",
	priceFact:            "Prix de %s : %s %s.",
	inStock:              "%s : en stock.",
	soldOut:              "%s : épuisé pour le moment.",
	optionFact:           "%s, options de %s : %s.",
	moreIn:               "Plus d'informations dans %s : %s",
	noOrders:             "Je n'ai trouvé aucune commande sur votre compte.",
	orderNotFound:        "Je n'ai pas trouvé la commande %s sur votre compte.",
	orderCancelled:       "Votre commande %s, passée le %s, a été annulée.",
	orderRefunded:        "Votre commande %s, passée le %s, a été remboursée.",
	orderShipped:         "Votre commande %s, passée le %s, a été expédiée.",
	orderPartlyShipped:   "Une partie de votre commande %s, passée le %s, a été expédiée ; le reste est en préparation.",
	orderPreparing:       "Votre commande %s, passée le %s, est en préparation et n'a pas encore été expédiée.",
	orderAwaitingPayment: "Votre commande %s, passée le %s, attend la finalisation de son paiement.",
	orderRestocked:       "Votre commande %s, passée le %s, n'a pas été expédiée : ses articles ont été remis en stock.",
	trackOne:             "Vous pouvez la suivre ici : %s",
	trackMany:            "Vous pouvez la suivre ici :",
	trackNumber:          "Numéro de suivi : %s %s",
	months: [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre"},
	dateFormat: func(day int, month string, year int) string { return fmt.Sprintf("%d %s %d", day, month, year) },
}
