package brat

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
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
	c := &Config{
		Path:       path,
		Entities:   map[string]*TypeDecl{},
		Events:     map[string]*TypeDecl{},
		Relations:  map[string]*TypeDecl{},
		Attributes: map[string]*AttrDecl{},
	}
	var errs ingest.ParseErrors
	bad := func(line int, format string, args ...any) {
		errs = append(errs, &ingest.ParseError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	type open struct {
		indent int
		name   string
	}
	var stack []open // enclosing types of the current section, by indentation
	section := ""
	macros := map[string]string{}
	var macroNames []string
	type argRef struct {
		owner, role, typ string
		line             int
	}
	var refs []argRef
	br := bufio.NewReaderSize(r, 64<<10)
	for lineNo := 1; ; lineNo++ {
		lb, err := ingest.ReadLine(br, ingest.MaxLineBytes)
		line := string(lb)
		if err != nil && err != io.EOF {
			if errors.Is(err, ingest.ErrLineTooLong) {
				bad(lineNo, "line longer than %d bytes", ingest.MaxLineBytes)
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
		line = strings.TrimRight(line, "\r")
		last := err == io.EOF
		trimmed := strings.TrimSpace(line)
		switch {
		case !utf8.ValidString(line):
			bad(lineNo, "line is not valid UTF-8")
		case trimmed == "" || strings.HasPrefix(trimmed, "#") || confSep.MatchString(line):
		case confSection.MatchString(line):
			section = strings.TrimSpace(confSection.FindStringSubmatch(line)[1])
			stack = stack[:0]
		case confMacro.MatchString(line):
			m := confMacro.FindStringSubmatch(line)
			name := "<" + m[1] + ">"
			if reservedTypes[name] || name == "<REL-TYPE>" || name == "<OVERLAP>" {
				bad(lineNo, "macro %s redefines a reserved name", name)
				break
			}
			if _, ok := macros[name]; !ok {
				macroNames = append(macroNames, name)
			}
			macros[name] = m[2]
		default:
			if section != "entities" && section != "relations" && section != "events" && section != "attributes" {
				break // brat ignores unknown sections
			}
			for _, n := range macroNames {
				line = strings.ReplaceAll(line, n, macros[n])
			}
			indent := len(line) - len(strings.TrimLeft(line, " \t"))
			body := strings.TrimSpace(line)
			termPart, argPart, _ := strings.Cut(strings.Replace(body, "\t", " ", 1), " ")
			var terms []string
			for _, t := range strings.Split(termPart, "|") {
				if t = strings.TrimSpace(t); t != "" {
					terms = append(terms, t)
				}
			}
			if len(terms) == 0 {
				bad(lineNo, "empty type name")
				break
			}
			name := terms[0]
			abstract := strings.HasPrefix(name, "!")
			name = strings.TrimPrefix(name, "!")
			if name == "<OVERLAP>" || name == "ENTITY-NESTING" {
				break
			}
			if msg := ingest.TypeNameProblem(name); msg != "" {
				bad(lineNo, "type %s", msg)
				break
			}
			for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
				stack = stack[:len(stack)-1]
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1].name
			}
			stack = append(stack, open{indent, name})
			var args []string
			for _, a := range strings.Split(argPart, ",") {
				if a = strings.TrimSpace(a); a != "" {
					args = append(args, a)
				}
			}
			if section == "attributes" {
				if _, dup := c.Attributes[name]; dup {
					bad(lineNo, "attribute %s declared twice (first on line %d)", name, c.Attributes[name].Line)
					break
				}
				ad := &AttrDecl{Name: name, Line: lineNo}
				for _, a := range args {
					k, v, ok := strings.Cut(a, ":")
					if !ok || v == "" {
						bad(lineNo, "attribute %s: expected KEY:VALUE, got %q", name, ingest.Clip(a))
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
					bad(lineNo, "attribute %s: missing Arg:TYPE (what it may mark)", name)
				}
				c.Attributes[name] = ad
				break
			}
			td := &TypeDecl{Name: name, Aliases: terms[1:], Parent: parent, Abstract: abstract, Line: lineNo}
			for _, a := range args {
				k, v, ok := strings.Cut(a, ":")
				if !ok || k == "" || v == "" {
					bad(lineNo, "%s: expected ROLE:TYPE, got %q", name, ingest.Clip(a))
					continue
				}
				if strings.HasPrefix(k, "<") {
					continue // <REL-TYPE>, <OVL-TYPE>: editor settings
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
						bad(lineNo, "%s: bad argument count in %q", name, k)
						continue
					}
					ad.Role, ad.Min, ad.Max = m[1], lo, hi
				}
				if msg := ingest.TypeNameProblem(ad.Role); msg != "" {
					bad(lineNo, "%s: role %s", name, msg)
					continue
				}
				ad.Types = splitTypes(v)
				for _, t := range ad.Types {
					refs = append(refs, argRef{name, ad.Role, t, lineNo})
				}
				td.Args = append(td.Args, ad)
			}
			var m map[string]*TypeDecl
			switch section {
			case "entities":
				m = c.Entities
			case "events":
				m = c.Events
			case "relations":
				m = c.Relations
			}
			if prev, dup := m[name]; dup {
				if section == "relations" {
					// brat allows a relation several times, once per pair of argument types.
					prev.Signatures = append(prev.Signatures, td.Args)
					prev.Args = mergeArgs(prev.Args, td.Args)
					break
				}
				bad(lineNo, "type %s declared twice in [%s] (first on line %d)", name, section, prev.Line)
				break
			}
			td.Signatures = [][]ArgDecl{td.Args}
			td.Args = append([]ArgDecl(nil), td.Args...)
			m[name] = td
		}
		if last {
			break
		}
	}
	for _, r := range refs {
		if reservedTypes[r.typ] || c.Entities[r.typ] != nil || c.Events[r.typ] != nil || c.Relations[r.typ] != nil {
			continue
		}
		bad(r.line, "%s: argument %s has type %s, which is not declared", r.owner, r.role, r.typ)
	}
	if len(errs) == 0 && len(c.Entities)+len(c.Events)+len(c.Relations)+len(c.Attributes) == 0 {
		bad(0, "declares no types: add [entities], [relations], [events] or [attributes] sections, or remove the file")
	}
	for _, t := range c.Events {
		if c.Entities[t.Name] != nil {
			bad(t.Line, "type %s is declared both as an entity (line %d) and as an event", t.Name, c.Entities[t.Name].Line)
		}
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return c, errs
	}
	return c, nil
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
