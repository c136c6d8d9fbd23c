package builtin

import (
	"regexp"
	"strings"

	"github.com/kljensen/snowball/spanish"

	"hubchat/app/aiagent"
)

func init() { register("es", spanishLanguage) }

// spanishLanguage is Spanish as shoppers write it in Spain and Latin
// America: tú, usted, vosotros and vos forms, accents and ñ often left out.
// Its words are here; its intent rules in lang_es_intents.go; its words for
// products and places in lang_es_catalog.go.
func spanishLanguage() *language {
	return &language{
		code:            "es",
		stem:            cachedStemmer(keepingShortStems(func(w string) string { return spanishStem(w) })),
		stopword:        stopwords(spanish.IsStopWord, spanishStopwords...),
		negator:         wordSet("no", "nunca", "sin", "ni", "tampoco", "ningun", "ninguna", "ninguno", "jamas"),
		valueWord:       wordSet("cuanto", "cuanta", "cuantos", "cuantas", "cuando", "cual", "cuales", "donde"),
		situations:      &spanishSituations,
		questionOpeners: spanishQuestionOpeners,
		indefinite:      spanishIndefinites,
		diminutiveBases: spanishDiminutiveBases,
		synonyms:        concat(spanishSynonyms, spanishCatalogSynonyms, spanishShopperPhrasings, spanishNeeds),
		factGroups:      []string{"precio", "stock", "reposicion"},
		priceGroup:      "precio",
		figures:         spanishFigures,
		frequencyGroup:  "frecuencia",
		places:          spanishPlaces,
		buyingGroup:     "comprar",
		clock: clockRules{groups: []string{"horario", "cutoff"},
			word: regexp.MustCompile(`^(\d{1,2}(am|pm|h|hrs)|pm|mediodia|medianoche|madrugada)$`)},
		sizeGroup:     "talla",
		optionGroups:  []string{"talla", "color", "aroma", "sabor"},
		functionWords: spanishFunctionWords,
		soundKey:      spanishSoundKey,
		variantFrames: []string{"en", "en la", "en el", "en talla", "en tamano", "en color", "en formato", "de talla"},
		sizeLetters: map[string]string{"extra pequena": "xs", "pequena": "s", "pequeno": "s", "chica": "s", "chico": "s",
			"mediana": "m", "mediano": "m", "grande": "l", "extra grande": "xl", "muy grande": "xl"},
		intents: spanishIntents,
		texts:   spanishTexts,
	}
}

// spanishStem stems a word, its irregular forms first brought to the
// infinitive: the stemmer cuts endings, so "abierto" and "abro" (or
// "devuelto" and "devolver") would stay apart.
func spanishStem(w string) string {
	if infinitive, ok := spanishIrregular[fold(w)]; ok {
		w = infinitive
	}
	return spanish.Stem(w, true)
}

// spanishIrregular are irregular forms of verbs shoppers and shops use of
// orders and products (opened, returned, came back, tried, wrapped,
// broken), accents folded, with their infinitive.
var spanishIrregular = func() map[string]string {
	m := map[string]string{}
	for infinitive, forms := range map[string][]string{
		"abrir": {"abro", "abres", "abre", "abrimos", "abris", "abren", "abri", "abrio", "abrieron", "abierto",
			"abierta", "abiertos", "abiertas"},
		"devolver": {"devuelvo", "devuelves", "devuelve", "devuelven", "devuelva", "devuelvan", "devuelto",
			"devuelta", "devueltos", "devueltas"},
		"volver": {"vuelvo", "vuelves", "vuelve", "vuelven", "vuelva", "vuelvan", "vuelto", "vuelta", "vueltos"},
		"probar": {"pruebo", "pruebas", "prueba", "prueban", "pruebe", "probado", "probada"},
		"envolver": {"envuelvo", "envuelve", "envuelven", "envuelva", "envuelto", "envuelta", "envueltos",
			"envueltas"},
		"romper": {"rompo", "rompe", "rompen", "rompio", "rompieron", "roto", "rota", "rotos", "rotas"},
	} {
		for _, f := range forms {
			m[f] = infinitive
		}
	}
	return m
}()

