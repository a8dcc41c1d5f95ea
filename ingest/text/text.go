// Package text reads raw articles, X.txt or X.md with an optional X.meta.json or a
// front-matter header, and annotates them on the way in with the dictionary-and-pattern
// annotator of internal/annotate. It is the format of `dipgraph ingest --format text`:
// never chosen by detection, since a .txt is also half of a brat pair.
package text

import (
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/annotate"
)

// Format is the name of the raw-text format.
const Format = "text"

// Reader annotates raw articles with Annotator (nil: the built-in dictionaries).
type Reader struct {
	Annotator *annotate.Annotator
}

var _ ingest.Reader = Reader{}

// New returns a reader that annotates with an.
func New(an *annotate.Annotator) Reader { return Reader{Annotator: an} }

// Format returns "text".
func (Reader) Format() string { return Format }

// Describe names the files the reader reads.
func (Reader) Describe() string { return ".txt or .md files" }

// Claim takes .txt and .md files, and only when the format is forced to text.
func (Reader) Claim(f *ingest.File) int {
	if f.Forced() && (f.Ext == ".txt" || f.Ext == ".md") {
		return ingest.ClaimName
	}
	return ingest.ClaimNone
}

// Sources adds the file as one article.
func (Reader) Sources(f *ingest.File) {
	if f.Stdin() {
		f.Problem(f.Path, 0, "raw text is read from files; stdin takes native JSON or a Label Studio export")
		return
	}
	if _, prob := ingest.RegularFile(f.Path); prob != "" {
		f.Problem(f.Path, 0, "%s", prob)
		return
	}
	f.Add(ingest.Source{Path: f.Path, Files: []string{f.Path}})
}

// Read reads and annotates the article of a source.
func (r Reader) Read(s ingest.Source) (*ingest.Article, error) {
	return annotate.ReadFile(s.Path, r.Annotator)
}
