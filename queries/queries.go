// Package queries holds dipgraph's saved Cypher queries and the code that lists, checks
// and prepares them.
//
// A saved query is one .cypher file; its name is the file name without the extension
// (lower case letters, digits and dashes). A header of // lines describes it:
//
//	// description: Who an actor spoke with, and in how many articles.
//	// param: actor string — name, alias or key of the actor
//	// param: limit int = 50 — at most this many rows
//	// example: dipgraph query run spoke-with --param actor="John Kerry"
//
// A parameter without a default is required. Types: string, int, float, bool, date, list
// (a list of strings, comma-separated on the command line). An empty default ("") on an
// int, float, bool or date parameter means no value: the query sees null. Every
// $parameter the body uses must be declared and every declared one used; a bad name, a
// duplicate, a missing description or a parameter mismatch is an error, never skipped.
//
// A query that reads relationships declares the parameter as_of (AsOfParam, a date with
// an empty default): given a date, only the evidence of articles published on or before it
// counts. `dipgraph query run NAME --as-of DATE` sets it (Query.Bind).
package queries

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:generate go run ../cmd/dipgraph query guide --out-dir ../scripts/browser

//go:embed *.cypher
var builtin embed.FS

// Query is one saved query.
type Query struct {
	Name        string
	Description string
	Params      []Param
	Examples    []string
	Body        string // the Cypher text, header included
	Source      string // where it was read from, for messages
}

// Param is a declared parameter.
type Param struct {
	Name     string
	Type     string // string, int, float, bool, date, list
	Default  string // as written; "" and !HasDefault means required
	Has      bool   // a default was given
	Meaning  string
	Required bool
}

// Set is the saved queries by name.
type Set struct {
	byName map[string]*Query
}

var (
	namePattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	paramPattern = regexp.MustCompile(`^param:\s*([A-Za-z_][A-Za-z0-9_]*)\s+(string|int|float|bool|date|list)\s*(?:(=)\s*(.*?))?\s+(?:—|--)\s+(.+)$`)
	usePattern   = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
)

// ErrUnknown is returned for a query name that is not in the set.
var ErrUnknown = errors.New("no saved query")

// Builtin returns the queries shipped with dipgraph.
func Builtin() (*Set, error) {
	s := &Set{byName: map[string]*Query{}}
	if err := s.AddFS(builtin, "."); err != nil {
		return nil, err
	}
	return s, nil
}

// Load returns the built-in queries, overridden and extended by the .cypher files in dirs.
func Load(dirs ...string) (*Set, error) {
	s, err := Builtin()
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if _, err := os.Stat(d); err != nil {
			return nil, fmt.Errorf("queries folder %s: %w", d, err)
		}
		user := &Set{byName: map[string]*Query{}}
		if err := user.AddFS(os.DirFS(d), d); err != nil {
			return nil, err
		}
		for n, q := range user.byName {
			s.byName[n] = q
		}
	}
	return s, nil
}

// AddFS adds every .cypher file of fsys; label prefixes file names in messages.
func (s *Set) AddFS(fsys fs.FS, label string) error {
	names, err := fs.Glob(fsys, "*.cypher")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var errs []error
	for _, fn := range names {
		b, err := fs.ReadFile(fsys, fn)
		if err != nil {
			return err
		}
		src := fn
		if label != "." {
			src = path.Join(label, fn)
		} else {
			src = path.Join("queries", fn)
		}
		q, err := Parse(strings.TrimSuffix(fn, ".cypher"), string(b), src)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, ok := s.byName[q.Name]; ok {
			errs = append(errs, fmt.Errorf("%s: query %q is already defined in %s", src, q.Name, prev.Source))
			continue
		}
		s.byName[q.Name] = q
	}
	return errors.Join(errs...)
}

// Parse reads one saved query.
func Parse(name, text, src string) (*Query, error) {
	if !namePattern.MatchString(name) {
		return nil, fmt.Errorf("%s: query name %q must be lower-case letters, digits and dashes", src, name)
	}
	q := &Query{Name: name, Body: text, Source: src}
	sc := bufio.NewScanner(strings.NewReader(text))
	declared := map[string]int{}
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(l, "//") {
			if l == "" {
				continue
			}
			break
		}
		l = strings.TrimSpace(strings.TrimPrefix(l, "//"))
		switch {
		case strings.HasPrefix(l, "description:"):
			q.Description = strings.TrimSpace(strings.TrimPrefix(l, "description:"))
		case strings.HasPrefix(l, "param:"):
			m := paramPattern.FindStringSubmatch(l)
			if m == nil {
				return nil, fmt.Errorf("%s:%d: expected `// param: NAME TYPE [= DEFAULT] — meaning` with TYPE string, int, float, bool, date or list", src, line)
			}
			if prev, ok := declared[m[1]]; ok {
				return nil, fmt.Errorf("%s:%d: parameter %s is already declared on line %d", src, line, m[1], prev)
			}
			declared[m[1]] = line
			p := Param{Name: m[1], Type: m[2], Meaning: m[5]}
			if m[3] == "=" {
				p.Has = true
				p.Default = strings.Trim(m[4], `"`)
			}
			p.Required = !p.Has
			if p.Has && !p.nullDefault() {
				if _, err := p.Convert(p.Default); err != nil {
					return nil, fmt.Errorf("%s:%d: default of %s: %v", src, line, p.Name, err)
				}
			}
			q.Params = append(q.Params, p)
		case strings.HasPrefix(l, "example:"):
			q.Examples = append(q.Examples, strings.TrimSpace(strings.TrimPrefix(l, "example:")))
		}
	}
	if q.Description == "" {
		return nil, fmt.Errorf("%s:1: missing `// description: ...` line", src)
	}
	used := map[string]bool{}
	for _, m := range usePattern.FindAllStringSubmatch(stripComments(text), -1) {
		used[m[1]] = true
	}
	for u := range used {
		if _, ok := declared[u]; !ok {
			return nil, fmt.Errorf("%s: parameter $%s is used but not declared (add `// param: %s TYPE — meaning`)", src, u, u)
		}
	}
	for _, p := range q.Params {
		if !used[p.Name] {
			return nil, fmt.Errorf("%s:%d: parameter %s is declared but not used", src, declared[p.Name], p.Name)
		}
	}
	return q, nil
}

