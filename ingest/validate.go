package ingest

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// metaKeyPattern is what a metadata key must look like: keys may become property names.
var metaKeyPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// Validate checks an article's annotations against its text, each other and, when the
// article has one, its annotation.conf: offsets inside the text, span text equal to the
// covered text, unique ids, references that exist, no event that is its own argument, type
// names safe to become labels, declared types and argument types. It returns every problem
// found as "file:line: message", sorted by line (problems on one line keep the order of
// the checks); none means the article can be loaded.
func Validate(a *Article) ParseErrors {
	v := &validator{a: a, path: a.Location(0), ids: map[string]int{}, kinds: map[string]byte{}, types: map[string]string{}}
	v.article()
	v.mentions()
	v.relationsAndEvents()
	v.otherAnnotations()
	v.references()
	if a.Schema != nil {
		v.errs = append(v.errs, a.Schema.Check(a)...)
	}
	SortErrors(v.errs)
	return v.errs
}

// validator checks one article, collecting every problem.
type validator struct {
	a     *Article
	path  string // the file annotations are reported in
	errs  ParseErrors
	ids   map[string]int    // line of every annotation id
	kinds map[string]byte   // kind of every annotation id (see Kinds)
	types map[string]string // type of every annotation id
}

func (v *validator) bad(line int, format string, args ...any) {
	v.errs = append(v.errs, &ParseError{Path: v.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) badType(line int, what, owner, name string) {
	if msg := TypeNameProblem(name); msg != "" {
		v.bad(line, "%s %s: type %s", what, owner, msg)
	}
}

func (v *validator) badRoles(line int, what, owner string, args []Arg) {
	for _, arg := range args {
		if msg := TypeNameProblem(arg.Role); msg != "" {
			v.bad(line, "%s %s: role %s", what, owner, msg)
		}
	}
}

// claim records an annotation id, refusing an empty or repeated one.
func (v *validator) claim(id string, line int, kind byte, typ string) {
	if id == "" {
		v.bad(line, "annotation without an id")
		return
	}
	if prev, ok := v.ids[id]; ok {
		v.bad(line, "duplicate id %s (first on line %d)", id, prev)
		return
	}
	v.ids[id] = line
	v.kinds[id] = kind
	v.types[id] = typ
}

// article checks the article's own fields: text, id, date, metadata keys.
func (v *validator) article() {
	a := v.a
	if strings.TrimSpace(a.Text) == "" {
		v.errs = append(v.errs, &ParseError{Path: a.Path, Line: a.Line, Msg: "the article text is empty"})
	}
	if msg, line := controlProblem(a.Text, a.Line == 0); msg != "" {
		if a.Line > 0 {
			line = a.Line
		}
		v.errs = append(v.errs, &ParseError{Path: a.Path, Line: line, Msg: msg})
	}
	if msg := articleIDProblem(a.ID); msg != "" {
		ip, il := a.Path, a.Line
		if a.MetaPath != "" {
			ip, il = a.MetaPath, 0
		}
		v.errs = append(v.errs, &ParseError{Path: ip, Line: il, Msg: msg})
	}
	if a.Published != "" {
		if _, err := ParseDate(a.Published); err != nil {
			v.bad(0, "published: %v", err)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(a.Meta)) {
		if !metaKeyPattern.MatchString(k) {
			mp := a.MetaPath
			if mp == "" {
				mp = v.path
			}
			v.errs = append(v.errs, &ParseError{Path: mp, Msg: fmt.Sprintf("metadata key %q is not a valid name: use ASCII letters, digits and _", Clip(k))})
		}
	}
}

// mentions claims every mention and checks its spans against the text.
func (v *validator) mentions() {
	idx := NewTextIndex(v.a.Text)
	forms := &formHints{text: v.a.Text}
	for _, m := range v.a.Mentions {
		v.claim(m.ID, m.Line, 'T', m.Type)
		v.badType(m.Line, "mention", m.ID, m.Type)
		if len(m.Spans) == 0 {
			v.bad(m.Line, "%s: no span", m.ID)
			continue
		}
		if v.spansInside(m, idx.Len()) {
			v.spanText(m, idx, forms)
		}
	}
}

// spansInside reports whether every span of m is a non-empty range inside a text of n
// code points, and says what is wrong with each that is not.
func (v *validator) spansInside(m Mention, n int) bool {
	inside := true
	for _, s := range m.Spans {
		switch {
		case s.Start < 0 || s.End < 0:
			v.bad(m.Line, "%s: negative offset in span %d-%d", m.ID, s.Start, s.End)
		case s.End < s.Start:
			v.bad(m.Line, "%s: span %d-%d ends before it starts", m.ID, s.Start, s.End)
		case s.End > n:
			v.bad(m.Line, "%s: span %d-%d is outside the text (%d characters)", m.ID, s.Start, s.End, n)
		case s.End == s.Start:
			v.bad(m.Line, "%s: span %d-%d is empty", m.ID, s.Start, s.End)
		default:
			continue
		}
		inside = false
	}
	return inside
}

// spanText checks that a mention's text is the text its spans cover, and not only white
// space; a mismatch comes with a hint when offsets count bytes or another Unicode form.
func (v *validator) spanText(m Mention, idx *TextIndex, forms *formHints) {
	got, _ := idx.Covered(m.Spans)
	switch {
	case got != m.Text && !SameText(FlattenSpace(got), FlattenSpace(m.Text)):
		hint := ""
		if byteOffsetsMatch(v.a.Text, m.Spans, m.Text) {
			hint = " (the offsets count bytes; they must count characters)"
		} else {
			hint = forms.hint(m.Spans, m.Text, got)
		}
		v.bad(m.Line, "%s: span text %q does not match the text at %s: %q%s", m.ID, Clip(m.Text), spansString(m.Spans), Clip(got), hint)
	case strings.TrimSpace(got) == "":
		v.bad(m.Line, "%s: span %s covers only white space: a mention must cover a name or word", m.ID, spansString(m.Spans))
	}
}

// relationsAndEvents claims relations and events and checks their type and role names.
func (v *validator) relationsAndEvents() {
	for _, r := range v.a.Relations {
		v.claim(r.ID, r.Line, 'R', r.Type)
		v.badType(r.Line, "relation", r.ID, r.Type)
		v.badRoles(r.Line, "relation", r.ID, r.Args)
	}
	for _, e := range v.a.Events {
		v.claim(e.ID, e.Line, 'E', e.Type)
		v.badType(e.Line, "event", e.ID, e.Type)
		v.badRoles(e.Line, "event", e.ID, e.Args)
	}
}

// otherAnnotations claims attributes, normalisations and notes.
func (v *validator) otherAnnotations() {
	for _, at := range v.a.Attributes {
		v.claim(at.ID, at.Line, 'A', at.Name)
		if msg := TypeNameProblem(at.Name); msg != "" {
			v.bad(at.Line, "attribute %s: name %s", at.ID, msg)
		}
	}
	for _, n := range v.a.Norms {
		v.claim(n.ID, n.Line, 'N', n.Type)
	}
	for _, n := range v.a.Notes {
		if n.ID != "" && n.ID != "#" {
			v.claim(n.ID, n.Line, '#', n.Type)
		}
	}
}

// ref checks that owner's reference id names an annotation of one of the allowed kinds.
func (v *validator) ref(line int, owner, id string, allowed string) {
	k, ok := v.kinds[id]
	switch {
	case !ok:
		v.bad(line, "%s refers to unknown %s", owner, id)
	case !strings.ContainsRune(allowed, rune(k)):
		v.bad(line, "%s refers to %s, which cannot be an argument here", owner, id)
	}
}

// references checks every reference between annotations.
func (v *validator) references() {
	for _, r := range v.a.Relations {
		v.relationArgs(r)
	}
	v.events()
	for _, at := range v.a.Attributes {
		v.ref(at.Line, "attribute "+at.ID, at.Target, "TRE")
	}
	for _, n := range v.a.Norms {
		v.ref(n.Line, "normalisation "+n.ID, n.Target, "TRE")
		if n.DB == "" || n.DBID == "" {
			v.bad(n.Line, "normalisation %s: expected DB:ENTRY, e.g. Wikidata:Q22316", n.ID)
		}
	}
	for _, eq := range v.a.Equivs {
		if len(eq.Refs) < 2 {
			v.bad(eq.Line, "equivalence needs at least two mentions")
		}
		for _, id := range eq.Refs {
			v.ref(eq.Line, "equivalence", id, "T")
		}
	}
	for _, n := range v.a.Notes {
		if _, ok := v.kinds[n.Target]; n.Target != "" && !ok {
			v.bad(n.Line, "note %s refers to unknown %s", n.ID, n.Target)
		}
	}
}

// relationArgs checks a relation's arguments: two at least, roles once each, references
// to mentions or events, not one annotation linked to itself.
func (v *validator) relationArgs(r Relation) {
	if len(r.Args) < 2 {
		v.bad(r.Line, "relation %s needs two arguments (Arg1:ID Arg2:ID)", r.ID)
	}
	seen := map[string]bool{}
	for _, arg := range r.Args {
		if seen[arg.Role] {
			v.bad(r.Line, "relation %s has role %s twice", r.ID, arg.Role)
		}
		seen[arg.Role] = true
		v.ref(r.Line, "relation "+r.ID, arg.Ref, "TE")
	}
	if len(r.Args) == 2 && r.Args[0].Ref == r.Args[1].Ref {
		v.bad(r.Line, "relation %s links %s to itself", r.ID, r.Args[0].Ref)
	}
}

// events checks triggers and arguments, and that no event is its own argument.
func (v *validator) events() {
	events := map[string]Event{}
	for _, e := range v.a.Events {
		events[e.ID] = e
	}
	for _, e := range v.a.Events {
		v.ref(e.Line, "event "+e.ID+" trigger", e.Trigger, "T")
		for _, arg := range e.Args {
			if arg.Ref == e.ID {
				v.bad(e.Line, "event %s has itself as argument %s", e.ID, arg.Role)
				continue
			}
			v.ref(e.Line, "event "+e.ID, arg.Ref, "TE")
		}
		if eventCycle(e.ID, events) {
			v.bad(e.Line, "event %s is its own argument through other events (a cycle)", e.ID)
		}
	}
}

// articleIDProblem says what is wrong with an article id, or returns "". An id made of
// white space, or with white space around it, would name an article nobody can find again.
func articleIDProblem(id string) string {
	switch {
	case id == "":
		return ""
	case strings.TrimSpace(id) == "":
		return fmt.Sprintf("article id %q is only white space: give a name, or leave id out to use the file name", id)
	case strings.TrimSpace(id) != id:
		return fmt.Sprintf("article id %q has white space at its start or end", Clip(id))
	case strings.IndexFunc(id, func(r rune) bool { return r < 0x20 || r == 0x7F }) >= 0:
		return fmt.Sprintf("article id %q holds a control character", Clip(id))
	}
	return ""
}

// byteOffsetsMatch reports whether the spans, read as UTF-8 byte offsets, cover want: the
// usual mistake of a tool that counts bytes.
func byteOffsetsMatch(text string, spans []Span, want string) bool {
	var b strings.Builder
	for i, s := range spans {
		if s.Start < 0 || s.End < s.Start || s.End > len(text) {
			return false
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(text[s.Start:s.End])
	}
	return b.String() == want
}

// FlattenSpace makes line breaks and tabs single spaces: a span text in a one-line .ann
// cannot hold the line break the text has there.
func FlattenSpace(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t':
			return ' '
		}
		return r
	}, s)
}

// eventCycle reports whether event id reaches itself through event arguments.
func eventCycle(id string, events map[string]Event) bool {
	seen := map[string]bool{}
	stack := []string{id}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, arg := range events[cur].Args {
			if arg.Ref == id && cur != id {
				return true
			}
			if _, ok := events[arg.Ref]; ok && !seen[arg.Ref] && arg.Ref != id {
				seen[arg.Ref] = true
				stack = append(stack, arg.Ref)
			}
		}
	}
	return false
}

