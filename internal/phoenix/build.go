package phoenix

import (
	"slices"
	"sort"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// sectors names the CAMEO sector codes that follow a country or organisation code.
var sectors = map[string]string{
	"GOV": "Government", "MIL": "Military", "REB": "Rebel", "OPP": "Opposition", "PTY": "Party",
	"COP": "Police", "JUD": "Judiciary", "SPY": "Intelligence", "MED": "Media", "EDU": "Education",
	"BUS": "Business", "CRM": "Criminal", "CVL": "Civilian", "LEG": "Legislature", "ELI": "Elite",
	"HLH": "Health", "REF": "Refugees", "AGR": "Agriculture", "LAB": "Labour", "HRI": "Human rights",
	"ENV": "Environment", "DEV": "Development", "REL": "Religion", "UAF": "Armed forces",
	"INS": "Insurgent", "SEP": "Separatist", "RAD": "Radical", "MOD": "Moderate", "IGO": "Intergovernmental organisation",
	"NGO": "Non-governmental organisation", "NGM": "Non-governmental movement", "MNC": "Multinational corporation",
	"IMG": "International militarised group", "SET": "Settler", "AMN": "Amnesty International", "IRC": "Red Cross",
	"UNO": "United Nations",
}

// offices maps the headings the country dictionary puts over lists of office holders to
// the office's title.
var offices = map[string]string{
	"presidents": "President", "president": "President", "u.s. presidents": "President",
	"prime ministers": "Prime Minister", "prime minister": "Prime Minister",
	"roughly prime ministers in order": "Prime Minister", "greek prime ministers": "Prime Minister",
	"roughly following order of presidents": "President", "chancellors": "Chancellor",
	"vice presidents of the united states":           "Vice President",
	"u.s. secretaries of state":                      "Secretary of State",
	"united states secretaries of defense":           "Secretary of Defense",
	"u.s. attorneys general":                         "Attorney General",
	"u.s. secretaries of homeland security":          "Secretary of Homeland Security",
	"u.s. ambassadors to the un":                     "Ambassador to the United Nations",
	"white house chiefs of staff":                    "White House Chief of Staff",
	"us national security advisors":                  "National Security Adviser",
	"us trade representative":                        "Trade Representative",
	"us directors of central(national) intelligence": "Director of Central Intelligence",
}

// titleWords start a title before a name ("PRESIDENT_BUSH", "US_PRESIDENT_GEORGE_BUSH");
// an entry that is only such words and a place describes an office, not an actor.
var titleWords = wordSet(`
	president vice prime minister secretary secretary-general undersecretary under deputy
	ambassador amb. envoy spokesman spokeswoman spokesperson senator sen. governor gov.
	general gen. lt. col. colonel admiral adm. king queen prince princess sheikh sheik emir
	sultan chancellor premier foreign defense defence state of the chief chairman chairwoman
	leader former mr. mrs. ms. dr. mr mrs dr representative rep. congressman congresswoman
	mayor judge justice commander ayatollah president-elect pm attorney monsignor pope
	cardinal archbishop bishop rev. reverend lord sir dame mullah imam field marshal major
	capt. captain sergeant interior finance trade economy national security adviser advisor
	permanent special high commissioner director head acting`)

// officeTitles are the title words that make an entry a description of an office or a
// member of a group when it is no person ("US_SECRETARY_OF_DEFENSE", "UN_ENVOY").
var officeTitles = wordSet(`
	president minister secretary secretary-general ambassador envoy spokesman spokeswoman
	spokesperson senator governor premier chancellor king queen emir sultan chief chairman
	leader leaders official officials peacekeeper peacekeepers monitor monitors soldiers
	soldier rebels rebel militants militant fighters fighter insurgents insurgent troops
	guerrillas commander commanders diplomat diplomats member members delegation delegate
	delegates spokesmen staff chiefs negotiator negotiators mayor president-elect bodies`)

// orgWords mark a name as an organisation's, not a person's.
var orgWords = wordSet(`
	administration army forces force party council ministry front brigade brigades movement
	organization organisation union committee commission government association agency bank
	university institute center centre court fund group network society foundation league
	alliance corporation company department office bureau service services police news times
	press radio television tv assembly parliament senate congress militia militias guard
	guards navy cabinet regime conference board authority program programme tribunal nations
	states republic kingdom federation coalition command corps unit units cells nuclei
	faction mission secretariat initiative project club federal national international inc.
	ltd ltd. co. corp. hezbollah taliban legion battalion battalions revolutionary
	liberation people's islamic muslim brotherhood industries group's airlines airways
	council's embassy consulate headquarters palace house province city region district
	state's fighters rebels militants troops soldiers`)

// placeWords are organisation words that name a place, not a body, in "President of the
// United States".
var placeWords = map[string]bool{"states": true, "nations": true, "republic": true, "kingdom": true,
	"federation": true, "national": true, "international": true, "federal": true, "people's": true,
	"islamic": true, "province": true, "city": true, "region": true, "district": true}

// orgHead reports whether a phrase has an organisation word that is no place word: "Office
// of the President" names a body; "President of the United States" an office.
func orgHead(lower []string) bool {
	for _, w := range lower {
		if orgWords[w] && !placeWords[w] {
			return true
		}
	}
	return false
}

// genericWords say what kind of body a name is, not which one.
var genericWords = wordSet(`
	of the and for in on to de national united states us u s american department council
	committee commission office ministry agency bureau administration service services board
	authority federal central state international organization organisation association
	group party front movement union assembly house general supreme high republic people's
	peoples democratic socialist army forces force corporation company inc corp bank fund
	institute center centre foundation society government regime world new great court`)

// sameBody reports whether alias can name the body called name: a telling word in
// common, or the initials of one spelled by the other (NASA, USAID).
func sameBody(alias, name string) bool {
	a, n := strings.Fields(graph.NormName(alias)), strings.Fields(graph.NormName(name))
	telling := map[string]bool{}
	for _, w := range n {
		if !genericWords[w] && len(w) > 2 {
			telling[w] = true
		}
	}
	for _, w := range a {
		if telling[w] {
			return true
		}
	}
	initials := func(ws []string) string {
		var b strings.Builder
		for _, w := range ws {
			if w != "of" && w != "the" && w != "and" && w != "for" {
				b.WriteByte(w[0])
			}
		}
		return b.String()
	}
	return len(a) == 1 && len(a[0]) >= 2 && strings.HasPrefix(initials(n), a[0]) && len(a[0]) >= len(initials(n))-1 ||
		len(n) == 1 && len(n[0]) >= 2 && initials(a) == n[0]
}

// adjectiveEndings mark a nationality adjective among a state's aliases (Afghan, Iraqi).
var adjectiveEndings = []string{"an", "ian", "ese", "i", "ish", "ic", "ean", "ch", "iot", "ine"}

// draft is an actor being built from one or more records.
type draft struct {
	a        *graph.Actor
	rec      *Record
	names    map[string]bool // folded names already on the actor
	countryN map[string]int
	dropped  bool // the entry is a hand-curated actor's
	// surnames are one-word names taken from title aliases ("PRESIDENT_BUSH" → Bush)
	surnames []string
}

// Convert turns dictionary records into gazetteer actors. An entry that names the same
// actor as one of hand (the hand-curated gazetteer) takes its id, so that loading the hand
// entries after the converted ones replaces it; other entries drop the aliases that name a
// hand-curated actor. The result is sorted by id and does not depend on map order.
func Convert(in *Input, hand *graph.Gazetteer) ([]*graph.Actor, Stats) {
	st := Stats{Records: len(in.Records), ByType: map[string]int{}, BadDates: len(in.BadDates)}
	c := &converter{in: in, st: &st, states: map[string]*draft{}}
	// The country entries first: every other entry's roles refer to them.
	for i := range in.Records {
		r := &in.Records[i]
		if code, ok := stateCode(r); ok {
			if d := c.states[code]; d != nil {
				c.addNames(d, append([]string{r.Phrase}, r.Synonyms...))
				st.Merged++
				continue
			}
			d := c.newDraft(r, "State")
			d.a.Cameo, d.a.Country = code, code
			c.states[code] = d
			c.addNames(d, r.Synonyms)
		}
	}
	for i := range in.Records {
		r := &in.Records[i]
		if _, ok := stateCode(r); ok {
			continue
		}
		c.record(r)
	}
	return c.finish(hand)
}

type converter struct {
	in     *Input
	st     *Stats
	states map[string]*draft // CAMEO country code → state
	drafts []*draft
	byKey  map[string]*draft // type|folded name|country → draft, to merge duplicates
	orgs   map[string]*draft // CAMEO code → first organisation with it (IGOUNO → UN)
}

// stateCode reports whether r is a country's own entry: one undated three-letter code in
// the country dictionary ("AFGHANISTAN_ [AFG]").
func stateCode(r *Record) (string, bool) {
	if r.File != ActorFiles[0] || len(r.Codes) != 1 {
		return "", false
	}
	c := r.Codes[0]
	if len(c.Code) != 3 || c.Since != "" || c.Until != "" || strings.Trim(c.Code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		return "", false
	}
	return c.Code, true
}

func (c *converter) newDraft(r *Record, typ string) *draft {
	ws := trimWords(words(r.Phrase), typ == "Person")
	korean := false
	for _, c := range r.Codes {
		korean = korean || strings.HasPrefix(c.Code, "KOR") || strings.HasPrefix(c.Code, "PRK")
	}
	name := properCase(ws, korean)
	if typ == "Person" {
		name = personCase(ws, korean)
	}
	d := &draft{a: &graph.Actor{Type: typ, Name: name, Source: "phoenix"}, rec: r,
		names: map[string]bool{}, countryN: map[string]int{}}
	d.names[graph.NormName(d.a.Name)] = true
	c.drafts = append(c.drafts, d)
	return d
}

// trimWords drops a leading "THE" and, for people, leading titles, with a country or
// adjective before them ("US_PRESIDENT_GEORGE_BUSH", "RUSSIAN_PRESIDENT_YELTSIN").
func trimWords(ws []string, person bool) []string {
	for len(ws) > 1 && strings.EqualFold(ws[0], "the") {
		ws = ws[1:]
	}
	if !person {
		return ws
	}
	for i := 1; i < len(ws)-1 && i <= 3; i++ {
		if titleWords[strings.ToLower(ws[i])] && !titleWords[strings.ToLower(ws[0])] {
			ws = ws[i:]
			break
		}
	}
	for len(ws) > 1 && titleWords[strings.ToLower(ws[0])] {
		ws = ws[1:]
	}
	return ws
}

// record converts one non-state entry.
func (c *converter) record(r *Record) {
	ws := words(r.Phrase)
	lower := make([]string, len(ws))
	for i, w := range ws {
		lower[i] = strings.ToLower(strings.Trim(w, ",;:"))
	}
	if c.in.Discards[graph.NormName(strings.Join(ws, " "))] {
		c.st.Discarded++
		return
	}
	for _, cd := range r.Codes {
		if st := c.states[cd.Code]; st != nil && r.File == ActorFiles[0] && !strings.Contains(strings.ToLower(r.Comment), "countryinfo") {
			// Another name of a country ("BOSNIA_AND_HERZEGOVINA [YUGBIH <920305] [BIH]").
			c.addNames(st, append([]string{r.Phrase}, r.Synonyms...))
			c.st.Merged++
			return
		}
	}
	typ := c.classify(r, lower)
	if typ == "" {
		c.st.Descriptions++
		return
	}
	d := c.newDraft(r, typ)
	if graph.NormName(d.a.Name) == "" || typ == "Person" && onlyTitles(d.a.Name) {
		c.drafts = c.drafts[:len(c.drafts)-1]
		c.st.Descriptions++
		return
	}
	c.addNames(d, r.Synonyms)
	if typ == "Person" && len(ws) > len(words(d.a.Name)) {
		c.addNames(d, []string{r.Phrase}) // the primary phrase had a title: keep its surname
	}
	c.addCodes(d, r)
}

// classify decides what kind of actor an entry names; "" for an office or group
// description, which is no actor of its own.
func (c *converter) classify(r *Record, lower []string) string {
	person := strings.Contains(strings.ToLower(r.Comment), "countryinfo") || strings.Contains(strings.ToLower(r.Comment), "igorulers")
	// A dated role with a sector (USAGOV, IGOUNO) marks a person; a dated code without
	// one (SUNRUS: Russia within the Soviet Union) marks a territory.
	dated := false
	for _, cd := range r.Codes {
		if (cd.Since != "" || cd.Until != "") && (c.roleTitle(cd.Code) != "Member" || strings.HasPrefix(cd.Code, "IGO")) {
			dated = true
		}
	}
	org, office := false, false
	for _, w := range lower {
		if orgWords[w] {
			org = true
		}
		if officeTitles[w] {
			office = true
		}
	}
	if !org && (person || dated || titledPerson(r) || eliteCode(r)) {
		return "Person"
	}
	if office && !orgHead(lower) {
		// "US_SECRETARY_OF_DEFENSE", "UN_ENVOY", "PRESIDENT_OF_THE_UNITED_STATES"
		return ""
	}
	if office && org && !person && !dated {
		// "UN_SECURITY_COUNCIL" is an organisation; "SENIOR_TALIBAN_COMMANDERS" no actor.
		for _, w := range lower {
			if officeTitles[w] && strings.HasSuffix(w, "s") {
				return ""
			}
		}
	}
	code := ""
	if len(r.Codes) > 0 {
		code = r.Codes[0].Code
	}
	if len(code) == 6 && c.states[code[:3]] != nil && sectors[code[3:]] == "" && r.File == ActorFiles[0] {
		return "Location" // a territory or region of a country: GBRFLK, PSEGZA
	}
	if r.File == ActorFiles[2] {
		return "ArmedGroup"
	}
	// A person of the international dictionary: a name of two to four words, none of
	// them an ordinary word.
	if r.File == ActorFiles[1] && !org && len(lower) >= 2 && len(lower) <= 4 && strings.Contains(r.Comment, "NGO_Actors") {
		common := false
		for _, w := range lower {
			if c.in.Words[strings.Trim(w, ".'")] || len(strings.Trim(w, ".")) < 2 {
				common = true
			}
		}
		if !common {
			return "Person"
		}
	}
	return typeOfCode(code)
}

// personalTitles come before a person's name only.
var personalTitles = wordSet(`
	president prime minister secretary ambassador senator governor general gen. king queen
	prince princess sheikh emir sultan chancellor premier mr mr. mrs mrs. ms. dr. lady lord
	sir dame baroness baron ayatollah mullah imam pope cardinal archbishop bishop rev.
	reverend colonel col. admiral captain judge mayor`)

// onlyTitles reports whether a name is made of title words only ("Minister").
func onlyTitles(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if !titleWords[w] && !officeTitles[w] {
			return false
		}
	}
	return true
}

