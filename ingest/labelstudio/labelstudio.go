// Package labelstudio reads the JSON export of Label Studio (Export → JSON): an array of
// tasks, or one task, each an article with data.text and the regions and relations of
// its first annotation that was not cancelled.
package labelstudio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/internal/jsonpos"
)

// Format is the name of the Label Studio format.
const Format = "labelstudio"

// A Label Studio JSON export is an array of tasks (a .json file may also hold one task):
//
//	[{"id": 7, "data": {"text": "…", "title": "…", "published": "2016-03-19"},
//	  "annotations": [{"id": 3, "result": [
//	    {"id": "k1", "type": "labels", "from_name": "label", "to_name": "text",
//	     "value": {"start": 22, "end": 32, "text": "John Kerry", "labels": ["Person"]}},
//	    {"type": "relation", "from_id": "k1", "to_id": "k2", "direction": "right",
//	     "labels": ["SpokeWith"]}]}]}]
//
// The article text is data.text; data.id (or data.article_id) names the article, else the
// file name and task id do; data.title, source, url and published are its metadata and
// other scalar data fields go to Meta (keys made safe: "Unnamed: 0" becomes Unnamed__0). The first annotation that was not cancelled is
// read; predictions are not. A "labels" region becomes a mention (its first label the
// type; further labels become Label attributes); a "relation" becomes one relation per
// label (unlabelled: Related), from → to ("left" swaps them, "bi" adds a Direction
// attribute); other result types (choices, textarea, …) are ignored. A region's
// meta.text becomes a note. Label Studio counts offsets in UTF-16 code units, as
// JavaScript does; they are turned into code points here, so text after an emoji still
// lines up (Label Studio issue #1347).
type lsTask struct {
	ID          json.RawMessage   `json:"id"`
	Data        map[string]any    `json:"data"`
	Annotations []lsAnnotation    `json:"annotations"`
	Meta        map[string]any    `json:"meta"`
	Predictions []json.RawMessage `json:"predictions"`
}

type lsAnnotation struct {
	ID           json.RawMessage `json:"id"`
	WasCancelled bool            `json:"was_cancelled"`
	Result       []lsResult      `json:"result"`
}

type lsResult struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	FromName  string          `json:"from_name"`
	ToName    string          `json:"to_name"`
	Value     json.RawMessage `json:"value"`
	FromID    string          `json:"from_id"`
	ToID      string          `json:"to_id"`
	Direction string          `json:"direction"`
	Labels    []string        `json:"labels"`
	Meta      *struct {
		Text []string `json:"text"`
	} `json:"meta"`
}

type lsValue struct {
	Start  *int     `json:"start"`
	End    *int     `json:"end"`
	Text   *string  `json:"text"`
	Labels []string `json:"labels"`
}

// ParseTask parses one task of a Label Studio export from raw, which starts on
// line of the file at path; index is its place in the export. Problems come back as
// ParseErrors; the article comes with them when it could be read far enough for Validate
// to report the rest.
func ParseTask(raw []byte, path string, line, index int, textLimit int64) (*ingest.Article, error) {
	if line <= 0 {
		line = 1
	}
	p := &taskParser{path: path, line: line, index: index, where: fmt.Sprintf("task %d", index+1),
		a: &ingest.Article{Path: path, Format: Format, Annotations: string(raw), Line: line}}
	t, err := p.decode(raw)
	if err != nil {
		return nil, err
	}
	if err := p.data(t, textLimit); err != nil {
		return nil, err
	}
	if ann := usableAnnotation(t); ann < 0 {
		p.noAnnotation(t)
	} else {
		p.results(t, ann)
	}
	// Relations were numbered R1…; a region with such an id would clash: Validate says so.
	if err := p.errs.ByLine(); err != nil {
		return p.a, err
	}
	return p.a, nil
}

// taskParser turns one Label Studio task into an Article, collecting every problem.
type taskParser struct {
	path   string
	line   int // where the task starts in the file
	index  int // its place in the export
	where  string
	taskID string
	a      *ingest.Article
	errs   ingest.ParseErrors
	lines  jsonpos.Lines
	gen    int // ids made up so far
	relN   int // relations numbered so far
}

