package schema

import (
	"maps"
	"slices"
	"strings"

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
func (n Node) Article() bool { return len(n.Labels) > 0 && n.Labels[0] == Article }

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

// Nodes returns every node: the articles, the entities, then the evidence.
func (ds *Dataset) Nodes() []Node {
	return slices.Concat(ds.Articles, ds.Entities, ds.Evidence)
}

// Relationships returns every relationship: the MENTIONS, then the domain relationships.
func (ds *Dataset) Relationships() []Rel {
	return slices.Concat(ds.Mentions, ds.Rels)
}

// Build computes the dataset of parts, the way the store aggregates them: graph.Merge
// over the articles in id order. Later parts with the id of an earlier one replace it, as
// a re-ingest does.
func Build(parts []*graph.ArticleGraph) *Dataset {
	return build(parts, true)
}

// build is Build, with or without the :Evidence nodes.
func build(parts []*graph.ArticleGraph, evidence bool) *Dataset {
	byID := map[string]*graph.ArticleGraph{}
	for _, p := range parts {
		byID[p.Article.ID] = p
	}
	inOrder := make([]*graph.ArticleGraph, 0, len(byID))
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		inOrder = append(inOrder, byID[id])
	}
	ds := &Dataset{}
	seen := ds.addArticles(inOrder)
	ds.addMerged(graph.Merge(inOrder), seen, evidence)
	return ds
}

// mentioned is, per entity key, how many articles mention it and the greatest of their ids.
type mentioned struct {
	articles int
	last     string
}

// addArticles adds the :Article nodes and MENTIONS of parts (in id order) and returns what
// they say of each entity they mention.
func (ds *Dataset) addArticles(parts []*graph.ArticleGraph) map[string]mentioned {
	seen := map[string]mentioned{}
	for _, p := range parts {
		ds.Articles = append(ds.Articles, Node{Labels: []string{Article}, ID: p.Article.ID, Props: ArticleProps(p.Article)})
		nodes := map[string]graph.Node{}
		for _, n := range p.Nodes {
			nodes[n.Key] = n
		}
		ms := slices.Clone(p.Mentions)
		slices.SortFunc(ms, func(a, b graph.Mention) int { return strings.Compare(a.Key, b.Key) })
		for _, m := range ms {
			// parts are in id order: the last article seen is the greatest.
			seen[m.Key] = mentioned{seen[m.Key].articles + 1, p.Article.ID}
			mp, err := MentionProps(nodes[m.Key], m)
			if err != nil {
				continue // unreachable: builder properties are JSON values
			}
			ds.Mentions = append(ds.Mentions, Rel{Type: Mentions, From: p.Article.ID, To: m.Key, FromArticle: true, Props: sorted(mp)})
		}
	}
	return seen
}

// addMerged adds the entities of g that some article mentions, the relationships between
// them and their :Evidence nodes.
func (ds *Dataset) addMerged(g *graph.Graph, seen map[string]mentioned, evidence bool) {
	for _, n := range g.Nodes {
		s, ok := seen[n.Key]
		if !ok {
			continue // a node no article mentions is not stored
		}
		ds.Entities = append(ds.Entities, Node{Labels: n.Labels(), ID: n.Key, Props: sorted(EntityProps(n, s.articles, s.last))})
	}
	for _, r := range g.Rels {
		if _, ok := seen[r.From]; !ok {
			continue
		}
		if _, ok := seen[r.To]; !ok {
			continue
		}
		ds.Rels = append(ds.Rels, Rel{Type: r.Type, From: r.From, To: r.To, Props: RelProps(r)})
		if !evidence {
			continue
		}
		for _, e := range r.Evidence {
			ds.Evidence = append(ds.Evidence, Node{Labels: []string{Evidence}, Props: EvidenceProps(r, e)})
		}
	}
}
