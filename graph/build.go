package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/dipgraph/dipgraph/ingest"
)

// Builder turns annotated articles into their graph contributions: it resolves every
// mention to a stable entity key and every relation or event to typed edges with evidence.
// A Builder is safe for concurrent use once built.
type Builder struct {
	Gazetteer *Gazetteer
}

// ModelVersion changes whenever the way articles become graphs changes, so that articles
// loaded by an older dipgraph are rebuilt rather than skipped as unchanged.
const ModelVersion = "2"

// NewBuilder returns a builder that resolves against the gazetteer (nil: the built-in one).
func NewBuilder(g *Gazetteer) *Builder {
	if g == nil {
		g = BuiltinGazetteer()
	}
	return &Builder{Gazetteer: g}
}

// Fingerprint is the fingerprint Build gives a's graph: it changes when the article, the
// model or the gazetteer does. A loader compares it with the stored one before resolving.
func (b *Builder) Fingerprint(a *ingest.Article) string {
	return Fingerprint(a, ModelVersion, b.Gazetteer.Digest())
}

// Build resolves one article into its contribution. It expects a valid article (see
// ingest.Validate); references it cannot resolve are an error.
func (b *Builder) Build(a *ingest.Article) (*ArticleGraph, error) {
	return b.BuildContext(context.Background(), a)
}

// checkEvery is how many mentions, relations or events BuildContext handles between two
// looks at its context.
const checkEvery = 1024

