package graph

import (
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
const ModelVersion = "1"

// NewBuilder returns a builder that resolves against the gazetteer (nil: the built-in one).
func NewBuilder(g *Gazetteer) *Builder {
	if g == nil {
		g = BuiltinGazetteer()
	}
	return &Builder{Gazetteer: g}
}

// resolved is what one mention resolves to.
type resolved struct {
	key, label, name, qid string
	event, date           bool
	altNames              []string // other names of the actor known to the gazetteer
}

// Build resolves one article into its contribution. It expects a valid article (see
// ingest.Validate); references it cannot resolve are an error.
func (b *Builder) Build(a *ingest.Article) (*ArticleGraph, error) {
	runes := []rune(a.Text)
	sents := ingest.Sentences(a.Text)
	ag := &ArticleGraph{Article: ArticleInfo{
		ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published,
		Path: a.Path, Fingerprint: Fingerprint(a, ModelVersion, b.Gazetteer.Digest()),
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
	ms := append([]ingest.Mention(nil), a.Mentions...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start() < ms[j].Start() })
	byMention := map[string]resolved{}
	var people []resolved // persons seen so far in this article, for surname references
	for _, m := range ms {
		r, err := b.resolveMention(a, m, norms, people)
		if err != nil {
			return nil, err
		}
		byMention[m.ID] = r
		if r.label == "Person" && !r.date {
			people = append(people, r)
		}
	}
	// Equivalent mentions share the key of the best-identified member.
	for _, eq := range a.Equivs {
		best := ""
		for _, id := range eq.Refs {
			r, ok := byMention[id]
			if !ok {
				return nil, fmt.Errorf("%s: equivalence refers to unknown %s", a.Location(eq.Line), id)
			}
			if best == "" || rank(r) > rank(byMention[best]) {
				best = id
			}
		}
		for _, id := range eq.Refs {
			byMention[id] = byMention[best]
		}
	}

	nodes := map[string]*Node{}
	mentions := map[string]*Mention{}
	for _, m := range ms {
		r := byMention[m.ID]
		if r.date {
			continue
		}
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
		}
		mm.Count++
		mm.Forms = union(mm.Forms, []string{strings.TrimSpace(m.Text)})
	}

	// Events: the trigger is the event node; each argument gets a role edge to it.
	eventKey := map[string]string{}
	for _, e := range a.Events {
		r, ok := byMention[e.Trigger]
		if !ok {
			return nil, fmt.Errorf("%s: event %s has unknown trigger %s", a.Location(e.Line), e.ID, e.Trigger)
		}
		label, err := Label(e.Type)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a.Location(e.Line), err)
		}
		n := nodes[r.key]
		n.Event = true
		if n.Label == "" || !IsEventLabel(n.Label) {
			n.Label = label
		}
		eventKey[e.ID] = r.key
	}
	endpoint := func(ref string) (string, []ingest.Span, bool) {
		if k, ok := eventKey[ref]; ok {
			for _, e := range a.Events {
				if e.ID == ref {
					m, _ := a.MentionByID(e.Trigger)
					return k, m.Spans, true
				}
			}
		}
		r, ok := byMention[ref]
		if !ok || r.date {
			return "", nil, false
		}
		m, _ := a.MentionByID(ref)
		return r.key, m.Spans, true
	}
	evidence := func(spans ...[]ingest.Span) Evidence {
		first := -1
		var parts []string
		for _, ss := range spans {
			var ps []string
			for _, s := range ss {
				if first < 0 || s.Start < first {
					first = s.Start
				}
				ps = append(ps, fmt.Sprintf("%d-%d", s.Start, s.End))
			}
			parts = append(parts, strings.Join(ps, ","))
		}
		ev := Evidence{Article: a.ID, Published: a.Published, Spans: strings.Join(parts, ";"), Sentence: -1}
		if i := ingest.SentenceAt(sents, first); i >= 0 {
			ev.Sentence = i
			ev.Text = string(runes[sents[i].Start:sents[i].End])
		}
		return ev
	}

	rels := map[string]*Rel{}
	addRel := func(r Rel) {
		id := r.ID()
		if cur, ok := rels[id]; ok {
			cur.Evidence = append(cur.Evidence, r.Evidence...)
			return
		}
		rels[id] = &r
	}
	for _, rel := range a.Relations {
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
		addRel(Rel{Type: typ, From: from, To: to, Status: status(attrs[rel.ID]),
			Evidence: []Evidence{evidence(fs, ts)}})
	}
	for _, e := range a.Events {
		ek := eventKey[e.ID]
		trig, _ := a.MentionByID(e.Trigger)
		st := status(attrs[e.ID])
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
				Evidence: []Evidence{evidence(fs, trig.Spans)}})
		}
	}

	for _, n := range nodes {
		ag.Nodes = append(ag.Nodes, *n)
	}
	for _, m := range mentions {
		ag.Mentions = append(ag.Mentions, *m)
	}
	for _, r := range rels {
		SortEvidence(r.Evidence)
		ag.Rels = append(ag.Rels, *r)
	}
	sort.Slice(ag.Nodes, func(i, j int) bool { return ag.Nodes[i].Key < ag.Nodes[j].Key })
	sort.Slice(ag.Mentions, func(i, j int) bool { return ag.Mentions[i].Key < ag.Mentions[j].Key })
	sort.Slice(ag.Rels, func(i, j int) bool { return ag.Rels[i].ID() < ag.Rels[j].ID() })
	return ag, nil
}

