// Package native reads dipgraph's own format: JSON Lines, one article a line, or one
// article in a .json file, as native.schema.json defines it, for annotations written by
// hand or converted from other tools.
package native

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/internal/jsonpos"
	"golang.org/x/text/unicode/norm"
)

// Format is the name of the native format.
const Format = "native"

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
	na, typeErr, perr := decode(raw, line)
	if perr != nil {
		perr.Path = path
		return nil, ingest.ParseErrors{perr}
	}
	p := &parser{path: path, line: line, isNFC: -1, a: &ingest.Article{Path: path, Format: Format, Line: line}}
	p.lines = jsonpos.Scan(raw, line, p.checkKey)
	if errs, err := schemaProblems(raw, p.lines, path); err != nil || len(errs) > 0 {
		return nil, cmp.Or[error](err, errs)
	}
	if typeErr != nil {
		typeErr.Path = path
		return nil, ingest.ParseErrors{typeErr}
	}
	if err := p.article(na, raw, textLimit); err != nil {
		return nil, err
	}
	for i, nm := range na.Mentions {
		p.mention(i, nm)
	}
	for i, nr := range na.Relations {
		p.relation(i, nr)
	}
	for i, ne := range na.Events {
		p.event(i, ne)
	}
	p.attributes(na.Attrs)
	p.norms(na.Norms)
	p.equivsAndNotes(na.Equivs, na.Notes)
	if len(p.errs) > 0 {
		return p.a, p.errs
	}
	return p.a, nil
}