// stripComments removes // comments and string literals, so $names in them do not count.
func stripComments(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		inStr := rune(0)
		for i, r := range l {
			if inStr != 0 {
				if r == inStr {
					inStr = 0
				}
				continue
			}
			if r == '\'' || r == '"' {
				inStr = r
				continue
			}
			if r == '/' && strings.HasPrefix(l[i:], "//") {
				break
			}
			b.WriteRune(r)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Get returns the query called name.
func (s *Set) Get(name string) (*Query, error) {
	q, ok := s.byName[name]
	if !ok {
		return nil, fmt.Errorf("%w %q; `dipgraph query list` shows the saved queries", ErrUnknown, name)
	}
	return q, nil
}

// All returns the queries sorted by name.
func (s *Set) All() []*Query {
	out := make([]*Query, 0, len(s.byName))
	for _, q := range s.byName {
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// AsOfParam is the parameter of the queries that read relationships: a date (YYYY-MM-DD)
// or null. Given a date, they count only the evidence of articles published on or before
// it; a relationship without such evidence is left out.
const AsOfParam = "as_of"

// TakesAsOf reports whether the query declares AsOfParam.
func (q *Query) TakesAsOf() bool {
	return slices.ContainsFunc(q.Params, func(p Param) bool { return p.Name == AsOfParam })
}

// Bind is BindParams plus the date of `--as-of` (empty: none): the answer as of that
// date, for a query that declares AsOfParam.
func (q *Query) Bind(args []string, asOf string) (map[string]any, error) {
	if asOf == "" {
		return q.BindParams(args)
	}
	if !q.TakesAsOf() {
		return nil, fmt.Errorf("--as-of: query %s takes no date: it reads no relationship, or reads the latest `dipgraph analyze` (to analyse the graph up to a date, run `dipgraph analyze --to DATE` first)", q.Name)
	}
	if slices.ContainsFunc(args, func(a string) bool { k, _, _ := strings.Cut(a, "="); return strings.TrimSpace(k) == AsOfParam }) {
		return nil, fmt.Errorf("--as-of and --param %s both give the date; keep one", AsOfParam)
	}
	if _, err := (Param{Type: "date"}).Convert(asOf); err != nil {
		return nil, fmt.Errorf("--as-of: %v", err)
	}
	return q.BindParams(append(slices.Clone(args), AsOfParam+"="+asOf))
}

// nullDefault reports whether the parameter's default is "no value": an empty default on
// an int, float, bool or date parameter (on a string it is "", on a list the empty list).
func (p Param) nullDefault() bool {
	return p.Has && p.Default == "" && p.Type != "string" && p.Type != "list"
}

// BindParams converts key=value arguments to the declared types, fills defaults, and
// reports unknown, malformed or missing parameters.
func (q *Query) BindParams(args []string) (map[string]any, error) {
	given := map[string]string{}
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--param %q: expected key=value", a)
		}
		given[strings.TrimSpace(k)] = v
	}
	out := map[string]any{}
	for _, p := range q.Params {
		v, ok := given[p.Name]
		delete(given, p.Name)
		if !ok {
			if p.Required {
				return nil, fmt.Errorf("query %s needs --param %s=… (%s)", q.Name, p.Name, p.Meaning)
			}
			v = p.Default
		}
		if v == "" && p.nullDefault() {
			out[p.Name] = nil
			continue
		}
		c, err := p.Convert(v)
		if err != nil {
			return nil, fmt.Errorf("--param %s: %v", p.Name, err)
		}
		out[p.Name] = c
	}
	for k := range given {
		return nil, fmt.Errorf("query %s has no parameter %q (it takes: %s)", q.Name, k, q.paramNames())
	}
	return out, nil
}

func (q *Query) paramNames() string {
	if len(q.Params) == 0 {
		return "none"
	}
	var ns []string
	for _, p := range q.Params {
		ns = append(ns, p.Name)
	}
	return strings.Join(ns, ", ")
}

// Convert parses a command-line value as the parameter's type.
func (p Param) Convert(v string) (any, error) {
	switch p.Type {
	case "string":
		return v, nil
	case "int":
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", v)
		}
		return n, nil
	case "float":
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", v)
		}
		return f, nil
	case "bool":
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", v)
		}
		return b, nil
	case "date":
		t, err := time.Parse("2006-01-02", strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("%q is not a date (YYYY-MM-DD)", v)
		}
		return t.Format("2006-01-02"), nil
	case "list":
		if strings.TrimSpace(v) == "" {
			return []string{}, nil
		}
		parts := strings.Split(v, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return parts, nil
	}
	return nil, fmt.Errorf("unknown type %s", p.Type)
}
