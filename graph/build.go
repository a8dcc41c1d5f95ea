package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
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
const ModelVersion = "3"

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
	s := newArticleBuild(b, a)
	if err := s.resolveMentions(ctx); err != nil {
		return nil, err
	}
	if err := s.mergeEquivalents(); err != nil {
		return nil, err
	}
	s.dates = newDateContext(a, s.sentenceOf, s.ms, s.byMention)
	s.ev = &events{a: a, byMention: s.byMention, norms: s.norms, dates: s.dates, group: s.group}
	if err := s.ev.identify(); err != nil {
		return nil, err
	}
	s.addMentionNodes()
	if err := s.labelEventNodes(); err != nil {
		return nil, err
	}
	s.dateEventNodes()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := s.addRelations(ctx); err != nil {
		return nil, err
	}
	if err := s.addEventRoles(ctx); err != nil {
		return nil, err
	}
	s.addHeldRoles()
	return s.graph(), nil
}

// articleBuild is the state of building one article's graph, step by step: resolve the
// mentions, merge equivalent ones, identify the events, then add nodes and edges.
type articleBuild struct {
	a *ingest.Article
	// Sentences are found and cut in bytes, and mention offsets (in code points) turned
	// into bytes to find theirs: the text is never copied as code points, which would
	// take four times its size.
	sentBytes []ingest.Span
	offsets   *ingest.TextIndex
	sentText  map[int]string // sentence → its text, copied once however much evidence cites it

	norms map[string]ingest.Norm        // mention id → its normalisation
	attrs map[string][]ingest.Attribute // annotation id → its attributes
	mr    *mentionResolver

	ms          []ingest.Mention // in text order, so a short name can refer back to a full one
	mentionByID map[string]ingest.Mention
	byMention   map[string]resolved
	group       map[string]string // mention id → its equivalence group
	dates       *dateContext
	ev          *events

	ag       *ArticleGraph
	nodes    map[string]*Node
	mentions map[string]*Mention
	forms    map[string]map[string]bool // node key → its surface forms, sorted at the end
	rels     map[string]*Rel
}

func newArticleBuild(b *Builder, a *ingest.Article) *articleBuild {
	s := &articleBuild{
		a:         a,
		sentBytes: ingest.SentenceBytes(a.Text),
		offsets:   ingest.NewTextIndex(a.Text),
		sentText:  map[int]string{},
		norms:     map[string]ingest.Norm{},
		attrs:     map[string][]ingest.Attribute{},
		ag: &ArticleGraph{Article: ArticleInfo{
			ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published,
			Path: a.Path, Fingerprint: b.Fingerprint(a),
		}},
		nodes:    map[string]*Node{},
		mentions: map[string]*Mention{},
		forms:    map[string]map[string]bool{},
		rels:     map[string]*Rel{},
	}
	for _, n := range a.Norms {
		if old, ok := s.norms[n.Target]; ok && strings.EqualFold(old.DB, "wikidata") {
			continue // a Wikidata normalisation wins over any other
		}
		s.norms[n.Target] = n
	}
	for _, at := range a.Attributes {
		s.attrs[at.Target] = append(s.attrs[at.Target], at)
	}
	s.mr = newMentionResolver(b, a, s.norms)
	return s
}

// sentenceOf returns the index of the sentence holding the code point at runeOffset, -1
// for a negative offset.
func (s *articleBuild) sentenceOf(runeOffset int) int {
	if runeOffset < 0 {
		return -1
	}
	return ingest.SentenceAt(s.sentBytes, s.offsets.Byte(runeOffset))
}

// resolveMentions gives every mention, in text order, its entity key.
func (s *articleBuild) resolveMentions(ctx context.Context) error {
	s.ms = sortedMentions(s.a.Mentions)
	s.mentionByID = make(map[string]ingest.Mention, len(s.ms))
	s.byMention = map[string]resolved{}
	s.group = make(map[string]string, len(s.ms))
	order := make([]string, 0, len(s.ms))
	for i, m := range s.ms {
		if i%checkEvery == checkEvery-1 && ctx.Err() != nil {
			return ctx.Err()
		}
		r, err := s.mr.resolve(m)
		if err != nil {
			return err
		}
		s.byMention[m.ID] = r
		s.mentionByID[m.ID] = m
		s.group[m.ID] = m.ID
		order = append(order, m.ID)
	}
	laterReferences(order, s.byMention)
	return nil
}