// titledPerson reports whether a synonym of the entry puts a personal title before it
// ("LADY_ASHTON").
func titledPerson(r *Record) bool {
	for _, p := range r.Synonyms {
		if ws := words(p); len(ws) > 1 && personalTitles[strings.ToLower(ws[0])] {
			return true
		}
	}
	return false
}

// eliteCode reports whether the entry's code is an elite's (CHNELI): a person's.
func eliteCode(r *Record) bool {
	for _, c := range r.Codes {
		if strings.HasSuffix(c.Code, "ELI") || strings.Contains(c.Code, "ELI") && len(c.Code) > 3 && c.Code[3:6] == "ELI" {
			return true
		}
	}
	return false
}

// typeOfCode maps a CAMEO actor code to a node label by its sectors.
func typeOfCode(code string) string {
	var secs []string
	for i := 0; i+3 <= len(code); i += 3 {
		secs = append(secs, code[i:i+3])
	}
	has := func(s string) bool { return slices.Contains(secs, s) }
	switch {
	case has("REB") || has("INS") || has("SEP") || has("UAF") || has("IMG") || has("RAD"):
		return "ArmedGroup"
	case has("MIL"):
		return "ArmedForce"
	case has("OPP"):
		return "Opposition"
	case len(secs) >= 2 && secs[1] == "GOV" && len(secs) <= 3:
		return "Government"
	}
	return "Organisation"
}

