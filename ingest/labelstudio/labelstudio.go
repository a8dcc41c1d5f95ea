package labelstudio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/jsonpos"
)

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
	a := &ingest.Article{Path: path, Format: Format, Annotations: string(raw), Line: line}
	where := fmt.Sprintf("task %d", index+1)
	fail := func(l int, format string, args ...any) (*ingest.Article, error) {
		return nil, ingest.ParseErrors{{Path: path, Line: l, Msg: where + ": " + fmt.Sprintf(format, args...)}}
	}
	if !utf8.Valid(raw) {
		return fail(line+bytes.Count(raw[:ingest.FirstInvalid(raw)], []byte("\n")), "not valid UTF-8")
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		if len(trimmed) == 0 || !json.Valid(trimmed) {
			return fail(line, "not JSON: expected a task object")
		}
		return fail(line, "expected a task object with data and annotations, got %s", jsonpos.ValueKind(trimmed[0]))
	}
	var t lsTask
	// Numbers stay as written: a task or article id of 12345678901234567890 is not a float.
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&t); err != nil {
		l := line
		if el := jsonpos.ErrLine(raw, err); el > 0 {
			l = line + el - 1
		}
		return fail(l, "%s", jsonpos.Msg(err))
	}
	taskID := strings.Trim(string(t.ID), `"`)
	if taskID != "" && taskID != "null" {
		where = "task " + taskID
	}
	var errs ingest.ParseErrors
	bad := func(l int, format string, args ...any) {
		errs = append(errs, &ingest.ParseError{Path: path, Line: l, Msg: where + ": " + fmt.Sprintf(format, args...)})
	}
	lines := jsonpos.Scan(raw, line, func(k jsonpos.Key) {
		if k.Dup {
			bad(k.Line, "key %q appears twice in %s: give each key once", ingest.Clip(k.Key), jsonpos.ObjName(k.Obj))
		}
	})
	if len(errs) > 0 {
		return nil, errs
	}
	if t.Data == nil {
		return fail(line, "no data object (the article text is read from data.text)")
	}
	text, ok := t.Data["text"].(string)
	if !ok {
		if _, there := t.Data["text"]; there {
			return fail(lines.At("data"), "data.text must be a string")
		}
		return fail(lines.At("data"), "data.text is missing (the article text is read from data.text)")
	}
	if int64(len(text)) > textLimit {
		return fail(line, "text larger than %d MiB; split the article", textLimit>>20)
	}
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
		base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		if taskID == "" || taskID == "null" {
			taskID = strconv.Itoa(index + 1)
		}
		a.ID = base + "-" + taskID
	}
	a.Title, a.Source, a.URL = str("title"), str("source"), str("url")
	if p := str("published", "date"); p != "" {
		d, err := ingest.ParseDate(p)
		if err != nil {
			bad(lines.At("data"), "published: %v", err)
		}
		a.Published = d
	}
	for k, v := range t.Data {
		switch k {
		case "text", "id", "article_id", "title", "source", "url", "published", "date":
			continue
		}
		switch v.(type) {
		case map[string]any, []any, nil:
			continue
		}
		if a.Meta == nil {
			a.Meta = map[string]string{}
		}
		a.Meta[safeKey(k)] = jsonpos.MetaString(v)
	}
	ann := -1
	for i, an := range t.Annotations {
		if !an.WasCancelled {
			ann = i
			break
		}
	}
	if ann < 0 {
		// Not a problem in the file, but the article brings nothing to the graph: say so.
		why := "it has not been annotated"
		switch {
		case len(t.Annotations) == 1:
			why = "its one annotation was cancelled"
		case len(t.Annotations) > 1:
			why = fmt.Sprintf("all %d of its annotations were cancelled", len(t.Annotations))
		case len(t.Predictions) > 0:
			why = "it has only predictions, which are not read (accept them in Label Studio to make them annotations)"
		}
		a.Warnings = append(a.Warnings, &ingest.ParseError{Path: path, Line: line, Warning: true,
			Msg: where + ": no usable annotation: " + why + "; the article has no annotations"})
		if len(errs) > 0 {
			return a, errs
		}
		return a, nil
	}
	conv := newUTF16Converter(text)
	idx := ingest.NewTextIndex(text)
	gen := 0
	genID := func(prefix string) string { gen++; return fmt.Sprintf("_%s%d", prefix, gen) }
	relN := 0
	for i, res := range t.Annotations[ann].Result {
		rp := fmt.Sprintf("annotations.%d.result.%d", ann, i)
		l := lines.At(rp)
		switch res.Type {
		case "labels":
			if res.ID == "" {
				bad(l, "labels result without an id")
				continue
			}
			var v lsValue
			if err := json.Unmarshal(res.Value, &v); err != nil || res.Value == nil {
				if err == nil {
					bad(l, "region %s has no value", res.ID)
				} else {
					bad(l, "region %s: value.%s", res.ID, jsonpos.Msg(err))
				}
				continue
			}
			if v.Start == nil || v.End == nil {
				bad(l, "region %s: value needs start and end", res.ID)
				continue
			}
			if len(v.Labels) == 0 {
				bad(l, "region %s has no label", res.ID)
				continue
			}
			start, err1 := conv.codePoint(*v.Start)
			end, err2 := conv.codePoint(*v.End)
			if err1 != "" || err2 != "" {
				bad(l, "region %s: offset %s", res.ID, firstNonEmpty(err1, err2))
				continue
			}
			m := ingest.Mention{ID: res.ID, Type: v.Labels[0], Spans: []ingest.Span{{Start: start, End: end}}, Line: l}
			if v.Text != nil {
				m.Text = *v.Text
			} else if got, ok := idx.Slice(start, end); ok {
				m.Text = got
			}
			a.Mentions = append(a.Mentions, m)
			for _, extra := range v.Labels[1:] {
				a.Attributes = append(a.Attributes, ingest.Attribute{ID: genID("l"), Name: "Label", Target: res.ID, Value: extra, Line: l})
			}
			if res.Meta != nil && len(res.Meta.Text) > 0 {
				a.Notes = append(a.Notes, ingest.Note{ID: genID("c"), Type: "AnnotatorNotes", Target: res.ID, Text: strings.Join(res.Meta.Text, "\n"), Line: l})
			}
		case "relation":
			if res.FromID == "" || res.ToID == "" {
				bad(l, "relation needs from_id and to_id")
				continue
			}
			from, to := res.FromID, res.ToID
			switch res.Direction {
			case "", "right", "bi":
			case "left":
				from, to = to, from
			default:
				bad(l, "relation %s → %s: direction %q is not right, left or bi", res.FromID, res.ToID, ingest.Clip(res.Direction))
				continue
			}
			labels := res.Labels
			if len(labels) == 0 {
				labels = []string{"Related"}
			}
			for _, lab := range labels {
				relN++
				id := "R" + strconv.Itoa(relN)
				a.Relations = append(a.Relations, ingest.Relation{ID: id, Type: lab, Args: []ingest.Arg{{Role: "Arg1", Ref: from}, {Role: "Arg2", Ref: to}}, Line: l})
				if res.Direction == "bi" {
					a.Attributes = append(a.Attributes, ingest.Attribute{ID: genID("d"), Name: "Direction", Target: id, Value: "bi", Line: l})
				}
			}
		case "":
			bad(l, "result without a type")
		default:
			// choices, textarea, rating and the like describe the task, not spans.
		}
	}
	// Relations were numbered R1…; a region with such an id would clash: Validate says so.
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return a, errs
	}
	return a, nil
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
