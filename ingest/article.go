package ingest

import (
	"fmt"
	"strings"
)

// Article is one annotated news article, as every reader produces it: the text, its
// metadata and its annotations in brat's vocabulary (text-bound mentions, relations,
// events, attributes, normalisations, equivalences and notes). Offsets count Unicode
// code points, as brat does, never bytes.
type Article struct {
	// ID identifies the article across runs; it defaults to the file name without extension.
	ID        string
	Title     string
	Source    string
	URL       string
	Published string // ISO date (2016-03-19) or empty
	// Path is the file the article was read from (the text file for a brat pair), for messages.
	Path string
	// AnnPath is the file the annotations came from, when it differs from Path.
	AnnPath string
	// Line is where the article starts in Path, for formats with several articles a file
	// (native JSON Lines, Label Studio exports); 0 otherwise.
	Line int
	// Format names the reader that produced the article: brat, labelstudio, native, text.
	Format string
	Text   string

	Mentions    []Mention
	Relations   []Relation
	Events      []Event
	Attributes  []Attribute
	Norms       []Norm
	Equivs      []Equiv
	Notes       []Note
	Meta        map[string]string // other metadata fields, kept as strings
	MetaPath    string
	Annotations string // raw annotation source, for fingerprints

	// Warnings are things a reader noticed that do not stop the article from loading but
	// that the user should hear about (a Label Studio task without a usable annotation).
	// ReadValid turns them into problems when the source is strict.
	Warnings ParseErrors

	// Schema is the declaration of types that governs the article (a brat
	// annotation.conf), if any; Validate checks the annotations against it.
	Schema Schema `json:"-"`
}

// Schema declares the annotation types an article may use, as brat's annotation.conf
// does; Validate asks it to check an article once the checks every article gets are done.
type Schema interface {
	// Check returns every way a's annotations break the declarations.
	Check(a *Article) ParseErrors
}

// Span is a half-open range [Start, End) of code points in the article text.
type Span struct {
	Start, End int
}

func (s Span) String() string { return fmt.Sprintf("%d %d", s.Start, s.End) }

// Mention is a text-bound annotation (brat T): an entity mention or an event trigger.
type Mention struct {
	ID    string
	Type  string
	Spans []Span // one span, or several for a discontinuous mention
	Text  string // the annotated text as the file gives it (fragments joined by one space)
	Line  int    // line in the annotation file, 0 when unknown
}

// Start returns the first offset of the mention.
func (m Mention) Start() int {
	if len(m.Spans) == 0 {
		return 0
	}
	return m.Spans[0].Start
}

// Arg is one argument of a relation or event: a role and the ID of a mention or event.
type Arg struct {
	Role string
	Ref  string
}

// Relation is a binary (or, from some formats, n-ary) typed relation between annotations (brat R).
type Relation struct {
	ID   string
	Type string
	Args []Arg
	Line int
}

// Event is an event annotation (brat E): a trigger mention and role arguments.
type Event struct {
	ID      string
	Type    string
	Trigger string // ID of the trigger mention
	Args    []Arg
	Line    int
}

// Attribute marks an annotation with a binary flag (Value "") or a value (brat A or M).
type Attribute struct {
	ID     string
	Name   string
	Target string
	Value  string
	Line   int
}

// Norm links an annotation to an entry of a knowledge base (brat N), e.g. Wikidata:Q22316.
type Norm struct {
	ID     string
	Type   string // usually Reference
	Target string
	DB     string // Wikidata
	DBID   string // Q22316
	Text   string
	Line   int
}

// Equiv says that several mentions have one referent (brat *).
type Equiv struct {
	Type string // usually Equiv
	Refs []string
	Line int
}

// Note is a free-text comment on an annotation (brat #).
type Note struct {
	ID     string
	Type   string
	Target string
	Text   string
	Line   int
}

// Location returns "path:line" for messages about an annotation on line.
func (a *Article) Location(line int) string {
	p := a.AnnPath
	if p == "" {
		p = a.Path
	}
	if line <= 0 {
		return p
	}
	return fmt.Sprintf("%s:%d", p, line)
}

// Covered returns the text covered by the spans, fragments joined by one space, or
// false when a span lies outside the text.
func Covered(runes []rune, spans []Span) (string, bool) {
	var b strings.Builder
	for i, s := range spans {
		if s.Start < 0 || s.End < s.Start || s.End > len(runes) {
			return "", false
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(runes[s.Start:s.End]))
	}
	return b.String(), true
}

// MentionByID returns the mention with the id, if any.
func (a *Article) MentionByID(id string) (Mention, bool) {
	for _, m := range a.Mentions {
		if m.ID == id {
			return m, true
		}
	}
	return Mention{}, false
}
