package brat

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dipgraph/dipgraph/ingest"
)

// Check checks an article's types, argument types and attributes against the
// declarations, as brat does.
func (c *Config) Check(a *ingest.Article) ingest.ParseErrors {
	ck := &checker{c: c, a: a}
	ck.kinds, ck.types = ingest.Kinds(a)
	ck.mentions()
	for _, r := range a.Relations {
		ck.relation(r)
	}
	for _, e := range a.Events {
		ck.event(e)
	}
	for _, at := range a.Attributes {
		ck.attribute(at)
	}
	for _, eq := range a.Equivs {
		if eq.Type != "" && c.Relations[eq.Type] == nil {
			ck.bad(eq.Line, "equivalence type %s is not declared in [relations] of %s", eq.Type, c.Path)
		}
	}
	return ck.errs
}

// checker checks one article against a configuration.
type checker struct {
	c     *Config
	a     *ingest.Article
	kinds map[string]byte   // kind of every annotation id (see ingest.Kinds)
	types map[string]string // type of every annotation id
	errs  ingest.ParseErrors
}

func (ck *checker) bad(line int, format string, args ...any) {
	ck.errs = append(ck.errs, &ingest.ParseError{Path: ck.a.Location(0), Line: line, Msg: fmt.Sprintf(format, args...)})
}

// declared returns the declaration of name, or nil: when name is not declared it says so
// with missing and args; a name that cannot be a type name Validate reports already.
func declared[T any](ck *checker, decls map[string]*T, name string, line int, missing string, args ...any) *T {
	if ingest.TypeNameProblem(name) != "" {
		return nil
	}
	d := decls[name]
	if d == nil {
		ck.bad(line, missing, args...)
	}
	return d
}

// mentions checks that every mention's type is declared, concrete, and an event type
// when the mention triggers an event.
func (ck *checker) mentions() {
	triggers := map[string]bool{}
	for _, e := range ck.a.Events {
		triggers[e.Trigger] = true
	}
	for _, m := range ck.a.Mentions {
		if ingest.TypeNameProblem(m.Type) != "" {
			continue // Validate reports it
		}
		kind, t := ck.c.kindOf(m.Type)
		switch {
		case t == nil || kind == "relation":
			ck.bad(m.Line, "%s: type %s is not declared in %s", m.ID, m.Type, ck.c.Path)
		case t.Abstract:
			ck.bad(m.Line, "%s: type %s is abstract in %s (marked !) and cannot be annotated", m.ID, m.Type, ck.c.Path)
		case triggers[m.ID] && kind != "event":
			ck.bad(m.Line, "%s: trigger type %s is declared in [entities], not [events]", m.ID, m.Type)
		}
	}
}

// args checks the arguments of a relation or event against the declared roles: each role
// declared, its argument of an accepted type, each role as often as declared. Problems go
// to bad.
func (ck *checker) args(line int, owner string, t *TypeDecl, args []ingest.Arg, bad func(int, string, ...any)) {
	count := map[string]int{}
	for _, arg := range args {
		decl := declaredRole(t, arg.Role)
		if decl == nil {
			bad(line, "%s: role %s is not declared for %s in %s", owner, arg.Role, t.Name, ck.c.Path)
			continue
		}
		count[decl.Role]++
		k, ok := ck.kinds[arg.Ref]
		if !ok {
			continue // reported as unknown already
		}
		if !ck.c.accepts(decl.Types, k, ck.types[arg.Ref]) {
			bad(line, "%s: %s:%s has type %s, but %s %s takes %s", owner, arg.Role, arg.Ref, ck.types[arg.Ref], t.Name, decl.Role, strings.Join(decl.Types, "|"))
		}
	}
	for _, d := range t.Args {
		n := count[d.Role]
		switch {
		case n < d.Min:
			bad(line, "%s: %s needs %s (at least %d), found %d", owner, t.Name, d.Role, d.Min, n)
		case d.Max >= 0 && n > d.Max:
			bad(line, "%s: %s takes %s at most %d times, found %d", owner, t.Name, d.Role, d.Max, n)
		}
	}
}