// spanishFunctionWords are common words a typo of which is dropped rather
// than bent into a word of the shop's data ("cuanot" is "cuanto").
var spanishFunctionWords = []string{"donde", "cuando", "como", "cuanto", "cuanta", "cuantos", "cuantas", "tienen",
	"teneis", "puedo", "quiero", "queria", "puede", "pueden", "podeis", "podria", "para", "porque", "tengo", "estoy",
	"hacer", "hacen", "haceis", "sobre", "este", "esta", "esto", "vuestro", "vuestra", "vuestros", "quisiera",
	"necesito", "gracias", "tambien", "alguien", "algun", "alguna", "ustedes", "favor", "saber", "quiera", "quieras",
	"quieren", "pueda", "puedas"}

// spanishStopwords are words of shoppers' questions that tell nothing of
// what they ask about, beyond the stemmer library's list (whose words
// carry accents that shoppers often leave out, so the folded forms of the
// commonest are here too).
var spanishStopwords = []string{
	"donde", "dónde", "como", "cómo", "cuando", "cuándo", "cual", "cuál", "cuales", "cuáles", "qué", "que", "quien",
	"cuanto", "cuánto", "cuanta", "cuánta", "cuantos", "cuántos", "cuantas", "cuántas",
	"puedo", "pueden", "puede", "puedes", "podemos", "podria", "podría", "podrias", "podrías", "podrian", "podrían",
	"podriais", "podríais", "podeis", "podéis", "podes", "podés",
	"quiero", "quieres", "queria", "quería", "querria", "querría", "quisiera", "queremos", "gustaria", "gustaría",
	"necesito", "necesitaba", "necesitaria", "necesitaría", "hola", "gracias", "favor", "porfa", "porfavor", "xfa",
	"xfavor", "plis", "por", "saber", "sabe", "sabes", "sabeis", "sabéis", "saben", "decir", "decirme", "dime",
	"digame", "dígame", "hacer", "hay", "habra", "habrá", "tienen", "tiene", "tengo", "tienes", "tenes", "tenés",
	"teneis", "tenéis", "tendrian", "tendrían", "tendrias", "tendrías", "tendriais", "tendríais", "tenia", "tenía",
	"esta", "está", "estan", "están", "estais", "estáis", "mas", "más", "si", "sí", "ustedes", "usted", "vos",
	"vosotros", "vosotras", "buenas", "buenos", "buen", "alguien", "ayuda", "ayudar", "ayudarme", "ayudame",
	"ayúdame", "ok", "okey", "vale", "bueno", "bien", "muy", "tal", "pues", "entonces", "oye", "oiga", "disculpa",
	"disculpe", "perdona", "perdone", "perdon", "perdón", "gusta", "gustan", "gustar", "gustó", "algo", "cosa",
	"cosas", "q", "k", "xq", "x", "xa", "pa", "hoy", "ahora", "aqui", "aquí", "ahi", "ahí", "alli", "allí",
	"vais", "vas", "va", "me", "te", "nos", "os", "venden", "vendeis", "vendéis", "vendes", "manejan", "manejas",
	"partir", "llevais", "lleváis", "lleva", "llevan", "llevar", "pongo", "poner", "pones", "mejor", "mejores",
	"recomiendas", "recomendáis", "recomendais", "recomiendan", "recomienda", "recomendar", "recomendarme",
	"sugieres", "sugieren", "aconsejas", "aconsejais", "aconsejáis", "busco", "buscando", "buscaba", "buscar",
	"buscamos", "ando", "interesa", "interesaría", "interesaria", "ver", "mostrar", "muestrame", "muéstrame",
	"ensename", "enséñame",
	"algun", "algún", "alguna", "alguno", "ningun", "ningún", "ninguna", "ninguno", "cualquier", "muchas",
	"muchisimas", "muchísimas", "muchisimo", "muchísimo", "tambien", "también", "seria", "sería", "serian",
	"serían", "sera", "será", "habia", "había", "mio", "mío", "mia", "mía", "tu", "tú", "el", "él",
	"pregunta", "preguntas", "preguntar", "preguntaros", "preguntarles", "consulta", "consultar", "duda", "dudas",
	"informacion", "información", "info", "senor", "señor", "senora", "señora", "senorita", "señorita",
	"hacen", "haceis", "hacéis", "hace", "hago", "haces", "hacemos", "dan", "dais", "das", "ir", "amable",
	"amables", "sirve", "sirven", "serviria", "serviría", "funciona", "funcionan", "viene", "vienen", "venir", "ofrecen", "ofreceis", "ofrecéis", "ofreces",
	"primo", "prima", "amigo", "amiga", "amigos", "madre", "padre", "padres", "mamá", "papá", "hermano", "hermana",
	"abuela", "abuelo", "tía", "tío", "novio", "novia", "marido", "esposo", "esposa", "mujer", "pareja", "hijo",
	"hija", "hijos", "familia", "tardes", "noches", "che", "queres", "querés", "sabes", "sabés", "haces",
	"hacés", "interesado", "interesada", "perfecto", "perfecta", "genial", "estupendo", "excelente", "entendido", "tb", "tmb", "tbn", "porfi", "porfis", "saludos", "saludo", "bendiciones", "abrazo",
}

