package export

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/dipgraph/dipgraph/internal/schema"
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
// with its labels or type and every property. A node id is "article:ID", the entity key or
// "evidence:N" (N counts the evidence nodes from 0; they are found by their properties).
func WriteJSON(w io.Writer, ds *schema.Dataset) error {
	g := jsonGraph{Nodes: []jsonNode{}, Relationships: []jsonRel{}}
	for _, n := range append(append([]schema.Node(nil), ds.Articles...), ds.Entities...) {
		g.Nodes = append(g.Nodes, jsonNode{nodeID(n.ID, n.Article()), n.Labels, n.Props.Map()})
	}
	for i, n := range ds.Evidence {
		g.Nodes = append(g.Nodes, jsonNode{evidenceID(i), n.Labels, n.Props.Map()})
	}
	for _, r := range ds.Relationships() {
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

// evidenceID names the i-th evidence node in the single-file formats.
func evidenceID(i int) string { return "evidence:" + strconv.Itoa(i) }
