package storetest

import (
	"fmt"
	"math/rand"
	"slices"

	"github.com/dipgraph/dipgraph/graph"
)

// actor is an entity of the contract's articles, with the names articles give it.
type actor struct {
	key, label string
	names      []string
	qid        string
	event      bool
}

var actors = []actor{
	{"wikidata:Q159", "State", []string{"Russia", "Russian Federation", "the Kremlin"}, "Q159", false},
	{"state:united states", "State", []string{"United States", "US", "Washington"}, "", false},
	{"state:syria", "State", []string{"Syria", "Syrian Arab Republic"}, "Q858", false},
	{"person:sergey lavrov", "Person", []string{"Sergey Lavrov", "Lavrov", "Sergei Lavrov"}, "Q130810", false},
	{"person:john kerry", "Person", []string{"John Kerry", "Kerry"}, "", false},
	{"armedgroup:black banner brigade", "ArmedGroup", []string{"Black Banner Brigade", "black banner brigade"}, "", false},
	{"wikidata:Q2429253", "ArmedGroup", []string{"Islamic State", "ISIL", "Daesh"}, "Q2429253", false},
	{"organisation:issg", "Organisation", []string{"ISSG", "International Syria Support Group"}, "", false},
	{"talks:2016-02-12:4f1c2a9e0b3d", "Talks", []string{"Munich talks", "the talks"}, "", true},
	{"ceasefire:dipgraph-syria-2016", "Ceasefire", []string{"cessation of hostilities", "truce"}, "", true},
}

// Articles returns n articles (ids art-00 …) made from seed: each mentions some of a
// shared set of actors and events, under names, QIDs and properties that differ between
// articles, and states relationships between them with evidence.
func Articles(n int, seed int64) []*graph.ArticleGraph {
	rng := rand.New(rand.NewSource(seed))
	out := make([]*graph.ArticleGraph, n)
	for i := range out {
		out[i] = article(rng, i)
	}
	return out
}

func article(rng *rand.Rand, i int) *graph.ArticleGraph {
	id := fmt.Sprintf("art-%02d", i)
	published := ""
	if i%5 != 4 {
		published = fmt.Sprintf("2016-%02d-%02d", 1+i%12, 1+rng.Intn(28))
	}
	// Three outlets, one of them unnamed, so that relationships have sources to count.
	source := []string{"storetest", "storetest wire", ""}[i%3]
	ag := &graph.ArticleGraph{Article: graph.ArticleInfo{ID: id, Title: "Contract article " + id, Source: source,
		URL: "https://example.org/" + id, Path: id + ".json", Published: published, Fingerprint: id + "-v1"}}
	picked := rng.Perm(len(actors))[:3+rng.Intn(4)]
	slices.Sort(picked)
	for _, k := range picked {
		ag.Nodes = append(ag.Nodes, node(rng, actors[k]))
		ag.Mentions = append(ag.Mentions, mention(rng, actors[k]))
	}
	seen := map[string]bool{}
	for s := 0; s < 2+rng.Intn(4); s++ {
		a, b := actors[picked[rng.Intn(len(picked))]], actors[picked[rng.Intn(len(picked))]]
		if a.key == b.key {
			continue
		}
		r := rel(rng, a, b)
		if seen[r.ID()] {
			continue
		}
		seen[r.ID()] = true
		r.Evidence = evidence(rng, id, published, source, s)
		ag.Rels = append(ag.Rels, r)
	}
	return ag
}

// node is what one article says of an actor: one of its names, its QID or not, and
// properties that differ between articles.
func node(rng *rand.Rand, a actor) graph.Node {
	n := graph.Node{Key: a.key, Label: a.label, Event: a.event, Name: a.names[rng.Intn(len(a.names))], Mentions: 1}
	if a.qid != "" && rng.Intn(3) > 0 {
		n.QID = a.qid
	}
	switch rng.Intn(3) {
	case 0:
		n.Props = map[string]any{"alt_names": []any{a.names[len(a.names)-1], a.names[0]}}
	case 1:
		n.Props = map[string]any{"country": "SYR", "rank": float64(rng.Intn(3))}
	}
	if a.event {
		if n.Props == nil {
			n.Props = map[string]any{}
		}
		n.Props["date"] = "2016-02-12"
	}
	return n
}

