package builtin

import (
	"regexp"

	"hubchat/app/aiagent"
)

// Words the Spanish rules share, as the normalised message spells them
// (lower-case, accents folded).
const (
	// esOrderNoun is what a shopper calls an order: Spain's "pedido",
	// Latin America's "orden", "compra", "paquete", "envío".
	esOrderNoun = `(pedido|pedidos|paquete|paquetes|orden|ordenes|envio|compra|compras|encargo)`
	// esStatusWord is a word asking where an order is or when it comes.
	// with "mi", "mis" or "nuestro" before the order's noun.
	esStatusWord = `(donde|dnd|estado|estatus|status|rastrear|seguimiento|tracking|guia|llega|llegan|llegara|llego|llegado|llegar|` +
		`llegue|cuando|enviado|enviaron|enviasteis|enviais|salido|salio|despachado|despacharon|mandado|mandaron|` +
		`mandasteis|retrasado|retraso|todavia|aun|sigue|sigo|recibido|recibi|recibo|noticias|novedades)`
	// esPlacedWord is a word asking of an order already placed, with "el"
	// or "la" before its noun: not "llegar" or "cuándo se envía", which
	// ask of any order ("¿cuánto tarda en llegar el paquete?").
	esPlacedWord = `(donde|dnd|estado|estatus|status|rastrear|seguimiento|llega|llegara|llego|llegado|cuando|enviado|` +
		`enviaron|salido|salio|despachado|despacharon|mandaron|retrasado|retraso|todavia|aun|sigue|sigo|recibido|` +
		`noticias|novedades)`
	// esBoughtThing is a product of the shopper's own order, named for the
	// order: "la tetera que compré", "lo que pedí".
	esBoughtThing = `((el|la|los|las|mi|mis) \w+( \w+){0,3}|lo) que (pedi|compre|encargue|ordene|pedimos|compramos|encargamos)`
	// esPersonNoun is who a shopper asks to talk to.
	esPersonNoun = `(humano|humana|persona|agente|alguien|representante|operador|operadora|asesor|asesora|` +
		`ejecutivo|ejecutiva|empleado|empleada|encargado|encargada|responsable|gerente|supervisor|supervisora|` +
		`soporte|atencion al cliente|servicio al cliente)`
	// esSomeThings is what follows "tenéis" in a product search: some, a
	// few, or a plural ("botas", "cascos").
	esSomeThings = `(algo|algun|alguna|algunos|algunas|un|una|unos|unas|mas|otros|otras|[a-z]+s)\b`
	// esBroken is how a shopper says an item is broken or spoilt.
	esBroken = `(rot[oa]s?|danad[oa]s?|defectuos[oa]s?|estropead[oa]s?|rasgad[oa]s?|descosid[oa]s?|manchad[oa]s?|` +
		`aplastad[oa]s?|abollad[oa]s?|golpead[oa]s?|rajad[oa]s?|partid[oa]s?|quebrad[oa]s?|rayad[oa]s?|` +
		`en mal estado|hech[oa]s? (polvo|pedazos|trizas|anicos))`
	// esSpoilt is how an item that came is spoilt, beyond broken: words
	// that after "is" ask of a product or a coupon ("¿está vencido?").
	esSpoilt = `(mal|derramad[oa]s?|mojad[oa]s?|podrid[oa]s?|caducad[oa]s?|vencid[oa]s?|usad[oa]s?|abiert[oa]s?)`
)

