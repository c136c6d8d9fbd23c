package builtin

import "hubchat/app/aiagent"

// spanishShopperPhrasings are the everyday ways Spanish-speaking shoppers
// (Spain and Latin America) say what merchants write in their own words:
// "ir por mis cosas" for a pickup, "a meses" for installments, "ya no hay"
// for being out of stock, "pa' mañana" for express shipping. A group that
// shares a name with one of lang_es.go or lang_es_catalog.go adds to it
// (the analyzer merges groups by name); the rest are topics most shops
// write of and shoppers name differently. Ambiguous words ("queda",
// "regresar", "hay", "guardar") are listed only in the phrases that tell
// their sense.
var spanishShopperPhrasings = []synonymGroup{
	// The parcel sent to the shopper, said as the shopper says it.
	{"envio", aiagent.TagShipping, []string{"me lo mandan", "me la mandan", "me los mandan", "me las mandan",
		"le mandan", "les mandan", "me lo envían", "me la envían", "hacen envíos", "hacéis envíos", "me llega", "me llegaría", "me lo traen", "a mi casa", "hasta mi casa",
		"a mi domicilio", "hasta mi domicilio", "paquetería", "paqueteria"}},
	// Someone abroad, and the places Latin American shoppers most often
	// name as "the other side".
	{"internacional", aiagent.TagShipping, []string{"al extranjero", "del extranjero", "que vive en", "que vive fuera",
		"vive fuera"}},
	// Fastest, asked by when it is needed.
	{"express", aiagent.TagShipping, []string{"express", "exprés", "envío urgente", "envío express", "envío exprés",
		"urgente", "urgencia", "para mañana", "pa mañana", "lo necesito mañana", "lo antes posible", "cuanto antes",
		"lo más rápido", "lo mas rapido", "más rápido", "mas rapido", "al día siguiente",
	}},
	// Cold weather, in the shopper's words and the merchant's; tea or
	// coffee made cold is a way of brewing, not the weather.
	{"frio", "", []string{"frío", "fría", "fríos", "frías", "congelar", "congela", "congelarse", "bajo cero",
		"invierno", "clima"}},
	{"infusionfria", aiagent.TagProduct, []string{"en frío", "té frío", "café frío", "cold brew", "té helado"}},
	// The hour before which an order leaves the same day.
	{"cutoff", aiagent.TagShipping, []string{"mismo día", "el mismo día", "hoy mismo", "sale hoy", "salga hoy",
		"sale el mismo día", "envían hoy", "enviáis hoy", "mandan hoy", "lo mandan hoy", "se envía hoy",
		"hora de corte", "hora límite"}},
	// Fetching the order in person instead of having it sent.
	{"tienda", "", []string{"ir por", "ir yo por", "ir a recoger", "paso por", "pasar por", "pasar a recoger",
		"paso a recoger", "recoger en tienda", "recogerlo", "recogerla", "recojo", "recogerlos", "ir a buscar",
		"ir a buscarlo", "buscarlo en", "retiro en tienda", "retirar en tienda", "retirarlo",
		"pick up", "pickup", "en vez de que me lo manden", "en vez de que me las manden",
		"en lugar de que me lo envíen", "sin que me lo manden", "me queda cerca", "ir a la tienda", "ir en persona",
		"visitarlos", "visitarles", "visitaros"}},
	// Being taught or tasting: the merchant's workshops, tastings or courses
	// (a lone "taller" is as often the place things are made).
	{"clases", "", []string{"clase", "clases", "talleres", "un taller", "el taller de", "hacen taller", "curso", "cursos", "cata", "catas",
		"degustación", "degustaciones", "aprender a", "enseñan a", "enseñáis a", "workshop"}},
	// The weekend, said short.
	{"horario", "", []string{"finde", "el finde", "los fines", "fines de semana", "entre semana"}},
	// Buying to resell or by the bulk.
	{"mayorista", "", []string{"a granel", "granel", "en cantidad", "grandes cantidades", "en volumen",
		"para revender", "para vender en", "tengo una tienda", "tengo un negocio", "tengo un local",
		"mi negocio", "mi tienda", "mi local", "mi restaurante", "surtir mi", "surtirme", "precio de mayoreo",
		"precio mayorista", "precios de mayoreo", "precios mayoristas"}},
	// Sending an item back, said as bringing it back or swapping it.
	{"devolucion", aiagent.TagReturns, []string{"regresar una", "regresar un", "regresarlo", "regresarla",
		"regresarlos", "regresarlas", "puedo regresar", "se puede regresar", "días para regresar",
		"días para devolver", "cambiarlo", "cambiarla", "cambiar por otro", "cambiar por otra", "cambiarlo por",
		"cambiarla por", "me regresan", "me devuelven", "me devolvéis", "que me regresen", "que me devuelvan",
		"mi plata", "la plata", "mi lana"}},
	// Unused: not worn, not opened.
	{"sinusar", aiagent.TagReturns, []string{"no usé", "no la usé", "no lo usé", "que no usé", "no he usado",
		"sin abrir", "sin abrirlo", "sin abrirla", "sellado", "sellada", "con el sello",
		"no lo abrí", "no la abrí", "ni lo abrí", "ni la abrí"}},
	// Tracking a parcel, in the words of its tracking number.
	{"seguimiento", aiagent.TagOrderStatus, []string{"número de rastreo", "código de rastreo",
		"código de seguimiento", "dónde viene", "por dónde va"}},
	// Paying: the means shoppers name.
	{"pago", "", []string{"con tarjeta", "pagar con", "pago con", "puedo pagar", "se puede pagar",
		"transferencia", "transferencia bancaria", "deposito bancario", "en efectivo",
		"tarjeta de crédito", "tarjeta de débito"}},
	{"plazos", "", []string{"a meses", "meses sin intereses", "a 3 meses", "a 6 meses", "a 12 meses",
		"pagos chiquitos", "en pagos", "pagar en partes", "pagarlo en partes"}},
	{"contrareembolso", "", []string{"pago al recibir", "pagar cuando llegue", "pago cuando llegue",
		"pagar cuando me llegue", "pagar al repartidor", "pago en casa", "pagar en casa"}},
	// Stock, asked as whether there is any left.
	{"stock", aiagent.TagProduct, []string{"todavía hay", "aún hay", "aun hay", "ya no hay", "todavía tienen",
		"aún tienen", "ya no tienen", "les queda", "les quedan", "os queda", "os quedan", "se acabó", "se acabaron",
		"se agotó", "se agotaron", "se terminó", "se terminaron", "tienen disponible", "hay disponible"}},
	{"reposicion", aiagent.TagProduct, []string{"cuándo vuelve", "cuándo vuelven", "cuándo les llega",
		"cuándo les llegan", "cuándo os llega", "cuándo os llegan", "vuelven a tener", "van a volver a tener",
		"vuelve a haber", "vuelven a traer", "resurtir", "resurten", "resurtido", "reabastecen"}},
	// The free-shipping threshold, asked by what is spent.
	{"gratis", "", []string{"sale gratis", "me sale gratis", "salga gratis", "sin pagar envío", "sin pagar el envío", "no pagar envío", "no pagar el envío",
		"compra mínima", "mínimo de compra", "monto mínimo", "importe mínimo"}},
	// A box or club that comes every month.
	{"suscripcion", "", []string{"caja mensual", "caja del mes", "caja cada mes", "la caja que llega",
		"cajita mensual", "cada mes", "todos los meses", "membresía", "plan mensual"}},
	// Invoices asked for a company: "empresa" alone is wholesale.
	{"factura", "", []string{"factura para mi empresa", "factura a nombre de", "factura de empresa",
		"facturar a mi empresa", "sacar factura", "saco la factura", "saco factura", "pedir factura",
		"requiero factura", "ocupo factura", "datos de facturación", "razón social", "constancia fiscal"}},
	{"cancelar", aiagent.TagOrderStatus, []string{"cancelarla", "cancelarlo", "dar de baja", "darme de baja",
		"darla de baja", "ya no lo quiero", "ya no la quiero", "ya no quiero el pedido", "anular el pedido"}},
	{"modificar", aiagent.TagOrderStatus, []string{"cambiar la dirección", "cambiar mi dirección", "cambiar dirección",
		"dirección equivocada", "dirección incorrecta", "puse mal", "se puede corregir", "agregar algo", "añadir algo"}},
	// Keeping a product fresh.
	{"conservar", aiagent.TagProduct, []string{"conservar", "conservación", "conservo", "consérvalo", "consérvese",
		"almacenar", "almacenamiento", "cómo guardo", "cómo guardar", "cómo lo guardo", "cómo la guardo",
		"dónde guardo", "guardarlo", "guardarla", "echar a perder", "se echa a perder", "se eche a perder",
		"se echen a perder", "se hechen a perder", "se estropea", "se pone malo"}},
	// Preparing or using a product: how, and how much.
	{"preparar", aiagent.TagProduct, []string{"preparar", "preparo", "preparación", "cómo se prepara",
		"cómo lo preparo", "cómo se hace", "cómo lo hago", "cómo le hago", "receta", "recetas", "modo de uso",
		"modo de empleo", "instrucciones", "cómo se usa", "cómo lo uso", "dosis", "cuánto le echo", "cuánto echo",
		"cuánto le pongo", "cuánto pongo", "cuánto se usa", "cuánto uso"}},
	// Presents: the occasion or the act of giving.
	{"regalo", "", []string{"regalo", "regalos", "regalar", "para regalar", "de regalo", "obsequio", "obsequiar",
		"cumpleaños", "día de las madres", "día de la madre", "día del padre", "navidad", "aniversario",
		"amigo secreto", "amigo invisible"}},
}
