package graph

import (
	"fmt"
	"maps"
	"slices"
	"sort"
)

// Node is an entity or event in the graph, identified by Key.
type Node struct {
	Key   string `json:"key"`
	Label string `json:"label"` // domain label: Person, State, ArmedGroup, Ceasefire, …
	// Event is true for event nodes (ceasefires, talks, attacks); they also carry the :Event label.
	Event    bool           `json:"event,omitempty"`
	Name     string         `json:"name"`
	QID      string         `json:"qid,omitempty"`
	Aliases  []string       `json:"aliases,omitempty"`
	Mentions int            `json:"mentions"`
	Props    map[string]any `json:"props,omitempty"`
}

// Labels returns every label of the node in the order they are written: the common
// :Entity label, :Event for events, then the domain label.
func (n Node) Labels() []string {
	ls := []string{EntityLabel}
	if n.Event {
		ls = append(ls, EventLabel)
	}
	if n.Label != "" && n.Label != EntityLabel && n.Label != EventLabel {
		ls = append(ls, n.Label)
	}
	return ls
}

// Span is a half-open range of code points in an article's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Evidence is one mention of a relationship in one article.
type Evidence struct {
	Article   string `json:"article"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"` // the article's outlet, when its metadata names one
	Sentence  int    `json:"sentence"`         // index of the sentence in the article, from 0
	Spans     string `json:"spans"`            // argument spans, "0-10;42-55", in argument order
	Text      string `json:"text,omitempty"`   // the sentence
	// Date is when what this mention states happened, resolved against the publication
	// date: the event's Time argument, else the nearest date mentioned in the sentence.
	// ISO, its length gives the precision (2016-02-27, 2016-W08, 2016-02, 2016).
	Date string `json:"date,omitempty"`
	// Event is the key of the event an edge was derived from (ATTACKS from an Attack).
	Event string `json:"event,omitempty"`
}

// Rel is a typed, directed relationship between two nodes, with its evidence.
type Rel struct {
	Type   string `json:"type"`
	From   string `json:"from"`
	To     string `json:"to"`
	Status string `json:"status"` // asserted, negated, proposed, speculated
	// Role is set on edges from an event's argument to the event: the role as annotated (Agent, Theme2, …).
	// On HOLDS_ROLE edges it is the office title.
	Role string `json:"role,omitempty"`
	// Props are further properties: date (the earliest evidence date); on HOLDS_ROLE edges
	// title, since and until.
	Props    map[string]any `json:"props,omitempty"`
	Evidence []Evidence     `json:"evidence"`
}

// ID returns the identity of the relationship: the same type, endpoints and status are one
// edge; for HOLDS_ROLE the title too, since one person can hold two offices of one state.
func (r Rel) ID() string {
	id := r.Type + "|" + r.From + "|" + r.To + "|" + r.Status
	if r.Type == HoldsRoleType {
		id += "|" + r.Role
	}
	return id
}

// Assertion statuses.
const (
	Asserted   = "asserted"
	Negated    = "negated"
	Proposed   = "proposed"
	Speculated = "speculated"
)

// Labels every node carries.
const (
	EntityLabel  = "Entity"
	EventLabel   = "Event"
	ArticleLabel = "Article"
	// MentionsType links an :Article to each entity it mentions, with the count and surface forms.
	MentionsType = "MENTIONS"
)

// ArticleInfo is the metadata of an article as stored on its :Article node.
type ArticleInfo struct {
	ID          string `json:"id"`
	Title       string `json:"title,omitempty"`
	Source      string `json:"source,omitempty"`
	URL         string `json:"url,omitempty"`
	Published   string `json:"published,omitempty"`
	Path        string `json:"path,omitempty"`
	Fingerprint string `json:"fingerprint"`
	// SourceDigest is a hash of the bytes the article was read from (set by the loader,
	// see internal/load/digest.go): a later ingest that finds the same bytes skips reading
	// them. Not part of the graph: empty in exports, left out of the graph fingerprint.
	SourceDigest string `json:"source_digest,omitempty"`
}

// Mention records that an article mentions an entity Count times, under the given forms.
type Mention struct {
	Key   string   `json:"key"`
	Count int      `json:"count"`
	Forms []string `json:"forms"`
}

// ArticleGraph is the contribution of one article to the graph: what a store writes or
// removes as one unit.
type ArticleGraph struct {
	Article  ArticleInfo `json:"article"`
	Nodes    []Node      `json:"nodes"`
	Rels     []Rel       `json:"rels"`
	Mentions []Mention   `json:"mentions"`
}

// Graph is the merged graph of many articles, as the database would hold it.
type Graph struct {
	Articles []ArticleInfo `json:"articles"`
	Nodes    []Node        `json:"nodes"`
	Rels     []Rel         `json:"rels"`
}

