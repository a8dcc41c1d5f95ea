package brat

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ingest"
)

// ConfFileName is the name of brat's annotation configuration file.
const ConfFileName = "annotation.conf"

// Config is a brat annotation.conf: the entity, relation, event and attribute
// types a project declares. When an article has one, validation checks every annotation
// against it.
//
// The syntax is brat's: sections [entities] [relations] [events] [attributes]; one type per
// line, its name first (alternative display names after "|" are kept as aliases); nested
// types by indentation (a line indented deeper than the one before is its child); "!"
// before a name marks an abstract type that only groups others; arguments as
// comma-separated ROLE:TYPE|TYPE with "?" (optional), "*" (any number), "+" (one or more)
// or "{n}"/"{n-m}" after the role; macros "<NAME>=A|B"; lines of hyphens are separators;
// "#" starts a comment. <OVERLAP> and ENTITY-NESTING lines and <REL-TYPE> arguments only
// steer brat's editor and are ignored. Other sections are ignored, as brat does.
type Config struct {
	Path       string
	Entities   map[string]*TypeDecl
	Events     map[string]*TypeDecl
	Relations  map[string]*TypeDecl
	Attributes map[string]*AttrDecl
}

// TypeDecl is one declared entity, event or relation type.
type TypeDecl struct {
	Name     string
	Aliases  []string
	Parent   string // enclosing type in the hierarchy, "" at the top
	Abstract bool   // declared with "!": groups other types, cannot be annotated
	Args     []ArgDecl
	// Signatures holds, for a relation declared on several lines, the arguments of each
	// line: an annotation must fit one of them as a whole.
	Signatures [][]ArgDecl
	Line       int
}

// ArgDecl is one argument of an event or relation type.
type ArgDecl struct {
	Role     string
	Types    []string // type names, or <ENTITY>, <EVENT>, <RELATION>, <ANY>
	Min, Max int      // how often the role may occur; Max -1 is unbounded
}

// AttrDecl is one declared attribute: what it may mark and, for a valued attribute, its values.
type AttrDecl struct {
	Name    string
	Targets []string // from Arg:, e.g. <EVENT> or <ENTITY>|Person
	Values  []string // from Value:; empty for a binary attribute
	Line    int
}

var (
	confSection = regexp.MustCompile(`^\s*\[(.*)\]\s*$`)
	confMacro   = regexp.MustCompile(`^<([a-zA-Z_-]+)>=\s*(.*?)\s*$`)
	confSep     = regexp.MustCompile(`^\s*-+\s*$`)
	confCount   = regexp.MustCompile(`^(.*?)\{(\d+)(?:-(\d+))?\}$`)
)

// reservedTypes may appear as argument types without a declaration.
var reservedTypes = map[string]bool{"<ENTITY>": true, "<EVENT>": true, "<RELATION>": true, "<ANY>": true, "<NONE>": true}