// spanishSynonyms are the words shoppers use for a shop's services, from
// e-commerce support chats in Spain and Latin America, in both directions
// (the shopper's word and the merchant's); phrases are joined before
// matching, and a phrase wins over its words ("a plazos" is installments,
// "plazo" a time).
var spanishSynonyms = []synonymGroup{
	{"envio", aiagent.TagShipping, []string{"envío", "envíos", "enviar", "enviado", "envian", "envían", "enviáis",
		"mandar", "mandan", "mandáis", "mandais", "entrega", "entregas", "entregar", "entregado", "entregan",
		"entregáis", "despacho", "despachar", "despachan", "mensajería", "mensajero", "correo", "correos",
		"transportista", "paquete", "paquetería", "paqueteria", "repartidor", "reparto", "a domicilio", "portes",
		"llegar", "llega", "llegada", "llegará"}},
	{"duracion", "", []string{"tardar", "tarda", "tardan", "tardáis", "tardas", "tardará", "tardaría", "tardanza",
		"demora", "demoran", "demorar", "demoráis", "plazo", "tiempo", "cuánto tiempo", "día", "días",
		"cuándo lo recibo", "cuándo lo recibiría", "en cuánto lo recibo", "cuándo lo tengo", "cuándo lo tendría", "cuándo lo tendré",
		"días hábiles", "días laborables", "semana", "semanas", "hora", "horas", "mes", "meses", "enseguida", "rápido",
		"rápida", "pronto", "cuándo me", "cuándo nos", "cuándo se", "para cuándo"}},
	// Destinations: the generic words and the countries and cities; the
	// islands and cities that most Spanish shops price apart are groups of
	// their own, so that a question naming another place is not answered
	// by what the shop says of them.
	{"internacional", aiagent.TagShipping, []string{"internacional", "internacionales", "extranjero",
		"otro país", "otros países", "fuera del país", "cualquier país", "todos los países", "fuera"}},
	// The countries whose names are written in several ways; the places
	// in them are the gazetteer's (places_es.go).
	{"usa", aiagent.TagShipping, []string{"estados unidos", "eeuu", "ee uu", "usa", "el otro lado"}},
	{"mexico", aiagent.TagShipping, []string{"méxico", "república mexicana", "toda la república"}},
	{"espana", aiagent.TagShipping, []string{"españa", "península", "peninsular", "la península"}},
	{"europe", aiagent.TagShipping, []string{"europa", "unión europea", "ue", "europeo", "europea"}},
	{"aduana", aiagent.TagShipping, []string{"aduana", "aduanas", "arancel", "aranceles", "dua",
		"impuestos de importación", "tasas de importación"}},
	{"canarias", aiagent.TagShipping, []string{"canarias", "islas canarias", "tenerife", "gran canaria", "lanzarote",
		"fuerteventura", "la palma", "la gomera", "el hierro", "ceuta", "melilla"}},
	{"baleares", aiagent.TagShipping, []string{"baleares", "islas baleares", "mallorca", "menorca", "ibiza",
		"formentera"}},
	{"devolucion", aiagent.TagReturns, []string{"devolución", "devoluciones", "devolver", "devolverlo",
		"devolverla", "reembolso", "reembolsos", "reembolsar", "reembolsan", "reembolsáis", "reembolsamos",
		"cambio", "cambiar", "cambios", "devuelvo", "devuelve", "devuelven", "devolvéis", "devuelvan", "dinero",
		"reintegro", "retorno", "dinero de vuelta", "devolver el dinero", "regresar el producto",
		"regresar un producto", "regresar el pedido", "regresar mi pedido", "regresar la compra",
		"regresar mi compra", "regresen mi dinero", "regresen el dinero", "regresan el dinero", "regresan mi dinero",
		"no me gusta", "no me gustó", "no me ha gustado", "insatisfecho", "insatisfecha", "decepcionado",
		"decepcionada", "descontento", "descontenta", "no estoy contento", "no estoy contenta", "no me convence",
		"no me convenció", "no me queda bien",
		"cambiado de opinión", "me arrepentí", "me he arrepentido", "desistimiento",
		// El dinero de un reembolso que llega, con las palabras de un
		// paquete: "llega" pregunta aquí por el reembolso, no por el envío.
		"llega el reembolso", "llegue el reembolso", "llegar el reembolso", "llegará el reembolso",
		"llega mi reembolso", "llegue mi reembolso", "llegar mi reembolso", "reembolso llega", "reembolso llegue",
		"reembolso tarda en llegar", "llega el dinero", "llegue el dinero", "llegar el dinero", "llega mi dinero",
		"llegue mi dinero", "llegar mi dinero", "dinero llega", "dinero tarda en llegar", "recibo el reembolso",
		"recibir el reembolso", "recibo mi reembolso", "recibir mi reembolso", "recibo mi dinero", "recibir mi dinero",
		"ver el reembolso", "ver mi dinero", "se refleja el reembolso", "reflejado el reembolso", "se refleje el reembolso"}},
	{"dañado", aiagent.TagReturns, []string{"dañado", "dañada", "roto", "rota", "defectuoso", "defectuosa",
		"estropeado", "producto equivocado", "artículo equivocado", "quebrado", "quebrada", "falla", "fallo",
		"fallos", "avería", "averiado", "averiada", "deja de funcionar", "dejó de funcionar", "no funciona"}},
	{"producto", "", []string{"producto", "productos", "artículo", "artículos", "articulo", "articulos"}},
	{"cancelar", aiagent.TagOrderStatus, []string{"cancelar", "cancelación", "cancelado", "anular"}},
	{"modificar", aiagent.TagOrderStatus, []string{"modificar", "modifico", "modificación", "editar", "corregir",
		"corrijo", "rectificar", "me equivoqué", "me he equivocado", "equivocarme", "por error", "añadir al pedido",
		"agregar al pedido"}},
	{"seguimiento", aiagent.TagOrderStatus, []string{"seguimiento", "rastrear", "rastreo", "localizar",
		"número de guía", "guía de envío", "tracking"}},
	{"descuento", aiagent.TagDiscounts, []string{"descuento", "descuentos", "cupón", "cupones", "promoción",
		"promociones", "oferta", "ofertas", "rebaja", "rebajas", "código promocional", "código de descuento",
		"código de promoción", "código de cupón", "vale descuento", "vale de descuento", "promo", "black friday",
		"cyber monday", "buen fin", "hot sale", "outlet"}},
	// Qué tan caliente, que la tienda dice en grados ("agua a 80 °C").
	{"temperatura", "", []string{"temperatura", "temperaturas", "grados", "grado"}},
	{"acumular", aiagent.TagDiscounts, []string{"acumular", "acumulable", "acumulables", "combinar", "juntar",
		"sumar", "a la vez", "al mismo tiempo", "más de un", "más de uno"}},
	{"tarjetaregalo", "", []string{"tarjeta regalo", "tarjeta de regalo", "tarjetas regalo", "tarjetas de regalo",
		"cheque regalo", "vale regalo", "bono regalo", "gift card"}},
	{"envolver", "", []string{"envolver", "envoltorio", "envoltura", "envuelto", "envuelta", "envolvéis",
		"envuelven", "papel de regalo", "empaque de regalo", "embalaje de regalo"}},
	{"cuenta", aiagent.TagAccount, []string{"cuenta", "contraseña", "iniciar sesión", "inicio de sesión",
		"registrarme", "registrarse", "registro", "usuario", "perfil", "login", "acceder", "acceso", "entrar",
		"darme de alta"}},
	{"olvidar", aiagent.TagAccount, []string{"olvidar", "olvidé", "olvidado", "olvidaste", "no me acuerdo",
		"no recuerdo", "restablecer", "resetear"}},
	// How long a product keeps or lasts ("¿cuánto dura?"), not how long a
	// delivery takes.
	{"caducar", "", []string{"caducar", "caduca", "caducan", "caducidad", "caducado", "durar", "dura", "duran",
		"dure", "duración", "vencer", "vence",
		"vencen", "vencimiento", "validez", "válido", "válida", "expira", "expiran"}},
	{"sinusar", aiagent.TagReturns, []string{"sin usar", "sin estrenar", "precinto", "precintado",
		"precintada", "con etiqueta", "con etiquetas", "nuevo", "nueva"}},
	// The basic tier of shipping: the merchant's "envío estándar" is the
	// shopper's "envío normal", "el envío regular", "el más barato".
	{"estandar", aiagent.TagShipping, []string{"estándar", "estandar", "envío estándar", "envío normal", "envio normal",
		"envío regular", "envio regular", "envío básico", "envio basico", "envío económico", "envio economico",
		"envío terrestre", "envio terrestre", "envío ordinario", "envio ordinario", "el más barato", "el mas barato"}},
	{"gratis", "", []string{"gratis", "gratuito", "gratuita", "sin coste", "sin costo", "no pago", "no pagar",
		"no se paga", "sin cargo"}},
	{"comprar", "", []string{"comprar", "compro", "compra", "compras", "pedir", "pido", "encargar", "encargo",
		"mi orden", "mis órdenes", "la orden", "una orden", "tu orden", "su orden"}},
	{"suscripcion", "", []string{"suscripción", "suscripciones", "suscribirme", "suscribirse", "suscrito",
		"recurrente", "boletín", "newsletter", "mensual", "mensuales", "cada mes"}},
	{"pausar", "", []string{"pausar", "pausa", "saltar", "saltarme", "posponer", "aplazar el envío", "vacaciones"}},
	{"mayorista", "", []string{"mayorista", "mayoristas", "al por mayor", "por mayor", "al mayoreo", "mayoreo",
		"empresa", "empresas", "empresarial", "empresariales", "corporativo", "corporativos", "oficina", "negocio",
		"negocios", "restaurante", "restaurantes", "cafetería", "cafeterías", "hostelería", "revender", "reventa",
		"distribuidor", "distribuidores"}},
	{"garantia", aiagent.TagReturns, []string{"garantía", "garantías", "reparar", "reparación", "reparaciones",
		"servicio técnico", "defecto", "defectos"}},
	{"tienda", "", []string{"tienda física", "tiendas físicas", "local", "local físico", "showroom", "en persona",
		"visitar", "visitaros", "recoger", "recogida", "sucursal", "sucursales", "ubicación", "ubicados",
		"ubicada", "ubicado", "punto de venta", "puntos de venta"}},
	// Cada cuánto, preguntado: lo responde un pasaje que dice "cada 3 meses" (frequency.go).
	{"frecuencia", "", []string{"cada cuánto", "cada cuanto tiempo", "con qué frecuencia", "frecuencia",
		"cuántas veces", "seguido", "a menudo"}},
	{"horario", "", []string{"horario", "horarios", "abren", "abrís", "abierto", "abiertos", "cierran", "cerráis",
		"a qué hora", "qué hora", "qué días", "cuáles días", "días de la semana", "fin de semana", "lunes", "viernes", "sábado", "sábados", "domingo",
		"domingos", "festivo", "festivos", "feriado", "feriados"}},
	{"precio", "", []string{"precio", "precios", "cuesta", "cuestan", "coste", "costo", "costos", "cuánto vale",
		"cuánto valen", "cuánto sale", "cuánto salen", "cuánto me sale", "cuánto saldría", "cuánto me saldría",
		"cuánto es", "tarifa", "tarifas", "cargo", "gastos",
		"cobrar", "cobran", "cobráis", "cobra", "barato"}},
	{"pago", "", []string{"pagar", "pago", "pagos", "forma de pago", "formas de pago", "método de pago",
		"métodos de pago", "medio de pago", "medios de pago", "tarjeta de crédito", "tarjeta de débito", "aceptan",
		"aceptáis"}},
	{"contrareembolso", "", []string{"contra reembolso", "contrareembolso", "contrarreembolso", "contra entrega",
		"contraentrega", "pago contra entrega", "pago a la entrega", "pagar al recibir", "pago al recibir"}},
	{"plazos", "", []string{"a plazos", "en plazos", "por plazos", "cuotas", "en cuotas", "fraccionar", "fraccionado",
		"aplazar", "aplazado", "financiación", "financiamiento", "financiar", "meses sin intereses",
		"sin intereses", "msi", "diferido", "diferir", "klarna", "aplazame", "sequra"}},
	{"factura", "", []string{"factura", "facturas", "facturar", "facturación", "factura electrónica", "cfdi",
		"datos fiscales", "nif", "rfc", "cif"}},
	{"contacto", "", []string{"contacto", "contactar", "contactaros", "contactarlos", "correo electrónico", "email",
		"mail", "teléfono", "llamar", "llamaros", "atención al cliente", "servicio al cliente"}},
}

