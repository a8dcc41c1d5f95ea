package neo4jstore

import (
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// NodeValue is a node in a query result, without driver types or internal ids.
type NodeValue struct {
	Labels []string
	Props  map[string]any
}

// RelValue is a relationship in a query result; From and To are the names (or keys) of its ends when known.
type RelValue struct {
	Type  string
	Props map[string]any
	From  string
	To    string
}

// PathValue is a path in a query result.
type PathValue struct {
	Nodes []NodeValue
	Rels  []RelValue
}

// plain converts driver values to plain Go values: nodes, relationships and paths to the
// types above, temporal values to ISO strings, recursively through lists and maps.
func plain(v any) any {
	switch x := v.(type) {
	case dbtype.Node:
		return NodeValue{Labels: x.Labels, Props: plainMap(x.Props)}
	case dbtype.Relationship:
		return RelValue{Type: x.Type, Props: plainMap(x.Props)}
	case dbtype.Path:
		p := PathValue{}
		names := map[string]string{}
		for _, n := range x.Nodes {
			p.Nodes = append(p.Nodes, NodeValue{Labels: n.Labels, Props: plainMap(n.Props)})
			names[n.ElementId] = displayName(n.Props)
		}
		for _, r := range x.Relationships {
			p.Rels = append(p.Rels, RelValue{Type: r.Type, Props: plainMap(r.Props), From: names[r.StartElementId], To: names[r.EndElementId]})
		}
		return p
	case dbtype.Date:
		return time.Time(x).Format("2006-01-02")
	case dbtype.LocalDateTime:
		return time.Time(x).Format("2006-01-02T15:04:05")
	case dbtype.LocalTime:
		return time.Time(x).Format("15:04:05")
	case dbtype.Time:
		return time.Time(x).Format("15:04:05Z07:00")
	case time.Time:
		return x.Format(time.RFC3339)
	case dbtype.Duration:
		return x.String()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		return plainMap(x)
	default:
		return v
	}
}

func plainMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = plain(v)
	}
	return out
}

func displayName(props map[string]any) string {
	if s, ok := props["name"].(string); ok {
		return s
	}
	if s, ok := props["key"].(string); ok {
		return s
	}
	if s, ok := props["id"].(string); ok {
		return s
	}
	return "?"
}