// BuildContext is Build that stops with ctx's error when ctx is cancelled, so that an
// article with hundreds of thousands of annotations does not hold up Ctrl-C.
func (b *Builder) BuildContext(ctx context.Context, a *ingest.Article) (*ArticleGraph, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Sentences are found and cut in bytes, and mention offsets (in code points) turned into
	// bytes to find theirs: the text is never copied as code points, which would take four
	// times its size.
	sentBytes := ingest.SentenceBytes(a.Text)
	offsets := ingest.NewTextIndex(a.Text)
	sentenceOf := func(runeOffset int) int {
		if runeOffset < 0 {
			return -1
		}
		return ingest.SentenceAt(sentBytes, offsets.Byte(runeOffset))
	}
	sentText := map[int]string{} // sentence → its text, copied once however much evidence cites it
	ag := &ArticleGraph{Article: ArticleInfo{
		ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published,
		Path: a.Path, Fingerprint: b.Fingerprint(a),
	}}

	norms := map[string]ingest.Norm{}
	for _, n := range a.Norms {
		if old, ok := norms[n.Target]; ok && strings.EqualFold(old.DB, "wikidata") {
			continue
		}
		norms[n.Target] = n
	}
	attrs := map[string][]ingest.Attribute{}
	for _, at := range a.Attributes {
		attrs[at.Target] = append(attrs[at.Target], at)
	}

	// Mentions in text order, so a short name can refer back to a full one.
	ms := sortedMentions(a.Mentions)
	mentionByID := make(map[string]ingest.Mention, len(ms))
	byMention := map[string]resolved{}
	mr := newMentionResolver(b, a, norms)
	order := make([]string, 0, len(ms))
	for i, m := range ms {
		if i%checkEvery == checkEvery-1 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		r, err := mr.resolve(m)
		if err != nil {
			return nil, err
		}
		byMention[m.ID] = r
		mentionByID[m.ID] = m
		order = append(order, m.ID)
	}
	laterReferences(order, byMention)
	group := make(map[string]string, len(ms)) // mention id → its equivalence group
	for _, m := range ms {
		group[m.ID] = m.ID
	}
	// Equivalent mentions share the key of the best-identified member; each keeps its form.
	for _, eq := range a.Equivs {
		best := ""
		for _, id := range eq.Refs {
			r, ok := byMention[id]
			if !ok {
				return nil, fmt.Errorf("%s: equivalence refers to unknown %s", a.Location(eq.Line), id)
			}
			if best == "" || strength(r) > strength(byMention[best]) {
				best = id
			}
		}
		for _, id := range eq.Refs {
			x := byMention[best]
			x.form, x.role = byMention[id].form, byMention[id].role
			byMention[id] = x
			group[id] = group[best]
		}
	}

	dc := newDateContext(a, sentenceOf, ms, byMention)
	ev := &events{a: a, byMention: byMention, norms: norms, dates: dc, group: group}
	if err := ev.identify(); err != nil {
		return nil, err
	}

	nodes := map[string]*Node{}
	mentions := map[string]*Mention{}
	forms := map[string]map[string]bool{} // node key → its surface forms, sorted at the end
	addNode := func(r resolved, form string) {
		if _, ok := nodes[r.key]; !ok {
			n := &Node{Key: r.key, Label: r.label, Event: r.event, Name: r.name, QID: r.qid}
			if len(r.altNames) > 0 {
				n.Props = map[string]any{"alt_names": r.altNames}
			}
			nodes[r.key] = n
		}
		mm := mentions[r.key]
		if mm == nil {
			mm = &Mention{Key: r.key}
			mentions[r.key] = mm
			forms[r.key] = map[string]bool{}
		}
		mm.Count++
		forms[r.key][strings.TrimSpace(form)] = true
	}
	for _, m := range ms {
		r := byMention[m.ID]
		if r.date {
			continue
		}
		addNode(r, r.form)
		if r.role != nil {
			// The state in "US Secretary of State" is mentioned too.
			addNode(r.role.of, r.role.of.form)
		}
	}
	for _, e := range a.Events {
		k := ev.key[e.ID]
		n := nodes[k]
		if n == nil {
			return nil, fmt.Errorf("%s: event %s: trigger %s is not an event mention", a.Location(e.Line), e.ID, e.Trigger)
		}
		label, _ := Label(e.Type)
		n.Event = true
		if n.Label == "" || !IsEventLabel(n.Label) {
			n.Label = label
		}
	}
	// Events carry the date of their Time argument, or else of the nearest date in the
	// sentence of their trigger.
	for _, m := range ms {
		r := byMention[m.ID]
		if !r.event {
			continue
		}
		n := nodes[r.key]
		d := ev.dateOf(m.ID)
		if d == "" {
			continue
		}
		if n.Props == nil {
			n.Props = map[string]any{}
		}
		if _, ok := n.Props["date"]; !ok {
			n.Props["date"] = d
		}
	}

	evidence := func(date string, spans ...[]ingest.Span) Evidence {
		first, last := -1, -1
		var parts []string
		for _, ss := range spans {
			var ps []string
			for _, s := range ss {
				if first < 0 || s.Start < first {
					first = s.Start
				}
				if s.End > last {
					last = s.End
				}
				ps = append(ps, fmt.Sprintf("%d-%d", s.Start, s.End))
			}
			parts = append(parts, strings.Join(ps, ","))
		}
		e := Evidence{Article: a.ID, Published: a.Published, Spans: strings.Join(parts, ";"), Sentence: -1}
		if i := sentenceOf(first); i >= 0 {
			e.Sentence = i
			t, ok := sentText[i]
			if !ok {
				t = strings.Clone(a.Text[sentBytes[i].Start:sentBytes[i].End])
				sentText[i] = t
			}
			e.Text = t
			if date == "" {
				date = dc.nearest(i, first, last)
			}
		}
		e.Date = date
		return e
	}

	rels := map[string]*Rel{}
	addRel := func(r Rel) {
		id := r.ID()
		if cur, ok := rels[id]; ok {
			cur.Evidence = append(cur.Evidence, r.Evidence...)
			for k, v := range r.Props {
				if _, ok := cur.Props[k]; !ok {
					cur.Props[k] = v
				}
			}
			return
		}
		if r.Props == nil {
			r.Props = map[string]any{}
		}
		rels[id] = &r
	}
	endpoint := func(ref string) (string, []ingest.Span, bool) {
		if k, ok := ev.key[ref]; ok {
			return k, mentionByID[ev.trigger[ref]].Spans, true
		}
		r, ok := byMention[ref]
		if !ok || r.date {
			return "", nil, false
		}
		return r.key, mentionByID[ref].Spans, true
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, rel := range a.Relations {
		if i%checkEvery == checkEvery-1 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if len(rel.Args) < 2 {
			return nil, fmt.Errorf("%s: relation %s needs two arguments", a.Location(rel.Line), rel.ID)
		}
		typ, err := RelType(rel.Type)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a.Location(rel.Line), err)
		}
		from, fs, ok1 := endpoint(rel.Args[0].Ref)
		to, ts, ok2 := endpoint(rel.Args[1].Ref)
		if !ok1 || !ok2 {
			continue // a relation to a date or unknown mention carries no edge
		}
		e := evidence("", fs, ts)
		if e.Date == "" {
			// A role in a dated event ("X is excluded from the truce") takes the event's date.
			for _, arg := range rel.Args[:2] {
				if n := nodes[byMention[arg.Ref].key]; e.Date == "" && n != nil && n.Event && n.Props["date"] != nil {
					e.Date, _ = n.Props["date"].(string)
				}
			}
		}
		addRel(Rel{Type: typ, From: from, To: to, Status: status(attrs[rel.ID]), Evidence: []Evidence{e}})
	}
	for i, e := range a.Events {
		if i%checkEvery == checkEvery-1 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		ek := ev.key[e.ID]
		trig := mentionByID[e.Trigger]
		st := status(append(append([]ingest.Attribute(nil), attrs[e.ID]...), attrs[e.Trigger]...))
		date := ev.dateOf(e.Trigger)
		var args []eventArg
		for _, arg := range e.Args {
			from, fs, ok := endpoint(arg.Ref)
			if !ok {
				continue
			}
			typ, err := RoleType(arg.Role)
			if err != nil {
				return nil, fmt.Errorf("%s: event %s: %v", a.Location(e.Line), e.ID, err)
			}
			addRel(Rel{Type: typ, From: from, To: ek, Status: st, Role: arg.Role,
				Evidence: []Evidence{evidence(date, fs, trig.Spans)}})
			args = append(args, eventArg{role: typ, key: from, spans: fs})
		}
		label := nodes[ek].Label
		for _, d := range derive(label, args) {
			evd := evidence(date, d.from.spans, d.to.spans, trig.Spans)
			evd.Event = ek
			addRel(Rel{Type: d.typ, From: d.from.key, To: d.to.key, Status: st, Evidence: []Evidence{evd}})
		}
	}
	// Titles become offices held, with the article as evidence of when.
	for _, m := range ms {
		r := byMention[m.ID]
		if r.role == nil || r.date {
			continue
		}
		props := map[string]any{"title": r.role.title}
		if r.role.since != "" {
			props["since"] = r.role.since
		}
		if r.role.until != "" {
			props["until"] = r.role.until
		}
		addRel(Rel{Type: HoldsRoleType, From: r.key, To: r.role.of.key, Status: Asserted, Role: r.role.title,
			Props: props, Evidence: []Evidence{evidence(a.Published, m.Spans)}})
	}

	ag.Nodes, ag.Rels = sortedGraph(nodes, rels)
	for k, m := range mentions {
		m.Forms = sortedSet(forms[k])
		ag.Mentions = append(ag.Mentions, *m)
	}
	sort.Slice(ag.Mentions, func(i, j int) bool { return ag.Mentions[i].Key < ag.Mentions[j].Key })
	return ag, nil
}

