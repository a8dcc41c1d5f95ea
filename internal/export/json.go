package export

import (
	"encoding/json"
	"io"
)

type jsonNode struct {
	ID         string         `json:"id"`
	Labels     []string       `json:"labels"`
	Properties map[string]any `json:"properties"`
}

type jsonRel struct {
	Type       string         `json:"type"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	Properties map[string]any `json:"properties"`
}

type jsonGraph struct {
	Nodes         []jsonNode `json:"nodes"`
	Relationships []jsonRel  `json:"relationships"`
}

// WriteJSON writes ds as one JSON document {"nodes": [...], "relationships": [...]}, each
// with its labels or type and every property. A node id is "article:ID" or the entity key.
func WriteJSON(w io.Writer, ds *Dataset) error {
	g := jsonGraph{Nodes: []jsonNode{}, Relationships: []jsonRel{}}
	for _, n := range append(append([]Node(nil), ds.Articles...), ds.Entities...) {
		g.Nodes = append(g.Nodes, jsonNode{nodeID(n.ID, n.Article()), n.Labels, n.Props.Map()})
	}
	for _, r := range append(append([]Rel(nil), ds.Mentions...), ds.Rels...) {
		g.Relationships = append(g.Relationships, jsonRel{r.Type, nodeID(r.From, r.FromArticle), r.To, r.Props.Map()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(g)
}

// nodeID gives articles and entities distinct ids in the single-file formats.
func nodeID(id string, article bool) string {
	if article {
		return "article:" + id
	}
	return id
}