// mergeEquivalents gives equivalent mentions the key of the best-identified member; each
// keeps its own form.
func (s *articleBuild) mergeEquivalents() error {
	for _, eq := range s.a.Equivs {
		best := ""
		for _, id := range eq.Refs {
			r, ok := s.byMention[id]
			if !ok {
				return fmt.Errorf("%s: equivalence refers to unknown %s", s.a.Location(eq.Line), id)
			}
			if best == "" || strength(r) > strength(s.byMention[best]) {
				best = id
			}
		}
		for _, id := range eq.Refs {
			x := s.byMention[best]
			x.form, x.role = s.byMention[id].form, s.byMention[id].role
			s.byMention[id] = x
			s.group[id] = s.group[best]
		}
	}
	return nil
}

// addNode adds the node r resolves to, once, and counts the mention with its form.
func (s *articleBuild) addNode(r resolved, form string) {
	if _, ok := s.nodes[r.key]; !ok {
		n := &Node{Key: r.key, Label: r.label, Event: r.event, Name: r.name, QID: r.qid}
		if len(r.altNames) > 0 {
			n.Props = map[string]any{"alt_names": r.altNames}
		}
		s.nodes[r.key] = n
	}
	mm := s.mentions[r.key]
	if mm == nil {
		mm = &Mention{Key: r.key}
		s.mentions[r.key] = mm
		s.forms[r.key] = map[string]bool{}
	}
	mm.Count++
	s.forms[r.key][strings.TrimSpace(form)] = true
}

// addMentionNodes adds a node for every mention that is not a date.
func (s *articleBuild) addMentionNodes() {
	for _, m := range s.ms {
		r := s.byMention[m.ID]
		if r.date {
			continue
		}
		s.addNode(r, r.form)
		if r.role != nil {
			// The state in "US Secretary of State" is mentioned too.
			s.addNode(r.role.of, r.role.of.form)
		}
	}
}

// labelEventNodes marks the nodes of event triggers as events with the event's label.
func (s *articleBuild) labelEventNodes() error {
	for _, e := range s.a.Events {
		n := s.nodes[s.ev.key[e.ID]]
		if n == nil {
			return fmt.Errorf("%s: event %s: trigger %s is not an event mention", s.a.Location(e.Line), e.ID, e.Trigger)
		}
		label, _ := Label(e.Type)
		n.Event = true
		if n.Label == "" || !IsEventLabel(n.Label) {
			n.Label = label
		}
	}
	return nil
}

