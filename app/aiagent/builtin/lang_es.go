package builtin

import (
	"regexp"

	"github.com/kljensen/snowball/spanish"

	"hubchat/app/aiagent"
)

func init() { register("es", spanishLanguage) }

func spanishLanguage() *language {
	return &language{
		code:         "es",
		stem:         cachedStemmer(func(w string) string { return spanishStem(w) }),
		stopword:     stopwords(spanish.IsStopWord, spanishStopwords...),
		synonyms:     spanishSynonyms,
		factGroups:   []string{"precio", "stock", "reposicion"},
		optionGroups: []string{"talla", "color"},
		functionWords: []string{"donde", "cuando", "como", "cuanto", "cuanta", "cuantos", "tienen", "puedo", "quiero",
			"puede", "pueden", "para", "porque", "tengo", "estoy", "hacer", "sobre", "este", "esta", "esto", "vuestro",
			"vuestra", "vuestros"},
		intents: spanishIntents,
		texts:   spanishTexts,
	}
}

func spanishStem(w string) string { return spanish.Stem(w, true) }

// spanishStopwords are words of shoppers' questions that tell nothing of
// what they ask about, beyond the stemmer library's list (whose words
// carry accents that shoppers often leave out).
var spanishStopwords = []string{
	"donde", "dónde", "como", "cómo", "cuando", "cuándo", "cual", "cuál", "qué", "que", "quien", "puedo", "pueden",
	"puede", "podria", "podría", "quiero", "quisiera", "necesito", "hola", "gracias", "favor", "por", "saber",
	"hacer", "hay", "tienen", "tiene", "tengo", "esta", "está", "mas", "más", "si", "sí", "ustedes", "usted",
	"vosotros", "buenas", "buenos", "dias", "días", "alguien", "ayuda", "ayudar", "ok", "vale", "bueno",
	"gusta", "gustan", "gustar", "gustó", "algo", "cosa", "cosas", "q", "k", "xa", "pa", "hoy", "podeis", "podéis",
	"teneis", "tenéis", "vais", "vas", "me", "te", "nos", "os", "venden", "vendeis", "vendéis", "vendes", "manejan",
	"partir", "llevais", "lleváis", "lleva", "llevan", "llevar", "pongo", "poner", "pones", "mejor", "mejores", "recomiendas",
	"recomendáis", "recomendais", "recomiendan",
	"primo", "prima", "amigo", "amiga", "amigos", "madre", "padre", "padres", "mamá", "papá", "hermano", "hermana",
	"abuela", "abuelo", "tía", "tío", "novio", "novia", "marido", "pareja", "hijo", "hija", "familia",
}

