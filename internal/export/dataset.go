package export

import (
	"sort"

	"github.com/dipgraph/dipgraph/graph"
)

// Node is a node of the exported graph. ID is its key: the article id for :Article
// nodes, the entity key for :Entity nodes.
type Node struct {
	Labels []string
	ID     string
	Props  Props
}

// Article reports whether the node is an :Article (identified by id, not key).
func (n Node) Article() bool { return len(n.Labels) > 0 && n.Labels[0] == graph.ArticleLabel }

// Rel is a relationship of the exported graph between the nodes with ids From and To.
// FromArticle is set for MENTIONS, which start at an :Article.
type Rel struct {
	Type        string
	From, To    string
	FromArticle bool
	Props       Props
}

// Dataset is the graph the store would hold for a set of articles: articles, entities,
// MENTIONS, domain relationships and their evidence with every property.
type Dataset struct {
	Articles []Node
	Entities []Node
	Mentions []Rel
	Rels     []Rel
	// Evidence holds one :Evidence node per piece of evidence (ID empty: it is found by
	// its rel and article properties), in relationship order, each relationship's sorted.
	Evidence []Node
}

// Build computes the dataset of parts, the way the store aggregates them: graph.Merge
// over the articles in id order. Later parts with the id of an earlier one replace it, as
// a re-ingest does.
func Build(parts []*graph.ArticleGraph) *Dataset {
	byID := map[string]*graph.ArticleGraph{}
	for _, p := range parts {
		byID[p.Article.ID] = p
	}
	ids := sortedKeys(byID)
	sortedParts := make([]*graph.ArticleGraph, len(ids))
	for i, id := range ids {
		sortedParts[i] = byID[id]
	}
	g := graph.Merge(sortedParts)
	articleCount := map[string]int{}
	lastArticle := map[string]string{} // parts are in id order: the last one seen is the greatest
	ds := &Dataset{}
	for _, p := range sortedParts {
		ds.Articles = append(ds.Articles, Node{Labels: []string{graph.ArticleLabel}, ID: p.Article.ID, Props: ArticleProps(p.Article)})
		nodes := map[string]graph.Node{}
		for _, n := range p.Nodes {
			nodes[n.Key] = n
		}
		ms := append([]graph.Mention(nil), p.Mentions...)
		sort.Slice(ms, func(i, j int) bool { return ms[i].Key < ms[j].Key })
		for _, m := range ms {
			articleCount[m.Key]++
			lastArticle[m.Key] = p.Article.ID
			mp, err := MentionProps(nodes[m.Key], m)
			if err != nil {
				continue // unreachable: builder properties are JSON values
			}
			ds.Mentions = append(ds.Mentions, Rel{Type: graph.MentionsType, From: p.Article.ID, To: m.Key, FromArticle: true, Props: sorted(mp)})
		}
	}
	for _, n := range g.Nodes {
		if articleCount[n.Key] == 0 {
			continue // a node no article mentions is not stored
		}
		ds.Entities = append(ds.Entities, Node{Labels: n.Labels(), ID: n.Key, Props: sorted(EntityProps(n, articleCount[n.Key], lastArticle[n.Key]))})
	}
	for _, r := range g.Rels {
		if articleCount[r.From] == 0 || articleCount[r.To] == 0 {
			continue
		}
		ds.Rels = append(ds.Rels, Rel{Type: r.Type, From: r.From, To: r.To, Props: RelProps(r)})
		for _, e := range r.Evidence {
			ds.Evidence = append(ds.Evidence, Node{Labels: []string{EvidenceLabel}, Props: EvidenceProps(r, e)})
		}
	}
	return ds
}