func (p *taskParser) bad(l int, format string, args ...any) {
	p.errs = append(p.errs, &ingest.ParseError{Path: p.path, Line: l, Msg: p.where + ": " + fmt.Sprintf(format, args...)})
}

// fail is the one problem that stops the task from being read.
func (p *taskParser) fail(l int, format string, args ...any) error {
	return ingest.ParseErrors{{Path: p.path, Line: l, Msg: p.where + ": " + fmt.Sprintf(format, args...)}}
}

func (p *taskParser) genID(prefix string) string {
	p.gen++
	return fmt.Sprintf("_%s%d", prefix, p.gen)
}

// decode checks that raw holds one task object, decodes it, and refuses keys given twice.
func (p *taskParser) decode(raw []byte) (*lsTask, error) {
	if !utf8.Valid(raw) {
		return nil, p.fail(p.line+bytes.Count(raw[:ingest.FirstInvalid(raw)], []byte("\n")), "not valid UTF-8")
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		if len(trimmed) == 0 || !json.Valid(trimmed) {
			return nil, p.fail(p.line, "not JSON: expected a task object")
		}
		return nil, p.fail(p.line, "expected a task object with data and annotations, got %s", jsonpos.ValueKind(trimmed[0]))
	}
	var t lsTask
	// Numbers stay as written: a task or article id of 12345678901234567890 is not a float.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&t); err != nil {
		l := p.line
		if el := jsonpos.ErrLine(raw, err); el > 0 {
			l = p.line + el - 1
		}
		return nil, p.fail(l, "%s", jsonpos.Msg(err))
	}
	p.taskID = strings.Trim(string(t.ID), `"`)
	if p.taskID != "" && p.taskID != "null" {
		p.where = "task " + p.taskID
	}
	p.lines = jsonpos.Scan(raw, p.line, func(k jsonpos.Key) {
		if k.Dup {
			p.bad(k.Line, "key %q appears twice in %s: give each key once", ingest.Clip(k.Key), jsonpos.ObjName(k.Obj))
		}
	})
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return &t, nil
}

// data reads the text and metadata of the task's data object.
func (p *taskParser) data(t *lsTask, textLimit int64) error {
	if t.Data == nil {
		return p.fail(p.line, "no data object (the article text is read from data.text)")
	}
	text, ok := t.Data["text"].(string)
	if !ok {
		if _, there := t.Data["text"]; there {
			return p.fail(p.lines.At("data"), "data.text must be a string")
		}
		return p.fail(p.lines.At("data"), "data.text is missing (the article text is read from data.text)")
	}
	if int64(len(text)) > textLimit {
		return p.fail(p.line, "text larger than %d MiB; split the article", textLimit>>20)
	}
	a := p.a
	a.Text = text
	str := func(keys ...string) string {
		for _, k := range keys {
			switch v := t.Data[k].(type) {
			case string:
				return v
			case json.Number:
				return v.String()
			}
		}
		return ""
	}
	a.ID = str("id", "article_id")
	if a.ID == "" {
		a.ID = p.fallbackID()
	}
	a.Title, a.Source, a.URL = str("title"), str("source"), str("url")
	if pub := str("published", "date"); pub != "" {
		d, err := ingest.ParseDate(pub)
		if err != nil {
			p.bad(p.lines.At("data"), "published: %v", err)
		}
		a.Published = d
	}
	p.meta(t.Data)
	return nil
}

// fallbackID names an article whose data has no id: the file name and the task id.
func (p *taskParser) fallbackID() string {
	base := strings.TrimSuffix(filepath.Base(p.path), filepath.Ext(p.path))
	id := p.taskID
	if id == "" || id == "null" {
		id = strconv.Itoa(p.index + 1)
	}
	return base + "-" + id
}