// spanishSynonyms are the words shoppers use for the same things, from
// e-commerce support questions; phrases are joined before matching.
var spanishSynonyms = []synonymGroup{
	{"envio", aiagent.TagShipping, []string{"envío", "envíos", "enviar", "enviado", "envian", "envían", "enviáis",
		"mandar", "mandan", "mandáis", "mandais", "entrega",
		"entregar", "entregado", "despacho", "mensajería", "correo", "transportista", "paquete", "paquetería",
		"llegar", "llega", "llegada", "llegará", "tardar", "tarda"}},
	{"internacional", aiagent.TagShipping, append([]string{"internacional", "internacionales", "extranjero", "país",
		"países", "fuera"}, countriesSpanish...)},
	{"devolucion", aiagent.TagReturns, []string{"devolución", "devoluciones", "devolver", "reembolso",
		"reembolsos", "reembolsar", "cambio", "cambiar", "cambios", "devuelvo", "devuelve", "devuelven", "dinero",
		"dinero de vuelta", "devolver el dinero", "no me gusta", "no me gustó", "no me ha gustado", "insatisfecho",
		"insatisfecha", "decepcionado", "decepcionada", "descontento", "descontenta", "no estoy contento",
		"no estoy contenta", "cambiado de opinión"}},
	{"dañado", aiagent.TagReturns, []string{"dañado", "dañada", "roto", "rota", "defectuoso", "defectuosa",
		"estropeado", "producto equivocado"}},
	{"cancelar", aiagent.TagOrderStatus, []string{"cancelar", "cancelación", "cancelado", "anular"}},
	{"seguimiento", aiagent.TagOrderStatus, []string{"seguimiento", "rastrear", "rastreo", "localizar"}},
	{"descuento", aiagent.TagDiscounts, []string{"descuento", "descuentos", "cupón", "cupones", "promoción",
		"promociones", "oferta", "ofertas", "rebaja", "rebajas", "código promocional", "código de descuento"}},
	{"cuenta", aiagent.TagAccount, []string{"cuenta", "contraseña", "iniciar sesión", "inicio de sesión",
		"registrarme", "registrarse", "registro", "usuario", "perfil"}},
	{"talla", aiagent.TagProduct, []string{"talla", "tallas", "tallaje", "tamaño", "medida", "medidas", "grande",
		"grandes", "pequeño", "pequeña", "chico", "ajuste", "holgado", "ajustado", "guía de tallas", "queda grande",
		"queda pequeño", "queda chico", "quedan grandes", "quedan pequeños", "talla real"}},
	{"stock", aiagent.TagProduct, []string{"stock", "en stock", "disponible", "disponibles", "disponibilidad",
		"agotado", "agotada", "agotados", "existencias", "inventario", "quedan"}},
	{"reposicion", aiagent.TagProduct, []string{"reponer", "reponen", "reposición", "vuelve a estar disponible",
		"vuelven a estar disponibles", "volverá", "volverán", "avisadme", "avísame"}},
	{"caducar", "", []string{"caducar", "caduca", "caducan", "caducidad", "vencer", "vence", "vencen",
		"vencimiento", "validez", "válido", "válida", "expira", "expiran"}},
	{"mochila", aiagent.TagProduct, []string{"mochila", "mochilas", "bolsa", "bolso", "bolsos", "morral"}},
	{"vegano", aiagent.TagProduct, []string{"vegano", "vegana", "veganos", "veganas", "origen animal",
		"ingredientes animales", "derivados animales"}},
	{"sinusar", aiagent.TagReturns, []string{"sin usar", "sin estrenar", "precinto", "precintado",
		"precintada", "con etiqueta", "con etiquetas", "nuevo", "nueva"}},
	{"pelo", aiagent.TagProduct, []string{"pelo", "cabello", "melena"}},
	{"cara", aiagent.TagProduct, []string{"cara", "rostro", "facial", "cutis"}},
	{"agrietado", aiagent.TagProduct, []string{"agrietado", "agrietada", "agrietados", "agrietadas", "cortados",
		"cortadas", "resecos", "resecas", "reseco", "reseca"}},
	{"granos", aiagent.TagProduct, []string{"granos", "granitos", "acné", "espinillas", "puntos negros"}},
	{"labios", aiagent.TagProduct, []string{"labio", "labios", "labial", "labiales"}},
	{"gratis", "", []string{"gratis", "gratuito", "gratuita", "sin coste", "sin costo", "no pago", "no pagar",
		"no se paga"}},
	{"comprar", "", []string{"comprar", "compro", "compra", "compras", "pedir", "pido", "encargar", "encargo"}},
	{"suscripcion", "", []string{"suscripción", "suscripciones", "suscribirme", "suscribirse", "suscrito",
		"recurrente"}},
	{"pausar", "", []string{"pausar", "pausa", "saltar", "saltarme", "posponer", "aplazar el envío", "vacaciones"}},
	{"mayorista", "", []string{"mayorista", "mayor", "al por mayor", "empresa", "empresas", "oficina",
		"revender", "distribuidor"}},
	{"pantalon", aiagent.TagProduct, []string{"pantalón", "pantalones", "vaqueros", "jeans"}},
	{"garantia", aiagent.TagReturns, []string{"garantía", "garantías", "reparar", "reparación", "reparaciones",
		"defecto", "defectos"}},
	{"tienda", "", []string{"tienda física", "local", "showroom", "en persona", "visitar", "recoger", "recogida",
		"dirección"}},
	{"horario", "", []string{"horario", "horarios", "abren", "abierto", "abiertos", "cierran", "fin de semana",
		"lunes", "viernes"}},
	{"lavado", aiagent.TagProduct, []string{"lavar", "lavado", "lavadora", "secadora", "cuidado", "cuidados",
		"limpiar", "planchar"}},
	{"color", aiagent.TagProduct, []string{"color", "colores", "tono", "tonos"}},
	{"material", aiagent.TagProduct, []string{"material", "materiales", "tela", "tejido", "hecho de", "fabricado"}},
	{"precio", "", []string{"precio", "precios", "cuesta", "cuestan", "coste", "costo", "cuánto", "tarifa",
		"cargo"}},
	{"pago", "", []string{"pagar", "pago", "pagos", "forma de pago", "formas de pago", "método de pago",
		"métodos de pago", "tarjeta de crédito", "tarjeta de débito", "aceptan"}},
	{"plazos", "", []string{"plazos", "a plazos", "cuotas", "fraccionar", "aplazar", "financiación", "klarna"}},
	{"contacto", "", []string{"contacto", "contactar", "correo electrónico", "email", "teléfono", "llamar"}},
	{"sudadera", aiagent.TagProduct, []string{"sudadera", "sudaderas", "hoodie", "suéter", "jersey"}},
	{"chaqueta", aiagent.TagProduct, []string{"chaqueta", "chaquetas", "abrigo", "chamarra", "impermeable",
		"cortavientos"}},
	{"camiseta", aiagent.TagProduct, []string{"camiseta", "camisetas", "playera", "remera", "polera"}},
	{"zapatos", aiagent.TagProduct, []string{"zapato", "zapatos", "zapatillas", "calzado", "tenis"}},
	{"gorro", aiagent.TagProduct, []string{"gorro", "gorra", "sombrero"}},
}

