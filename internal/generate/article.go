package generate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// doc builds one article's text and annotations together, so offsets are right by
// construction. Offsets count code points, as brat does.
type doc struct {
	r   *rand.Rand
	p   *pool
	id  string
	pub time.Time

	text  strings.Builder
	off   int // code points written so far
	start bool
	ann   strings.Builder
	nT    int
	nR    int
	nE    int
	nA    int
	nN    int
	seen  map[*actor]string // actor → T id of its first mention in this article
	order []*actor          // actors in order of first mention
	equiv []string
}

// write appends plain text.
func (d *doc) write(s string) {
	if s == "" {
		return
	}
	if d.start {
		s = capitalise(s)
		d.start = false
	}
	d.text.WriteString(s)
	d.off += utf8.RuneCountInString(s)
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// mention appends s as a text-bound annotation of the type and returns its T id.
func (d *doc) mention(typ, s string) string {
	if d.start {
		s = capitalise(s)
		d.start = false
	}
	d.nT++
	id := "T" + strconv.Itoa(d.nT)
	n := utf8.RuneCountInString(s)
	fmt.Fprintf(&d.ann, "%s\t%s %d %d\t%s\n", id, typ, d.off, d.off+n, s)
	d.text.WriteString(s)
	d.off += n
	return id
}

// actor writes a mention of a: the full name the first time in the article, a shorter or
// other form later.
func (d *doc) actor(a *actor) string {
	first, seen := d.seen[a]
	if !seen {
		form := a.name
		if len(a.first) > 0 && d.r.IntN(4) == 0 {
			form = pick(d.r, a.first)
		}
		if a.title != "" && d.r.IntN(2) == 0 {
			d.write(a.title + " ")
		}
		id := d.mention(a.typ, form)
		d.seen[a] = id
		d.order = append(d.order, a)
		return id
	}
	switch {
	case a.acronym != "" && d.r.IntN(2) == 0:
		id := d.mention(a.typ, a.acronym)
		d.equiv = append(d.equiv, first+" "+id)
		return id
	case len(a.short) > 0 && d.r.IntN(3) > 0:
		return d.mention(a.typ, pick(d.r, a.short))
	}
	return d.mention(a.typ, a.name)
}

// choose draws an actor of one of the types from the Zipf-like distribution, avoiding the
// actors in not.
func (d *doc) choose(types []string, not ...*actor) *actor {
	for try := 0; ; try++ {
		var a *actor
		if len(d.order) > 0 && d.r.IntN(10) < 3 {
			// News comes back to the actors it has named: reuse one of the right type.
			a = d.order[d.r.IntN(len(d.order))]
			if !slices.Contains(types, a.typ) {
				a = nil
			}
		}
		if a == nil {
			xs := d.p.byType[types[d.r.IntN(len(types))]]
			a = xs[zipf(d.r, len(xs))]
		}
		ok := true
		for _, n := range not {
			ok = ok && n != a
		}
		if ok || try > 20 {
			return a
		}
	}
}

// zipf returns a rank in [0, n) with P(k) ∝ 1/(k+2)^1.1, by inverting the continuous
// approximation of the distribution's cumulative function: cheap, deterministic, and no
// table per pool.
func zipf(r *rand.Rand, n int) int {
	const s = 1.1
	// ∫ (x+2)^-s dx from 0 to k = ((2)^(1-s) - (k+2)^(1-s)) / (s-1)
	lo := math.Pow(2, 1-s)
	hi := math.Pow(float64(n)+2, 1-s)
	u := r.Float64()
	x := math.Pow(lo-u*(lo-hi), 1/(1-s)) - 2
	k := int(x)
	if k < 0 {
		k = 0
	}
	if k >= n {
		k = n - 1
	}
	return k
}

func (d *doc) rel(typ, a1, a2 string) string {
	d.nR++
	id := "R" + strconv.Itoa(d.nR)
	fmt.Fprintf(&d.ann, "%s\t%s Arg1:%s Arg2:%s\t\n", id, typ, a1, a2)
	return id
}

func (d *doc) attr(name, target string) {
	d.nA++
	fmt.Fprintf(&d.ann, "A%d\t%s %s\n", d.nA, name, target)
}

func (d *doc) event(typ, trigger string, args ...string) string {
	d.nE++
	id := "E" + strconv.Itoa(d.nE)
	fmt.Fprintf(&d.ann, "%s\t%s:%s", id, typ, trigger)
	for i := 0; i+1 < len(args); i += 2 {
		if args[i+1] != "" {
			fmt.Fprintf(&d.ann, " %s:%s", args[i], args[i+1])
		}
	}
	d.ann.WriteByte('\n')
	return id
}

func (d *doc) norm(target string, e *event) {
	d.nN++
	fmt.Fprintf(&d.ann, "N%d\tReference %s dipgraph:%s\t%s\n", d.nN, target, e.id, e.name)
}

// pair writes the names of two actors with words between them ("A met B") and returns
// their mentions.
func (d *doc) pair(a *actor, between string, b *actor) (ta, tb string) {
	ta = d.actor(a)
	d.write(between)
	return ta, d.actor(b)
}

// date writes a date mention in one of the forms news uses.
func (d *doc) date() string {
	t := d.pub.AddDate(0, 0, -1-d.r.IntN(40))
	switch d.r.IntN(4) {
	case 0:
		return d.mention("Date", t.Weekday().String())
	case 1:
		return d.mention("Date", t.Format("January 2006"))
	default:
		return d.mention("Date", fmt.Sprintf("%d %s", t.Day(), t.Month()))
	}
}

func (d *doc) place() string {
	return d.mention("Location", d.p.places[zipf(d.r, len(d.p.places))])
}

// sentence starts a sentence: capitalise what comes next.
func (d *doc) sentence() {
	if d.off > 0 && !strings.HasSuffix(d.text.String(), "\n") {
		d.write(" ")
	}
	d.start = true
}

var (
	diplomats = []string{"Person", "Person", "State", "Government", "Organisation"}
	heads     = []string{"Person", "State", "Government"}
	fighters  = []string{"State", "ArmedGroup", "ArmedGroup", "ArmedForce", "Coalition", "Opposition", "Government"}
	targets   = []string{"ArmedGroup", "ArmedGroup", "ArmedGroup", "Opposition", "ArmedForce", "Government"}
	backers   = []string{"State", "State", "Organisation", "Person"}
	excluded  = []string{"ArmedGroup"}
	parties   = []string{"Government", "Opposition", "State", "Person"}
	topics    = []string{"the war", "humanitarian access", "the release of prisoners", "border security", "a political transition", "refugee returns", "reconstruction", "the withdrawal of foreign fighters"}
)

// templates write one sentence each, with its annotations.
var templates = []struct {
	weight int
	write  func(d *doc)
}{
	{3, func(d *doc) { // telephone call, sometimes denied
		a := d.choose(diplomats)
		b := d.choose(diplomats, a)
		if d.r.IntN(6) == 0 {
			ta, tb := d.pair(a, " denied reports that it had spoken with ", b)
			d.write(" about " + pick(d.r, topics) + ".")
			d.attr("Negation", d.rel("SpokeWith", ta, tb))
			return
		}
		ta, tb := d.pair(a, " and ", b)
		d.write(" talked by telephone on ")
		d.date()
		d.write(" about " + pick(d.r, topics) + ", officials said.")
		d.rel("SpokeWith", ta, tb)
	}},
	{2, func(d *doc) { // meeting and visit
		a := d.choose(diplomats)
		b := d.choose(diplomats, a)
		ta, tb := d.pair(a, " met ", b)
		d.write(" in ")
		tp := d.place()
		d.write(" on ")
		d.date()
		d.write(" — the first such meeting this year.")
		d.rel("MetWith", ta, tb)
		d.rel("Visited", ta, tp)
	}},
	{3, func(d *doc) { // fighting two groups
		a := d.choose(fighters)
		b := d.choose(targets, a)
		c := d.choose(targets, a, b)
		ta, tb := d.pair(a, " says it is fighting ", b)
		d.write(" and ")
		tc := d.actor(c)
		d.write(" near ")
		d.place()
		d.write(".")
		d.rel("Fights", ta, tb)
		d.rel("Fights", ta, tc)
	}},
	{2, func(d *doc) { // air strikes on three groups
		a := d.choose(fighters)
		b := d.choose(targets, a)
		c := d.choose(targets, a, b)
		e := d.choose(targets, a, b, c)
		d.write("Since ")
		d.date()
		d.write(", ")
		ta, tb := d.pair(a, " has struck positions held by ", b)
		d.write(", ")
		tc, te := d.pair(c, " and ", e)
		d.write(".")
		d.rel("Attacks", ta, tb)
		d.rel("Attacks", ta, tc)
		d.rel("Attacks", ta, te)
	}},
	{3, func(d *doc) { // a shared ceasefire (n-ary event)
		ev := d.p.events[2*(zipf(d.r, len(d.p.events)/2))]
		a := d.choose(backers)
		b := d.choose(backers, a)
		c := d.choose(excluded)
		d.write("A ")
		tr := d.mention("Ceasefire", pick(d.r, ev.triggers))
		d.write(" backed by ")
		ta, tb := d.pair(a, " and ", b)
		d.write(" has held since ")
		td := d.date()
		d.write("; ")
		tc := d.actor(c)
		d.write(" is not covered by it.")
		d.norm(tr, ev)
		d.event("Ceasefire", tr, "Backer", ta, "Backer2", tb, "Excluded", tc, "Time", td)
	}},
	{2, func(d *doc) { // shared talks, stalled (n-ary event plus a relation to it)
		ev := d.p.events[2*(zipf(d.r, len(d.p.events)/2))+1]
		a := d.choose(parties)
		b := d.choose(parties, a)
		d.write("The ")
		tr := d.mention("Talks", pick(d.r, ev.triggers))
		d.write(" in ")
		tp := d.mention("Location", ev.place)
		d.write(" between ")
		ta, tb := d.pair(a, " and ", b)
		d.write(" stalled when the latter suspended its participation.")
		d.norm(tr, ev)
		e := d.event("Talks", tr, "Participant", ta, "Participant2", tb, "Place", tp)
		d.rel("Suspended", tb, e)
	}},
	{2, func(d *doc) { // a proposal of cooperation
		a := d.choose(heads)
		b := d.choose(heads, a)
		ta, tb := d.pair(a, " offered ", b)
		d.write(" closer military cooperation against militants.")
		d.attr("Proposed", d.rel("ProposedCooperation", ta, tb))
	}},
	{2, func(d *doc) { // suspicion
		a := d.choose(fighters)
		b := d.choose(targets, a)
		ta, tb := d.pair(a, " is suspected of also striking ", b)
		d.write(", according to observers.")
		d.attr("Speculation", d.rel("Attacks", ta, tb))
	}},
	{2, func(d *doc) { // a local attack (article-only event)
		a := d.choose(fighters)
		d.write("In ")
		tp := d.place()
		d.write(", an ")
		tr := d.mention("Attack", "attack")
		d.write(" by ")
		ta := d.actor(a)
		d.write(" killed " + strconv.Itoa(3+d.r.IntN(60)) + " people on ")
		td := d.date()
		d.write(".")
		d.event("Attack", tr, "Agent", ta, "Place", tp, "Time", td)
		d.rel("Killed", ta, tp)
	}},
	{2, func(d *doc) { // criticism and sanctions
		a := d.choose(diplomats)
		b := d.choose(fighters, a)
		ta, tb := d.pair(a, " criticised ", b)
		d.write(" for blocking aid convoys.")
		d.rel("Criticised", ta, tb)
	}},
}

var templateTotal = func() int {
	n := 0
	for _, t := range templates {
		n += t.weight
	}
	return n
}()

func (d *doc) anySentence() {
	w := d.r.IntN(templateTotal)
	for _, t := range templates {
		if w < t.weight {
			d.sentence()
			t.write(d)
			return
		}
		w -= t.weight
	}
}