func spansString(ss []Span) string {
	var b strings.Builder
	for i, sp := range ss {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, "%d %d", sp.Start, sp.End)
	}
	return b.String()
}

// TextIndex maps code point offsets in a text to byte offsets without holding the text as
// runes (four bytes a character): it keeps the byte offset of every 256th code point.
type TextIndex struct {
	s     string
	n     int
	ascii bool
	marks []int
}

const indexStride = 256

// NewTextIndex indexes s.
func NewTextIndex(s string) *TextIndex {
	t := &TextIndex{s: s}
	t.n = utf8.RuneCountInString(s)
	if t.n == len(s) {
		t.ascii = true
		return t
	}
	i := 0
	for b := range s {
		if i%indexStride == 0 {
			t.marks = append(t.marks, b)
		}
		i++
	}
	return t
}

// Len returns the length of the text in code points.
func (t *TextIndex) Len() int { return t.n }

// Byte returns the byte offset of code point offset cp (0 ≤ cp ≤ Len()).
func (t *TextIndex) Byte(cp int) int {
	if t.ascii || cp >= t.n {
		if cp >= t.n {
			return len(t.s)
		}
		return cp
	}
	b := t.marks[cp/indexStride]
	for k := cp % indexStride; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(t.s[b:])
		b += size
	}
	return b
}