// addNames adds aliases from dictionary phrases, guarded: ordinary words, given names,
// names of one or two letters, discards and organisation names on a person are dropped.
func (c *converter) addNames(d *draft, phrases []string) {
	person := d.a.Type == "Person"
	for _, p := range phrases {
		ws := words(p)
		stripped := trimWords(ws, person)
		titled := len(stripped) < len(ws)
		if len(stripped) == 0 {
			continue
		}
		korean := strings.HasPrefix(d.a.Cameo, "KOR") || strings.HasPrefix(d.a.Cameo, "PRK")
		name := properCase(stripped, korean)
		if person {
			name = personCase(stripped, korean)
		}
		k := graph.NormName(name)
		if k == "" || d.names[k] {
			continue
		}
		if !c.keepAlias(d, stripped, name, titled) {
			c.st.DroppedAliases++
			continue
		}
		d.names[k] = true
		switch {
		case d.a.Type == "State":
			c.addStateName(d, name, k)
		case person && len(stripped) == 1:
			d.surnames = append(d.surnames, name)
		default:
			d.a.Aliases = append(d.a.Aliases, name)
		}
	}
}

func (c *converter) keepAlias(d *draft, ws []string, name string, titled bool) bool {
	k := graph.NormName(name)
	if c.in.Discards[k] {
		return false
	}
	lower := strings.ToLower(strings.Join(ws, " "))
	if d.a.Type == "Person" {
		for _, w := range strings.Fields(lower) {
			if orgWords[w] {
				return false // "BUSH_ADMINISTRATION" names a government
			}
		}
	}
	if d.a.Type != "Person" {
		ls := strings.Fields(lower)
		for _, w := range ls {
			if officeTitles[w] && !orgHead(ls) {
				return false // "German Chancellor" names a person, not the government
			}
		}
	}
	switch d.a.Type {
	case "Government", "Organisation", "ArmedForce", "Opposition":
		// The dictionaries list under one code bodies that share it ("US Senate" under
		// "United States Congress", a region's leader under its government): an alias
		// names the same body only if it shares a telling word with the name or spells
		// its initials.
		if !sameBody(name, d.a.Name) {
			return false
		}
	}
	if len(ws) > 1 {
		return true
	}
	w := strings.Trim(strings.ToLower(ws[0]), ".'")
	if isAcronym(ws[0]) && d.a.Type != "Person" {
		return len(w) >= 2
	}
	if len([]rune(w)) < 4 || c.in.Words[w] {
		return false
	}
	if d.a.Type == "Person" && !titled {
		return false // a bare surname in the dictionary: too vague without a title
	}
	return true
}