// Merge combines article contributions into one graph, aggregating aliases, mention counts
// and evidence exactly as the store does, in a stable order whatever the input order.
func Merge(parts []*ArticleGraph) *Graph {
	nodes := map[string]*Node{}
	rels := map[string]*Rel{}
	g := &Graph{}
	// Where articles disagree (a node's display name, a property), the article with the
	// smallest id wins, so that the result does not depend on the order of parts.
	parts = append([]*ArticleGraph(nil), parts...)
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].Article.ID < parts[j].Article.ID })
	aliases := map[string]map[string]bool{} // node key → its forms, sorted once at the end
	for _, p := range parts {
		g.Articles = append(g.Articles, p.Article)
		for _, n := range p.Nodes {
			cur, ok := nodes[n.Key]
			if !ok {
				c := n
				c.Aliases = nil
				c.Mentions = 0
				c.Props = cloneProps(n.Props)
				nodes[n.Key] = &c
				continue
			}
			// The first writer names a node; later ones only fill what is missing, as the store does.
			if cur.QID == "" {
				cur.QID = n.QID
			}
			for k, v := range n.Props {
				if _, ok := cur.Props[k]; !ok {
					if cur.Props == nil {
						cur.Props = map[string]any{}
					}
					cur.Props[k] = v
				}
			}
		}
		for _, m := range p.Mentions {
			if n, ok := nodes[m.Key]; ok {
				n.Mentions += m.Count
				if aliases[m.Key] == nil {
					aliases[m.Key] = map[string]bool{}
				}
				for _, f := range m.Forms {
					aliases[m.Key][f] = true
				}
			}
		}
		for _, r := range p.Rels {
			id := r.ID()
			cur, ok := rels[id]
			if !ok {
				c := r
				c.Evidence = append([]Evidence(nil), r.Evidence...)
				c.Props = cloneProps(r.Props)
				rels[id] = &c
				continue
			}
			cur.Evidence = append(cur.Evidence, r.Evidence...)
			// As for nodes, the first writer sets a property and later ones fill gaps.
			for k, v := range r.Props {
				if _, ok := cur.Props[k]; !ok {
					if cur.Props == nil {
						cur.Props = map[string]any{}
					}
					cur.Props[k] = v
				}
			}
		}
	}
	for k, set := range aliases {
		if len(set) > 0 {
			nodes[k].Aliases = slices.Sorted(maps.Keys(set))
		}
	}
	g.Nodes, g.Rels = sortedGraph(nodes, rels)
	sort.Slice(g.Articles, func(i, j int) bool { return g.Articles[i].ID < g.Articles[j].ID })
	return g
}

// sortedGraph turns nodes and relationships gathered by key into slices in key order, each
// relationship's evidence sorted and its date set: the stable form Build and Merge return.
func sortedGraph(nodes map[string]*Node, rels map[string]*Rel) ([]Node, []Rel) {
	var ns []Node
	for _, n := range nodes {
		ns = append(ns, *n)
	}
	// rels is keyed by ID: sorting the keys spares building an ID at every comparison.
	var rs []Rel
	for _, id := range slices.Sorted(maps.Keys(rels)) {
		r := rels[id]
		SortEvidence(r.Evidence)
		setRelDate(r)
		rs = append(rs, *r)
	}
	sort.Slice(ns, func(i, j int) bool { return ns[i].Key < ns[j].Key })
	return ns, rs
}

// SortEvidence orders evidence by article, sentence and spans.
func SortEvidence(ev []Evidence) {
	sort.Slice(ev, func(i, j int) bool {
		a, b := ev[i], ev[j]
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		if a.Sentence != b.Sentence {
			return a.Sentence < b.Sentence
		}
		return a.Spans < b.Spans
	})
}

// Articles returns the distinct article ids of the evidence, sorted.
func Articles(ev []Evidence) []string {
	if len(ev) == 0 {
		return nil
	}
	set := make(map[string]bool)
	for _, e := range ev {
		set[e.Article] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// Sources returns the distinct outlets of the articles behind the evidence, sorted (nil
// when none of them names its outlet).
func Sources(ev []Evidence) []string {
	var out []string
	for _, e := range ev {
		if e.Source != "" {
			out = append(out, e.Source)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// SeenRange returns the first and last publication dates among the evidence ("" when none).
func SeenRange(ev []Evidence) (first, last string) {
	for _, e := range ev {
		if e.Published == "" {
			continue
		}
		if first == "" || e.Published < first {
			first = e.Published
		}
		if last == "" || e.Published > last {
			last = e.Published
		}
	}
	return first, last
}

func cloneProps(p map[string]any) map[string]any {
	if p == nil {
		return nil
	}
	c := make(map[string]any, len(p))
	for k, v := range p {
		c[k] = v
	}
	return c
}

// NodeByKey returns the node with key, if any.
func (g *Graph) NodeByKey(key string) (Node, bool) {
	i := sort.Search(len(g.Nodes), func(i int) bool { return g.Nodes[i].Key >= key })
	if i < len(g.Nodes) && g.Nodes[i].Key == key {
		return g.Nodes[i], true
	}
	return Node{}, false
}

// String is a short summary used in messages.
func (g *Graph) String() string {
	return fmt.Sprintf("graph: %d articles, %d nodes, %d relationships", len(g.Articles), len(g.Nodes), len(g.Rels))
}