var spanishIntents = intentRules{
	human: regexps(
		`\b(hablar|hablo|ablar|comunicar|comunicarme|comunicarnos|comunicame|comuniqueme|comunica|comunique|comunicas|`+
			`comunican|comuniquen|comunicais|pasar|pasarme|pasame|paseme|pasa|pase|pasas|pasan|pasais|poner|ponerme|`+
			`ponme|pongame|ponga|pones|ponen|poneis|transferir|transfiereme|transfiera|conectar|conectarme|conectame|conecte|chatear|`+
			`charlar|atender|atienda|atiendan|atendido|atendida)`+
			`( con| a)?( un| una| el| la| algun| alguna)? `+esPersonNoun+`\b`,
		`\b(quiero|kiero|qiero|necesito|prefiero|busco|exijo|puedo tener)( hablar con| ablar con)?( un| una)? `+
			`(humano|persona|agente|representante|operador|operadora|asesor|asesora|ejecutivo|ejecutiva)\b`,
		`\b(persona|agente|alguien|humano) (real|humano|de verdad|de carne y hueso)\b`, `\batencion humana\b`,
		`\b(hay|habra) (algun |alguna )?(alguien|humano|persona|agente|asesor|asesora|operador|operadora)\b`,
		`\b(que )?(me|nos) (llame|llamen|llameis|contacte|contacten|contacteis) (alguien|una persona|un agente|un asesor|una asesora)\b`,
		`\b(alguien|una persona|un agente|un asesor) (me|nos) (llame|llamen|contacte|contacten)\b`,
		`\b(atencion|ayuda|respuesta) (de|por parte de|con) (una |un )?(persona|humano|agente|asesor|asesora)\b`,
		`\b(no|ni) (de |con )?(un |una |el |la )?(bot|robot|chatbot|maquina|contestador automatico)\b`,
		`\bno (quiero|deseo|me sirve|me vale)( hablar con| hablar| chatear con)?( un| una| el| la| este| esta)? `+
			`(bot|robot|maquina|chatbot|contestador|ia|inteligencia artificial|asistente virtual)\b`,
		`\b(nadie|no) (me )?(responde|responden|contesta|contestan|respondeis|contestais|hace caso|hacen caso)\b`,
		`^(un |una )?(humano|agente|persona|representante|operador|operadora|asesor|asesora|ejecutivo|`+
			`atencion al cliente|servicio al cliente)( por favor| porfa)?$`,
	),
	notOrderStatus: regexps(`\b(reembolso|dinero|devolucion|puntos|tarjeta regalo|recoger|recogida)\b`,
		// Lo demás que envía una tienda: un código, una factura, un correo.
		`\b(codigo de descuento|codigo promocional|cupon|factura|contrasena|boletin|newsletter|`+
			`(correo|email|e mail|mail) de confirmacion)\b`,
		// Lo que pasaría con un pedido, no dónde está uno: una pregunta de política.
		`\bsi (hoy |ahora |ya )?(lo |la |los |las )?(pido|compro|encargo|ordeno|pedimos|compramos|`+
			`(hago|realizo|hacemos) (el |un |una |mi |la )?(pedido|compra|orden))\b`,
		`\b(pueden|podeis|puedes|podrian|podriais) (enviar|mandar|entregar) (mi|mis|el|los) `+esOrderNoun+` a\b`,
		`\bpuedo (recibir|tener) (mi|el) (pedido|paquete|compra|orden) en\b`),
	orderStatus: regexps(
		`\b(numero|codigo|enlace|link) de (seguimiento|rastreo|guia)\b`, `\bnumero de guia\b`,
		`\b(donde esta|dnd esta|donde estan|donde anda|donde va|donde viene|cuando llega|cuando llegan|cuando me llega|`+
			`cuando me llegan|ha salido|han salido|han enviado|habeis enviado|me han enviado) (mi|mis|nuestro)\b`,
		`\b`+esStatusWord+`\b.*\b(mi|mis|nuestro|nuestra) `+esOrderNoun+`\b`,
		`\b`+esPlacedWord+`\b.*\b(el|la) `+esOrderNoun+`\b`,
		`\b(mi|mis|nuestro|nuestra) `+esOrderNoun+`\b.*\b`+esStatusWord+`\b`,
		`\b(estado|estatus|status) (del?|de la)( mi| mis)? `+esOrderNoun+`\b`,
		`\b(rastrear|localizar) (mi |el |la )?`+esOrderNoun+`\b`,
		`\b(que (paso|pasa|ha pasado|hay|se sabe)|saben algo|sabeis algo|alguna novedad|novedades) (con|de) `+
			`(mi|mis|el|nuestro)( \w+){0,2} `+esOrderNoun+`\b`,
		`\b(cuando|donde|llega|llegara|llego|no ha llegado|no llega)\b.*\blo que (pedi|compre|encargue|ordene)\b`,
		`\b((hice|realice|hicimos|realizamos) (un|una|el|mi) (pedido|compra|orden)|compre|pedi|encargue|ordene|`+
			`compramos|pedimos)\b.*\b(nada|no (me )?(ha|han) llegado|no (me )?(llega|llegan|llego|llegaron)|todavia|`+
			`aun|sigo esperando|sin noticias)\b`,
		`\b`+esStatusWord+`\b.*\b(pedido|orden) (numero |no )?\d+\b`,
		`\b(pedido|orden) (numero |no )?\d+\b.*\b`+esStatusWord+`\b`,
		// A product of an order placed, named instead of the order: "la guía
		// de mi matcha", "¿cuándo me llega el aceite?", "la tetera que compré".
		`\b(guia|seguimiento|rastreo|tracking)( \w+)? (de|del|para) (mi|mis|nuestro|nuestra|nuestros|nuestras)\b`,
		`\bcuando (me |nos )?(llega|llegan|llegara|llegaran|va a llegar|van a llegar|sale|salen|envian|enviais|mandan|mandais) `+
			`(mi|mis|nuestro|nuestra|nuestros|nuestras)\b`,
		`\bcuando (me|nos) (llega|llegan|llegara|llegaran|va a llegar|van a llegar|entregan|entregais|envian|enviais|mandan|mandais)`+
			`( (el|la|los|las|lo|eso|esto)\b|$)`,
		`\b`+esPlacedWord+`\b.*\b`+esBoughtThing+`\b`, `\b`+esBoughtThing+`\b.*\b`+esPlacedWord+`\b`,
		`\b(ya )?(enviaron|mandaron|despacharon|enviasteis|mandasteis|despachasteis|han enviado|han mandado|han despachado|`+
			`habeis enviado|habeis mandado|ha salido|han salido|salio|salieron) (mi|mis|nuestro|nuestra|nuestros|nuestras)\b`,
		`\b(mi|mis|nuestro|nuestra|nuestros|nuestras) \w+( \w+){0,3} (ya )?(salio|salieron|ha salido|han salido|fue enviad[oa]s?|`+
			`fueron enviad[oa]s?|ha sido enviad[oa]|esta en camino|estan en camino|viene en camino|va en camino|van en camino|vienen en camino|sigue sin llegar|siguen sin llegar|`+
			`no (me )?(ha|han) llegado|no (me )?(llega|llegan|llego|llegaron)|no ha salido|no han salido)\b`,
		`\b(no|todavia no|aun no|nunca|sigue sin|siguen sin) (me |nos )?(ha llegado|han llegado|llego|llegaron|llega|llegan|llegar|`+
			`recibo|recibimos|he recibido|hemos recibido|recibi) (mi|mis|nuestro|nuestra|nuestros|nuestras)\b`,
		// Part of an order came: "solo me llegó la mitad", "el resto de mi pedido".
		`\b(solo|solamente|nada mas) (me |nos )?(llego|llegaron|ha llegado|han llegado|recibi|he recibido|vino|vinieron) `+
			`(una parte|parte|la mitad|un|una|uno|algo|algunos|algunas)\b`,
		`\b(el resto|la otra parte|lo que falta|lo demas|la otra mitad) (de|del) (mi|mis|el|nuestro|nuestra)( \w+)? `+esOrderNoun+`\b`,
		// Todavía esperando, o cuándo lo recibe: "sigo esperando mi tetera".
		`\b(sigo|seguimos|estoy|estamos) esperando (mi|mis|nuestro|nuestra|nuestros|nuestras)\b`,
		`\bya (enviaron|mandaron|despacharon|enviasteis|mandasteis|han enviado|han mandado|habeis enviado|habeis mandado|`+
			`han despachado) (el|la|los|las)\b`,
		// Cómo va: "¿cómo va mi pedido?", "¿en qué va el envío de mi tetera?".
		`\b(como|en que|que tal) (va|van|anda|andan|viene|vienen) (mi|mis|nuestro|nuestra|nuestros|nuestras) \w+`,
		`\b(como|en que|que tal) (va|van|anda|andan|viene|vienen) (el envio|la entrega|el pedido|el paquete|la compra|la orden) (de|del)\b`,
		`\b(viene|vienen|va|van|esta|estan) en camino (mi|mis|nuestro|nuestra|nuestros|nuestras)\b`,
		`\bcuando (recibo|recibire|recibimos|recibiremos|tendre|tengo|tendremos) (mi|mis|nuestro|nuestra|nuestros|nuestras)\b`,
		// La guía (el número de seguimiento, en México) que pide: "¿me pasas la guía?", no "la guía de tallas".
		`\b(me|nos) (pasas|pasan|pasais|das|dan|dais|mandas|mandan|mandais|envias|envian|enviais|compartes|comparten|`+
			`puedes pasar|pueden pasar|podrias pasar|podrian pasar) (la |el |mi |un )?(guia|numero de guia|numero de seguimiento|`+
			`numero de rastreo|rastreo|seguimiento|tracking|codigo de seguimiento|codigo de rastreo|link de seguimiento|`+
			`enlace de seguimiento)( (del|de mi|de mis|de nuestro|de nuestra)\b.*| (por favor|porfa|porfis|gracias))?$`,
	),
	partOfOrder: regexps(`\b((solo|solamente|nada mas) (me |nos )?(llego|llegaron|ha llegado|han llegado|recibi|he recibido|vino|vinieron)|` +
		`(el resto|la otra parte|lo que falta|lo demas|la otra mitad) (de|del))\b`),
	refundStatus: regexps(
		// Whether the shopper's own money came back: "¿me devolvieron el
		// dinero de la tetera?", "¿ya procesaron mi reembolso?".
		`\b(me|nos) (devolvieron|devolvisteis|han devuelto|habeis devuelto|reembolsaron|reembolsasteis|han reembolsado|`+
			`habeis reembolsado|abonaron|abonasteis|han abonado|habeis abonado|regresaron|han regresado|reintegraron|han reintegrado|`+
			`hicieron el reembolso|han hecho el reembolso|hicisteis el reembolso|habeis hecho el reembolso)\b`,
		`\b(hicieron|han hecho|hicisteis|habeis hecho|procesaron|han procesado|procesasteis|habeis procesado|emitieron|`+
			`han emitido|aprobaron|han aprobado|aprobasteis|enviaron|mandaron|realizaron|han realizado) (el|mi|nuestro) (reembolso|reintegro|abono)\b`,
		`\b(mi|nuestro) (reembolso|reintegro|abono|dinero)\b.*\b(donde|estado|ya|llego|ha llegado|todavia|aun|sigue|recibido|`+
			`procesado|hecho|listo|novedades|noticias|nada)\b`,
		`\b(donde|estado|estatus|que paso|que pasa|que ha pasado|novedades|noticias|saben algo|sabeis algo)\b.*\b(mi|nuestro) (reembolso|reintegro|abono|dinero)\b`,
		`\b(no|todavia no|aun no|nunca|sigo sin|seguimos sin) (me |nos )?(ha llegado|han llegado|llego|llega|recibo|recibi|recibir|`+
			`he recibido|hemos recibido|han devuelto|habeis devuelto|devolvieron|devolvisteis|han reembolsado|reembolsaron|`+
			`han hecho|hicieron|ver|veo|he visto)( \w+){0,2} (el |mi |nuestro )?(reembolso|dinero|reintegro|abono)\b`,
		`\b(sigo esperando|seguimos esperando|estoy esperando|esperando) (mi|el|nuestro) (reembolso|dinero|reintegro|abono)\b`,
		`\b(ya|se) (esta|proceso|hizo|ha hecho|ha procesado|realizo|ha realizado|aprobo|ha aprobado|emitio) (mi|nuestro|el) (reembolso|reintegro|abono)\b`,
		`\b(mi|mis|nuestro|nuestra) \w+( \w+){0,3} (fue|ha sido|fueron|han sido|esta|estan) (reembolsad[oa]s?|devuelt[oa]s?)\b`,
		`\b(reembolso|reembolsad[oa]|devolucion del dinero)\b.*\b(pedido|orden) (numero |no )?\d+\b`,
		`\b(pedido|orden) (numero |no )?\d+\b.*\b(reembolso|reembolsad[oa]|devolucion del dinero)\b`,
	),
	// Cómo van los reembolsos, no el del cliente: "¿cuánto tarda el reembolso?".
	notRefundStatus: regexps(`\b(cuanto|cuantos|cuantas|cuando|como|si|puedo|podria|podemos|se puede|politica|plazo)\b`),
	products: regexps(
		// "Tienen" is "you have" at the start ("¿tienen botas?"), but may be
		// a product's ("¿qué garantía tienen las botas?"); "you have" asks
		// for products when what follows is some or several of a thing, not
		// "¿tenéis tienda física?" or "¿tienes que pagar aduana?".
		`^(y )?(ustedes |vosotros |uds )?tienen `+esSomeThings, `\b(si|ustedes|uds) tienen `+esSomeThings,
		`\b(teneis|tenes|tienes) `+esSomeThings, `\bque \w+( \w+)? (tienen|teneis|tenes|tienes)$`,
		`\b(venden|vendes|vendeis|manejan|manejas)\b`, `\b(busco|buscando|buscaba)\b`,
		`\b(muestrame|muestreme|ensename|ensenadme)\b`,
		`\b(recomienda|recomiendan|recomiendas|recomendais|recomendacion|recomendaciones|sugerencia|sugieren|`+
			`sugieres|aconsejas|aconsejais|aconsejan)\b`,
		`\b(quiero|quisiera|me gustaria|necesito|busco) (comprar|regalar)\b`,
		`\b(que|q|cual|cuales) \w+( \w+)? (es|son|seria|me va) (el |la )?(mejor|mejores|bueno|buena|buenos|buenas|bien) (para|xa|pa)\b`,
		`\b(necesito|quiero|quisiera) (un|una|unos|unas)\b`, `^algo (para|contra|que)\b`,
		`^(hay |teneis |tienen |tienes )?(algo|alguna cosa|algun producto) (para|contra|que sirva)\b`,
	),
	sellsThing: regexps(`^(y )?(ustedes |uds )?(tambien )?(venden|vendes|vendeis|manejan|manejas|tienen|teneis|tienes)( tambien)?` +
		`( algun| alguna| algunos| algunas| un| una| unos| unas)? `),
	// Longer alternatives first: Go's regexp takes the first that matches
	// ("hola buenas tardes" is not "hola buenas" and "tardes").
	greeting: regexp.MustCompile(`^(buenos dias|buen dia|buenas tardes|buenas noches|buenas|hola+|holi|holis|ola|` +
		`saludos|que tal|q tal|hey|hello|hi)( (a todos|equipo|chicos|chicas|que tal|q tal|como estas|como estan|` +
		`como esta|buenos dias|buen dia|buenas tardes|buenas noches|buenas|hola+))*\b`),
	thanks: regexp.MustCompile(`^(((vale|ok|okey|okay|perfecto|genial|listo|bueno|entendido|de acuerdo|super|` +
		`estupendo|excelente|muy bien) )*(muchisimas gracias|muchas gracias|mil gracias|gracias|grax)|perfecto|` +
		`genial|listo|estupendo|entendido|de acuerdo|excelente|super|que amable|muy amable|eso es todo|vale|ok|` +
		`okey)( (gracias|muchas gracias|mil gracias))?\b`),
	sensitive:    spanishSensitive,
	productFacts: spanishProductFacts,
	measures:     spanishMeasures,
	hypothetical: regexps(`\b(que pasa si|que pasa cuando|que ocurre si|que hago si|que hago cuando|que debo hacer si|`+
		`y si|en caso de|si (no|me|mi|mis|el|la|un|una|llega|llegan|llego|viene|vienen|vino|recibo|algo|algun|alguna|los|las|`+
		`resulta|sale|esta|estan|el producto|un producto))\b`,
		`\bpoliticas?\b`, `\b(reemplazan|reembolsan|cubren|aceptan|cambian|reponen|devuelven)\b.*\b(si|cuando)\b`),
	orderNumber: regexp.MustCompile(`(?:#\s?|\b(?:pedido|orden)\s*(?:numero|número|n[oº°]\.?|#)?\s*#?\s*)(\d{1,12})\b`),
}

