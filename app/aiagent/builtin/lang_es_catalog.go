package builtin

import "hubchat/app/aiagent"

// spanishCatalogSynonyms are shoppers' words for products and their
// options, bridging Spain's and Latin America's words for the same thing
// ("chaqueta", "chamarra", "campera"; "zapatillas", "tenis", "deportivas").
var spanishCatalogSynonyms = []synonymGroup{
	{"talla", aiagent.TagProduct, []string{"talla", "tallas", "tallaje", "tallan", "tamaño", "tamaños", "medida",
		"medidas", "grande", "grandes", "pequeño", "pequeña", "chico", "ajuste", "holgado", "ajustado", "horma",
		"número calzo", "número de calzado", "guía de tallas", "queda grande", "queda pequeño",
		"queda chico", "quedan grandes", "quedan pequeños", "quedan chicos", "quedó grande", "quedó chico",
		"quedó pequeño", "talla real"}},
	{"stock", aiagent.TagProduct, []string{"stock", "en stock", "sin stock", "fuera de stock", "hay stock",
		"disponible", "disponibles", "disponibilidad", "agotado", "agotada", "agotados", "agotadas", "existencias",
		"inventario", "quedan", "unidades", "existencia", "en existencia"}},
	{"reposicion", aiagent.TagProduct, []string{"reponer", "reponen", "reponéis", "reposición", "reabastecer",
		"restock", "vuelve a estar disponible", "vuelven a estar disponibles", "vuelve a haber", "volverá",
		"volverán", "avisadme", "avísame", "avísenme", "notificar"}},
	{"color", aiagent.TagProduct, []string{"color", "colores", "tono", "tonos", "tonalidad", "tonalidades"}},
	{"aroma", aiagent.TagProduct, []string{"aroma", "aromas", "olor", "olores", "fragancia", "fragancias",
		"perfume", "perfumes", "huele", "perfumado", "perfumada"}},
	{"sabor", aiagent.TagProduct, []string{"sabor", "sabores"}},
	{"material", aiagent.TagProduct, []string{"material", "materiales", "tela", "tejido", "composición", "hecho de",
		"hecha de", "hecho con", "fabricado"}},
	{"lavado", aiagent.TagProduct, []string{"lavar", "lavado", "lavo", "lavarlo", "lavarla", "lavadora",
		"secadora", "cuidado", "cuidados", "limpiar", "limpio", "planchar", "encoger", "encoge", "destiñe",
		"desteñir"}},
	{"mochila", aiagent.TagProduct, []string{"mochila", "mochilas", "bolsa", "bolso", "bolsos", "morral"}},
	{"gluten", aiagent.TagProduct, []string{"gluten", "celíaco", "celíaca", "celíacos", "celiaquía", "sin tacc",
		"tacc", "libre de gluten", "libres de gluten"}},
	{"vegano", aiagent.TagProduct, []string{"vegano", "vegana", "veganos", "veganas", "origen animal",
		"ingredientes animales", "derivados animales"}},
	{"pelo", aiagent.TagProduct, []string{"pelo", "cabello", "melena"}},
	{"cara", aiagent.TagProduct, []string{"cara", "rostro", "facial", "cutis"}},
	{"agrietado", aiagent.TagProduct, []string{"agrietado", "agrietada", "agrietados", "agrietadas", "cortados",
		"cortadas", "resecos", "resecas", "reseco", "reseca"}},
	{"granos", aiagent.TagProduct, []string{"granos", "granitos", "acné", "espinillas", "puntos negros"}},
	{"labios", aiagent.TagProduct, []string{"labio", "labios", "labial", "labiales"}},
	{"pantalon", aiagent.TagProduct, []string{"pantalón", "pantalones", "vaqueros", "jeans", "tejanos", "chándal",
		"joggers"}},
	{"sudadera", aiagent.TagProduct, []string{"sudadera", "sudaderas", "hoodie", "suéter", "jersey", "buzo",
		"polerón", "chompa", "pulóver"}},
	{"chaqueta", aiagent.TagProduct, []string{"chaqueta", "chaquetas", "abrigo", "chamarra", "chamarras",
		"campera", "camperas", "casaca", "impermeable", "cortavientos", "parka", "anorak"}},
	{"camiseta", aiagent.TagProduct, []string{"camiseta", "camisetas", "playera", "playeras", "remera", "remeras",
		"polera", "poleras", "franela"}},
	{"zapatos", aiagent.TagProduct, []string{"zapato", "zapatos", "zapatillas", "deportivas", "tenis", "sneakers",
		"calzado"}},
	{"calcetines", aiagent.TagProduct, []string{"calcetín", "calcetines", "calcetas", "soquetes"}},
	{"gorro", aiagent.TagProduct, []string{"gorro", "gorra", "sombrero", "cachucha"}},
	{"gafas", aiagent.TagProduct, []string{"gafas", "lentes", "anteojos", "gafas de sol", "lentes de sol"}},
	{"portatil", aiagent.TagProduct, []string{"ordenador", "computadora", "computador", "compu", "portátil",
		"laptop"}},
	{"movil", aiagent.TagProduct, []string{"móvil", "celular", "celu", "smartphone"}},
	{"bicicleta", aiagent.TagProduct, []string{"bicicleta", "bicicletas", "bici", "bicis"}},
	{"auriculares", aiagent.TagProduct, []string{"auriculares", "audífonos", "earbuds"}},
	{"bateria", aiagent.TagProduct, []string{"batería externa", "power bank", "powerbank", "cargador portátil"}},
}

// countriesSpanish are countries and regions shoppers ask to ship to.
var countriesSpanish = []string{"españa", "portugal", "francia", "alemania", "italia", "reino unido", "inglaterra",
	"irlanda", "europa", "unión europea", "andorra", "suiza", "bélgica", "holanda", "países bajos", "méxico",
	"estados unidos", "eeuu", "canadá", "colombia", "perú", "uruguay", "venezuela", "ecuador",
	"bolivia", "paraguay", "puerto rico", "república dominicana", "guatemala", "costa rica", "panamá",
	"honduras", "nicaragua", "el salvador", "marruecos", "australia", "japón",
	// Ciudades y regiones que los compradores nombran como destino.
	"madrid", "barcelona", "valencia", "sevilla", "bilbao", "zaragoza", "málaga", "murcia", "córdoba",
	"alicante", "galicia", "asturias", "cataluña", "andalucía", "lisboa", "oporto", "londres", "berlín",
	"ciudad de méxico", "cdmx", "guadalajara", "monterrey", "tijuana", "cancún", "buenos aires", "bogotá",
	"medellín", "santiago de chile", "montevideo", "caracas", "miami", "nueva york",
	// Names whose stem is a common word's ("parís" is "pares", "lima" a
	// nail file, "quito" is "quitar", "argentina" and "china" are what is
	// made there, "chile" a pepper, "cuba" a vat) only as phrases.
	"a parís", "a lima", "a quito", "a roma", "en parís", "en lima", "en quito", "en roma", "a argentina",
	"en argentina", "para argentina", "a chile", "en chile", "para chile", "a china", "en china", "para china",
	"a cuba", "en cuba", "para cuba"}