// addStateName files a name of a state as an alias, a nationality adjective or a metonym
// (a city or region standing for the state), by how it relates to the state's name.
func (c *converter) addStateName(d *draft, name, k string) {
	base := graph.NormName(d.a.Name)
	first := strings.Fields(base)[0]
	prefix := func(n int) bool { return len(k) >= n && len(base) >= n && k[:n] == base[:n] }
	switch {
	case prefix(3) && !strings.Contains(k, " ") && len(k) <= len(base)-3 && hasAnySuffix(k, adjectiveEndings):
		d.a.Adjectives = append(d.a.Adjectives, name) // Afghan
	case strings.Contains(" "+k+" ", " "+first+" ") || prefix(3):
		d.a.Aliases = append(d.a.Aliases, name) // Islamic Republic of Afghanistan, Afganistan
	default:
		d.a.Capitals = append(d.a.Capitals, name) // Kabul, Helmand
	}
}

func hasAnySuffix(s string, suf []string) bool {
	for _, x := range suf {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// addCodes turns the entry's codes into its CAMEO code, country and dated roles.
func (c *converter) addCodes(d *draft, r *Record) {
	office := offices[strings.ToLower(strings.TrimSpace(r.Section))]
	// The office is the one government role the entry has, or, among several, those with
	// the one most specific code (a secretary of defense's USAGOVMIL beside USAGOV).
	govCodes := map[string]int{}
	longest := 0
	for _, cd := range r.Codes {
		if (cd.Since != "" || cd.Until != "") && strings.HasPrefix(cd.Code[min(3, len(cd.Code)):], "GOV") {
			govCodes[cd.Code]++
			longest = max(longest, len(cd.Code))
		}
	}
	officeCode := ""
	for code := range govCodes {
		if len(code) == longest {
			if officeCode != "" {
				officeCode = "?" // two codes equally specific: no telling
			} else {
				officeCode = code
			}
		}
	}
	if officeCode != "" && officeCode != "?" && len(govCodes) > 1 && longest == 6 || govCodes[officeCode] > 1 && len(govCodes) == 1 {
		officeCode = "" // several plain government roles: no telling which is the office
	}
	for _, cd := range r.Codes {
		if cc := c.countryOf(cd.Code); cc != "" {
			d.countryN[cc]++
		}
		if cd.Since == "" && cd.Until == "" {
			if d.a.Cameo == "" {
				d.a.Cameo = cd.Code
			}
			continue
		}
		role := graph.Role{Title: c.roleTitle(cd.Code), Since: cd.Since, Until: cd.Until, Code: cd.Code}
		if office != "" && d.a.Type == "Person" && strings.HasPrefix(cd.Code[min(3, len(cd.Code)):], "GOV") {
			// The heading names the office; the role is the one its note names, or the
			// only government role the entry has.
			note := strings.ToLower(cd.Comment)
			if note == "" && cd.Code == officeCode || note != "" && sameOffice(note, office) {
				role.Title = office
				c.st.Offices++
			}
		}
		d.a.Roles = append(d.a.Roles, role)
		c.st.Roles++
	}
	if d.a.Cameo == "" && len(d.a.Roles) > 0 {
		// No default code: the latest role's.
		latest := d.a.Roles[0]
		for _, r := range d.a.Roles[1:] {
			if r.Since > latest.Since {
				latest = r
			}
		}
		d.a.Cameo = latest.Code
	}
}

// sameOffice reports whether a note on a role ("Secretary of State", "Sec Def") names the
// office of the heading.
func sameOffice(note, office string) bool {
	o := strings.ToLower(office)
	return strings.Contains(note, o) || o == "secretary of defense" && strings.Contains(note, "sec def") ||
		o == "secretary of state" && strings.Contains(note, "sec state") && !strings.Contains(note, "dep")
}

// countryOf returns the country code at the start of a CAMEO code, if it is one.
func (c *converter) countryOf(code string) string {
	if len(code) >= 3 && c.states[code[:3]] != nil {
		return code[:3]
	}
	return ""
}

// roleTitle names the role a code stands for: its sectors after the country or
// organisation ("USAGOVMIL" → "Government (military)").
func (c *converter) roleTitle(code string) string {
	rest := code
	if c.countryOf(code) != "" {
		rest = code[3:]
	} else if len(code) >= 6 && (code[:3] == "IGO" || code[:3] == "NGO") {
		rest = code[6:]
	}
	var parts []string
	for i := 0; i+3 <= len(rest); i += 3 {
		if s, ok := sectors[rest[i:i+3]]; ok {
			parts = append(parts, s)
		}
	}
	switch len(parts) {
	case 0:
		return "Member"
	case 1:
		return parts[0]
	}
	return parts[0] + " (" + strings.ToLower(strings.Join(parts[1:], ", ")) + ")"
}

// roleOf is the gazetteer id of the state or organisation a code's role belongs to.
func (c *converter) roleOf(code string) string {
	if cc := c.countryOf(code); cc != "" {
		return c.states[cc].a.ID
	}
	for n := len(code); n >= 6; n -= 3 {
		if o := c.orgs[code[:n]]; o != nil {
			return o.a.ID
		}
	}
	return ""
}

// finish merges duplicates, settles countries, ids and hand-curated matches, and sorts.
func (c *converter) finish(hand *graph.Gazetteer) ([]*graph.Actor, Stats) {
	// Merge an actor listed twice (same type, name and country).
	c.byKey = map[string]*draft{}
	var kept []*draft
	for _, d := range c.drafts {
		if d.a.Type != "State" {
			d.a.Country = topCountry(d.countryN)
		}
		key := d.a.Type + "|" + graph.NormName(d.a.Name) + "|" + d.a.Country
		if old, ok := c.byKey[key]; ok {
			for _, n := range d.a.Aliases {
				if k := graph.NormName(n); !old.names[k] {
					old.names[k] = true
					old.a.Aliases = append(old.a.Aliases, n)
				}
			}
			old.surnames = append(old.surnames, d.surnames...)
			old.a.Roles = append(old.a.Roles, d.a.Roles...)
			if old.a.Cameo == "" {
				old.a.Cameo = d.a.Cameo
			}
			c.st.Merged++
			continue
		}
		c.byKey[key] = d
		kept = append(kept, d)
	}
	// Homonyms of one type in different countries are told apart by the country.
	count := map[string]int{}
	for _, d := range kept {
		count[d.a.Type+"|"+graph.NormName(d.a.Name)]++
	}
	for _, d := range kept {
		if count[d.a.Type+"|"+graph.NormName(d.a.Name)] > 1 {
			d.a.Qualifier = d.a.Country
			if d.a.Qualifier == "" {
				d.a.Qualifier = d.a.Cameo
			}
		}
	}
	c.matchHand(kept, hand)
	n := 0
	for _, d := range kept {
		if !d.dropped {
			kept[n] = d
			n++
		}
	}
	kept = kept[:n]
	c.assignIDs(kept)
	// Roles refer to states and organisations by id, known only now.
	c.orgs = map[string]*draft{}
	for _, d := range kept {
		if d.a.Type != "Person" && d.a.Type != "State" && d.a.Cameo != "" && c.orgs[d.a.Cameo] == nil {
			c.orgs[d.a.Cameo] = d
		}
	}
	out := make([]*graph.Actor, 0, len(kept))
	for _, d := range kept {
		for i := range d.a.Roles {
			d.a.Roles[i].Of = c.roleOf(d.a.Roles[i].Code)
		}
		d.a.Roles = sortRoles(d.a.Roles)
		if d.a.Type == "Person" {
			d.a.Aliases = append(d.a.Aliases, d.surnames...)
		}
		out = append(out, d.a)
		c.st.ByType[d.a.Type]++
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	c.st.Actors = len(out)
	return out, *c.st
}

func topCountry(n map[string]int) string {
	best, bn := "", 0
	for cc, k := range n {
		if k > bn || k == bn && cc < best {
			best, bn = cc, k
		}
	}
	return best
}

func sortRoles(rs []graph.Role) []graph.Role {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Since != rs[j].Since {
			return rs[i].Since < rs[j].Since
		}
		if rs[i].Until != rs[j].Until {
			return rs[i].Until < rs[j].Until
		}
		return rs[i].Code < rs[j].Code
	})
	// The same role listed twice is kept once.
	out := rs[:0]
	for i, r := range rs {
		if i > 0 && r == rs[i-1] {
			continue
		}
		out = append(out, r)
	}
	return out
}

// matchHand gives an entry that names a hand-curated actor that actor's id, and takes
// from the other entries the names a hand-curated actor uses.
func (c *converter) matchHand(ds []*draft, hand *graph.Gazetteer) {
	if hand == nil {
		return
	}
	kind := func(t string) string {
		if t == "Person" {
			return "p|"
		}
		return "a|"
	}
	handNames := map[string]*graph.Actor{}
	anyHand := map[string]bool{} // folded names of hand-curated actors of any kind
	for _, h := range hand.Actors {
		for _, n := range append(append(append([]string{h.Name}, h.Aliases...), h.Adjectives...), h.Capitals...) {
			if k := graph.NormName(n); k != "" && handNames[kind(h.Type)+k] == nil {
				handNames[kind(h.Type)+k] = h
				anyHand[k] = true
			}
		}
	}
	taken := map[*graph.Actor]bool{}
	// Canonical names first, then aliases, so "George Bush" goes to the entry so named.
	for pass := 0; pass < 2; pass++ {
		for _, d := range ds {
			if d.a.ID != "" {
				continue
			}
			names := []string{d.a.Name}
			if pass == 1 {
				names = d.a.Aliases
			}
			for _, n := range names {
				h := handNames[kind(d.a.Type)+graph.NormName(n)]
				if h == nil || taken[h] || (h.Type == "State") != (d.a.Type == "State") {
					continue
				}
				taken[h] = true
				d.a.ID = h.ID
				c.st.Hand++
				break
			}
		}
	}
	for _, d := range ds {
		if d.a.ID == "" && anyHand[graph.NormName(d.a.Name)] {
			// Another entry for an actor already matched ("UNSC" beside "UN Security
			// Council"): the hand-curated entry has the name.
			d.dropped = true
			c.st.Hand++
		}
	}
	for _, d := range ds {
		if d.a.ID != "" || d.dropped {
			continue
		}
		filter := func(ns []string) []string {
			var out []string
			for _, n := range ns {
				if anyHand[graph.NormName(n)] {
					c.st.DroppedAliases++
					continue
				}
				out = append(out, n)
			}
			return out
		}
		d.a.Aliases, d.a.Adjectives, d.a.Capitals = filter(d.a.Aliases), filter(d.a.Adjectives), filter(d.a.Capitals)
		d.surnames = filter(d.surnames)
	}
}

// assignIDs gives every entry not matched to a hand-curated one an id from its name.
func (c *converter) assignIDs(ds []*draft) {
	used := map[string]bool{}
	for _, d := range ds {
		if d.a.ID != "" {
			used[d.a.ID] = true
		}
	}
	for _, d := range ds {
		if d.a.ID != "" {
			continue
		}
		base := slug(d.a.Name)
		if base == "" {
			base = "actor"
		}
		if d.a.Qualifier != "" {
			base += "-" + strings.ToLower(d.a.Qualifier)
		}
		id := base
		if used[id] {
			id = base + "-" + strings.ToLower(d.a.Type)
		}
		for n := 2; used[id]; n++ {
			id = base + "-" + strings.ToLower(d.a.Type) + "-" + itoa(n)
		}
		used[id] = true
		d.a.ID = id
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