// declaredRole returns the declaration of a role ("Theme2" is a repeated "Theme"), or nil.
func declaredRole(t *TypeDecl, role string) *ArgDecl {
	base := strings.TrimRightFunc(role, func(r rune) bool { return r >= '0' && r <= '9' })
	for i := range t.Args {
		if t.Args[i].Role == base || t.Args[i].Role == role {
			return &t.Args[i]
		}
	}
	return nil
}

// relation checks a relation's type and arguments; a relation declared on several lines
// must fit one of them as a whole.
func (ck *checker) relation(r ingest.Relation) {
	t := declared(ck, ck.c.Relations, r.Type, r.Line, "relation %s: type %s is not declared in [relations] of %s", r.ID, r.Type, ck.c.Path)
	switch {
	case t == nil:
	case len(t.Signatures) <= 1:
		ck.args(r.Line, "relation "+r.ID, t, r.Args, ck.bad)
	case !ck.fitsOne(r, t):
		var got, alts []string
		for _, arg := range r.Args {
			got = append(got, arg.Role+":"+ck.types[arg.Ref])
		}
		for _, sig := range t.Signatures {
			var parts []string
			for _, d := range sig {
				parts = append(parts, d.Role+":"+strings.Join(d.Types, "|"))
			}
			alts = append(alts, "("+strings.Join(parts, ", ")+")")
		}
		ck.bad(r.Line, "relation %s: %s takes %s, got (%s)", r.ID, t.Name, strings.Join(alts, " or "), strings.Join(got, ", "))
	}
}

// fitsOne reports whether a relation's arguments fit one of its type's signatures.
func (ck *checker) fitsOne(r ingest.Relation, t *TypeDecl) bool {
	for _, sig := range t.Signatures {
		n := 0
		ck.args(r.Line, "", &TypeDecl{Name: t.Name, Args: sig}, r.Args, func(int, string, ...any) { n++ })
		if n == 0 {
			return true
		}
	}
	return false
}

// event checks an event's type, its trigger's type and its arguments.
func (ck *checker) event(e ingest.Event) {
	t := declared(ck, ck.c.Events, e.Type, e.Line, "event %s: type %s is not declared in [events] of %s", e.ID, e.Type, ck.c.Path)
	if t == nil {
		return
	}
	if t.Abstract {
		ck.bad(e.Line, "event %s: type %s is abstract in %s (marked !) and cannot be annotated", e.ID, e.Type, ck.c.Path)
	}
	if tt, ok := ck.types[e.Trigger]; ok && ck.kinds[e.Trigger] == 'T' && tt != e.Type {
		ck.bad(e.Line, "event %s: type %s differs from the type %s of its trigger %s", e.ID, e.Type, tt, e.Trigger)
	}
	ck.args(e.Line, "event "+e.ID, t, e.Args, ck.bad)
}

// attribute checks that an attribute is declared, marks what it may mark and has a
// value it may take.
func (ck *checker) attribute(at ingest.Attribute) {
	d := declared(ck, ck.c.Attributes, at.Name, at.Line, "attribute %s: %s is not declared in [attributes] of %s", at.ID, at.Name, ck.c.Path)
	if d == nil {
		return
	}
	if k, ok := ck.kinds[at.Target]; ok && !ck.c.accepts(d.Targets, k, ck.types[at.Target]) {
		ck.bad(at.Line, "attribute %s: %s cannot mark %s (a %s); it takes %s", at.ID, at.Name, at.Target, ck.types[at.Target], strings.Join(d.Targets, "|"))
	}
	switch {
	case len(d.Values) == 0 && at.Value != "":
		ck.bad(at.Line, "attribute %s: %s is binary and takes no value, got %q", at.ID, at.Name, ingest.Clip(at.Value))
	case len(d.Values) > 0 && at.Value == "":
		ck.bad(at.Line, "attribute %s: %s needs a value (%s)", at.ID, at.Name, strings.Join(d.Values, "|"))
	case len(d.Values) > 0 && !slices.Contains(d.Values, at.Value):
		ck.bad(at.Line, "attribute %s: %s value %q is not one of %s", at.ID, at.Name, ingest.Clip(at.Value), strings.Join(d.Values, "|"))
	}
}