// spanishSensitive are the topics that always go to a person, in Spanish.
var spanishSensitive = []sensitiveRule{
	{reason: ReasonPaymentDispute, tag: aiagent.TagReturns, patterns: regexps(
		`\b(contracargo|contracargos|disputa|disputar)\b`,
		`\b(llamar|llamare|llamo|hablar|hablare|reclamar|reclamare|reclamo|ir|ire|acudir|acudire|avisar|avisare|`+
			`reportar|reportare|reporto|denunciar|denunciare)( \w+){0,2} (a|al|con|en) (mi |el )?(banco|entidad bancaria)\b`,
		`\b(anular|revertir|retroceder|desconocer|desconozco|reportar)( \w+)? (el|este|ese|un|los|estos|esos) (cargo|cargos|cobro|cobros|pago)\b`,
		`\b(cobraron|cobrasteis|cobrado|cargaron|cargado|cargasteis)( \w+){0,2} (dos veces|2 veces|doble|de mas|`+
			`por duplicado|duplicado|por error|sin autorizacion|sin mi permiso|indebidamente)\b`,
		`\b(cargo|cargos|cobro|cobros) (doble|duplicado|duplicados|repetido|repetidos|indebido|indebidos|sin autorizacion)\b`,
		`\b(doble cargo|cargo duplicado|cobro duplicado|cobro indebido|cargo indebido)\b`)},
	{reason: ReasonLegal, patterns: regexps(
		`\b(abogado|abogada|abogados|demanda|demandar|demandare|denuncia|denunciar|denunciare|juicio|tribunal|`+
			`tribunales|juzgado|accion legal|acciones legales|via judicial|medidas legales)\b`,
		`\b(oficina del consumidor|defensa del consumidor|organismo de consumo|oficina de consumo|`+
			`asociacion de consumidores|arbitraje de consumo|hoja de reclamaciones|libro de reclamaciones|`+
			`profeco|omic|ocu|facua|sernac|indecopi)\b`,
		`\b(reclamacion|reclamaciones|queja|denuncia) (formal )?(en|a|ante) consumo\b`,
		`\b(ir|ire|voy|acudir|acudire|acudo|llevar|llevare|llevarlo|denunciar|reclamar|reclamare)( \w+){0,2} (a|en|ante) consumo\b`)},
	{reason: ReasonInjury, tag: aiagent.TagProduct, askable: true, patterns: regexps(
		`\b(reaccion alergica|sarpullido|ronchas|quemadura|herida|lesion|lesionado|lesionada|hospital|urgencias|`+
			`intoxicacion|envenenado|envenenada)\b`,
		`\b(mi|me) (\w+ )?(vomito|ha vomitado|vomita|se enfermo|se ha enfermado|se puso malo|se puso mala|`+
			`le dio diarrea|tiene diarrea|le sento mal|le ha sentado mal|se intoxico)\b`,
		`\bme (quemo|corto|lastimo|hirio|hizo dano|ha hecho dano|dio alergia|produjo alergia|causo alergia|`+
			`provoco|ha provocado|salio un sarpullido|salieron|enfermo|irrito|ha irritado|quemaron|sento mal|`+
			`ha sentado mal|pica|arde)\b`,
		`\bme (lastime|corte|queme|he quemado|he cortado|he lastimado|enferme|he enfermado|hice dano)\b`,
		`\b(tuve|tengo|me dio|me ha dado|me produjo|me causo) (una )?reaccion\b`,
		`\bme (cayo|sento|ha sentado) (muy )?mal\b`,
		`\bme (dio|dieron|ha dado|provoco|causo|produjo) (diarrea|vomitos|nauseas|ronchas|comezon|picazon|picor|`+
			`dolor de (estomago|cabeza|barriga|panza|tripa))\b`)},
	{reason: ReasonFraud, patterns: regexps(
		`\b(fraude|fraudulento|fraudulenta|estafa|estafado|estafada|estafadores|timo|timado|tarjeta robada|`+
			`robo de identidad|suplantacion|phishing|hackearon|hackeado|hackeada|estafaron|estafasteis|estafan|`+
			`me robaron|me han robado|me habeis robado)\b`,
		`\b(cargo|pago|compra|pedido|cobro)s? (no (autorizado|autorizada|autorizados|reconocido)|que no (reconozco|hice|he hecho|autorice))\b`,
		`\bno reconozco (este|ese|el|un|una|esta|esa) (cargo|pedido|pago|compra|cobro)\b`,
		`\b(alguien|otra persona)( \w+){0,4} (con|desde) (mi|mis) (tarjeta|tarjetas|cuenta|datos)\b`,
		`\b(alguien|otra persona) (uso|ha usado|usaron|utilizo|ha utilizado) (mi|mis) (tarjeta|cuenta|datos)\b`,
		`\b(alguien|otra persona) (ha entrado|entro|accedio|ha accedido) (en|a) mi cuenta\b`,
		`\byo no (hice|he hecho|realice) (este|ese|esta|esa|ningun|ninguna) (pedido|compra|pago|cargo)\b`)},
	{reason: ReasonDamagedItem, tag: aiagent.TagReturns, askable: true, patterns: regexps(
		`\b(llego|llegaron|ha llegado|han llegado|vino|vinieron|me llego|me llegaron)( \w+){0,3} (`+esBroken+`|`+esSpoilt+`)\b`,
		`\b(viene|vienen|esta|estan|estaba|estaban|es|son)( \w+){0,3} `+esBroken+`\b`,
		`\b(recibi|he recibido|me llego|me llegaron|me ha llegado|me enviaron|me mandaron|me vino)( \w+){0,3} `+
			`(`+esBroken+`|`+esSpoilt+`|equivocad[oa]s?|incorrect[oa]s?|distint[oa]s?|diferentes?|`+
			`que no (pedi|compre|encargue))\b`,
		`\bno (es|son|era|eran) (lo que|el que|la que|los que|las que) (pedi|compre|encargue)\b`,
		`\b(me falta|me faltan|faltaba|faltaban|falta|faltan)( \w+){0,2} (producto|productos|articulo|articulos|`+
			`pieza|piezas|unidad|unidades|cosas|algo)\b`,
		`\b((pedido|paquete|caja) incompleto|incompleta|llego incompleto|llegaron incompletos)\b`,
		`\b(dejo de funcionar|no funciona|no funcionan|no enciende|no encienden|no carga)\b`,
		`\bse (me |nos |le |te )?(rompio|ha roto|rompe|rompieron|han roto|descosio|deshizo|despego|estropeo|`+
			`ha estropeado|averio|ha averiado|cayo a pedazos)\b`)},
	{reason: ReasonAngry, patterns: regexps(
		`\b(inutil|inutiles|idiota|idiotas|estupido|estupida|estupidos|incompetente|incompetentes|verguenza|`+
			`vergonzoso|ridiculo|ridicula|inaceptable|indignante|lamentable|penoso|nefasto|mierda|joder|cabrones|`+
			`timadores|ladron|ladrones|sinverguenza|sinverguenzas|una broma|un desastre|que asco|tomando el pelo)\b`,
		`\b(pesimo|pesima|horrible|terrible|fatal|malisimo|malisima|peor|mal|mala|lamentable) (servicio|atencion|`+
			`tienda|empresa|experiencia|trato)\b`,
		`\b(servicio|atencion|trato) (pesimo|pesima|horrible|terrible|fatal|malisimo|malisima|lamentable|nefasto|nefasta)\b`,
		`\b(el|la) peor (servicio|atencion|tienda|empresa|experiencia)\b`,
		`\bque (servicio|atencion|trato|tienda|empresa) (tan|mas) (malo|mala|pesimo|pesima|horrible|lamentable|penoso|penosa)\b`,
		`\b(estoy|estamos) (muy |super |bastante )?(harto|harta|hartos|hartas|enfadado|enfadada|enojado|enojada|`+
			`cabreado|cabreada|furioso|furiosa|indignado|indignada|molesto|molesta)\b`,
		`\b(hasta las narices|hasta la madre)\b`, `\bnunca mas (compro|comprare|vuelvo)\b`,
		`\b(poner|pongo|pondre|presentar|presento|presentare|hacer|interponer) (una )?queja\b`)},
}

