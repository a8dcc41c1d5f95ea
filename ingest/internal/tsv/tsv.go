// Package tsv is a tiny example format that shows how a reader is added: a .tsv file of
// subject<TAB>relation<TAB>object lines is one article whose text is the file, with a
// mention for every subject and object and a relation for every line. Its test registers
// it with one line and reads it through ingest.Discover; nothing else knows of it.
package tsv

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ingest"
)

// Reader reads .tsv triples.
type Reader struct{}

var _ ingest.Reader = Reader{}

// Format returns "tsv".
func (Reader) Format() string { return "tsv" }

// Claim takes .tsv files.
func (Reader) Claim(f *ingest.File) int {
	if f.Ext == ".tsv" {
		return ingest.ClaimSure
	}
	return ingest.ClaimNone
}

// Sources adds the file as one article.
func (Reader) Sources(f *ingest.File) {
	f.Add(ingest.Source{Files: []string{f.Path}})
}

// Read reads the triples of a source.
func (Reader) Read(s ingest.Source) (*ingest.Article, error) {
	text, _, err := ingest.ReadText(s.Path, s.TextLimit())
	if err != nil {
		return nil, err
	}
	a := &ingest.Article{ID: strings.TrimSuffix(filepath.Base(s.Path), ".tsv"), Path: s.Path, Format: "tsv", Text: text}
	var errs ingest.ParseErrors
	off := 0
	for i, line := range strings.SplitAfter(text, "\n") {
		fields := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		if len(fields) == 3 {
			subj := mention(a, fmt.Sprintf("s%d", i+1), off, fields[0], i+1)
			obj := mention(a, fmt.Sprintf("o%d", i+1), off+utf8.RuneCountInString(fields[0]+"\t"+fields[1]+"\t"), fields[2], i+1)
			a.Relations = append(a.Relations, ingest.Relation{ID: fmt.Sprintf("r%d", i+1), Type: fields[1], Line: i + 1,
				Args: []ingest.Arg{{Role: "Arg1", Ref: subj}, {Role: "Arg2", Ref: obj}}})
		} else if strings.TrimSpace(line) != "" {
			errs = append(errs, &ingest.ParseError{Path: s.Path, Line: i + 1, Msg: "expected subject<TAB>relation<TAB>object"})
		}
		off += utf8.RuneCountInString(line)
	}
	if len(errs) > 0 {
		return a, errs
	}
	return a, nil
}

// mention adds a mention of name at code point offset start and returns its id.
func mention(a *ingest.Article, id string, start int, name string, line int) string {
	end := start + utf8.RuneCountInString(name)
	a.Mentions = append(a.Mentions, ingest.Mention{ID: id, Type: "Actor", Spans: []ingest.Span{{Start: start, End: end}}, Text: name, Line: line})
	return id
}
