package schema

import "github.com/dipgraph/dipgraph/graph"

// Early is what a bulk load can create of a set of articles before the whole corpus is
// read and merged: their :Article nodes and the :Evidence nodes of the relationships
// whose two ends the stating article mentions itself. The evidence of the others waits
// for LateEvidence, which knows what every article mentions.
type Early struct {
	Nodes []Node      // :Article nodes (with their fingerprint), then :Evidence nodes
	Late  []graph.Rel // relationships with an end their own article does not mention
}

// Add adds what p's article contributes.
func (e *Early) Add(p *graph.ArticleGraph) {
	e.Nodes = append(e.Nodes, Node{Labels: []string{Article}, ID: p.Article.ID, Props: ArticleProps(p.Article)})
	own := make(map[string]bool, len(p.Mentions))
	for _, m := range p.Mentions {
		own[m.Key] = true
	}
	for _, r := range p.Rels {
		if !own[r.From] || !own[r.To] {
			e.Late = append(e.Late, r)
			continue
		}
		for _, ev := range r.Evidence {
			e.Nodes = append(e.Nodes, Node{Labels: []string{Evidence}, Props: EvidenceProps(r, ev)})
		}
	}
}

// LateEvidence returns the :Evidence nodes of late relationships (Early.Late) whose two
// ends some article of parts mentions: with the early ones, the Evidence of Build(parts).
func LateEvidence(late []graph.Rel, parts []*graph.ArticleGraph) []Node {
	if len(late) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, p := range parts {
		for _, m := range p.Mentions {
			seen[m.Key] = true
		}
	}
	var ev []Node
	for _, r := range late {
		if !seen[r.From] || !seen[r.To] {
			continue
		}
		for _, e := range r.Evidence {
			ev = append(ev, Node{Labels: []string{Evidence}, Props: EvidenceProps(r, e)})
		}
	}
	return ev
}

// BuildWithoutEvidence is Build without the :Evidence nodes, for a caller that has them
// from Early and LateEvidence.
func BuildWithoutEvidence(parts []*graph.ArticleGraph) *Dataset {
	return build(parts, false)
}