// Slice returns the text between two code point offsets, or false when they are outside it.
func (t *TextIndex) Slice(start, end int) (string, bool) {
	if start < 0 || end < start || end > t.n {
		return "", false
	}
	return t.s[t.Byte(start):t.Byte(end)], true
}

// Covered returns the text covered by spans, fragments joined by one space as brat writes
// them, or false when a span lies outside the text.
func (t *TextIndex) Covered(spans []Span) (string, bool) {
	var b strings.Builder
	for i, s := range spans {
		part, ok := t.Slice(s.Start, s.End)
		if !ok {
			return "", false
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(part)
	}
	return b.String(), true
}

// ArticleIDs remembers the article ids of one run, so that two inputs that claim one id
// are caught before one is loaded over the other.
type ArticleIDs map[string]string

// Claim records the id of a, or returns the clash with the input that claimed it first.
func (ids ArticleIDs) Claim(a *Article) *ParseError {
	path, line := a.Path, a.Line
	if a.MetaPath != "" {
		path, line = a.MetaPath, 0
	}
	where := (&ParseError{Path: path, Line: line}).Error()
	where = strings.TrimSuffix(where, ": ")
	if prev, ok := ids[a.ID]; ok {
		return &ParseError{Path: path, Line: line, Msg: fmt.Sprintf("article id %q is already used by %s", a.ID, prev)}
	}
	ids[a.ID] = where
	return nil
}

// typeNamePattern is what a type, role or attribute name must look like: it becomes a
// label, relationship type or property name in Neo4j, so nothing else may pass.
var typeNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

// TypeNameProblem returns a message (starting with the quoted name) when name cannot be a
// type name, or "".
func TypeNameProblem(name string) string {
	if typeNamePattern.MatchString(name) {
		return ""
	}
	if len(name) > 64 {
		return fmt.Sprintf("%q is not a valid type name: longer than 64 characters", Clip(name))
	}
	return fmt.Sprintf("%q is not a valid type name: use ASCII letters, digits, - or _, starting with a letter", Clip(name))
}

// Kinds returns the kind ('T' mention, 'R' relation, 'E' event, 'A' attribute, 'N'
// normalisation, '#' note) and the type of every annotation id of a, the first
// annotation winning when an id is given twice.
func Kinds(a *Article) (kinds map[string]byte, types map[string]string) {
	kinds, types = map[string]byte{}, map[string]string{}
	add := func(id string, kind byte, typ string) {
		if _, ok := kinds[id]; ok || id == "" {
			return
		}
		kinds[id], types[id] = kind, typ
	}
	for _, m := range a.Mentions {
		add(m.ID, 'T', m.Type)
	}
	for _, r := range a.Relations {
		add(r.ID, 'R', r.Type)
	}
	for _, e := range a.Events {
		add(e.ID, 'E', e.Type)
	}
	for _, at := range a.Attributes {
		add(at.ID, 'A', at.Name)
	}
	for _, n := range a.Norms {
		add(n.ID, 'N', n.Type)
	}
	for _, n := range a.Notes {
		if n.ID != "#" {
			add(n.ID, '#', n.Type)
		}
	}
	return kinds, types
}
