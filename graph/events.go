package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dipgraph/dipgraph/ingest"
)

// HoldsRoleType links a person to the state or organisation of an office they hold.
const HoldsRoleType = "HOLDS_ROLE"

// events identifies an article's brat events (E lines) and dates them.
type events struct {
	a         *ingest.Article
	byMention map[string]resolved
	norms     map[string]ingest.Norm
	dates     *dateContext
	group     map[string]string   // mention id → equivalence group (brat *), for chained Equivs
	key       map[string]string   // event id → node key
	trigger   map[string]string   // event id → trigger mention id
	timeOf    map[string]string   // trigger mention id → date of the event's Time argument
	members   map[string][]string // equivalence group → its mentions
}

// identify gives every event its node key. An event keeps the key of its trigger when
// that is shared across articles (a normalisation on the trigger or the event, or an
// equivalence with one). Otherwise, when it has a Time argument that resolves to a date
// and at least one argument that is neither a time nor a place, its key is derived from
// its type, that date and its arguments (role and key of each): "talks:2016-02-12:1f0c9a2b…",
// so two articles that annotate the same talks with the same participants and date share
// one node. Failing that it stays this article's own event.
func (ev *events) identify() error {
	a := ev.a
	ev.key, ev.trigger, ev.timeOf = map[string]string{}, map[string]string{}, map[string]string{}
	ev.members = map[string][]string{}
	for id := range ev.byMention {
		g := ev.group[id]
		ev.members[g] = append(ev.members[g], id)
	}
	owner := map[string]string{} // article-local event key → equivalence group using it
	for _, e := range a.Events {
		r, ok := ev.byMention[e.Trigger]
		if !ok {
			return fmt.Errorf("%s: event %s has unknown trigger %s", a.Location(e.Line), e.ID, e.Trigger)
		}
		label, err := Label(e.Type)
		if err != nil {
			return fmt.Errorf("%s: %v", a.Location(e.Line), err)
		}
		ev.trigger[e.ID] = e.Trigger
		date := ev.timeArg(e)
		local := strings.Contains(r.key, ":"+a.ID+":")
		if g, ok := owner[r.key]; local && ok && g != ev.group[e.Trigger] {
			// Each E line is an event of its own: two triggers with the same words that no
			// equivalence joins are told apart by the trigger id.
			r.key += ":" + e.Trigger
			ev.rekey(e.Trigger, r)
		}
		if n, ok := ev.norms[e.ID]; ok && local {
			r = ev.normalisedKey(e, r, label, n)
		} else if local && date != "" {
			if r, err = ev.datedKey(e, r, label, date); err != nil {
				return err
			}
		}
		if local && strings.Contains(r.key, ":"+a.ID+":") {
			owner[r.key] = ev.group[e.Trigger]
		}
		ev.key[e.ID] = r.key
	}
	return nil
}

// rekey gives the trigger and the mentions equivalent to it a new key; other mentions
// with the same words ("talks" of another event) keep theirs.
func (ev *events) rekey(trigger string, to resolved) {
	if _, ok := ev.group[trigger]; !ok {
		r := ev.byMention[trigger]
		to.form, to.role = r.form, r.role
		ev.byMention[trigger] = to
		return
	}
	for _, id := range ev.members[ev.group[trigger]] {
		r := ev.byMention[id]
		to.form, to.role = r.form, r.role
		ev.byMention[id] = to
	}
}

// timeArg returns the date of the event's first Time (or Date) argument that resolves
// to one, and notes it as the date of its trigger; "" when none does.
func (ev *events) timeArg(e ingest.Event) string {
	for _, arg := range e.Args {
		if base := roleBase(arg.Role); base == "time" || base == "date" {
			if d := ev.dates.of(arg.Ref); d != "" {
				ev.timeOf[e.Trigger] = d
				return d
			}
		}
	}
	return ""
}

// normalisedKey rekeys the event's trigger r to the key of the event's normalisation n.
func (ev *events) normalisedKey(e ingest.Event, r resolved, label string, n ingest.Norm) resolved {
	r.event, r.label = true, label
	if strings.EqualFold(n.DB, "wikidata") {
		r.key, r.qid = "wikidata:"+n.DBID, n.DBID
	} else {
		r.key = strings.ToLower(n.DB) + ":" + n.DBID
	}
	if n.Text != "" {
		r.name = n.Text
	}
	ev.rekey(e.Trigger, r)
	return r
}

// datedKey rekeys the event's trigger r to a key derived from the event's type, its date
// and its participants (role and key of every argument that is neither a time nor a
// place); without such an argument r is returned as it is.
func (ev *events) datedKey(e ingest.Event, r resolved, label, date string) (resolved, error) {
	var parts []string
	for _, arg := range e.Args {
		switch roleBase(arg.Role) {
		case "time", "date", "place", "location", "site":
			continue
		}
		p, ok := ev.byMention[arg.Ref]
		if !ok || p.date || p.event {
			continue
		}
		t, err := RoleType(arg.Role)
		if err != nil {
			return r, fmt.Errorf("%s: event %s: %v", ev.a.Location(e.Line), e.ID, err)
		}
		parts = append(parts, t+"="+p.key)
	}
	if len(parts) == 0 {
		return r, nil
	}
	slices.Sort(parts)
	parts = slices.Compact(parts)
	h := sha256.Sum256([]byte(strings.Join(parts, "\n")))
	r.event, r.label = true, label
	r.key = strings.ToLower(label) + ":" + date + ":" + hex.EncodeToString(h[:])[:12]
	ev.rekey(e.Trigger, r)
	return r, nil
}

// dateOf returns the date of the event whose trigger is the mention: its Time argument's,
// or else the nearest date mentioned in the trigger's sentence.
func (ev *events) dateOf(trigger string) string {
	if d, ok := ev.timeOf[trigger]; ok {
		return d
	}
	return ev.dates.near(trigger)
}

