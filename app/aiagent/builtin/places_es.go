package builtin

// spanishPlaces are the places Spanish-speaking shoppers name as a
// destination, written as they are once accents are folded, each with the
// places it lies in (places.go): Mexico's states and cities, Spain's
// regions and cities, the US, Latin America and Europe. A name that is
// also a common word ("granada", "quito", "santander", "leon", "lima")
// is left out, as in the English gazetteer.
var spanishPlaces = places{
	// Countries and regions, by their synonym group or their name.
	"usa": {"internacional"}, "mexico": {"internacional"}, "espana": {"europe"}, "europe": {"internacional"},
	"canada": {"internacional"}, "colombia": {"internacional"}, "peru": {"internacional"},
	"argentina": {"internacional"}, "uruguay": {"internacional"}, "venezuela": {"internacional"},
	"ecuador": {"internacional"}, "bolivia": {"internacional"}, "paraguay": {"internacional"},
	"republica dominicana": {"internacional"}, "guatemala": {"internacional"}, "costa rica": {"internacional"},
	"panama": {"internacional"}, "honduras": {"internacional"}, "nicaragua": {"internacional"},
	"el salvador": {"internacional"}, "marruecos": {"internacional"}, "australia": {"internacional"},
	"japon": {"internacional"}, "puerto rico": {"usa"}, "portugal": {"europe"}, "francia": {"europe"},
	"alemania": {"europe"}, "italia": {"europe"}, "reino unido": {"europe"}, "inglaterra": {"reino unido"},
	"irlanda": {"europe"}, "belgica": {"europe"}, "holanda": {"europe"}, "paises bajos": {"europe"},
	"suiza": {"europe"}, "andorra": {"europe"},
	// Spain's regions (the islands priced apart are groups of their own) and cities.
	"canarias": {"espana"}, "baleares": {"espana"}, "cataluna": {"espana"}, "andalucia": {"espana"},
	"galicia": {"espana"}, "asturias": {"espana"}, "pais vasco": {"espana"}, "aragon": {"espana"},
	"navarra": {"espana"}, "cantabria": {"espana"}, "extremadura": {"espana"}, "castilla y leon": {"espana"},
	"castilla la mancha": {"espana"}, "comunidad valenciana": {"espana"}, "la rioja": {"espana"},
	"madrid": {"espana"}, "barcelona": {"cataluna"}, "valencia": {"comunidad valenciana"},
	"alicante": {"comunidad valenciana"}, "sevilla": {"andalucia"}, "malaga": {"andalucia"},
	"cadiz": {"andalucia"}, "bilbao": {"pais vasco"}, "zaragoza": {"aragon"}, "murcia": {"espana"},
	"vigo": {"galicia"}, "oviedo": {"asturias"}, "pamplona": {"navarra"}, "valladolid": {"castilla y leon"},
	"salamanca": {"castilla y leon"}, "toledo": {"castilla la mancha"}, "badajoz": {"extremadura"},
	// Mexico's states and cities.
	"cdmx": {"mexico"}, "ciudad de mexico": {"mexico"}, "estado de mexico": {"mexico"}, "jalisco": {"mexico"},
	"nuevo leon": {"mexico"}, "puebla": {"mexico"}, "queretaro": {"mexico"}, "yucatan": {"mexico"},
	"quintana roo": {"mexico"}, "baja california": {"mexico"}, "baja california sur": {"mexico"},
	"oaxaca": {"mexico"}, "chiapas": {"mexico"}, "veracruz": {"mexico"}, "guanajuato": {"mexico"},
	"chihuahua": {"mexico"}, "sonora": {"mexico"}, "sinaloa": {"mexico"}, "michoacan": {"mexico"},
	"morelos": {"mexico"}, "tabasco": {"mexico"}, "campeche": {"mexico"}, "coahuila": {"mexico"},
	"durango": {"mexico"}, "zacatecas": {"mexico"}, "aguascalientes": {"mexico"}, "san luis potosi": {"mexico"},
	"tamaulipas": {"mexico"}, "hidalgo": {"mexico"}, "guerrero": {"mexico"}, "colima": {"mexico"},
	"nayarit": {"mexico"}, "tlaxcala": {"mexico"}, "guadalajara": {"jalisco"}, "monterrey": {"nuevo leon"},
	"merida": {"yucatan"}, "cancun": {"quintana roo"}, "tijuana": {"baja california"},
	"mexicali": {"baja california"}, "hermosillo": {"sonora"}, "culiacan": {"sinaloa"}, "mazatlan": {"sinaloa"},
	"morelia": {"michoacan"}, "cuernavaca": {"morelos"}, "villahermosa": {"tabasco"}, "saltillo": {"coahuila"},
	"toluca": {"estado de mexico"}, "acapulco": {"guerrero"}, "pachuca": {"hidalgo"}, "coyoacan": {"cdmx"},
	// The US, as Latin American shoppers name it.
	"texas": {"usa"}, "california": {"usa"}, "florida": {"usa"}, "arizona": {"usa"}, "illinois": {"usa"},
	"nueva york": {"usa"}, "nueva jersey": {"usa"}, "chicago": {"illinois"}, "los angeles": {"california"},
	"houston": {"texas"}, "miami": {"florida"},
	// Other cities.
	"bogota": {"colombia"}, "medellin": {"colombia"}, "buenos aires": {"argentina"}, "montevideo": {"uruguay"},
	"caracas": {"venezuela"}, "londres": {"reino unido"}, "paris": {"francia"}, "berlin": {"alemania"},
	"roma": {"italia"}, "lisboa": {"portugal"}, "oporto": {"portugal"},
}
