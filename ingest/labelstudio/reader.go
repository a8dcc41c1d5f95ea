package labelstudio

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

// Format is the name of the Label Studio format.
const Format = "labelstudio"

// Reader reads Label Studio JSON exports: an array of tasks, or one task.
type Reader struct{}

var _ ingest.Reader = Reader{}

// Format returns "labelstudio".
func (Reader) Format() string { return Format }

// Describe names the files the reader reads.
func (Reader) Describe() string { return "Label Studio .json" }

// Claim takes a .json file or stdin that holds an array or a task ("data" or
// "annotations" at the top), and any other .json file or stdin weakly.
func (Reader) Claim(f *ingest.File) int {
	if (f.Ext != ".json" && !f.Stdin()) || brat.IsSidecar(f.Path) {
		return ingest.ClaimNone
	}
	switch jsonpos.FirstByteOf(f) {
	case '[':
		return ingest.ClaimSure
	case '{':
		r, done, err := f.Open()
		if err != nil {
			return ingest.ClaimName
		}
		defer done()
		if isLabelStudioTask(r, f.Options().ArticleLimit()) {
			return ingest.ClaimSure
		}
	}
	return ingest.ClaimName
}

// Sources adds one source per task of the export.
func (Reader) Sources(f *ingest.File) {
	r, done, ok := jsonpos.Open(f)
	if !ok {
		return
	}
	defer done()
	if !jsonpos.Start(f, r, Format) {
		return
	}
	taskSources(f, r)
}

// Read reads the task of a source.
func (Reader) Read(s ingest.Source) (*ingest.Article, error) {
	a, err := readSource(s)
	return brat.WithConfig(s, a, err)
}

// isLabelStudioTask reports whether the JSON object in r has Label Studio's "data" or
// "annotations" keys (a native article has "text" at the top).
func isLabelStudioTask(r io.ReadSeeker, limit int64) bool {
	jsonpos.SkipBOM(r)
	dec := json.NewDecoder(bufio.NewReader(io.LimitReader(r, limit)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		switch t {
		case "data", "annotations", "predictions":
			return true
		case "text", "mentions":
			return false
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// labelStudioTasks adds one source per task of a Label Studio export (an array of tasks or
// one task object).
func taskSources(f *ingest.File, r io.ReadSeeker) {
	base := jsonpos.SkipBOM(r) // offsets below count from after a byte-order mark
	lr := &jsonpos.BoundedReader{R: r, Limit: f.Options().ArticleLimit()}
	dec := json.NewDecoder(lr)
	tok, err := dec.Token()
	if err != nil {
		jsonpos.Problem(f, r, base, dec.InputOffset(), err, "a Label Studio export (a JSON array of tasks)")
		return
	}
	var offsets []int64
	switch tok {
	case json.Delim('{'):
		offsets = []int64{base}
	case json.Delim('['):
		for dec.More() {
			lr.Mark(dec.InputOffset())
			start := dec.InputOffset()
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				jsonpos.Problem(f, r, base, start, err, "a Label Studio task object")
				break
			}
			offsets = append(offsets, base+start)
		}
	default:
		f.Problem(f.Path, 1, "expected a Label Studio export: a JSON array of tasks")
		return
	}
	// Lines of the tasks, in one pass over the file.
	lines := jsonpos.LineNumbers(r, offsets)
	for i, off := range offsets {
		f.Add(ingest.Source{Offset: off, Line: lines[i], Index: i, Data: f.Data})
	}
	if len(offsets) == 0 && f.Problems() == 0 {
		f.Problem(f.Path, 1, "the Label Studio export holds no tasks")
	}
}

func readSource(s ingest.Source) (*ingest.Article, error) {
	r, closeFn, err := s.Open()
	if err != nil {
		return nil, err
	}
	defer closeFn()
	// Discovery records where the previous task ended; skip the comma and white space.
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		c, err := br.ReadByte()
		if err != nil {
			break
		}
		if c != ',' && c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			br.UnreadByte()
			break
		}
	}
	dec := json.NewDecoder(&jsonpos.BoundedReader{R: br, Limit: s.ArticleLimit()})
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, jsonpos.ErrTooBig) {
			return nil, &ingest.ParseError{Path: s.Path, Line: s.Line, Msg: fmt.Sprintf("task larger than %d MiB", s.ArticleLimit()>>20)}
		}
		return nil, &ingest.ParseError{Path: s.Path, Line: s.Line, Msg: "not valid JSON: " + jsonpos.Msg(err)}
	}
	return ParseTask(raw, s.Path, s.Line, s.Index, s.TextLimit())
}
