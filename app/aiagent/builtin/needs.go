package builtin

import "hubchat/app/aiagent"

// This file holds the words of shoppers' needs: what a shopper says they
// want a product for ("so my bike doesn't get stolen", "my dog's teeth",
// "she can never pick a scent", "a kit") against what a merchant writes
// the product is ("a U-lock", "dental chews", "a discovery set of five
// scents", "a set"). The groups are written from
// what shoppers ask of shops of every kind (pets, outdoor, bikes, drinks,
// fragrance, games, crafts), both ways. A group that names what a product
// is or is for carries the product tag: a product search that names it
// shows only products that match it (leavesOutKind).

// englishNeeds are English's.
var englishNeeds = []synonymGroup{
	// Keeping a thing from being stolen is a lock's work.
	{"theft", aiagent.TagProduct, []string{"stolen", "steal", "stealing", "steals", "theft", "thief", "thieves",
		"anti theft", "lock", "locks", "padlock", "padlocks", "lock up", "lock it up"}},
	// Water to drink on the way.
	{"hydration", aiagent.TagProduct, []string{"hydration", "hydrate", "hydrated", "hydrating", "carry water",
		"carrying water", "drinking water", "stay hydrated", "keep hydrated"}},
	// A pet's teeth and breath.
	{"dental", aiagent.TagProduct, []string{"dental", "teeth", "tooth", "toothbrush", "toothpaste", "breath",
		"bad breath", "tartar", "plaque", "gums"}},
	// Sore joints, and what eases them.
	{"joints", aiagent.TagProduct, []string{"joint", "joints", "arthritis", "arthritic", "hip dysplasia",
		"bad hips", "sore hips", "mobility", "stiff joints", "orthopedic", "orthopaedic", "sore joints", "achy joints"}},
	// Several kinds to try, for someone who cannot choose one.
	{"sampler", aiagent.TagProduct, []string{"sampler", "samplers", "variety", "variety pack", "variety box",
		"assortment", "assorted", "discovery set", "discovery box", "taster", "tasting set",
		"try them all", "try a few", "try a bit of everything", "cant decide", "can t decide",
		"cannot decide", "can t choose", "cant choose", "cannot choose", "never pick", "can never pick",
		"can t pick", "cant pick", "never choose", "never decide", "indecisive", "undecided"}},
	// Making the thing oneself: a kit, the supplies.
	{"diy", aiagent.TagProduct, []string{"diy", "do it yourself", "make my own", "make your own", "make our own",
		"making my own", "making your own", "make them myself", "make it myself", "do it myself", "myself at home",
		"homemade", "home made"}},
	// Tasting notes of fruit, as coffee, tea, wine and candles are described.
	{"fruity", aiagent.TagProduct, []string{"fruity", "fruitiness", "berry", "berries", "berry notes", "citrus",
		"citrusy", "citrus notes", "stone fruit", "tropical fruit", "jammy", "fruit notes"}},
	// Games of playing a character, by the names players give them.
	{"rpg", aiagent.TagProduct, []string{"rpg", "rpgs", "ttrpg", "roleplaying", "role playing", "roleplay",
		"role play", "tabletop rpg", "dnd", "d d", "d n d", "dungeons and dragons", "dungeons dragons",
		"pathfinder"}},
	// Things sold together.
	{"set", "", []string{"set", "sets", "kit", "kits", "bundle", "bundles", "starter set", "starter kit"}},
	// A morning cup.
	{"breakfast", aiagent.TagProduct, []string{"breakfast", "mornings",
		"morning cup", "morning coffee", "morning tea", "first thing in the morning", "to wake up", "wake me up"}},
	// What holds loose leaves or grounds while they steep.
	{"infuser", aiagent.TagProduct, []string{"infuser", "infusers", "strainer", "strainers", "tea ball",
		"tea strainer", "steeper", "mesh basket"}},
	// Dogs and cats by their breed: "my old lab" is a dog.
	{"dog", aiagent.TagProduct, []string{"lab", "labs", "labrador", "labradors", "retriever", "retrievers",
		"golden retriever", "poodle", "beagle", "terrier", "spaniel", "collie", "border collie", "shepherd",
		"german shepherd", "dachshund", "husky", "corgi", "pug", "chihuahua", "greyhound", "whippet", "bulldog",
		"french bulldog", "frenchie", "rottweiler", "doberman", "schnauzer", "shih tzu", "yorkie", "pomeranian",
		"great dane", "mastiff", "staffie", "pitbull", "pit bull", "cockapoo", "labradoodle", "goldendoodle",
		"doodle", "sheepdog"}},
	{"cat", aiagent.TagProduct, []string{"siamese", "persian cat", "maine coon", "ragdoll", "sphynx", "tabby",
		"bengal cat", "british shorthair", "moggy"}},
}

// spanishNeeds are Spanish's.
var spanishNeeds = []synonymGroup{
	{"robo", aiagent.TagProduct, []string{"robo", "robos", "roben", "robar", "robado", "robada", "ladrón",
		"ladrones", "antirrobo", "candado", "candados", "cerradura"}},
	{"hidratacion", aiagent.TagProduct, []string{"hidratación", "hidratar", "llevar agua", "cargar agua"}},
	{"dental", aiagent.TagProduct, []string{"dental", "dentales", "dientes", "diente", "sarro", "placa dental",
		"aliento", "mal aliento", "encías"}},
	{"artritis", aiagent.TagProduct, []string{"artritis", "artrosis",
		"cadera", "caderas", "displasia", "ortopédico", "ortopédica"}},
	{"muestrario", aiagent.TagProduct, []string{"muestrario", "muestras", "variedad", "probar varios", "probar varias", "probar de todo", "no se decide",
		"no me decido", "no sé cuál elegir", "no sabe cuál elegir", "indeciso", "indecisa"}},
	{"hazlo", aiagent.TagProduct, []string{"hazlo tú mismo", "hacerlo yo mismo", "hacerlos yo mismo",
		"hacer mis propios", "hacer mis propias", "hacer en casa", "casero", "casera", "caseros", "caseras"}},
	{"afrutado", aiagent.TagProduct, []string{"afrutado", "afrutada", "afrutados", "afrutadas", "frutal", "frutales",
		"frutos rojos", "cítrico", "cítricos", "cítrica", "notas de fruta"}},
	{"rol", aiagent.TagProduct, []string{"rol", "juego de rol", "juegos de rol", "rpg", "dnd", "d d",
		"dragones y mazmorras", "calabozos y dragones"}},
	{"set", "", []string{"set", "sets", "kit", "kits", "estuche", "estuches", "paquete completo"}},
	{"desayuno", aiagent.TagProduct, []string{"desayuno", "desayunos", "desayunar", "por la mañana",
		"por las mañanas", "en la mañana", "en las mañanas", "mañanas", "para despertar", "despertarme"}},
	{"infusor", aiagent.TagProduct, []string{"infusor", "infusores", "colador", "coladores", "coladera",
		"coladeras", "bolita para té", "filtro de malla"}},
	{"perro", aiagent.TagProduct, []string{"perro", "perros", "perrito", "perritos", "perrita", "cachorro",
		"cachorros", "labrador", "golden", "caniche", "poodle", "beagle", "chihuahua", "pastor alemán", "bulldog",
		"salchicha", "husky", "schnauzer"}},
	{"gato", aiagent.TagProduct, []string{"gato", "gatos", "gatito", "gatitos", "gata", "michi", "minino",
		"siamés", "persa"}},
}
