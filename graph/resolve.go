package graph

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/dipgraph/dipgraph/ingest"
)

// resolved is what one mention resolves to.
type resolved struct {
	key, label, name, qid string
	event, date           bool
	altNames              []string // other names of the actor known to the gazetteer
	form                  string   // the surface form kept as an alias: the name without its title
	actor                 *Actor   // the gazetteer entry, if any
	weak                  bool     // a bare name nothing identified: may still refer to a fuller one
	role                  *roleFact
}

// roleFact is an office a person mention states ("US Secretary of State John Kerry").
type roleFact struct {
	title, since, until string
	of                  resolved // the state or organisation of the office
}

// strength orders how well a mention is identified: knowledge-base id, gazetteer, name length.
func strength(r resolved) int {
	switch {
	case strings.HasPrefix(r.key, "wikidata:"):
		return 3000 + len(r.name)
	case r.actor != nil:
		return 2000 + len(r.name)
	case r.weak:
		return len(r.name)
	default:
		return 1000 + len(r.name)
	}
}

// fromActor resolves to a gazetteer actor.
func fromActor(act *Actor, label string, event bool) resolved {
	r := resolved{key: act.Key(), label: act.Type, name: act.Name, qid: act.QID, actor: act, event: event,
		altNames: append([]string{act.Name}, act.Aliases...)}
	if event {
		r.label = label
	}
	return r
}

// mentionResolver resolves the mentions of one article in text order, remembering what it
// has seen so that short forms can refer back.
type mentionResolver struct {
	b     *Builder
	a     *ingest.Article
	norms map[string]ingest.Norm
	seen  []resolved // non-date, non-event mentions resolved so far, in text order
	// persons and acronyms index seen (people by their names' final words, others by
	// their initials) so that earlier takes constant time however many mentions came before.
	persons  *nameIndex
	acronyms acronymIndex
}

// newMentionResolver returns a resolver for the mentions of a, with the normalisations
// that apply to them.
func newMentionResolver(b *Builder, a *ingest.Article, norms map[string]ingest.Norm) *mentionResolver {
	return &mentionResolver{b: b, a: a, norms: norms, persons: newNameIndex(true), acronyms: acronymIndex{}}
}

func (mr *mentionResolver) resolve(m ingest.Mention) (resolved, error) {
	a, g := mr.a, mr.b.Gazetteer
	label, err := Label(m.Type)
	if err != nil {
		return resolved{}, fmt.Errorf("%s: %v", a.Location(m.Line), err)
	}
	text := strings.Join(strings.Fields(m.Text), " ")
	r := resolved{label: label, name: text, form: text, event: IsEventLabel(label), date: IsDateLabel(label)}
	if r.date {
		r.key = "date:" + text
		return r, nil
	}
	var t titled
	if label == "Person" {
		t = g.parseTitled(text)
		r.name, r.form = t.name, t.name
		if t.name == "" {
			r.name, r.form = text, text
		}
	}
	if label == "Location" {
		r.name = withoutAreaNoun(r.name)
	}
	r = mr.identify(m, r, t)
	if t.title != "" && !t.former {
		r.role = mr.role(r, t)
	}
	if !r.event {
		mr.seen = append(mr.seen, r)
		if r.label == "Person" {
			mr.persons.add(len(mr.seen)-1, r.name)
		} else {
			mr.acronyms.add(len(mr.seen)-1, NormName(r.name))
		}
	}
	return r, nil
}

// identify finds the key of a mention: a normalisation, the gazetteer, an earlier fuller
// mention, the office a bare title names, or else the type and folded name.
func (mr *mentionResolver) identify(m ingest.Mention, r resolved, t titled) resolved {
	if n, ok := mr.norms[m.ID]; ok {
		return mr.normalised(r, n)
	}
	if r.label == "Person" {
		// "Assad" after "Hafez al-Assad" is Hafez, whatever the gazetteer would guess.
		if x, ok := mr.earlier(r); ok {
			return x
		}
	}
	if act, ok := mr.b.Gazetteer.LookupOn(r.name, r.label, mr.a.Published); ok {
		x := fromActor(act, r.label, r.event)
		x.form = r.form
		return x
	}
	if bare := stripPossessive(r.name); bare != r.name {
		// "Russia's", "Lavrov’s": the possessive is no part of the name.
		r.name, r.form = bare, stripPossessive(r.form)
		return mr.identify(m, r, t)
	}
	if r.label == "Person" {
		if x, ok := mr.knownNameAtEnd(r); ok {
			return x
		}
		if t.name == "" && t.title != "" {
			return mr.officeHolder(r, t)
		}
	}
	if !r.event {
		if x, ok := mr.earlier(r); ok {
			return x
		}
	}
	return mr.ownKey(m, r)
}

// normalised resolves a mention with a normalisation: a Wikidata id the gazetteer knows
// takes its entry; any other id becomes the key.
func (mr *mentionResolver) normalised(r resolved, n ingest.Norm) resolved {
	if strings.EqualFold(n.DB, "wikidata") {
		if act, ok := mr.b.Gazetteer.ByID(n.DBID); ok {
			x := fromActor(act, r.label, r.event)
			x.form = r.form
			x.qid, x.key = n.DBID, "wikidata:"+n.DBID
			return x
		}
		r.qid, r.key = n.DBID, "wikidata:"+n.DBID
	} else {
		r.key = strings.ToLower(n.DB) + ":" + n.DBID
	}
	if n.Text != "" {
		r.name = n.Text
	}
	return r
}

