package schema

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/dipgraph/dipgraph/graph"
)

// Date is a calendar date ("2016-04-24"), stored as a Neo4j DATE.
type Date string

// Prop is one property of a node or relationship. Value is a string, int64, float64,
// bool, Date, []string or []int64.
type Prop struct {
	Key   string
	Value any
}

// Props is a property list in a fixed order.
type Props []Prop

// Map returns the properties as a map (dates as strings).
func (ps Props) Map() map[string]any {
	m := make(map[string]any, len(ps))
	for _, p := range ps {
		if d, ok := p.Value.(Date); ok {
			m[p.Key] = string(d)
			continue
		}
		m[p.Key] = p.Value
	}
	return m
}

// reserved are the entity properties the store computes; a builder property of the same
// name never overrides them.
var reserved = map[string]bool{"key": true, "name": true, "qid": true, "aliases": true, "mention_count": true,
	"article_count": true, "max_article_id": true}

// Reserved reports whether an entity property is one the store computes rather than one
// an article gave.
func Reserved(key string) bool { return reserved[key] }

// EntityProps returns the properties of an entity node: n as graph.Merge aggregated it,
// mentioned by articles articles, the greatest of whose ids is lastArticle.
func EntityProps(n graph.Node, articles int, lastArticle string) map[string]any {
	m := map[string]any{
		"key":            n.Key,
		"name":           n.Name,
		"aliases":        nonNil(n.Aliases),
		"mention_count":  int64(n.Mentions),
		"article_count":  int64(articles),
		"max_article_id": lastArticle,
	}
	if n.QID != "" {
		m["qid"] = n.QID
	}
	for k, v := range n.Props {
		if !reserved[k] {
			m[k] = normalise(v)
		}
	}
	return m
}

// MentionProps returns the properties of the MENTIONS edge from an article to node n: the
// count and forms of m, and what the article says about the entity (name, label, QID,
// other properties as JSON), from which the store recomputes the entity.
func MentionProps(n graph.Node, m graph.Mention) (map[string]any, error) {
	p := map[string]any{
		"count": int64(m.Count),
		"forms": nonNil(m.Forms),
		"name":  n.Name,
		"label": n.Label,
		"event": n.Event,
	}
	if n.QID != "" {
		p["qid"] = n.QID
	}
	if len(n.Props) > 0 {
		b, err := json.Marshal(n.Props)
		if err != nil {
			return nil, fmt.Errorf("encode properties: %w", err)
		}
		p["props"] = string(b)
	}
	return p, nil
}

// FromMention is the inverse of MentionProps: the node and mention an article contributed.
func FromMention(key string, p map[string]any) (graph.Node, graph.Mention, error) {
	n := graph.Node{Key: key}
	n.Name, _ = p["name"].(string)
	n.Label, _ = p["label"].(string)
	n.Event, _ = p["event"].(bool)
	n.QID, _ = p["qid"].(string)
	if s, ok := p["props"].(string); ok && s != "" {
		if err := json.Unmarshal([]byte(s), &n.Props); err != nil {
			return n, graph.Mention{}, fmt.Errorf("decode mention properties: %w", err)
		}
	}
	m := graph.Mention{Key: key}
	c, _ := p["count"].(int64)
	m.Count = int(c)
	m.Forms = Strings(p["forms"])
	return n, m, nil
}

// RelFixedProps returns the properties a relationship gets when it is created, besides
// its status: its role and the event coding of its type.
func RelFixedProps(r graph.Rel) map[string]any {
	m := map[string]any{}
	// The role an argument plays in an event (Agent, Backer2, …) is how one article put it;
	// another may put it otherwise, and the edge must not depend on which was loaded first,
	// so it stays in the annotations. HOLDS_ROLE keeps its title, part of its identity.
	for k, v := range r.Props {
		if k == "date" {
			continue // aggregated from the evidence, like first_seen
		}
		m[k] = v
	}
	if r.Type == graph.HoldsRoleType {
		m["title"] = r.Role
	}
	if c, ok := graph.CodingOf(r.Type); ok {
		m["family"] = c.Family
		if c.CAMEO != "" {
			m["cameo"] = c.CAMEO
			m["goldstein"] = c.Goldstein
			m["plover"] = c.PLOVER
			m["quad_class"] = int64(c.QuadClass)
		}
	}
	return m
}

