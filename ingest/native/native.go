package native

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/jsonpos"
	"golang.org/x/text/unicode/norm"
)

// The native format is JSON Lines: one article a line, each a JSON object, for people who
// write annotations by hand or convert them from other tools. A .json file may hold one
// article pretty-printed over several lines. The JSON Schema is native.schema.json in this
// folder; FORMATS.md explains it with an example. In short:
//
//	{"id": "kerry-lavrov-call", "title": "…", "source": "…", "url": "…",
//	 "published": "2016-03-19", "meta": {"desk": "world"},
//	 "text": "US Secretary of State John Kerry spoke with Sergei Lavrov …",
//	 "mentions": [
//	   {"id": "m1", "type": "Person", "start": 22, "end": 32, "wikidata": "Q22316"},
//	   {"id": "m2", "type": "Person", "quote": "Sergei Lavrov"},
//	   {"id": "m3", "type": "State", "quote": "Russia", "occurrence": 2},
//	   {"id": "m4", "type": "Organisation", "spans": [[0, 5], [16, 23]]},
//	   {"id": "t1", "type": "Ceasefire", "quote": "ceasefire"}],
//	 "relations": [{"id": "r1", "type": "SpokeWith", "from": "m1", "to": "m2"}],
//	 "events": [{"id": "e1", "type": "Ceasefire", "trigger": "t1", "status": "asserted",
//	             "args": [{"role": "Backer", "ref": "m3"}]}],
//	 "attributes": [{"target": "e1", "name": "Confidence", "value": "High"}],
//	 "norms": [{"target": "m2", "ref": "Wikidata:Q154972"}],
//	 "equivalences": [["m1", "m5"]],
//	 "notes": [{"target": "m1", "text": "title stripped"}]}
//
// A mention gives its place as start/end code point offsets, as spans (several
// [start, end] pairs for a discontinuous mention), or as quote: the exact text, found in
// the article (the occurrence-th time it occurs, counting from 1). With offsets, "text" is
// optional and checked when given. "status" on a relation or event (asserted, proposed,
// negated, speculated) becomes a Status attribute; "wikidata" on a mention a Wikidata
// normalisation. Unknown fields are errors, so a misspelt key is never silently ignored.
type nativeArticle struct {
	ID        string            `json:"id"`
	Title     string            `json:"title"`
	Source    string            `json:"source"`
	URL       string            `json:"url"`
	Published string            `json:"published"`
	Meta      map[string]any    `json:"meta"`
	Text      *string           `json:"text"`
	Mentions  []nativeMention   `json:"mentions"`
	Relations []nativeRelation  `json:"relations"`
	Events    []nativeEvent     `json:"events"`
	Attrs     []nativeAttribute `json:"attributes"`
	Norms     []nativeNorm      `json:"norms"`
	Equivs    [][]string        `json:"equivalences"`
	Notes     []nativeNote      `json:"notes"`
}

type nativeMention struct {
	ID         string  `json:"id"`
	Type       string  `json:"type"`
	Start      *int    `json:"start"`
	End        *int    `json:"end"`
	Spans      [][]int `json:"spans"`
	Quote      *string `json:"quote"`
	Occurrence int     `json:"occurrence"`
	Text       *string `json:"text"`
	Wikidata   string  `json:"wikidata"`
}

type nativeRelation struct {
	ID     string      `json:"id"`
	Type   string      `json:"type"`
	From   string      `json:"from"`
	To     string      `json:"to"`
	Args   []nativeArg `json:"args"`
	Status string      `json:"status"`
}

type nativeEvent struct {
	ID      string      `json:"id"`
	Type    string      `json:"type"`
	Trigger string      `json:"trigger"`
	Args    []nativeArg `json:"args"`
	Status  string      `json:"status"`
}

type nativeArg struct {
	Role string `json:"role"`
	Ref  string `json:"ref"`
}

type nativeAttribute struct {
	ID     string `json:"id"`
	Target string `json:"target"`
	Name   string `json:"name"`
	Value  string `json:"value"`
}

type nativeNorm struct {
	ID     string `json:"id"`
	Target string `json:"target"`
	Ref    string `json:"ref"`
	Type   string `json:"type"`
	Text   string `json:"text"`
}

type nativeNote struct {
	Target string `json:"target"`
	Text   string `json:"text"`
}

