package builtin

// englishPlaces are the places English-speaking shoppers name as a
// destination, each with the places it lies in (places.go): states,
// provinces and cities to their country, countries to their region and
// to abroad. A name that is also a common word ("nice", "turkey",
// "reading", "chile") is left out: a question about a nice gift is not
// one about France.
var englishPlaces = places{
	// Countries and regions, by their synonym group or their name.
	"usa": {"international"}, "uk": {"international"}, "europe": {"international"},
	"canada": {"international"}, "mexico": {"international"}, "australia": {"international"},
	"new zealand": {"international"}, "japan": {"international"}, "china": {"international"},
	"india": {"international"}, "singapore": {"international"}, "hong kong": {"international"},
	"korea": {"international"}, "south korea": {"international"}, "brazil": {"international"},
	"argentina": {"international"}, "colombia": {"international"}, "peru": {"international"},
	"south africa": {"international"}, "israel": {"international"}, "uae": {"international"},
	"dubai": {"uae", "international"}, "philippines": {"international"}, "puerto rico": {"usa", "international"},
	"england": {"uk"}, "scotland": {"uk"}, "wales": {"uk"}, "northern ireland": {"uk"},
	"ireland": {"europe", "international"}, "france": {"europe", "international"}, "germany": {"europe", "international"}, "spain": {"europe", "international"},
	"portugal": {"europe", "international"}, "italy": {"europe", "international"}, "netherlands": {"europe", "international"}, "holland": {"europe", "international"},
	"belgium": {"europe", "international"}, "luxembourg": {"europe", "international"}, "austria": {"europe", "international"}, "switzerland": {"europe", "international"},
	"poland": {"europe", "international"}, "czech republic": {"europe", "international"}, "sweden": {"europe", "international"}, "norway": {"europe", "international"},
	"denmark": {"europe", "international"}, "finland": {"europe", "international"}, "greece": {"europe", "international"}, "iceland": {"europe", "international"},
	// The states of the US.
	"alabama": {"usa"}, "alaska": {"usa"}, "arizona": {"usa"}, "arkansas": {"usa"}, "california": {"usa"},
	"colorado": {"usa"}, "connecticut": {"usa"}, "delaware": {"usa"}, "florida": {"usa"}, "georgia": {"usa"},
	"hawaii": {"usa"}, "idaho": {"usa"}, "illinois": {"usa"}, "indiana": {"usa"}, "iowa": {"usa"},
	"kansas": {"usa"}, "kentucky": {"usa"}, "louisiana": {"usa"}, "maine": {"usa"}, "maryland": {"usa"},
	"massachusetts": {"usa"}, "michigan": {"usa"}, "minnesota": {"usa"}, "mississippi": {"usa"},
	"missouri": {"usa"}, "montana": {"usa"}, "nebraska": {"usa"}, "nevada": {"usa"},
	"new hampshire": {"usa"}, "new jersey": {"usa"}, "new mexico": {"usa"}, "new york": {"usa"},
	"north carolina": {"usa"}, "north dakota": {"usa"}, "ohio": {"usa"}, "oklahoma": {"usa"},
	"oregon": {"usa"}, "pennsylvania": {"usa"}, "rhode island": {"usa"}, "south carolina": {"usa"},
	"south dakota": {"usa"}, "tennessee": {"usa"}, "texas": {"usa"}, "utah": {"usa"}, "vermont": {"usa"},
	"virginia": {"usa"}, "washington": {"usa"}, "west virginia": {"usa"}, "wisconsin": {"usa"},
	"wyoming": {"usa"}, "washington dc": {"usa"},
	// Cities of the US.
	"new york city": {"new york"}, "nyc": {"new york"}, "brooklyn": {"new york"}, "manhattan": {"new york"},
	"los angeles": {"california"}, "san francisco": {"california"}, "san diego": {"california"},
	"chicago": {"illinois"}, "houston": {"texas"}, "dallas": {"texas"}, "austin": {"texas"},
	"miami": {"florida"}, "orlando": {"florida"}, "tampa": {"florida"}, "seattle": {"washington"},
	"boston": {"massachusetts"}, "philadelphia": {"pennsylvania"}, "atlanta": {"georgia"},
	"denver": {"colorado"}, "phoenix": {"arizona"}, "las vegas": {"nevada"}, "detroit": {"michigan"},
	"honolulu": {"hawaii"}, "anchorage": {"alaska"}, "portland": {"usa"}, "nashville": {"tennessee"},
	"new orleans": {"louisiana"}, "minneapolis": {"minnesota"}, "salt lake city": {"utah"},
	// The provinces and cities of Canada.
	"ontario": {"canada"}, "quebec": {"canada"}, "british columbia": {"canada"}, "alberta": {"canada"},
	"manitoba": {"canada"}, "saskatchewan": {"canada"}, "nova scotia": {"canada"},
	"new brunswick": {"canada"}, "newfoundland": {"canada"}, "prince edward island": {"canada"},
	"pei": {"canada"}, "yukon": {"canada"}, "nunavut": {"canada"}, "northwest territories": {"canada"},
	"toronto": {"ontario"}, "ottawa": {"ontario"}, "montreal": {"quebec"}, "vancouver": {"british columbia"},
	"calgary": {"alberta"}, "edmonton": {"alberta"}, "winnipeg": {"manitoba"}, "halifax": {"nova scotia"},
	"moncton": {"new brunswick"}, "fredericton": {"new brunswick"}, "regina": {"saskatchewan"},
	"saskatoon": {"saskatchewan"}, "st johns": {"newfoundland"},
	// Cities of the UK and Ireland.
	"london": {"england"}, "manchester": {"england"}, "birmingham": {"england"}, "liverpool": {"england"},
	"leeds": {"england"}, "bristol": {"england"}, "york": {"england"}, "newcastle": {"england"},
	"sheffield": {"england"}, "nottingham": {"england"}, "brighton": {"england"}, "oxford": {"england"},
	"cambridge": {"england"}, "edinburgh": {"scotland"}, "glasgow": {"scotland"}, "aberdeen": {"scotland"},
	"cardiff": {"wales"}, "belfast": {"northern ireland"}, "dublin": {"ireland"}, "cork": {"ireland"},
	// Cities of Europe and beyond.
	"paris": {"france"}, "lyon": {"france"}, "berlin": {"germany"}, "munich": {"germany"},
	"hamburg": {"germany"}, "frankfurt": {"germany"}, "madrid": {"spain"}, "barcelona": {"spain"},
	"lisbon": {"portugal"}, "rome": {"italy"}, "milan": {"italy"}, "amsterdam": {"netherlands"},
	"brussels": {"belgium"}, "vienna": {"austria"}, "zurich": {"switzerland"}, "geneva": {"switzerland"},
	"warsaw": {"poland"}, "prague": {"czech republic"}, "stockholm": {"sweden"}, "oslo": {"norway"},
	"copenhagen": {"denmark"}, "helsinki": {"finland"}, "athens": {"greece"},
	"sydney": {"australia"}, "melbourne": {"australia"}, "brisbane": {"australia"}, "auckland": {"new zealand"},
	"tokyo": {"japan"}, "seoul": {"korea"}, "shanghai": {"china"}, "beijing": {"china"}, "mumbai": {"india"},
	"delhi": {"india"}, "mexico city": {"mexico"}, "sao paulo": {"brazil"}, "buenos aires": {"argentina"},
	"cape town": {"south africa"}, "tel aviv": {"israel"},
}