// ReadConfig parses an annotation.conf from r; path names it in messages. Every
// problem is reported, as ParseErrors.
func ReadConfig(r io.Reader, path string) (*Config, error) {
	cr := &confReader{path: path, macros: map[string]string{}, c: &Config{
		Path:       path,
		Entities:   map[string]*TypeDecl{},
		Events:     map[string]*TypeDecl{},
		Relations:  map[string]*TypeDecl{},
		Attributes: map[string]*AttrDecl{},
	}}
	br := bufio.NewReaderSize(r, 64<<10)
	for lineNo := 1; ; lineNo++ {
		lb, err := ingest.ReadLine(br, ingest.MaxLineBytes)
		line := string(lb)
		if err != nil && err != io.EOF {
			if errors.Is(err, ingest.ErrLineTooLong) {
				cr.bad(lineNo, "line longer than %d bytes", ingest.MaxLineBytes)
				break
			}
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if err == io.EOF && line == "" {
			break
		}
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		cr.line(lineNo, strings.TrimRight(line, "\r"))
		if err == io.EOF {
			break
		}
	}
	cr.finish()
	return cr.c, cr.errs.ByLine()
}

// confReader reads an annotation.conf line by line.
type confReader struct {
	path       string
	c          *Config
	errs       ingest.ParseErrors
	section    string
	stack      []openType // enclosing types of the current section, by indentation
	macros     map[string]string
	macroNames []string // in the order they were defined
	refs       []argRef // argument types, checked once every type is declared
}

type openType struct {
	indent int
	name   string
}

type argRef struct {
	owner, role, typ string
	line             int
}

func (cr *confReader) bad(line int, format string, args ...any) {
	cr.errs = append(cr.errs, &ingest.ParseError{Path: cr.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// line reads one line: a section header, a macro, or a declaration.
func (cr *confReader) line(lineNo int, line string) {
	trimmed := strings.TrimSpace(line)
	switch {
	case !utf8.ValidString(line):
		cr.bad(lineNo, "line is not valid UTF-8")
	case trimmed == "" || strings.HasPrefix(trimmed, "#") || confSep.MatchString(line):
	case confSection.MatchString(line):
		cr.section = strings.TrimSpace(confSection.FindStringSubmatch(line)[1])
		cr.stack = cr.stack[:0]
	case confMacro.MatchString(line):
		cr.macro(lineNo, confMacro.FindStringSubmatch(line))
	case cr.section == "entities" || cr.section == "relations" || cr.section == "events" || cr.section == "attributes":
		cr.declaration(lineNo, line)
	default:
		// brat ignores unknown sections
	}
}

// macro records <NAME>=TYPES.
func (cr *confReader) macro(lineNo int, m []string) {
	name := "<" + m[1] + ">"
	if reservedTypes[name] || name == "<REL-TYPE>" || name == "<OVERLAP>" {
		cr.bad(lineNo, "macro %s redefines a reserved name", name)
		return
	}
	if _, ok := cr.macros[name]; !ok {
		cr.macroNames = append(cr.macroNames, name)
	}
	cr.macros[name] = m[2]
}

// declaration reads a type or attribute line: NAME|ALIAS ARG:TYPE, ….
func (cr *confReader) declaration(lineNo int, line string) {
	for _, n := range cr.macroNames {
		line = strings.ReplaceAll(line, n, cr.macros[n])
	}
	indent := len(line) - len(strings.TrimLeft(line, " \t"))
	termPart, argPart, _ := strings.Cut(strings.Replace(strings.TrimSpace(line), "\t", " ", 1), " ")
	terms := splitList(termPart, "|")
	if len(terms) == 0 {
		cr.bad(lineNo, "empty type name")
		return
	}
	name := strings.TrimPrefix(terms[0], "!")
	if name == "<OVERLAP>" || name == "ENTITY-NESTING" {
		return
	}
	if msg := ingest.TypeNameProblem(name); msg != "" {
		cr.bad(lineNo, "type %s", msg)
		return
	}
	parent := cr.nest(indent, name)
	args := splitList(argPart, ",")
	if cr.section == "attributes" {
		cr.attribute(lineNo, name, args)
		return
	}
	td := &TypeDecl{Name: name, Aliases: terms[1:], Parent: parent, Abstract: strings.HasPrefix(terms[0], "!"), Line: lineNo}
	for _, a := range args {
		if ad, ok := cr.argDecl(lineNo, name, a); ok {
			td.Args = append(td.Args, ad)
		}
	}
	cr.addType(lineNo, td)
}

// splitList splits s at sep, dropping blank items.
func splitList(s, sep string) []string {
	var out []string
	for _, t := range strings.Split(s, sep) {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// nest places a type in the indented hierarchy and returns its parent ("" at the top).
func (cr *confReader) nest(indent int, name string) string {
	for len(cr.stack) > 0 && cr.stack[len(cr.stack)-1].indent >= indent {
		cr.stack = cr.stack[:len(cr.stack)-1]
	}
	parent := ""
	if len(cr.stack) > 0 {
		parent = cr.stack[len(cr.stack)-1].name
	}
	cr.stack = append(cr.stack, openType{indent, name})
	return parent
}

// attribute reads an attribute line: NAME Arg:TYPES, Value:VALUES.
func (cr *confReader) attribute(lineNo int, name string, args []string) {
	if prev, dup := cr.c.Attributes[name]; dup {
		cr.bad(lineNo, "attribute %s declared twice (first on line %d)", name, prev.Line)
		return
	}
	ad := &AttrDecl{Name: name, Line: lineNo}
	for _, a := range args {
		k, v, ok := strings.Cut(a, ":")
		if !ok || v == "" {
			cr.bad(lineNo, "attribute %s: expected KEY:VALUE, got %q", name, ingest.Clip(a))
			continue
		}
		switch k {
		case "Arg":
			ad.Targets = append(ad.Targets, splitTypes(v)...)
		case "Value":
			ad.Values = append(ad.Values, splitTypes(v)...)
		}
	}
	if len(ad.Targets) == 0 {
		cr.bad(lineNo, "attribute %s: missing Arg:TYPE (what it may mark)", name)
	}
	cr.c.Attributes[name] = ad
}

// argDecl reads one ROLE:TYPES argument with its count (?, *, +, {2}, {1-3}).
func (cr *confReader) argDecl(lineNo int, owner, a string) (ArgDecl, bool) {
	k, v, ok := strings.Cut(a, ":")
	if !ok || k == "" || v == "" {
		cr.bad(lineNo, "%s: expected ROLE:TYPE, got %q", owner, ingest.Clip(a))
		return ArgDecl{}, false
	}
	if strings.HasPrefix(k, "<") {
		return ArgDecl{}, false // <REL-TYPE>, <OVL-TYPE>: editor settings
	}
	ad := ArgDecl{Role: k, Min: 1, Max: 1}
	switch {
	case strings.HasSuffix(k, "?"):
		ad.Role, ad.Min = k[:len(k)-1], 0
	case strings.HasSuffix(k, "*"):
		ad.Role, ad.Min, ad.Max = k[:len(k)-1], 0, -1
	case strings.HasSuffix(k, "+"):
		ad.Role, ad.Max = k[:len(k)-1], -1
	case confCount.MatchString(k):
		m := confCount.FindStringSubmatch(k)
		lo, _ := strconv.Atoi(m[2])
		hi := lo
		if m[3] != "" {
			hi, _ = strconv.Atoi(m[3])
		}
		if hi < lo || hi > 1000 {
			cr.bad(lineNo, "%s: bad argument count in %q", owner, k)
			return ArgDecl{}, false
		}
		ad.Role, ad.Min, ad.Max = m[1], lo, hi
	}
	if msg := ingest.TypeNameProblem(ad.Role); msg != "" {
		cr.bad(lineNo, "%s: role %s", owner, msg)
		return ArgDecl{}, false
	}
	ad.Types = splitTypes(v)
	for _, t := range ad.Types {
		cr.refs = append(cr.refs, argRef{owner, ad.Role, t, lineNo})
	}
	return ad, true
}

// addType adds a type to its section; a relation declared again adds a signature.
func (cr *confReader) addType(lineNo int, td *TypeDecl) {
	var m map[string]*TypeDecl
	switch cr.section {
	case "entities":
		m = cr.c.Entities
	case "events":
		m = cr.c.Events
	case "relations":
		m = cr.c.Relations
	}
	if prev, dup := m[td.Name]; dup {
		if cr.section == "relations" {
			// brat allows a relation several times, once per pair of argument types.
			prev.Signatures = append(prev.Signatures, td.Args)
			prev.Args = mergeArgs(prev.Args, td.Args)
			return
		}
		cr.bad(lineNo, "type %s declared twice in [%s] (first on line %d)", td.Name, cr.section, prev.Line)
		return
	}
	td.Signatures = [][]ArgDecl{td.Args}
	td.Args = append([]ArgDecl(nil), td.Args...)
	m[td.Name] = td
}

// finish checks what needs the whole file: argument types declared, some type declared,
// no type both an entity and an event.
func (cr *confReader) finish() {
	c := cr.c
	for _, r := range cr.refs {
		if reservedTypes[r.typ] || c.Entities[r.typ] != nil || c.Events[r.typ] != nil || c.Relations[r.typ] != nil {
			continue
		}
		cr.bad(r.line, "%s: argument %s has type %s, which is not declared", r.owner, r.role, r.typ)
	}
	if len(cr.errs) == 0 && len(c.Entities)+len(c.Events)+len(c.Relations)+len(c.Attributes) == 0 {
		cr.bad(0, "declares no types: add [entities], [relations], [events] or [attributes] sections, or remove the file")
	}
	for _, t := range c.Events {
		if c.Entities[t.Name] != nil {
			cr.bad(t.Line, "type %s is declared both as an entity (line %d) and as an event", t.Name, c.Entities[t.Name].Line)
		}
	}
}

func splitTypes(v string) []string {
	var out []string
	for _, t := range strings.Split(v, "|") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// mergeArgs unions the allowed types of roles declared on several lines of one relation.
func mergeArgs(a, b []ArgDecl) []ArgDecl {
	for _, nb := range b {
		found := false
		for i := range a {
			if a[i].Role == nb.Role {
				a[i].Types = append(append([]string(nil), a[i].Types...), nb.Types...)
				found = true
			}
		}
		if !found {
			a = append(a, nb)
		}
	}
	return a
}

// LoadConfig reads the annotation.conf at path.
func LoadConfig(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open annotation config: %w", err)
	}
	defer f.Close()
	return ReadConfig(f, path)
}

// FindConfig returns the annotation.conf that governs the annotation file at
// path: the one in its folder or, as brat looks for it, in the nearest parent folder.
// It returns "" when there is none.
func FindConfig(path string) string {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return ""
	}
	rel := filepath.Dir(path)
	for {
		if fi, err := os.Stat(filepath.Join(dir, ConfFileName)); err == nil && !fi.IsDir() {
			return filepath.Join(rel, ConfFileName)
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
		rel = filepath.Join(rel, "..")
	}
}

// kindOf returns the section a type is declared in, or "".
func (c *Config) kindOf(typ string) (string, *TypeDecl) {
	if t := c.Entities[typ]; t != nil {
		return "entity", t
	}
	if t := c.Events[typ]; t != nil {
		return "event", t
	}
	if t := c.Relations[typ]; t != nil {
		return "relation", t
	}
	return "", nil
}

// isA reports whether typ is want or declared under it in the hierarchy.
func (c *Config) isA(typ, want string) bool {
	for i := 0; typ != "" && i < 64; i++ {
		if typ == want {
			return true
		}
		_, t := c.kindOf(typ)
		if t == nil {
			return false
		}
		typ = t.Parent
	}
	return false
}

// accepts reports whether an annotation of kind ('T' entity, 'E' event, 'R' relation) and
// type typ fits one of the allowed argument types.
func (c *Config) accepts(allowed []string, kind byte, typ string) bool {
	for _, a := range allowed {
		switch a {
		case "<ANY>":
			return true
		case "<ENTITY>":
			if kind == 'T' {
				return true
			}
		case "<EVENT>":
			if kind == 'E' {
				return true
			}
		case "<RELATION>":
			if kind == 'R' {
				return true
			}
		default:
			if c.isA(typ, a) {
				return true
			}
		}
	}
	return false
}