// meta keeps the other scalar fields of data as metadata.
func (p *taskParser) meta(data map[string]any) {
	for k, v := range data {
		switch k {
		case "text", "id", "article_id", "title", "source", "url", "published", "date":
			continue
		}
		switch v.(type) {
		case map[string]any, []any, nil:
			continue
		}
		if p.a.Meta == nil {
			p.a.Meta = map[string]string{}
		}
		p.a.Meta[safeKey(k)] = jsonpos.MetaString(v)
	}
}

// usableAnnotation returns the index of the first annotation not cancelled, or -1.
func usableAnnotation(t *lsTask) int {
	for i, an := range t.Annotations {
		if !an.WasCancelled {
			return i
		}
	}
	return -1
}

// noAnnotation warns of a task without a usable annotation: not a problem in the file,
// but the article brings nothing to the graph.
func (p *taskParser) noAnnotation(t *lsTask) {
	why := "it has not been annotated"
	switch {
	case len(t.Annotations) == 1:
		why = "its one annotation was cancelled"
	case len(t.Annotations) > 1:
		why = fmt.Sprintf("all %d of its annotations were cancelled", len(t.Annotations))
	case len(t.Predictions) > 0:
		why = "it has only predictions, which are not read (accept them in Label Studio to make them annotations)"
	}
	p.a.Warnings = append(p.a.Warnings, &ingest.ParseError{Path: p.path, Line: p.line, Warning: true,
		Msg: p.where + ": no usable annotation: " + why + "; the article has no annotations"})
}

// results reads the regions and relations of the annotation at index ann.
func (p *taskParser) results(t *lsTask, ann int) {
	conv := newUTF16Converter(p.a.Text)
	idx := ingest.NewTextIndex(p.a.Text)
	for i, res := range t.Annotations[ann].Result {
		l := p.lines.At(fmt.Sprintf("annotations.%d.result.%d", ann, i))
		switch res.Type {
		case "labels":
			p.region(l, res, conv, idx)
		case "relation":
			p.relation(l, res)
		case "":
			p.bad(l, "result without a type")
		default:
			// choices, textarea, rating and the like describe the task, not spans.
		}
	}
}

// region reads a labels result as a mention, its further labels as attributes and its
// meta.text as a note.
func (p *taskParser) region(l int, res lsResult, conv *utf16Converter, idx *ingest.TextIndex) {
	if res.ID == "" {
		p.bad(l, "labels result without an id")
		return
	}
	var v lsValue
	if err := json.Unmarshal(res.Value, &v); err != nil || res.Value == nil {
		if err == nil {
			p.bad(l, "region %s has no value", res.ID)
		} else {
			p.bad(l, "region %s: value.%s", res.ID, jsonpos.Msg(err))
		}
		return
	}
	switch {
	case v.Start == nil || v.End == nil:
		p.bad(l, "region %s: value needs start and end", res.ID)
		return
	case len(v.Labels) == 0:
		p.bad(l, "region %s has no label", res.ID)
		return
	}
	start, err1 := conv.codePoint(*v.Start)
	end, err2 := conv.codePoint(*v.End)
	if err1 != "" || err2 != "" {
		p.bad(l, "region %s: offset %s", res.ID, firstNonEmpty(err1, err2))
		return
	}
	m := ingest.Mention{ID: res.ID, Type: v.Labels[0], Spans: []ingest.Span{{Start: start, End: end}}, Line: l}
	if v.Text != nil {
		m.Text = *v.Text
	} else if got, ok := idx.Slice(start, end); ok {
		m.Text = got
	}
	p.a.Mentions = append(p.a.Mentions, m)
	for _, extra := range v.Labels[1:] {
		p.a.Attributes = append(p.a.Attributes, ingest.Attribute{ID: p.genID("l"), Name: "Label", Target: res.ID, Value: extra, Line: l})
	}
	if res.Meta != nil && len(res.Meta.Text) > 0 {
		p.a.Notes = append(p.a.Notes, ingest.Note{ID: p.genID("c"), Type: "AnnotatorNotes", Target: res.ID, Text: strings.Join(res.Meta.Text, "\n"), Line: l})
	}
}