var (
	nativeIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$`)
	qidPattern      = regexp.MustCompile(`^Q[1-9][0-9]{0,11}$`)
)

// Statuses a native relation or event may have.
var nativeStatuses = map[string]bool{"asserted": true, "proposed": true, "negated": true, "speculated": true}

// Parse parses one native article from raw, which starts on line of the file at
// path. Problems come back as ParseErrors; the article comes with them when it could be
// read far enough for Validate to report the rest.
func Parse(raw []byte, path string, line int, textLimit int64) (*ingest.Article, error) {
	if line <= 0 {
		line = 1
	}
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	a := &ingest.Article{Path: path, Format: Format, Line: line}
	fail := func(l int, format string, args ...any) (*ingest.Article, error) {
		return nil, ingest.ParseErrors{{Path: path, Line: l, Msg: fmt.Sprintf(format, args...)}}
	}
	if !utf8.Valid(raw) {
		return fail(line+bytes.Count(raw[:ingest.FirstInvalid(raw)], []byte("\n")), "not valid UTF-8 (byte %d of the article)", ingest.FirstInvalid(raw))
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 {
		return fail(line, "empty article: expected a JSON object")
	}
	if trimmed[0] != '{' {
		if !json.Valid(trimmed) {
			return fail(line, "not JSON: expected an article object {\"id\": …, \"text\": …}")
		}
		return fail(line, "expected an article object {\"id\": …, \"text\": …}, got %s", jsonpos.ValueKind(trimmed[0]))
	}
	var na nativeArticle
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(&na); err != nil {
		l := line
		if el := jsonpos.ErrLine(raw, err); el > 0 {
			l = line + el - 1
		}
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fail(l, "not valid JSON: %s", jsonpos.Msg(err))
		}
		return fail(l, "%s", jsonpos.Msg(err))
	}
	if dec.More() {
		return fail(line, "more than one JSON value: one article a line")
	}
	var errs ingest.ParseErrors
	bad := func(l int, format string, args ...any) {
		errs = append(errs, &ingest.ParseError{Path: path, Line: l, Msg: fmt.Sprintf(format, args...)})
	}
	lines := jsonpos.Scan(raw, line, func(k jsonpos.Key) {
		inMeta := k.Obj == "meta" || strings.HasPrefix(k.Obj, "meta.")
		switch {
		case k.Dup:
			bad(k.Line, "key %q appears twice in %s: give each key once", ingest.Clip(k.Key), jsonpos.ObjName(k.Obj))
		case !inMeta && !nativeKeys[k.Key]:
			// encoding/json matched it to a field ignoring case ("ID" for "id").
			bad(k.Line, "key %q in %s is not a field of the native format: keys are case-sensitive (did you mean %q?)", ingest.Clip(k.Key), jsonpos.ObjName(k.Obj), strings.ToLower(k.Key))
		}
	})
	a.ID, a.Title, a.Source, a.URL = na.ID, na.Title, na.Source, na.URL
	a.Annotations = string(raw)
	if na.ID == "" {
		bad(line, "article without an id")
	}
	if na.Text != nil { // a missing text is reported by ingest.Validate, as an empty one
		a.Text = *na.Text
		if int64(len(a.Text)) > textLimit {
			return fail(line, "text larger than %d MiB; split the article", textLimit>>20)
		}
	}
	if na.Published != "" {
		d, err := ingest.ParseDate(na.Published)
		if err != nil {
			bad(line, "published: %v", err)
		}
		a.Published = d
	}
	if len(na.Meta) > 0 {
		a.Meta = map[string]string{}
		for k, v := range na.Meta {
			a.Meta[k] = jsonpos.MetaString(v)
		}
	}
	idx := ingest.NewTextIndex(a.Text)
	var nfc *nfcText // the text in ingest.NFC, built for the first quote that needs it
	isNFC := -1      // whether the text is in NFC: unknown until a quote is not found
	textIsNFC := func() bool {
		if isNFC < 0 {
			isNFC = 0
			if norm.NFC.IsNormalString(a.Text) {
				isNFC = 1
			}
		}
		return isNFC == 1
	}
	checkID := func(l int, what, id string) {
		if id == "" {
			bad(l, "%s without an id", what)
		} else if !nativeIDPattern.MatchString(id) {
			bad(l, "%s id %q: use letters, digits, _ . : or -, starting with a letter or digit", what, ingest.Clip(id))
		}
	}
	gen := 0
	genID := func(prefix string) string { gen++; return fmt.Sprintf("_%s%d", prefix, gen) }
	for i, nm := range na.Mentions {
		l := lines.At(fmt.Sprintf("mentions.%d", i))
		checkID(l, "mention", nm.ID)
		m := ingest.Mention{ID: nm.ID, Type: nm.Type, Line: l}
		if nm.Type == "" {
			bad(l, "mention %s has no type", nm.ID)
		}
		ways := 0
		if nm.Start != nil || nm.End != nil {
			ways++
		}
		if nm.Spans != nil {
			ways++
		}
		if nm.Quote != nil {
			ways++
		}
		switch {
		case ways == 0:
			bad(l, "mention %s: give start and end, spans, or quote", nm.ID)
			continue
		case ways > 1:
			bad(l, "mention %s: give only one of start/end, spans and quote", nm.ID)
			continue
		case nm.Start != nil || nm.End != nil:
			if nm.Start == nil || nm.End == nil {
				bad(l, "mention %s: start and end go together", nm.ID)
				continue
			}
			m.Spans = []ingest.Span{{Start: *nm.Start, End: *nm.End}}
		case nm.Spans != nil:
			if len(nm.Spans) == 0 {
				bad(l, "mention %s: spans is empty", nm.ID)
				continue
			}
			ok := true
			for j, sp := range nm.Spans {
				if len(sp) != 2 {
					bad(l, "mention %s: spans.%d must be two numbers [start, end], got %d", nm.ID, j, len(sp))
					ok = false
					continue
				}
				m.Spans = append(m.Spans, ingest.Span{Start: sp[0], End: sp[1]})
			}
			if !ok {
				continue
			}
		default:
			q := *nm.Quote
			if q == "" {
				bad(l, "mention %s: quote is empty", nm.ID)
				continue
			}
			occ := nm.Occurrence
			if occ == 0 {
				occ = 1
			}
			if occ < 0 {
				bad(l, "mention %s: occurrence counts from 1, got %d", nm.ID, occ)
				continue
			}
			start, found := findOccurrence(a.Text, q, occ)
			end := start + utf8.RuneCountInString(q)
			if start < 0 && (!norm.NFC.IsNormalString(q) || !textIsNFC()) {
				// The quote is written in another Unicode form than the text ("é" as one
				// code point or two): look it up in NFC, keep offsets of the text as stored.
				if nfc == nil {
					nfc = newNFCText(a.Text)
				}
				start, end, found = nfc.find(q, occ)
			}
			if start < 0 {
				if found == 0 {
					bad(l, "mention %s: quote %q does not occur in the text", nm.ID, ingest.Clip(q))
				} else {
					bad(l, "mention %s: quote %q occurs %d times, not %d", nm.ID, ingest.Clip(q), found, occ)
				}
				continue
			}
			m.Spans = []ingest.Span{{Start: start, End: end}}
			m.Text = q
			if nm.Text != nil && !ingest.SameText(*nm.Text, q) {
				bad(l, "mention %s: text %q contradicts quote %q: give one of them, or the same text in both", nm.ID, ingest.Clip(*nm.Text), ingest.Clip(q))
				continue
			}
		}
		if nm.Occurrence != 0 && nm.Quote == nil {
			bad(l, "mention %s: occurrence goes with quote", nm.ID)
		}
		if m.Text == "" {
			if nm.Text != nil {
				m.Text = *nm.Text
			} else if got, ok := idx.Covered(m.Spans); ok {
				m.Text = got
			} else {
				m.Text = "" // ingest.Validate reports the span outside the text.
			}
		}
		a.Mentions = append(a.Mentions, m)
		if nm.Wikidata != "" {
			if !qidPattern.MatchString(nm.Wikidata) {
				bad(l, "mention %s: wikidata %q is not a Wikidata id like Q22316", nm.ID, ingest.Clip(nm.Wikidata))
			} else {
				a.Norms = append(a.Norms, ingest.Norm{ID: genID("n"), Type: "Reference", Target: nm.ID, DB: "Wikidata", DBID: nm.Wikidata, Text: m.Text, Line: l})
			}
		}
	}
	status := func(l int, target, st string) {
		if st == "" {
			return
		}
		if !nativeStatuses[st] {
			bad(l, "%s: status %q is not one of asserted, proposed, negated, speculated", target, ingest.Clip(st))
			return
		}
		a.Attributes = append(a.Attributes, ingest.Attribute{ID: genID("s"), Name: "Status", Target: target, Value: st, Line: l})
	}
	args := func(nas []nativeArg) []ingest.Arg {
		out := make([]ingest.Arg, len(nas))
		for i, x := range nas {
			out[i] = ingest.Arg(x)
		}
		return out
	}
	for i, nr := range na.Relations {
		l := lines.At(fmt.Sprintf("relations.%d", i))
		checkID(l, "relation", nr.ID)
		r := ingest.Relation{ID: nr.ID, Type: nr.Type, Line: l}
		if nr.Type == "" {
			bad(l, "relation %s has no type", nr.ID)
		}
		switch {
		case len(nr.Args) > 0 && (nr.From != "" || nr.To != ""):
			bad(l, "relation %s: give from/to or args, not both", nr.ID)
			continue
		case len(nr.Args) > 0:
			r.Args = args(nr.Args)
		default:
			if nr.From == "" || nr.To == "" {
				bad(l, "relation %s: needs from and to", nr.ID)
				continue
			}
			r.Args = []ingest.Arg{{Role: "Arg1", Ref: nr.From}, {Role: "Arg2", Ref: nr.To}}
		}
		a.Relations = append(a.Relations, r)
		status(l, nr.ID, nr.Status)
	}
	for i, ne := range na.Events {
		l := lines.At(fmt.Sprintf("events.%d", i))
		checkID(l, "event", ne.ID)
		if ne.Type == "" {
			bad(l, "event %s has no type", ne.ID)
		}
		if ne.Trigger == "" {
			bad(l, "event %s has no trigger (the id of the mention that names it)", ne.ID)
			continue
		}
		a.Events = append(a.Events, ingest.Event{ID: ne.ID, Type: ne.Type, Trigger: ne.Trigger, Args: args(ne.Args), Line: l})
		status(l, ne.ID, ne.Status)
	}
	for i, at := range na.Attrs {
		l := lines.At(fmt.Sprintf("attributes.%d", i))
		id := at.ID
		if id == "" {
			id = genID("a")
		} else {
			checkID(l, "attribute", id)
		}
		if at.Name == "" || at.Target == "" {
			bad(l, "attribute %s: needs target and name", id)
			continue
		}
		a.Attributes = append(a.Attributes, ingest.Attribute{ID: id, Name: at.Name, Target: at.Target, Value: at.Value, Line: l})
	}
	for i, nn := range na.Norms {
		l := lines.At(fmt.Sprintf("norms.%d", i))
		id := nn.ID
		if id == "" {
			id = genID("n")
		} else {
			checkID(l, "normalisation", id)
		}
		db, entry, ok := strings.Cut(nn.Ref, ":")
		if !ok || db == "" || entry == "" || nn.Target == "" {
			bad(l, "normalisation %s: needs target and ref as DB:ENTRY, e.g. Wikidata:Q22316", id)
			continue
		}
		typ := nn.Type
		if typ == "" {
			typ = "Reference"
		}
		a.Norms = append(a.Norms, ingest.Norm{ID: id, Type: typ, Target: nn.Target, DB: db, DBID: entry, Text: nn.Text, Line: l})
	}
	for i, eq := range na.Equivs {
		l := lines.At(fmt.Sprintf("equivalences.%d", i))
		a.Equivs = append(a.Equivs, ingest.Equiv{Type: "Equiv", Refs: eq, Line: l})
	}
	for i, nn := range na.Notes {
		l := lines.At(fmt.Sprintf("notes.%d", i))
		a.Notes = append(a.Notes, ingest.Note{ID: genID("c"), Type: "AnnotatorNotes", Target: nn.Target, Text: nn.Text, Line: l})
	}
	if len(errs) > 0 {
		return a, errs
	}
	return a, nil
}

// nativeKeys are the field names of the native format, each exactly as the schema spells it.
var nativeKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range []any{nativeArticle{}, nativeMention{}, nativeRelation{}, nativeEvent{}, nativeArg{}, nativeAttribute{}, nativeNorm{}, nativeNote{}} {
		t := reflect.TypeOf(v)
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			m[name] = true
		}
	}
	return m
}()

// findOccurrence returns the code point offset of the occ-th occurrence (from 1) of q in
// text, or -1 and how many occurrences there are.
func findOccurrence(text, q string, occ int) (int, int) {
	found, from := 0, 0
	for {
		i := strings.Index(text[from:], q)
		if i < 0 {
			return -1, found
		}
		found++
		if found == occ {
			return utf8.RuneCountInString(text[:from+i]), found
		}
		_, size := utf8.DecodeRuneInString(text[from+i:])
		from += i + size
	}
}