func mention(rng *rand.Rand, a actor) graph.Mention {
	forms := []string{a.names[rng.Intn(len(a.names))]}
	if rng.Intn(2) == 0 {
		forms = append(forms, a.names[0])
	}
	slices.Sort(forms)
	return graph.Mention{Key: a.key, Count: 1 + rng.Intn(3), Forms: slices.Compact(forms)}
}

// rel is a relationship from a to b of a type that suits them. A relationship's fixed
// properties depend on its identity only, as the builder's do.
func rel(rng *rand.Rand, a, b actor) graph.Rel {
	status := []string{graph.Asserted, graph.Asserted, graph.Negated, graph.Proposed}[rng.Intn(4)]
	switch {
	case b.event:
		return graph.Rel{Type: "BACKED", From: a.key, To: b.key, Status: status, Role: "Backer"}
	case a.label == "Person" && b.label == "State":
		title := []string{"Foreign Minister", "Secretary of State"}[rng.Intn(2)]
		return graph.Rel{Type: graph.HoldsRoleType, From: a.key, To: b.key, Status: graph.Asserted, Role: title,
			Props: map[string]any{"title": title, "since": "2012-05-21"}}
	case a.label == "Person" && b.label == "Person":
		return graph.Rel{Type: "MET_WITH", From: min(a.key, b.key), To: max(a.key, b.key), Status: status}
	default:
		return graph.Rel{Type: []string{"FIGHTS", "CRITICISED", "URGED"}[rng.Intn(3)], From: a.key, To: b.key, Status: status}
	}
}

func evidence(rng *rand.Rand, article, published, source string, sentence int) []graph.Evidence {
	var out []graph.Evidence
	for k := 0; k <= rng.Intn(2); k++ {
		e := graph.Evidence{Article: article, Published: published, Source: source, Sentence: sentence + 10*k,
			Spans: fmt.Sprintf("%d-%d;%d-%d", k, k+6, k+10, k+17),
			Text:  fmt.Sprintf("Sentence %d of %s, with \"quotes\" and a\nline break.", sentence+10*k, article)}
		if rng.Intn(2) == 0 {
			e.Date = fmt.Sprintf("2016-%02d", 1+rng.Intn(12))
		}
		out = append(out, e)
	}
	return out
}

// Corrected returns a new version of a: its first entity renamed, its first relationship
// dropped, a relationship of another status added, its mention counts changed.
func Corrected(a *graph.ArticleGraph) *graph.ArticleGraph {
	c := &graph.ArticleGraph{Article: a.Article, Nodes: slices.Clone(a.Nodes), Rels: slices.Clone(a.Rels), Mentions: slices.Clone(a.Mentions)}
	c.Article.Fingerprint = a.Article.ID + "-v2"
	c.Article.Title += " (corrected)"
	c.Nodes[0].Name += " (corrected)"
	c.Nodes[0].Props = map[string]any{"note": "corrected"}
	for i := range c.Mentions {
		c.Mentions[i].Count++
	}
	if len(c.Rels) > 0 {
		c.Rels = c.Rels[1:]
	}
	from, to := c.Mentions[0].Key, c.Mentions[len(c.Mentions)-1].Key
	c.Rels = append(c.Rels, graph.Rel{Type: "FIGHTS", From: from, To: to, Status: graph.Speculated,
		Evidence: []graph.Evidence{{Article: a.Article.ID, Published: a.Article.Published, Source: a.Article.Source, Sentence: 99, Spans: "0-3;5-9", Text: "A corrected sentence."}}})
	return c
}
