package schema

import "github.com/dipgraph/dipgraph/graph"

// The labels and relationship types every stored graph has. Entities carry more labels,
// from their annotation type (NodeLabels lists the ones the project knows); domain
// relationships take their type from the annotations (graph.RelType).
const (
	// Article labels one node per ingested article, found by its id.
	Article = graph.ArticleLabel
	// Entity labels every actor and every event, found by its key.
	Entity = graph.EntityLabel
	// Event labels the entities that are events (with their event type, e.g. Talks).
	Event = graph.EventLabel
	// Evidence labels the nodes that hold one piece of evidence each: one sentence of one
	// article stating one relationship, found by the relationship's key (rel) or the
	// article's id (article).
	Evidence = "Evidence"
	// Mentions links an :Article to each entity it mentions.
	Mentions = graph.MentionsType
	// HoldsRole links a person to the state or organisation of an office; its title is
	// part of its identity.
	HoldsRole = graph.HoldsRoleType
)

// The key property of each kind of node and of a domain relationship: what a store looks
// it up by and what the exporters name it by.
const (
	ArticleKey  = "id"
	EntityKey   = "key"
	RelKey      = "key"
	EvidenceRel = "rel"     // the key of the relationship an :Evidence node supports
	EvidenceArt = "article" // the id of the article an :Evidence node comes from
	// SourceDigest is the :Article property holding the hash of the bytes it was read
	// from (graph.ArticleInfo.SourceDigest); an ingest looks articles up by it.
	SourceDigest = "source_digest"
)

// Kind says what part of the graph a label marks.
type Kind int

const (
	Core      Kind = iota // a label every store writes: Article, Entity, Event, Evidence
	Actor                 // an entity's actor type, from its annotation type
	EventType             // an event's type, beside Event
)

// Style is how a label is drawn, in the Neo4j Browser (scripts/browser/style.grass) and
// in the DOT export: its fill colour, border colour and text colour.
type Style struct {
	Fill, Border, Text string
}

// NodeLabel is a node label the project knows, with how it is drawn. Entities of other
// annotation types get a label too (graph.Label), drawn as plain entities.
type NodeLabel struct {
	Name string
	Kind Kind
	Style
}

const (
	light = "#FFFFFF"
	dark  = "#1B1B1B"
)

// NodeLabels lists every label of the schema: the core labels, the actor types of the
// project's annotation guide and the event types graph.IsEventLabel knows. The Browser
// style has a rule for each (a test checks it) and the DOT export fills nodes with the
// same colours. An event type without a colour of its own is drawn like any event.
var NodeLabels = []NodeLabel{
	{Article, Core, Style{"#ECEFF1", "#B0BEC5", "#263238"}},
	{Entity, Core, Style{"#A5ABB6", "#9AA1AC", light}},
	{Event, Core, Style{"#FDD835", "#F9A825", dark}},
	{Evidence, Core, Style{"#CFD8DC", "#90A4AE", "#263238"}},

	{"State", Actor, Style{"#1E88E5", "#1565C0", light}},
	{"Person", Actor, Style{"#FB8C00", "#EF6C00", light}},
	{"ArmedGroup", Actor, Style{"#E53935", "#C62828", light}},
	{"Coalition", Actor, Style{"#8E24AA", "#6A1B9A", light}},
	{"ArmedForce", Actor, Style{"#6D4C41", "#4E342E", light}},
	{"Government", Actor, Style{"#3949AB", "#283593", light}},
	{"Opposition", Actor, Style{"#F4511E", "#D84315", light}},
	{"Organisation", Actor, Style{"#00897B", "#00695C", light}},
	{"Location", Actor, Style{"#7CB342", "#558B2F", dark}},

	{"Ceasefire", EventType, Style{"#43A047", "#2E7D32", light}},
	{"Talks", EventType, Style{"#00ACC1", "#00838F", light}},
	{"Attack", EventType, Style{"#B71C1C", "#7F0000", light}},
	{"Proposal", EventType, Style{"#C0CA33", "#9E9D24", dark}},
	{"Agreement", EventType, Style{}},
	{"Meeting", EventType, Style{}},
	{"Summit", EventType, Style{}},
	{"Strike", EventType, Style{}},
	{"Visit", EventType, Style{}},
	{"Sanctions", EventType, Style{}},
	{"Election", EventType, Style{}},
	{"Conference", EventType, Style{}},
	{"Treaty", EventType, Style{}},
	{"Call", EventType, Style{}},
}

// LabelStyle returns how a node with the label is drawn: its own style, else that of
// Event for an event type, else that of Entity; ok is false for a label the schema does
// not know.
func LabelStyle(label string) (st Style, ok bool) {
	for _, l := range NodeLabels {
		if l.Name != label {
			continue
		}
		switch {
		case l.Fill != "":
			return l.Style, true
		case l.Kind == EventType:
			st, _ = LabelStyle(Event)
		default:
			st, _ = LabelStyle(Entity)
		}
		return st, true
	}
	return Style{}, false
}

// Constraints are the statements that create the constraints and indexes every load relies
// on; the store runs them before a load, the Cypher and CSV exports ship them. Each is
// idempotent (IF NOT EXISTS).
var Constraints = []string{
	// The saved queries find an actor by key, name or alias, in any case, through this
	// index (a candidate shares the words; the query then tests the exact value).
	"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:" + Entity + ") ON EACH [n.key, n.name, n.aliases, n.alt_names]",
	"CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:" + Entity + ") REQUIRE n." + EntityKey + " IS UNIQUE",
	"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:" + Article + ") REQUIRE a." + ArticleKey + " IS UNIQUE",
	"CREATE INDEX entity_name IF NOT EXISTS FOR (n:" + Entity + ") ON (n.name)",
	// A relationship's evidence is found by the relationship's key, an article's by its id.
	"CREATE INDEX evidence_rel IF NOT EXISTS FOR (e:" + Evidence + ") ON (e." + EvidenceRel + ")",
	"CREATE INDEX evidence_article IF NOT EXISTS FOR (e:" + Evidence + ") ON (e." + EvidenceArt + ")",
	// An ingest finds the articles whose source bytes it has seen before by their digest.
	"CREATE INDEX article_source_digest IF NOT EXISTS FOR (a:" + Article + ") ON (a." + SourceDigest + ")",
}