// knownNameAtEnd finds the longest known name at the end of a person mention: a title
// this package does not know still ends in one ("Ambassador to the UN Bashar al-Jaafari").
func (mr *mentionResolver) knownNameAtEnd(r resolved) (resolved, bool) {
	ws := strings.Fields(r.name)
	for i := 1; i < len(ws); i++ {
		if act, ok := mr.b.Gazetteer.LookupOn(strings.Join(ws[i:], " "), r.label, mr.a.Published); ok {
			x := fromActor(act, r.label, false)
			x.form = act.Name
			return x, true
		}
	}
	return r, false
}

// officeHolder resolves a title alone ("the US secretary of state") to whoever held the
// office on the article's date; offices change hands, so an unknown holder is this
// article's own person.
func (mr *mentionResolver) officeHolder(r resolved, t titled) resolved {
	if t.ofAct != nil {
		if act, _, ok := mr.b.Gazetteer.Holder(t.title, t.ofAct, mr.a.Published); ok {
			x := fromActor(act, r.label, false)
			x.form = r.form
			return x
		}
		r.name = t.title + " of " + t.ofAct.Name
	}
	r.key = "person:" + mr.a.ID + ":" + NormName(r.name)
	return r
}

// ownKey keys a mention nothing identified by its label and folded name.
func (mr *mentionResolver) ownKey(m ingest.Mention, r resolved) resolved {
	folded := NormName(r.name)
	switch {
	case folded == "":
		r.key = strings.ToLower(r.label) + ":" + mr.a.ID + ":" + m.ID
	case r.event || indefinite(m.Text):
		// An event named only by a common noun ("the ceasefire") is this article's own event
		// until a normalisation or its arguments tie it to one shared across articles; so is
		// an actor only described ("a Syrian pilot", "other opposition groups").
		r.key = strings.ToLower(r.label) + ":" + mr.a.ID + ":" + folded
	default:
		r.key = strings.ToLower(r.label) + ":" + folded
		r.weak = len(strings.Fields(folded)) == 1
	}
	return r
}

// indefinite reports whether a mention describes rather than names: it starts with an
// indefinite word ("a", "an", "another", "other", "some", "several", a number) or has no
// capital letter at all.
func indefinite(text string) bool {
	ws := strings.Fields(text)
	if len(ws) == 0 {
		return false
	}
	switch strings.ToLower(ws[0]) {
	case "a", "an", "another", "other", "some", "several", "many", "two", "three", "four", "five", "dozens", "hundreds":
		return true
	}
	for _, r := range text {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// earlier finds a fuller name mentioned earlier in the article that the short form r refers
// to: a person's surname or other final words, an organisation's acronym.
// The latest such name wins.
func (mr *mentionResolver) earlier(r resolved) (resolved, bool) {
	var i int
	if r.label == "Person" {
		i = mr.persons.find(NormName(r.name))
	} else {
		i = mr.acronyms.find(r.name)
	}
	if i < 0 {
		return resolved{}, false
	}
	x := mr.seen[i]
	x.form, x.role = r.form, nil
	return x, true
}

// role turns the title of a person mention into an office of a state or organisation,
// with the dates the gazetteer knows for it.
func (mr *mentionResolver) role(r resolved, t titled) *roleFact {
	g := mr.b.Gazetteer
	of := t.ofAct
	var gr *Role
	if r.actor != nil {
		if x, ok := g.RoleOn(r.actor, t.title, of, mr.a.Published); ok {
			gr = x
		} else if x, ok := g.RoleOn(r.actor, t.title, of, ""); ok && of != nil {
			gr = x
		}
		if of == nil && gr != nil {
			of, _ = g.ByID(gr.Of)
		}
	}
	if of == nil {
		return nil // an office of nobody known is no fact to record
	}
	rf := &roleFact{title: t.title, of: fromActor(of, of.Type, false)}
	rf.of.form = t.of
	if t.of == "" {
		rf.of.form = of.Name
	}
	if gr != nil {
		rf.since, rf.until = gr.Since, gr.Until
	}
	return rf
}

// laterReferences lets a bare name that nothing identified refer to a fuller name of the
// same kind mentioned later in the article ("Muallem … Walid Muallem"): the nearest one.
// The mentions are taken from the last, with the full names seen so far indexed, so that
// the work grows with the number of mentions, not its square.
func laterReferences(order []string, by map[string]resolved) {
	full := newNameIndex(false)
	for i := len(order) - 1; i >= 0; i-- {
		r := by[order[i]]
		if r.label != "Person" {
			continue
		}
		if !r.weak {
			full.add(i, r.name)
			continue
		}
		if j := full.find(NormName(r.name)); j >= 0 {
			x := by[order[j]]
			x.form, x.role = r.form, r.role
			by[order[i]] = x
		}
	}
}

// sortedMentions returns the mentions in text order (ties by id).
func sortedMentions(ms []ingest.Mention) []ingest.Mention {
	out := append([]ingest.Mention(nil), ms...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start() != out[j].Start() {
			return out[i].Start() < out[j].Start()
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// areaNouns name the kind of an area after its name; written or not, the area is the same.
var areaNouns = []string{" province", " region", " district", " governorate", " county", " prefecture"}

// withoutAreaNoun drops an area noun in lower case from the end of a place's name: "North
// Kivu province" is North Kivu, as "Kanem region" is Kanem ("Rakhine State", a name, stays).
func withoutAreaNoun(name string) string {
	for _, n := range areaNouns {
		if base, ok := strings.CutSuffix(name, n); ok && strings.ToLower(base) != base {
			return base
		}
	}
	return name
}
