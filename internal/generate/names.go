package generate

import (
	"math/rand/v2"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// actor is one actor of the pool, with the surface forms articles may use for it.
type actor struct {
	typ  string // brat entity type: Person, State, ArmedGroup, …
	name string // canonical form, used for the first mention in an article
	// short forms are used for later mentions: a surname, an alias, a capital.
	short []string
	// first forms are alternatives for the first mention (a gazetteer alias or capital).
	first []string
	// acronym, when set, is a later form tied to the full name by a brat equivalence.
	acronym string
	// title is written before a person's first mention, outside the annotated span.
	title string
}

// event is a ceasefire or round of talks that recurs across articles.
type event struct {
	typ      string // Ceasefire or Talks
	id       string // normalisation id: dipgraph:<id>
	name     string
	place    string
	triggers []string
}

// pool is every actor, event and place a corpus draws from, grouped by type in rank order
// (most frequent first).
type pool struct {
	byType map[string][]*actor
	events []*event
	places []string
}

// Pool sizes per type at the default of 3,000 actors; they scale with Options.Actors.
var typeShare = []struct {
	typ   string
	share float64
}{
	{"Person", 0.40}, {"State", 0.06}, {"Organisation", 0.14}, {"ArmedGroup", 0.22},
	{"Government", 0.05}, {"Opposition", 0.04}, {"ArmedForce", 0.06}, {"Coalition", 0.03},
}

var (
	firstNames = []string{"Anil", "Sofia", "Omar", "Lena", "Tomasz", "Aiko", "José", "Mariam", "Viktor", "Nadia",
		"Samuel", "Amélie", "Farid", "Ingrid", "Kwame", "Leila", "Dmitri", "Hana", "Rafael", "Yusuf",
		"Chen", "Ana", "Björn", "Fatima", "Hassan", "Elena", "Kofi", "Marta", "Reza", "Zeynep",
		"Pablo", "Irina", "Tariq", "Noor", "Gustavo", "Selin", "Ahmed", "Katarzyna", "Jun", "Ayşe"}
	onsets = []string{"b", "d", "k", "l", "m", "n", "r", "s", "t", "v", "z", "kh", "sh", "g", "f", "h", "y", "br", "dr", "tr"}
	vowels = []string{"a", "e", "i", "o", "u", "a", "e", "ai", "ou"}
	codas  = []string{"", "", "n", "r", "s", "v", "k", "l", "m"}

	personSuffix = []string{"ov", "ani", "ez", "ski", "i", "ian", "enko", "escu", "off", "ara", ""}
	stateSuffix  = []string{"ia", "istan", "land", "ana", "ovia", "aria"}
	titles       = []string{"Foreign Minister", "President", "Prime Minister", "Defence Minister", "special envoy", "ambassador", "opposition leader", "UN envoy"}
	groupForms   = []string{"%s Brigade", "%s Front", "Army of %s", "%s Liberation Movement", "%s Martyrs Battalion", "Sons of %s", "%s Resistance"}
	orgForms     = []string{"%s Council", "%s Relief Agency", "Organisation for %s Cooperation", "%s Monitoring Mission", "%s Human Rights Watch", "%s Development Bank"}
	oppForms     = []string{"%s National Coalition", "%s Opposition Bloc", "%s Democratic Forces", "Free %s Movement"}
	coalForms    = []string{"%s-led coalition", "%s alliance", "%s Joint Task Force"}
	placeForms   = []string{"%s", "Tal %s", "Al-%s", "%s Heights", "Deir %s", "Ras %s"}
	ceasefireTr  = []string{"ceasefire", "truce", "cessation of hostilities", "ceasefire"}
	talksTr      = []string{"talks", "peace talks", "negotiations", "talks"}
)

// word makes a capitalised pseudo-word of n syllables.
func word(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(onsets[r.IntN(len(onsets))])
		b.WriteString(vowels[r.IntN(len(vowels))])
		if i == n-1 || r.IntN(3) == 0 {
			b.WriteString(codas[r.IntN(len(codas))])
		}
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// acronymOf returns the initials of the capitalised words of s ("Army of Kadira" → "AK").
func acronymOf(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }) {
		if w[0] >= 'A' && w[0] <= 'Z' {
			b.WriteByte(w[0])
		}
	}
	return b.String()
}