// spanishProductFacts tell what a Spanish question asks of a product.
var spanishProductFacts = productRules{
	price: regexps(`\b(cuanto cuesta|cuanto cuestan|cuanto vale|cuanto valen|cuanto sale|cuanto salen|` +
		`a cuanto esta|a cuanto estan|que precio|precio|precios|cuesta|cuestan|coste|costo)\b`),
	stock: regexps(`\b(en stock|hay stock|sin stock|fuera de stock|disponible|disponibles|agotado|agotada|`+
		`agotados|agotadas|existencias|en existencia|quedan|queda (algun|alguno|alguna|algo)|todavia hay|aun hay)\b`,
		// Whether it can be had now: "¿todavía tienen el té blanco?", "¿ya hay
		// matcha o sigue sin llegar?", "¿puedo comprar la tetera ahorita?".
		`\b(todavia|aun|ya) (tienen|teneis|tiene|hay|manejan|venden|vendeis|les queda|le queda|te queda|os queda)\b`,
		`\bsiguen? (agotad[oa]s?|sin llegar|sin stock|sin existencias|sin haber)\b`,
		`\b(se puede|puedo|podemos|puedes) (comprar|pedir|ordenar)\b.*\b(ya|ahora|ahorita|hoy)\b`),
	restock: regexps(`\b(volvera|volveran|reponen|reponeis|reponer|reposicion|cuando|pronto|avisar|avisadme|avisame|avisenme)\b`),
	options: regexps(`\b(viene|vienen|hay|tienen|teneis|la tienen|lo tienen|esta|estan) en (talla|tallas|color|colores|[a-z]{1,3}|\d+[a-z]*)\b`,
		`\b(viene|vienen|hay|tienen|teneis|la tienen|lo tienen|la hay|lo hay|esta|estan) en (color )?(negro|negra|`+
			`blanco|blanca|azul|rojo|roja|verde|amarillo|amarilla|rosa|gris|marron|cafe|beige|morado|morada|lila|`+
			`naranja|dorado|dorada|plateado|plateada|granate|burdeos|turquesa|celeste|crema)\b`,
		`\b(que|cuales|cuantos|cuantas|otras|otros|mas|en que|de que) (tallas|colores|medidas|opciones|modelos|`+
			`aromas|olores|fragancias|sabores|tamanos|estilos|variantes|versiones|formatos|presentaciones|numeros|`+
			`tonos|acabados|disenos)\b`),
	frame: regexp.MustCompile(`\b((todavia|aun|ya) (tienen|teneis|tiene|hay|manejan|venden|vendeis)|siguen? sin llegar|` +
		`(se puede|puedo|podemos|puedes) (comprar|pedir|ordenar)|ahorita|ahora mismo|todavia|aun)\b`),
	under: regexp.MustCompile(`\b(?:menos de|por menos de|por debajo de|hasta|maximo|como mucho|inferior a|menor a|` +
		`no mas de)(?: eur| euros| usd| pesos)? (\d+(?:[.,]\d+)?)\b`),
	over: regexp.MustCompile(`\b(?:mas de|por encima de|minimo|superior a|mayor a|arriba de)(?: eur| euros| usd| pesos)? (\d+(?:[.,]\d+)?)\b`),
}