// RelProps returns every property of a domain relationship as the store holds it, from r
// as graph.Merge aggregated it: its identity, coding and aggregates (counts, dates and the
// sorted outlets of its articles, sources, when any names one). The evidence itself
// is not on the relationship but on :Evidence nodes (EvidenceProps).
func RelProps(r graph.Rel) Props {
	ps := Props{{"status", r.Status}}
	fixed := RelFixedProps(r)
	for _, k := range slices.Sorted(maps.Keys(fixed)) {
		ps = append(ps, Prop{k, fixed[k]})
	}
	ps = append(ps, Prop{"key", r.ID()})
	if when := EarliestDate(r.Evidence); when != "" {
		ps = append(ps, Prop{"date", when})
	}
	ps = append(ps, Prop{"article_count", int64(len(graph.Articles(r.Evidence)))},
		Prop{"mention_count", int64(len(r.Evidence))})
	first, last := graph.SeenRange(r.Evidence)
	if first != "" {
		ps = append(ps, Prop{"first_seen", Date(first)}, Prop{"last_seen", Date(last)})
	}
	if srcs := graph.Sources(r.Evidence); len(srcs) > 0 {
		ps = append(ps, Prop{"sources", srcs})
	}
	return ps
}

// EvidenceProps returns the properties of the :Evidence node of e, a piece of evidence of
// r: the key of the relationship (rel) and of its ends (from, to), the article, the
// sentence's index, the argument spans and, when known, the sentence's text, the article's
// publication date and outlet, the date of what it states and the event the edge comes from.
func EvidenceProps(r graph.Rel, e graph.Evidence) Props {
	ps := Props{{"rel", r.ID()}, {"from", r.From}, {"to", r.To}, {"article", e.Article},
		{"sentence", int64(e.Sentence)}, {"spans", e.Spans}}
	if e.Text != "" {
		ps = append(ps, Prop{"text", e.Text})
	}
	if e.Published != "" {
		ps = append(ps, Prop{"published", Date(e.Published)})
	}
	if e.Source != "" {
		ps = append(ps, Prop{"source", e.Source})
	}
	if e.Date != "" {
		ps = append(ps, Prop{"date", e.Date})
	}
	if e.Event != "" {
		ps = append(ps, Prop{"event", e.Event})
	}
	return ps
}

// ArticleProps returns the properties of an :Article node.
func ArticleProps(a graph.ArticleInfo) Props {
	ps := Props{{"id", a.ID}, {"title", a.Title}, {"source", a.Source}, {"url", a.URL}, {"path", a.Path}}
	if a.Published != "" {
		ps = append(ps, Prop{"published", Date(a.Published)})
	}
	if a.SourceDigest != "" {
		ps = append(ps, Prop{SourceDigest, a.SourceDigest})
	}
	return append(ps, Prop{"fingerprint", a.Fingerprint})
}

// EarliestDate returns the earliest date of the evidence, "" when none is dated: the date
// of a relationship.
func EarliestDate(evidence []graph.Evidence) string {
	when := ""
	for _, e := range evidence {
		if e.Date != "" && (when == "" || e.Date < when) {
			when = e.Date
		}
	}
	return when
}

// sorted turns a map into a property list in key order.
func sorted(m map[string]any) Props {
	ps := make(Props, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		ps = append(ps, Prop{k, m[k]})
	}
	return ps
}

// normalise turns decoded JSON and other Go values into the property value types.
func normalise(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case []any:
		ss := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return x
			}
			ss = append(ss, s)
		}
		return ss
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Strings returns the strings of a list as the driver returns it ([]any); anything else,
// or an element that is not a string, gives nothing.
func Strings(v any) []string {
	var out []string
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}