// newPool builds the actor pool for a seed: the gazetteer's actors first (the head of the
// distribution), then synthetic actors (the tail).
func newPool(seed uint64, size int) *pool {
	r := rand.New(rand.NewPCG(seed, 0x706f6f6c)) // "pool"
	p := &pool{byType: map[string][]*actor{}}
	taken := map[string]bool{}
	unique := func(s string) bool {
		k := graph.NormName(s)
		if k == "" || taken[k] {
			return false
		}
		taken[k] = true
		return true
	}
	// The hand-curated actors only: the dictionaries' thousands would crowd out the
	// synthetic names and change the corpus.
	gz := graph.HandGazetteer()
	for _, a := range gz.Actors {
		x := &actor{typ: a.Type, name: a.Name}
		unique(a.Name)
		for _, al := range a.Aliases {
			taken[graph.NormName(al)] = true
			// Lower-case aliases ("coalition") read badly at the start of a sentence and
			// are too vague as a first mention; keep them as later forms only.
			x.short = append(x.short, al)
			if al[0] >= 'A' && al[0] <= 'Z' && len(al) > 3 {
				x.first = append(x.first, al)
			}
		}
		if a.Type == "State" {
			x.short = append(x.short, a.Capitals...)
			x.first = append(x.first, a.Capitals...)
		}
		if a.Type == "Person" {
			x.title = pick(r, titles)
		}
		p.byType[a.Type] = append(p.byType[a.Type], x)
	}
	// The synthetic states come first: governments, armies and coalitions are named after them.
	var stateNames []string
	for _, ts := range typeShare {
		n := int(float64(size)*ts.share) - len(p.byType[ts.typ])
		for i := 0; i < n; i++ {
			var x *actor
			for x == nil {
				x = synthetic(r, ts.typ, stateNames)
				if !unique(x.name) || (x.acronym != "" && !unique(x.acronym)) {
					x = nil
				}
			}
			if ts.typ == "State" {
				stateNames = append(stateNames, x.name)
			}
			p.byType[ts.typ] = append(p.byType[ts.typ], x)
		}
	}
	for i := 0; i < size/6; i++ {
		pl := ""
		for pl == "" || !unique(pl) {
			pl = strings.ReplaceAll(pick(r, placeForms), "%s", word(r, 2+r.IntN(2)))
		}
		p.places = append(p.places, pl)
	}
	for i := 0; i < size/10; i++ {
		region := pick(r, p.places)
		e := &event{place: region}
		year := 2014 + r.IntN(6)
		if i%2 == 0 {
			e.typ, e.triggers = "Ceasefire", ceasefireTr
			e.name = region + " ceasefire of " + itoa(year)
			e.id = "ceasefire-" + itoa(i)
		} else {
			e.typ, e.triggers = "Talks", talksTr
			e.name = region + " talks of " + itoa(year)
			e.id = "talks-" + itoa(i)
		}
		p.events = append(p.events, e)
	}
	return p
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// synthetic makes one tail actor of the type.
func synthetic(r *rand.Rand, typ string, states []string) *actor {
	stateOr := func() string {
		if len(states) > 0 && r.IntN(2) == 0 {
			return pick(r, states)
		}
		return word(r, 2) + pick(r, stateSuffix)
	}
	x := &actor{typ: typ}
	switch typ {
	case "Person":
		sur := word(r, 2+r.IntN(2)) + pick(r, personSuffix)
		x.name = pick(r, firstNames) + " " + sur
		x.short = []string{sur}
		x.title = pick(r, titles)
	case "State":
		x.name = word(r, 2) + pick(r, stateSuffix)
		x.first = []string{x.name, "Republic of " + x.name}
	case "ArmedGroup":
		x.name = strings.ReplaceAll(pick(r, groupForms), "%s", word(r, 2+r.IntN(2)))
		x.acronym = acronymOf(x.name) + strings.ToUpper(word(r, 1)[:1])
	case "Organisation":
		x.name = strings.ReplaceAll(pick(r, orgForms), "%s", word(r, 2+r.IntN(2)))
		x.acronym = acronymOf(x.name) + strings.ToUpper(word(r, 1)[:1])
	case "Government":
		x.name = "government of " + stateOr()
	case "Opposition":
		x.name = strings.ReplaceAll(pick(r, oppForms), "%s", word(r, 2))
	case "ArmedForce":
		x.name = stateOr() + pick(r, []string{" army", " air force", " navy", " border guard"})
	case "Coalition":
		x.name = strings.ReplaceAll(pick(r, coalForms), "%s", stateOr())
	}
	return x
}