// spanishSoundKey spells a word (lower-case, accents folded) by its sound
// as Spanish speakers say it, so that the spellings of one sound share a
// key: "h" is silent, "b", "v" and "w" sound alike, as do "ll" and "y",
// "c" before "e" or "i", "z", "s" and "x", "qu", "k" and "c" before other
// letters, "g" before "e" or "i" and "j"; "gu" before "e" or "i" is "g",
// "m" before "b" or "p" is "n", and a doubled letter is one.
func spanishSoundKey(word string) string {
	r := []rune(word)
	at := func(i int) rune {
		if i < len(r) {
			return r[i]
		}
		return 0
	}
	soft := func(c rune) bool { return c == 'e' || c == 'i' || c == 'y' }
	var b strings.Builder
	var last rune
	put := func(c rune) {
		if c != last {
			b.WriteRune(c)
			last = c
		}
	}
	for i := 0; i < len(r); i++ {
		switch c := r[i]; {
		case c == 'h':
		case c == 'c' && at(i+1) == 'h':
			put('C') // "ch" is a sound of its own
			i++
		case c == 'c' && soft(at(i+1)), c == 'z', c == 'x':
			put('s')
		case c == 'c', c == 'k':
			put('k')
		case c == 'q':
			put('k')
			if at(i+1) == 'u' {
				i++
			}
		case c == 'v', c == 'w':
			put('b')
		case c == 'g' && soft(at(i+1)):
			put('j')
		case c == 'g' && at(i+1) == 'u' && soft(at(i+2)):
			put('g')
			i++
		case c == 'l' && at(i+1) == 'l':
			put('y')
			i++
		case c == 'y' && !strings.ContainsRune("aeiou", at(i+1)):
			put('i') // "hay", "muy": a vowel
		case c == 'm' && (at(i+1) == 'b' || at(i+1) == 'p'):
			put('n')
		default:
			put(c)
		}
	}
	return b.String()
}