// dateEventNodes gives events the date of their Time argument, or else of the nearest
// date in the sentence of their trigger.
func (s *articleBuild) dateEventNodes() {
	for _, m := range s.ms {
		r := s.byMention[m.ID]
		if !r.event {
			continue
		}
		n := s.nodes[r.key]
		d := s.ev.dateOf(m.ID)
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
}

// evidence is the evidence of the spans: their offsets, the sentence of the first and its
// text, and date, or else the date nearest to the spans in that sentence.
func (s *articleBuild) evidence(date string, spans ...[]ingest.Span) Evidence {
	first, last := -1, -1
	var parts []string
	for _, ss := range spans {
		var ps []string
		for _, sp := range ss {
			if first < 0 || sp.Start < first {
				first = sp.Start
			}
			if sp.End > last {
				last = sp.End
			}
			ps = append(ps, fmt.Sprintf("%d-%d", sp.Start, sp.End))
		}
		parts = append(parts, strings.Join(ps, ","))
	}
	e := Evidence{Article: s.a.ID, Published: s.a.Published, Source: s.a.Source, Spans: strings.Join(parts, ";"), Sentence: -1}
	if i := s.sentenceOf(first); i >= 0 {
		e.Sentence = i
		t, ok := s.sentText[i]
		if !ok {
			t = strings.Clone(s.a.Text[s.sentBytes[i].Start:s.sentBytes[i].End])
			s.sentText[i] = t
		}
		e.Text = t
		if date == "" {
			date = s.dates.nearest(i, first, last)
		}
	}
	e.Date = date
	return e
}

// addRel adds r, or merges its evidence and missing properties into the edge already
// there with its id.
func (s *articleBuild) addRel(r Rel) {
	id := r.ID()
	if cur, ok := s.rels[id]; ok {
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
	s.rels[id] = &r
}

// endpoint returns the node key and spans of a relation or role argument: an event or a
// mention; ok is false for a date or an unknown mention.
func (s *articleBuild) endpoint(ref string) (key string, spans []ingest.Span, ok bool) {
	if k, ok := s.ev.key[ref]; ok {
		return k, s.mentionByID[s.ev.trigger[ref]].Spans, true
	}
	r, ok := s.byMention[ref]
	if !ok || r.date {
		return "", nil, false
	}
	return r.key, s.mentionByID[ref].Spans, true
}

// isEvent reports whether the node of key is an event of this article.
func (s *articleBuild) isEvent(key string) bool {
	n := s.nodes[key]
	return n != nil && n.Event
}

// addRelations adds an edge for every relation between two entities or events.
func (s *articleBuild) addRelations(ctx context.Context) error {
	a := s.a
	for i, rel := range a.Relations {
		if i%checkEvery == checkEvery-1 && ctx.Err() != nil {
			return ctx.Err()
		}
		if len(rel.Args) < 2 {
			return fmt.Errorf("%s: relation %s needs two arguments", a.Location(rel.Line), rel.ID)
		}
		typ, err := RelType(rel.Type)
		if err != nil {
			return fmt.Errorf("%s: %v", a.Location(rel.Line), err)
		}
		from, fs, ok1 := s.endpoint(rel.Args[0].Ref)
		to, ts, ok2 := s.endpoint(rel.Args[1].Ref)
		if !ok1 || !ok2 {
			continue // a relation to a date or unknown mention carries no edge
		}
		if Mutual(typ) && to < from && !s.isEvent(from) && !s.isEvent(to) {
			from, to, fs, ts = to, from, ts, fs
		}
		e := s.evidence("", fs, ts)
		if e.Date == "" {
			// A role in a dated event ("X is excluded from the truce") takes the event's date.
			for _, arg := range rel.Args[:2] {
				if n := s.nodes[s.byMention[arg.Ref].key]; e.Date == "" && n != nil && n.Event && n.Props["date"] != nil {
					e.Date, _ = n.Props["date"].(string)
				}
			}
		}
		s.addRel(Rel{Type: typ, From: from, To: to, Status: status(s.attrs[rel.ID]), Evidence: []Evidence{e}})
	}
	return nil
}

// addEventRoles adds an edge from every event argument to its event, and the edges
// between arguments the event's type implies (see derive).
func (s *articleBuild) addEventRoles(ctx context.Context) error {
	a := s.a
	for i, e := range a.Events {
		if i%checkEvery == checkEvery-1 && ctx.Err() != nil {
			return ctx.Err()
		}
		ek := s.ev.key[e.ID]
		trig := s.mentionByID[e.Trigger]
		st := status(append(append([]ingest.Attribute(nil), s.attrs[e.ID]...), s.attrs[e.Trigger]...))
		date := s.ev.dateOf(e.Trigger)
		var args []eventArg
		for _, arg := range e.Args {
			from, fs, ok := s.endpoint(arg.Ref)
			if !ok {
				continue
			}
			typ, err := RoleType(arg.Role)
			if err != nil {
				return fmt.Errorf("%s: event %s: %v", a.Location(e.Line), e.ID, err)
			}
			s.addRel(Rel{Type: typ, From: from, To: ek, Status: st, Role: arg.Role,
				Evidence: []Evidence{s.evidence(date, fs, trig.Spans)}})
			args = append(args, eventArg{role: typ, key: from, spans: fs})
		}
		for _, d := range derive(s.nodes[ek].Label, args) {
			evd := s.evidence(date, d.from.spans, d.to.spans, trig.Spans)
			evd.Event = ek
			s.addRel(Rel{Type: d.typ, From: d.from.key, To: d.to.key, Status: st, Evidence: []Evidence{evd}})
		}
	}
	return nil
}

// addHeldRoles turns titles into offices held, with the article as evidence of when.
func (s *articleBuild) addHeldRoles() {
	for _, m := range s.ms {
		r := s.byMention[m.ID]
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
		s.addRel(Rel{Type: HoldsRoleType, From: r.key, To: r.role.of.key, Status: Asserted, Role: r.role.title,
			Props: props, Evidence: []Evidence{s.evidence(s.a.Published, m.Spans)}})
	}
}

// graph returns the article's graph: nodes, edges and mentions in a stable order.
func (s *articleBuild) graph() *ArticleGraph {
	ag := s.ag
	ag.Nodes, ag.Rels = sortedGraph(s.nodes, s.rels)
	for k, m := range s.mentions {
		m.Forms = slices.Sorted(maps.Keys(s.forms[k]))
		ag.Mentions = append(ag.Mentions, *m)
	}
	sort.Slice(ag.Mentions, func(i, j int) bool { return ag.Mentions[i].Key < ag.Mentions[j].Key })
	return ag
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
	for _, k := range slices.Sorted(maps.Keys(a.Meta)) {
		h.Write([]byte(k + "=" + a.Meta[k] + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}