// relation reads a relation result as one relation per label.
func (p *taskParser) relation(l int, res lsResult) {
	if res.FromID == "" || res.ToID == "" {
		p.bad(l, "relation needs from_id and to_id")
		return
	}
	from, to := res.FromID, res.ToID
	switch res.Direction {
	case "", "right", "bi":
	case "left":
		from, to = to, from
	default:
		p.bad(l, "relation %s → %s: direction %q is not right, left or bi", res.FromID, res.ToID, ingest.Clip(res.Direction))
		return
	}
	labels := res.Labels
	if len(labels) == 0 {
		labels = []string{"Related"}
	}
	for _, lab := range labels {
		p.relN++
		id := "R" + strconv.Itoa(p.relN)
		p.a.Relations = append(p.a.Relations, ingest.Relation{ID: id, Type: lab, Args: []ingest.Arg{{Role: "Arg1", Ref: from}, {Role: "Arg2", Ref: to}}, Line: l})
		if res.Direction == "bi" {
			p.a.Attributes = append(p.a.Attributes, ingest.Attribute{ID: p.genID("d"), Name: "Direction", Target: id, Value: "bi", Line: l})
		}
	}
}

// safeKey makes a Label Studio data key (often a spreadsheet column name) a metadata key:
// characters other than ASCII letters, digits and _ become _, and a leading digit gets a _.
func safeKey(k string) string {
	b := []byte(k)
	if len(b) > 64 {
		b = b[:64]
	}
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			b[i] = '_'
		}
	}
	if len(b) == 0 || b[0] >= '0' && b[0] <= '9' {
		b = append([]byte{'_'}, b...)
	}
	if len(b) > 64 {
		b = b[:64]
	}
	return string(b)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// utf16Converter turns UTF-16 code unit offsets into code point offsets.
type utf16Converter struct {
	astral []int // UTF-16 offsets of characters outside the BMP (two units each)
	units  int   // length in UTF-16 units
}

func newUTF16Converter(s string) *utf16Converter {
	c := &utf16Converter{}
	for _, r := range s {
		if utf16.RuneLen(r) == 2 {
			c.astral = append(c.astral, c.units)
			c.units += 2
		} else {
			c.units++
		}
	}
	return c
}

// codePoint converts one offset; a message says why it cannot.
func (c *utf16Converter) codePoint(u int) (int, string) {
	if u < 0 || u > c.units {
		return u, "" // out of range: ingest.Validate reports it with the text length
	}
	// Astral characters starting before u.
	k := sort.SearchInts(c.astral, u)
	if k > 0 && c.astral[k-1] == u-1 {
		return 0, fmt.Sprintf("%d falls inside a character (between the two halves of a UTF-16 surrogate pair)", u)
	}
	return u - k, ""
}

// Reader reads Label Studio JSON exports: an array of tasks, or one task.
type Reader struct{}

var _ ingest.Reader = Reader{}

// Format returns "labelstudio".
func (Reader) Format() string { return Format }

// FilesOnly reports that an article depends on nothing but the bytes of its source (its task in the export) and its annotation.conf.
func (Reader) FilesOnly() bool { return true }

// Describe names the files the reader reads, for messages.
func (Reader) Describe() string { return "Label Studio .json" }

// Claim takes a .json file or stdin that holds an array or a task ("data" or
// "annotations" at the top), and any other .json file, stdin or JSON Lines file weakly
// (JSON Lines is native's by name; --format labelstudio reads it as an export).
func (Reader) Claim(f *ingest.File) int {
	switch {
	case f.Ext == ".jsonl" || f.Ext == ".ndjson":
		return ingest.ClaimName // native JSON Lines by name; read as an export only when forced
	case (f.Ext != ".json" && !f.Stdin()) || brat.IsSidecar(f.Path):
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

// Sources adds one source per task of the export (an array of tasks or one task object).
func (Reader) Sources(f *ingest.File) {
	r, done, ok := jsonpos.Open(f, Format)
	if !ok {
		return
	}
	defer done()
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