// decode checks that raw holds one JSON object and decodes it into the native article. A
// problem comes back without its path. A value of the wrong type comes back as typeErr,
// with the article decoded as far as it could be: the schema describes such problems
// better, and typeErr is said only when it says nothing (an offset of 1e30).
func decode(raw []byte, line int) (na *nativeArticle, typeErr, perr *ingest.ParseError) {
	fail := func(l int, format string, args ...any) (*nativeArticle, *ingest.ParseError, *ingest.ParseError) {
		return nil, nil, &ingest.ParseError{Line: l, Msg: fmt.Sprintf(format, args...)}
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
	na = &nativeArticle{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(na); err != nil {
		l := line
		if el := jsonpos.ErrLine(raw, err); el > 0 {
			l = line + el - 1
		}
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			return fail(l, "not valid JSON: %s", jsonpos.Msg(err))
		}
		typeErr = &ingest.ParseError{Line: l, Msg: jsonpos.Msg(err)}
	}
	if dec.More() {
		return fail(line, "more than one JSON value: one article a line")
	}
	return na, typeErr, nil
}

// parser turns one decoded native article into an Article, collecting every problem.
type parser struct {
	path  string
	line  int // where the article starts in the file
	a     *ingest.Article
	errs  ingest.ParseErrors
	lines jsonpos.Lines // line of every object of the article
	idx   *ingest.TextIndex
	nfc   *nfcText // the text in NFC, built for the first quote that needs it
	isNFC int      // whether the text is in NFC: -1 until a quote is not found
	gen   int      // ids made up so far
}

func (p *parser) bad(l int, format string, args ...any) {
	p.errs = append(p.errs, &ingest.ParseError{Path: p.path, Line: l, Msg: fmt.Sprintf(format, args...)})
}

// checkKey refuses a key given twice, and one encoding/json matched to a field ignoring
// case ("ID" for "id").
func (p *parser) checkKey(k jsonpos.Key) {
	inMeta := k.Obj == "meta" || strings.HasPrefix(k.Obj, "meta.")
	switch {
	case k.Dup:
		p.bad(k.Line, "key %q appears twice in %s: give each key once", ingest.Clip(k.Key), jsonpos.ObjName(k.Obj))
	case !inMeta && !nativeKeys[k.Key]:
		p.bad(k.Line, "key %q in %s is not a field of the native format: keys are case-sensitive (did you mean %q?)", ingest.Clip(k.Key), jsonpos.ObjName(k.Obj), strings.ToLower(k.Key))
	}
}

func (p *parser) checkID(l int, what, id string) {
	if id == "" {
		p.bad(l, "%s without an id", what)
	} else if !nativeIDPattern.MatchString(id) {
		p.bad(l, "%s id %q: use letters, digits, _ . : or -, starting with a letter or digit", what, ingest.Clip(id))
	}
}

// genID makes up an id for an annotation the format gives without one.
func (p *parser) genID(prefix string) string {
	p.gen++
	return fmt.Sprintf("_%s%d", prefix, p.gen)
}

// annotation starts reading the i-th object of list: it returns its line, having checked
// its id and that it has a type.
func (p *parser) annotation(list string, i int, what, id, typ string) int {
	l := p.at(list, i)
	p.checkID(l, what, id)
	if typ == "" {
		p.bad(l, "%s %s has no type", what, id)
	}
	return l
}

// at returns the line of the i-th object of a list ("mentions", 2).
func (p *parser) at(list string, i int) int { return p.lines.At(fmt.Sprintf("%s.%d", list, i)) }

// article reads the article's own fields: id, metadata, text.
func (p *parser) article(na *nativeArticle, raw []byte, textLimit int64) error {
	a := p.a
	a.ID, a.Title, a.Source, a.URL = na.ID, na.Title, na.Source, na.URL
	a.Annotations = string(raw)
	if na.ID == "" {
		p.bad(p.line, "article without an id")
	}
	if na.Text != nil { // a missing text is reported by ingest.Validate, as an empty one
		a.Text = *na.Text
		if int64(len(a.Text)) > textLimit {
			return ingest.ParseErrors{{Path: p.path, Line: p.line, Msg: fmt.Sprintf("text larger than %d MiB; split the article", textLimit>>20)}}
		}
	}
	if na.Published != "" {
		d, err := ingest.ParseDate(na.Published)
		if err != nil {
			p.bad(p.line, "published: %v", err)
		}
		a.Published = d
	}
	if len(na.Meta) > 0 {
		a.Meta = map[string]string{}
		for k, v := range na.Meta {
			a.Meta[k] = jsonpos.MetaString(v)
		}
	}
	p.idx = ingest.NewTextIndex(a.Text)
	return nil
}

// mention reads the i-th mention, placed by offsets, spans or quote.
func (p *parser) mention(i int, nm nativeMention) {
	l := p.annotation("mentions", i, "mention", nm.ID, nm.Type)
	m := ingest.Mention{ID: nm.ID, Type: nm.Type, Line: l}
	if !p.place(l, nm, &m) {
		return
	}
	if nm.Occurrence != 0 && nm.Quote == nil {
		p.bad(l, "mention %s: occurrence goes with quote", nm.ID)
	}
	if m.Text == "" {
		if nm.Text != nil {
			m.Text = *nm.Text
		} else if got, ok := p.idx.Covered(m.Spans); ok {
			m.Text = got
		} // else Validate reports the span outside the text.
	}
	p.a.Mentions = append(p.a.Mentions, m)
	if nm.Wikidata != "" {
		if !qidPattern.MatchString(nm.Wikidata) {
			p.bad(l, "mention %s: wikidata %q is not a Wikidata id like Q22316", nm.ID, ingest.Clip(nm.Wikidata))
		} else {
			p.a.Norms = append(p.a.Norms, ingest.Norm{ID: p.genID("n"), Type: "Reference", Target: nm.ID, DB: "Wikidata", DBID: nm.Wikidata, Text: m.Text, Line: l})
		}
	}
}

// place sets the spans of m from the one way nm gives them, and reports whether it could.
func (p *parser) place(l int, nm nativeMention, m *ingest.Mention) bool {
	ways := 0
	for _, given := range []bool{nm.Start != nil || nm.End != nil, nm.Spans != nil, nm.Quote != nil} {
		if given {
			ways++
		}
	}
	switch {
	case ways == 0:
		p.bad(l, "mention %s: give start and end, spans, or quote", nm.ID)
	case ways > 1:
		p.bad(l, "mention %s: give only one of start/end, spans and quote", nm.ID)
	case nm.Start != nil || nm.End != nil:
		if nm.Start == nil || nm.End == nil {
			p.bad(l, "mention %s: start and end go together", nm.ID)
			return false
		}
		m.Spans = []ingest.Span{{Start: *nm.Start, End: *nm.End}}
		return true
	case nm.Spans != nil:
		return p.placeSpans(l, nm, m)
	default:
		return p.placeQuote(l, nm, m)
	}
	return false
}

// placeSpans reads a mention's [start, end] pairs.
func (p *parser) placeSpans(l int, nm nativeMention, m *ingest.Mention) bool {
	if len(nm.Spans) == 0 {
		p.bad(l, "mention %s: spans is empty", nm.ID)
		return false
	}
	ok := true
	for j, sp := range nm.Spans {
		if len(sp) != 2 {
			p.bad(l, "mention %s: spans.%d must be two numbers [start, end], got %d", nm.ID, j, len(sp))
			ok = false
			continue
		}
		m.Spans = append(m.Spans, ingest.Span{Start: sp[0], End: sp[1]})
	}
	return ok
}

// placeQuote looks a mention's quote up in the text, its occurrence-th time.
func (p *parser) placeQuote(l int, nm nativeMention, m *ingest.Mention) bool {
	q := *nm.Quote
	if q == "" {
		p.bad(l, "mention %s: quote is empty", nm.ID)
		return false
	}
	occ := nm.Occurrence
	if occ == 0 {
		occ = 1
	}
	if occ < 0 {
		p.bad(l, "mention %s: occurrence counts from 1, got %d", nm.ID, occ)
		return false
	}
	start, found := findOccurrence(p.a.Text, q, occ)
	end := start + utf8.RuneCountInString(q)
	if start < 0 && (!norm.NFC.IsNormalString(q) || !p.textIsNFC()) {
		// The quote is written in another Unicode form than the text ("é" as one
		// code point or two): look it up in NFC, keep offsets of the text as stored.
		if p.nfc == nil {
			p.nfc = newNFCText(p.a.Text)
		}
		start, end, found = p.nfc.find(q, occ)
	}
	if start < 0 {
		if found == 0 {
			p.bad(l, "mention %s: quote %q does not occur in the text", nm.ID, ingest.Clip(q))
		} else {
			p.bad(l, "mention %s: quote %q occurs %d times, not %d", nm.ID, ingest.Clip(q), found, occ)
		}
		return false
	}
	m.Spans = []ingest.Span{{Start: start, End: end}}
	m.Text = q
	if nm.Text != nil && !ingest.SameText(*nm.Text, q) {
		p.bad(l, "mention %s: text %q contradicts quote %q: give one of them, or the same text in both", nm.ID, ingest.Clip(*nm.Text), ingest.Clip(q))
		return false
	}
	return true
}

func (p *parser) textIsNFC() bool {
	if p.isNFC < 0 {
		p.isNFC = 0
		if norm.NFC.IsNormalString(p.a.Text) {
			p.isNFC = 1
		}
	}
	return p.isNFC == 1
}

// status adds the Status attribute of a relation or event.
func (p *parser) status(l int, target, st string) {
	if st == "" {
		return
	}
	if !nativeStatuses[st] {
		p.bad(l, "%s: status %q is not one of asserted, proposed, negated, speculated", target, ingest.Clip(st))
		return
	}
	p.a.Attributes = append(p.a.Attributes, ingest.Attribute{ID: p.genID("s"), Name: "Status", Target: target, Value: st, Line: l})
}

func args(nas []nativeArg) []ingest.Arg {
	out := make([]ingest.Arg, len(nas))
	for i, x := range nas {
		out[i] = ingest.Arg(x)
	}
	return out
}

// relation reads the i-th relation: binary (from, to) or with args.
func (p *parser) relation(i int, nr nativeRelation) {
	l := p.annotation("relations", i, "relation", nr.ID, nr.Type)
	r := ingest.Relation{ID: nr.ID, Type: nr.Type, Line: l}
	switch {
	case len(nr.Args) > 0 && (nr.From != "" || nr.To != ""):
		p.bad(l, "relation %s: give from/to or args, not both", nr.ID)
		return
	case len(nr.Args) > 0:
		r.Args = args(nr.Args)
	case nr.From == "" || nr.To == "":
		p.bad(l, "relation %s: needs from and to", nr.ID)
		return
	default:
		r.Args = []ingest.Arg{{Role: "Arg1", Ref: nr.From}, {Role: "Arg2", Ref: nr.To}}
	}
	p.a.Relations = append(p.a.Relations, r)
	p.status(l, nr.ID, nr.Status)
}

// event reads the i-th event.
func (p *parser) event(i int, ne nativeEvent) {
	l := p.annotation("events", i, "event", ne.ID, ne.Type)
	if ne.Trigger == "" {
		p.bad(l, "event %s has no trigger (the id of the mention that names it)", ne.ID)
		return
	}
	p.a.Events = append(p.a.Events, ingest.Event{ID: ne.ID, Type: ne.Type, Trigger: ne.Trigger, Args: args(ne.Args), Line: l})
	p.status(l, ne.ID, ne.Status)
}

// optionalID checks an id that may be left out, making one up then.
func (p *parser) optionalID(l int, what, prefix, id string) string {
	if id == "" {
		return p.genID(prefix)
	}
	p.checkID(l, what, id)
	return id
}

func (p *parser) attributes(attrs []nativeAttribute) {
	for i, at := range attrs {
		l := p.at("attributes", i)
		id := p.optionalID(l, "attribute", "a", at.ID)
		if at.Name == "" || at.Target == "" {
			p.bad(l, "attribute %s: needs target and name", id)
			continue
		}
		p.a.Attributes = append(p.a.Attributes, ingest.Attribute{ID: id, Name: at.Name, Target: at.Target, Value: at.Value, Line: l})
	}
}

func (p *parser) norms(norms []nativeNorm) {
	for i, nn := range norms {
		l := p.at("norms", i)
		id := p.optionalID(l, "normalisation", "n", nn.ID)
		db, entry, ok := strings.Cut(nn.Ref, ":")
		if !ok || db == "" || entry == "" || nn.Target == "" {
			p.bad(l, "normalisation %s: needs target and ref as DB:ENTRY, e.g. Wikidata:Q22316", id)
			continue
		}
		typ := nn.Type
		if typ == "" {
			typ = "Reference"
		}
		p.a.Norms = append(p.a.Norms, ingest.Norm{ID: id, Type: typ, Target: nn.Target, DB: db, DBID: entry, Text: nn.Text, Line: l})
	}
}

func (p *parser) equivsAndNotes(equivs [][]string, notes []nativeNote) {
	for i, eq := range equivs {
		p.a.Equivs = append(p.a.Equivs, ingest.Equiv{Type: "Equiv", Refs: eq, Line: p.at("equivalences", i)})
	}
	for i, nn := range notes {
		p.a.Notes = append(p.a.Notes, ingest.Note{ID: p.genID("c"), Type: "AnnotatorNotes", Target: nn.Target, Text: nn.Text, Line: p.at("notes", i)})
	}
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

// Reader reads native articles: JSON Lines (.jsonl, .ndjson), or one article in a .json.
type Reader struct{}

var _ ingest.Reader = Reader{}

// Format returns "native".
func (Reader) Format() string { return Format }

// FilesOnly reports that an article depends on nothing but the bytes of its source (its line or file) and its annotation.conf.
func (Reader) FilesOnly() bool { return true }

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

// Describe names the files the reader reads, for messages.
func (Reader) Describe() string { return "native .jsonl" }

// Sources adds one source per non-blank line, or one for the whole file when it holds one
// pretty-printed article.
func (Reader) Sources(f *ingest.File) {
	r, done, ok := jsonpos.Open(f, Format)
	if !ok {
		return
	}
	defer done()
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