func roleBase(role string) string {
	return strings.ToLower(strings.TrimRightFunc(role, func(r rune) bool { return r >= '0' && r <= '9' }))
}

// eventArg is one resolved argument of an event.
type eventArg struct {
	role  string // the role edge type: AGENT_OF, PARTICIPATED_IN, …
	key   string
	spans []ingest.Span
}

// derived is a binary edge read off an event's arguments.
type derived struct {
	typ      string
	from, to eventArg
}

// pairwise are the event labels whose participants are linked pairwise, and by what.
var pairwise = map[string]string{
	"Talks": "NEGOTIATED", "Negotiation": "NEGOTIATED",
	"Meeting": "MET_WITH", "Summit": "MET_WITH", "Conference": "MET_WITH", "Visit": "MET_WITH",
	"Call": "SPOKE_WITH",
}

// derive returns the binary edges an event implies, besides its role edges:
//   - every agent of an attack (Attack, Strike) ATTACKS every target;
//   - the participants of talks are pairwise NEGOTIATED, of a meeting, summit, conference
//     or visit MET_WITH, of a call SPOKE_WITH, each pair once, from the smaller key to the
//     larger (these edges have no direction of their own).
//
// A ceasefire's backers and excluded parties need nothing derived: their role edges are
// already BACKED and EXCLUDED_FROM.
func derive(label string, args []eventArg) []derived {
	var out []derived
	switch label {
	case "Attack", "Strike":
		for _, ag := range args {
			if ag.role != "AGENT_OF" {
				continue
			}
			for _, t := range args {
				if t.role == "TARGET_OF" && t.key != ag.key {
					out = append(out, derived{"ATTACKS", ag, t})
				}
			}
		}
	}
	if typ, ok := pairwise[label]; ok {
		var ps []eventArg
		for _, x := range args {
			if x.role == "PARTICIPATED_IN" {
				ps = append(ps, x)
			}
		}
		for i := range ps {
			for j := i + 1; j < len(ps); j++ {
				x, y := ps[i], ps[j]
				if x.key == y.key {
					continue
				}
				if y.key < x.key {
					x, y = y, x
				}
				out = append(out, derived{typ, x, y})
			}
		}
	}
	return out
}

// dateContext holds the resolved date mentions of an article.
type dateContext struct {
	resolvedDate map[string]string      // date mention id → ISO date
	dated        map[int]*sentenceDates // sentence → its dates
	sentOf       map[string]int         // mention id → sentence
	span         map[string][2]int
}

// sentenceDates are the dated mentions of one sentence in text order, with the greatest
// end of each prefix (maxEnd[i] is the greatest end among ds[:i+1]), so that the date
// nearest to a range is found by binary search however many dates the sentence holds.
type sentenceDates struct {
	ds     []datedMention
	maxEnd []int
}

// add appends a date that starts at or after the last one added.
func (sd *sentenceDates) add(d datedMention) {
	e := d.end
	if n := len(sd.maxEnd); n > 0 {
		e = max(e, sd.maxEnd[n-1])
	}
	sd.ds, sd.maxEnd = append(sd.ds, d), append(sd.maxEnd, e)
}

type datedMention struct {
	sentence, start, end int
	iso                  string
}

func newDateContext(a *ingest.Article, sentenceOf func(int) int, ms []ingest.Mention, by map[string]resolved) *dateContext {
	dc := &dateContext{resolvedDate: map[string]string{}, dated: map[int]*sentenceDates{}, sentOf: map[string]int{}, span: map[string][2]int{}}
	for _, m := range ms {
		if len(m.Spans) == 0 {
			continue
		}
		s := sentenceOf(m.Start())
		dc.sentOf[m.ID] = s
		dc.span[m.ID] = [2]int{m.Start(), m.Spans[len(m.Spans)-1].End}
		if !by[m.ID].date {
			continue
		}
		if iso, ok := ResolveDate(m.Text, a.Published); ok {
			dc.resolvedDate[m.ID] = iso
			sd := dc.dated[s]
			if sd == nil {
				sd = &sentenceDates{}
				dc.dated[s] = sd
			}
			sd.add(datedMention{s, m.Start(), m.Spans[len(m.Spans)-1].End, iso})
		}
	}
	return dc
}

// of returns the resolved date of a date mention.
func (dc *dateContext) of(id string) string { return dc.resolvedDate[id] }

// near returns the date mentioned nearest to the mention in its sentence.
func (dc *dateContext) near(id string) string {
	s, ok := dc.sentOf[id]
	if !ok {
		return ""
	}
	sp := dc.span[id]
	return dc.nearest(s, sp[0], sp[1])
}

// nearest returns the date mentioned in the sentence closest to the range [start, end):
// the distance is the gap between the two (0 when they overlap), and of dates equally
// near the first in the text wins.
func (dc *dateContext) nearest(sentence, start, end int) string {
	sd := dc.dated[sentence]
	if sd == nil {
		return ""
	}
	// The dates that start at or after end are nearest at their first; those before it
	// (ds[:k], which may overlap the range) are nearest where they end latest.
	k := sort.Search(len(sd.ds), func(i int) bool { return sd.ds[i].start >= end })
	best, bestDist := -1, -1
	if k > 0 {
		last := sd.maxEnd[k-1]
		bestDist = max(0, start-last)
		reach := min(start, last)
		best = sort.Search(k, func(i int) bool { return sd.maxEnd[i] >= reach })
	}
	if k < len(sd.ds) {
		if dist := sd.ds[k].start - end; bestDist < 0 || dist < bestDist {
			best = k
		}
	}
	if best < 0 {
		return ""
	}
	return sd.ds[best].iso
}
