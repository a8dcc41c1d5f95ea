package native

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/internal/jsonpos"
)

// Format is the name of the native format.
const Format = "native"

// Reader reads native articles: JSON Lines (.jsonl, .ndjson), or one article in a .json.
type Reader struct{}

var _ ingest.Reader = Reader{}

// Format returns "native".
func (Reader) Format() string { return Format }

// Describe names the files the reader reads.
func (Reader) Describe() string { return "native .jsonl" }

// Claim takes .jsonl and .ndjson files, and a .json file or stdin that holds a JSON
// object (Label Studio claims a task more strongly).
func (Reader) Claim(f *ingest.File) int {
	switch {
	case f.Ext == ".jsonl" || f.Ext == ".ndjson":
		return ingest.ClaimSure // the name says JSON Lines, even when a line is no object
	case f.Ext != ".json" && !f.Stdin(), brat.IsSidecar(f.Path):
		return ingest.ClaimNone
	case jsonpos.FirstByteOf(f) == '{':
		return ingest.ClaimContent
	}
	return ingest.ClaimName
}

// Sources adds one source per non-blank line, or one for the whole file when it holds one
// pretty-printed article.
func (Reader) Sources(f *ingest.File) {
	r, done, ok := jsonpos.Open(f)
	if !ok {
		return
	}
	defer done()
	if !jsonpos.Start(f, r, Format) {
		return
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		f.Problem(f.Path, 0, "cannot read: %v", err)
		return
	}
	found := lineSources(r, f.Data)
	if len(found) == 0 {
		f.Problem(f.Path, 0, "empty file: expected native articles, one JSON object a line")
		return
	}
	// One pretty-printed article: its first line is "{" alone or does not parse on its own.
	jsonLines := f.Ext == ".jsonl" || f.Ext == ".ndjson"
	if !jsonLines && len(found) > 1 && !lineHoldsValue(r, found[0], f.Options().ArticleLimit()) {
		found = found[:1]
		found[0].Offset, found[0].Line = 0, 1
		found[0].Index = -1 // the whole file
	}
	for _, s := range found {
		f.Add(s)
	}
}

// lineSources returns a source for each non-blank line of r.
func lineSources(r io.Reader, data []byte) []ingest.Source {
	br := bufio.NewReaderSize(r, 64<<10)
	var off int64
	var found []ingest.Source
	for lineNo := 1; ; lineNo++ {
		n, blank, err := skimLine(br)
		if n == 0 && err != nil {
			break
		}
		if !blank {
			found = append(found, ingest.Source{Offset: off, Line: lineNo, Index: len(found), Data: data})
		}
		off += n
		if err != nil {
			break
		}
	}
	return found
}

// skimLine consumes one line without keeping it, returning its length in bytes (newline
// included) and whether it is blank.
func skimLine(br *bufio.Reader) (int64, bool, error) {
	var n int64
	blank := true
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if blank {
			for _, c := range chunk {
				if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
					blank = false
					break
				}
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return n, blank, err
	}
}

// lineHoldsValue reports whether the source's line is one whole JSON value.
func lineHoldsValue(r io.ReadSeeker, s ingest.Source, limit int64) bool {
	if _, err := r.Seek(s.Offset, io.SeekStart); err != nil {
		return false
	}
	line, err := ingest.ReadLine(bufio.NewReaderSize(r, 64<<10), int(min(limit, 1<<20)))
	if err != nil && err != io.EOF {
		// A very long line is a JSON Lines article; pretty-printed JSON has short lines.
		return errors.Is(err, ingest.ErrLineTooLong)
	}
	return json.Valid(line)
}

// Read reads the article of a source: its line, or the whole file.
func (Reader) Read(s ingest.Source) (*ingest.Article, error) {
	a, err := readSource(s)
	return brat.WithConfig(s, a, err)
}

func readSource(s ingest.Source) (*ingest.Article, error) {
	r, closeFn, err := s.Open()
	if err != nil {
		return nil, err
	}
	defer closeFn()
	limit := s.ArticleLimit()
	var raw []byte
	if s.Index < 0 {
		// One article over the whole file.
		raw, err = io.ReadAll(io.LimitReader(r, limit+1))
		if err == nil && int64(len(raw)) > limit {
			return nil, &ingest.ParseError{Path: s.Path, Line: s.Line, Msg: fmt.Sprintf("article larger than %d MiB", limit>>20)}
		}
	} else {
		raw, err = ingest.ReadLine(bufio.NewReaderSize(r, 64<<10), int(limit))
		if errors.Is(err, ingest.ErrLineTooLong) {
			return nil, &ingest.ParseError{Path: s.Path, Line: s.Line, Msg: fmt.Sprintf("line longer than %d MiB: one article a line, at most that size", limit>>20)}
		}
		if err == io.EOF {
			err = nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", s.Path, err)
	}
	return Parse(raw, s.Path, s.Line, s.TextLimit())
}