// setRelDate sets a relationship's date property to the earliest date of its evidence.
func setRelDate(r *Rel) {
	first := ""
	for _, e := range r.Evidence {
		if e.Date != "" && (first == "" || e.Date < first) {
			first = e.Date
		}
	}
	if first == "" {
		delete(r.Props, "date")
	} else {
		if r.Props == nil {
			r.Props = map[string]any{}
		}
		r.Props["date"] = first
	}
	if len(r.Props) == 0 {
		r.Props = nil
	}
}

// status maps brat attributes to an assertion status.
func status(attrs []ingest.Attribute) string {
	st := Asserted
	for _, at := range attrs {
		name := strings.ToLower(at.Name)
		val := strings.ToLower(at.Value)
		switch {
		case name == "negation" || name == "negated" || val == "negated" || val == "negative":
			return Negated
		case name == "proposed" || name == "proposal" || val == "proposed" || name == "modality" && val == "proposed":
			st = Proposed
		case name == "speculation" || name == "speculated" || name == "hypothetical" || val == "speculated":
			if st == Asserted {
				st = Speculated
			}
		case name == "status" || name == "assertion":
			switch val {
			case Negated, Proposed, Speculated, Asserted:
				st = val
			}
		}
	}
	return st
}

// roleTypes maps event roles to the edge type from the argument to the event.
var roleTypes = map[string]string{
	"backer": "BACKED", "sponsor": "BACKED", "guarantor": "BACKED", "supporter": "BACKED",
	"excluded": "EXCLUDED_FROM", "exclusion": "EXCLUDED_FROM",
	"participant": "PARTICIPATED_IN", "party": "PARTICIPATED_IN", "party2": "PARTICIPATED_IN",
	"agent": "AGENT_OF", "attacker": "AGENT_OF", "target": "TARGET_OF", "victim": "TARGET_OF",
	"place": "LOCATION_OF", "location": "LOCATION_OF", "site": "LOCATION_OF", "time": "TIME_OF",
	"theme": "THEME_OF", "proposer": "PROPOSED", "mediator": "MEDIATED", "host": "HOSTED",
}

// RoleType returns the edge type for an event role: a known role maps to its type
// (Backer → BACKED); any other becomes ROLE_OF (Theme2 → THEME_OF).
func RoleType(role string) (string, error) {
	base := strings.TrimRightFunc(role, unicode.IsDigit)
	if t, ok := roleTypes[strings.ToLower(base)]; ok {
		return t, nil
	}
	t, err := RelType(base)
	if err != nil {
		return "", err
	}
	return t + "_OF", nil
}

// Fingerprint is a hash of everything that affects an article's graph: its text,
// annotations and metadata, and the versions of whatever resolves it (extra).
func Fingerprint(a *ingest.Article, extra ...string) string {
	h := sha256.New()
	// The strings go through one small buffer: a []byte of the whole text would copy it.
	var buf [32 << 10]byte
	write := func(s string) {
		for len(s) > 0 {
			n := copy(buf[:], s)
			h.Write(buf[:n])
			s = s[n:]
		}
		h.Write([]byte{0})
	}
	for _, s := range extra {
		write(s)
	}
	for _, s := range []string{a.ID, a.Title, a.Source, a.URL, a.Published, a.Text, a.Annotations} {
		write(s)
	}
	keys := make([]string, 0, len(a.Meta))
	for k := range a.Meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		h.Write([]byte(k + "=" + a.Meta[k] + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