// countriesSpanish are countries and regions shoppers ask to ship to.
var countriesSpanish = []string{"españa", "portugal", "francia", "alemania", "italia", "reino unido", "inglaterra",
	"irlanda", "europa", "unión europea", "andorra", "suiza", "bélgica", "holanda", "países bajos", "méxico",
	"estados unidos", "eeuu", "canadá", "argentina", "chile", "colombia", "perú", "uruguay", "venezuela", "ecuador",
	"bolivia", "paraguay", "cuba", "puerto rico", "república dominicana", "guatemala", "costa rica", "panamá",
	"canarias", "baleares", "ceuta", "melilla", "marruecos", "australia", "japón", "china",
	// Ciudades, islas y regiones que los compradores nombran como destino.
	"tenerife", "gran canaria", "lanzarote", "fuerteventura", "la palma", "mallorca", "menorca", "ibiza",
	"formentera", "madrid", "barcelona", "valencia", "sevilla", "bilbao", "zaragoza", "málaga", "murcia", "córdoba",
	"alicante", "galicia", "asturias", "cataluña", "andalucía", "lisboa", "oporto", "parís", "londres",
	"berlín", "roma", "ciudad de méxico", "buenos aires", "bogotá", "lima", "santiago", "miami", "nueva york"}

var spanishIntents = intentRules{
	human: regexps(
		`\bhablar con( un| una| el| la| algun| alguna)? (humano|persona|agente|alguien|representante|operador|asesor|persona real|empleado|soporte|atencion al cliente)\b`,
		`\b(quiero|necesito|paseme|pasame|comunicame|comuniqueme)( con)?( un| una)? (humano|persona|agente|representante|operador|asesor)\b`,
		`\b(persona|agente) (real|humano)\b`,
		`^(humano|agente|persona|representante|operador|asesor)( por favor)?$`,
	),
	notOrderStatus: regexps(`\b(reembolso|dinero|devolucion|puntos|tarjeta regalo|recoger|recogida)\b`,
		// Lo que pasaría con un pedido, no dónde está uno: una pregunta de política.
		`\bsi (pido|compro|encargo|hago (el |un )?pedido)\b`,
		`\b(pueden|podeis|puedes|podrian|podriais) (enviar|mandar|entregar) (mi|mis|el|los) (pedido|pedidos|paquete|compra) a\b`,
		`\bpuedo (recibir|tener) (mi|el) (pedido|paquete|compra) en\b`),
	orderStatus: regexps(
		`\b(numero|codigo|enlace) de seguimiento\b`, `\b(donde esta|donde estan|cuando llega|cuando llegan|cuando me llega|ha salido|han enviado|habeis enviado) (mi|mis)\b`,
		`\b(donde|estado|rastrear|seguimiento|llega|llegara|llego|cuando|enviado|enviaron|envio|retrasado|todavia|aun|recibido)\b.*\b(mi|mis|el|nuestro) (pedido|pedidos|paquete|orden|envio|compra)\b`,
		`\b(mi|mis|nuestro) (pedido|pedidos|paquete|orden|compra)\b.*\b(donde|estado|llega|llegara|llego|cuando|enviado|enviaron|retrasado|todavia|aun|recibido)\b`,
		`\bestado del? (mi )?(pedido|orden)\b`, `\brastrear (mi |el )?(pedido|paquete)\b`,
		`\b(donde|estado|rastrear|seguimiento|llega|llegara|llego|cuando|enviado|enviaron|entregado|todavia|aun)\b.*\b(pedido|orden) (numero |no )?\d+\b`,
		`\b(pedido|orden) (numero |no )?\d+\b.*\b(donde|estado|llega|llegara|llego|cuando|enviado|enviaron|entregado|todavia|aun)\b`,
	),
	products: regexps(
		`\b(tienen|venden|tienes|vendes|manejan)\b`, `\b(busco|buscando)\b`, `\b(muestrame|muestreme|ensename)\b`,
		`\b(recomienda|recomiendan|recomiendas|recomendacion|recomendaciones|sugerencia|sugieren)\b`,
		`\b(quiero|quisiera|me gustaria) comprar\b`, `\b(teneis|vendeis)\b`,
		`\b(que|q|cual|cuales) \w+( \w+)? (es|son|seria|me va) (el |la )?(mejor|mejores|bueno|buena|buenos|buenas|bien) (para|xa|pa)\b`, `\b(necesito|quiero|quisiera) (un|una|unos|unas)\b`,
	),
	greeting: regexp.MustCompile(`^(buenos dias|buenas tardes|buenas noches|buenas|hola|saludos|que tal|hey)\b`),
	thanks:   regexp.MustCompile(`^(muchas gracias|mil gracias|vale gracias|ok gracias|eso es todo|gracias|perfecto|genial|listo)\b`),
	sensitive: []sensitiveRule{
		{reason: ReasonPaymentDispute, tag: aiagent.TagReturns, patterns: regexps(
			`\b(contracargo|contracargos|disputa|disputar)\b`, `\b(llamar|llamare|llamo|hablar|hablare|reclamar|reclamare) (a|al|con) (mi )?banco\b`,
			`\b(anular|revertir|retroceder) (el|este|ese) (cargo|pago)\b`, `\b(cobraron|cobrasteis|cobrado|cobro) (dos veces|doble)\b`,
			`\b(doble cargo|cargo duplicado|cobro duplicado)\b`)},
		{reason: ReasonLegal, patterns: regexps(
			`\b(abogado|abogada|abogados|demanda|demandar|demandare|denuncia|denunciar|denunciare|juicio|tribunal|tribunales|juzgado|accion legal|acciones legales|via judicial)\b`,
			`\b(oficina del consumidor|defensa del consumidor|organismo de consumo|hoja de reclamaciones|profeco|omic)\b`)},
		{reason: ReasonInjury, tag: aiagent.TagProduct, askable: true, patterns: regexps(
			`\b(reaccion alergica|sarpullido|ronchas|quemadura|herida|lesion|lesionado|lesionada|hospital|urgencias|intoxicacion)\b`,
			`\bme (quemo|corto|lastimo|hizo dano|hirio|dio alergia|produjo alergia|causo alergia|salio un sarpullido|enfermo)\b`)},
		{reason: ReasonFraud, patterns: regexps(
			`\b(fraude|fraudulento|fraudulenta|estafa|estafado|estafada|estafadores|timo|timado|tarjeta robada|robo de identidad|hackearon|hackeado|hackeada)\b`,
			`\b(cargo|pago|compra|pedido)s? no (autorizado|autorizada|autorizados|reconocido)\b`, `\bno reconozco (este|ese|el|un|una|esta|esa) (cargo|pedido|pago|compra)\b`)},
		{reason: ReasonDamagedItem, tag: aiagent.TagReturns, askable: true, patterns: regexps(
			`\b(llego|llegaron|vino|vinieron|esta|estan|estaba|estaban|es|son)( \w+){0,3} (roto|rota|rotos|rotas|danado|danada|danados|danadas|defectuoso|defectuosa|defectuosos|estropeado|estropeada|rasgado|rasgada|descosido|descosida|manchado|manchada|aplastado|abollado|en mal estado)\b`,
			`\b(recibi|me llego|me llegaron|me enviaron|me mandaron|me vino)( \w+){0,3} (roto|rota|rotos|rotas|danado|danada|defectuoso|defectuosa|equivocado|equivocada|incorrecto|usado|usada)\b`,
			`\b(dejo de funcionar|no funciona|no enciende|se rompio|se ha roto|se rompe|se descosio|se deshizo)\b`)},
		{reason: ReasonAngry, patterns: regexps(
			`\b(inutil|inutiles|idiota|idiotas|estupido|estupida|estupidos|incompetente|incompetentes|verguenza|vergonzoso|ridiculo|ridicula|inaceptable|indignante|mierda|joder|cabrones|timadores|una broma)\b`,
			`\b(pesimo|pesima|horrible|terrible|fatal|malisimo|malisima|peor) (servicio|atencion|tienda|empresa|experiencia)\b`,
			`\b(el|la) peor (servicio|atencion|tienda|empresa|experiencia)\b`, `\b(estoy|estamos) (harto|harta|hartos|hartas)\b`,
			`\bnunca mas (compro|comprare|vuelvo)\b`)},
	},
	productFacts: productRules{
		price:   regexps(`\b(cuanto cuesta|cuanto cuestan|cuanto vale|cuanto valen|precio|precios|cuesta|cuestan|coste|costo)\b`),
		stock:   regexps(`\b(en stock|disponible|disponibles|agotado|agotada|agotados|agotadas|existencias|quedan|queda alguno)\b`),
		restock: regexps(`\b(volvera|volveran|reponen|reponer|reposicion|cuando|pronto|avisar|avisadme|avisame)\b`),
		options: regexps(`\b(viene|vienen|hay|tienen|la tienen|lo tienen|esta|estan) en (talla|tallas|color|colores|[a-z]{1,3}|\d+[a-z]*)\b`,
			`\b(que|cuales|otras|otros) (tallas|colores|medidas|opciones|modelos)\b`),
		under: regexp.MustCompile(`\b(?:menos de|por debajo de|hasta|maximo|como mucho|inferior a)(?: eur| euros| usd)? (\d+(?:[.,]\d+)?)\b`),
		over:  regexp.MustCompile(`\b(?:mas de|por encima de|minimo|superior a)(?: eur| euros| usd)? (\d+(?:[.,]\d+)?)\b`),
	},
	hypothetical: regexps(`\b(que pasa si|que ocurre si|que hago si|y si|en caso de|si (me|mi|el|la|un|una|llega|llegan|recibo|algo|algun|alguna|los|las|el producto|un producto))\b`,
		`\bpoliticas?\b`, `\b(reemplazan|reembolsan|cubren|aceptan|cambian)\b.*\b(si|cuando)\b`),
	orderNumber: regexp.MustCompile(`(?:#\s?|\b(?:pedido|orden)\s*(?:numero|número|n[oº°]\.?|#)?\s*#?\s*)(\d{1,12})\b`),
}