// rank orders how well a mention is identified: knowledge-base id, gazetteer, name length.
func rank(r resolved) int {
	switch {
	case strings.HasPrefix(r.key, "wikidata:"):
		return 3000 + len(r.name)
	case strings.HasPrefix(r.key, "gazetteer:"):
		return 2000 + len(r.name)
	default:
		return len(r.name)
	}
}

func (b *Builder) resolveMention(a *ingest.Article, m ingest.Mention, norms map[string]ingest.Norm, people []resolved) (resolved, error) {
	label, err := Label(m.Type)
	if err != nil {
		return resolved{}, fmt.Errorf("%s: %v", a.Location(m.Line), err)
	}
	text := strings.Join(strings.Fields(m.Text), " ")
	r := resolved{label: label, name: text, event: IsEventLabel(label), date: IsDateLabel(label)}
	if r.date {
		r.key = "date:" + text
		return r, nil
	}
	if n, ok := norms[m.ID]; ok {
		if strings.EqualFold(n.DB, "wikidata") {
			r.qid = n.DBID
			r.key = "wikidata:" + n.DBID
			if act, ok := b.Gazetteer.ByID(n.DBID); ok {
				r.name = act.Name
				r.label = act.Type
				r.altNames = append([]string{act.Name}, act.Aliases...)
			} else if n.Text != "" {
				r.name = n.Text
			}
			return r, nil
		}
		r.key = strings.ToLower(n.DB) + ":" + n.DBID
		if n.Text != "" {
			r.name = n.Text
		}
		return r, nil
	}
	// The longest known name at the end of the mention wins, so a title before a name
	// ("US Secretary of State John Kerry") still finds the person.
	ws := strings.Fields(text)
	for i := 0; i < len(ws); i++ {
		if act, ok := b.Gazetteer.Lookup(strings.Join(ws[i:], " "), label); ok {
			r.key, r.name, r.qid = act.Key(), act.Name, act.QID
			r.altNames = append([]string{act.Name}, act.Aliases...)
			if !r.event {
				r.label = act.Type
			}
			return r, nil
		}
		if label != "Person" {
			break // only people carry titles before their names
		}
	}
	if label == "Person" {
		// A surname or short form refers back to a person named in full earlier.
		for i := len(people) - 1; i >= 0; i-- {
			if refersTo(text, people[i].name) {
				return people[i], nil
			}
		}
	}
	r.key = strings.ToLower(label) + ":" + NormName(text)
	if r.event {
		// An event named only by a common noun ("the ceasefire") is this article's own
		// event until a normalisation (brat N line) ties it to one shared across articles.
		r.key = strings.ToLower(label) + ":" + a.ID + ":" + NormName(text)
	}
	if NormName(text) == "" {
		r.key = strings.ToLower(label) + ":" + m.ID
	}
	return r, nil
}

// refersTo reports whether short is a surname or other shorter form of full.
func refersTo(short, full string) bool {
	s := strings.Fields(NormName(short))
	f := strings.Fields(NormName(full))
	if len(s) == 0 || len(s) >= len(f) {
		return false
	}
	// Every word of the short form appears, in order, at the end of the full name.
	return strings.Join(f[len(f)-len(s):], " ") == strings.Join(s, " ")
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
	for _, s := range extra {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, s := range []string{a.ID, a.Title, a.Source, a.URL, a.Published, a.Text, a.Annotations} {
		h.Write([]byte(s))
		h.Write([]byte{0})
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
