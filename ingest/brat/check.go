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
	var errs ingest.ParseErrors
	bad := func(line int, format string, args ...any) {
		errs = append(errs, &ingest.ParseError{Path: a.Location(0), Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	kinds, types := ingest.Kinds(a)
	triggers := map[string]bool{}
	for _, e := range a.Events {
		triggers[e.Trigger] = true
	}
	for _, m := range a.Mentions {
		if ingest.TypeNameProblem(m.Type) != "" {
			continue
		}
		kind, t := c.kindOf(m.Type)
		switch {
		case t == nil || kind == "relation":
			bad(m.Line, "%s: type %s is not declared in %s", m.ID, m.Type, c.Path)
		case t.Abstract:
			bad(m.Line, "%s: type %s is abstract in %s (marked !) and cannot be annotated", m.ID, m.Type, c.Path)
		case triggers[m.ID] && kind != "event":
			bad(m.Line, "%s: trigger type %s is declared in [entities], not [events]", m.ID, m.Type)
		}
	}
	checkArgs := func(line int, owner string, t *TypeDecl, args []ingest.Arg, bad func(int, string, ...any)) {
		count := map[string]int{}
		for _, arg := range args {
			role := strings.TrimRightFunc(arg.Role, func(r rune) bool { return r >= '0' && r <= '9' })
			var decl *ArgDecl
			for i := range t.Args {
				if t.Args[i].Role == role || t.Args[i].Role == arg.Role {
					decl = &t.Args[i]
					role = decl.Role
					break
				}
			}
			if decl == nil {
				bad(line, "%s: role %s is not declared for %s in %s", owner, arg.Role, t.Name, c.Path)
				continue
			}
			count[role]++
			k, ok := kinds[arg.Ref]
			if !ok {
				continue // reported as unknown already
			}
			if !c.accepts(decl.Types, k, types[arg.Ref]) {
				bad(line, "%s: %s:%s has type %s, but %s %s takes %s", owner, arg.Role, arg.Ref, types[arg.Ref], t.Name, decl.Role, strings.Join(decl.Types, "|"))
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
	for _, r := range a.Relations {
		if ingest.TypeNameProblem(r.Type) != "" {
			continue
		}
		t := c.Relations[r.Type]
		if t == nil {
			bad(r.Line, "relation %s: type %s is not declared in [relations] of %s", r.ID, r.Type, c.Path)
			continue
		}
		if len(t.Signatures) <= 1 {
			checkArgs(r.Line, "relation "+r.ID, t, r.Args, bad)
			continue
		}
		fits := false
		for _, sig := range t.Signatures {
			var n int
			checkArgs(r.Line, "", &TypeDecl{Name: t.Name, Args: sig}, r.Args, func(int, string, ...any) { n++ })
			if n == 0 {
				fits = true
				break
			}
		}
		if !fits {
			var got, alts []string
			for _, arg := range r.Args {
				got = append(got, arg.Role+":"+types[arg.Ref])
			}
			for _, sig := range t.Signatures {
				var parts []string
				for _, d := range sig {
					parts = append(parts, d.Role+":"+strings.Join(d.Types, "|"))
				}
				alts = append(alts, "("+strings.Join(parts, ", ")+")")
			}
			bad(r.Line, "relation %s: %s takes %s, got (%s)", r.ID, t.Name, strings.Join(alts, " or "), strings.Join(got, ", "))
		}
	}
	for _, e := range a.Events {
		if ingest.TypeNameProblem(e.Type) != "" {
			continue
		}
		t := c.Events[e.Type]
		if t == nil {
			bad(e.Line, "event %s: type %s is not declared in [events] of %s", e.ID, e.Type, c.Path)
			continue
		}
		if t.Abstract {
			bad(e.Line, "event %s: type %s is abstract in %s (marked !) and cannot be annotated", e.ID, e.Type, c.Path)
		}
		if tt, ok := types[e.Trigger]; ok && kinds[e.Trigger] == 'T' && tt != e.Type {
			bad(e.Line, "event %s: type %s differs from the type %s of its trigger %s", e.ID, e.Type, tt, e.Trigger)
		}
		checkArgs(e.Line, "event "+e.ID, t, e.Args, bad)
	}
	for _, at := range a.Attributes {
		if ingest.TypeNameProblem(at.Name) != "" {
			continue
		}
		d := c.Attributes[at.Name]
		if d == nil {
			bad(at.Line, "attribute %s: %s is not declared in [attributes] of %s", at.ID, at.Name, c.Path)
			continue
		}
		if k, ok := kinds[at.Target]; ok && !c.accepts(d.Targets, k, types[at.Target]) {
			bad(at.Line, "attribute %s: %s cannot mark %s (a %s); it takes %s", at.ID, at.Name, at.Target, types[at.Target], strings.Join(d.Targets, "|"))
		}
		switch {
		case len(d.Values) == 0 && at.Value != "":
			bad(at.Line, "attribute %s: %s is binary and takes no value, got %q", at.ID, at.Name, ingest.Clip(at.Value))
		case len(d.Values) > 0 && at.Value == "":
			bad(at.Line, "attribute %s: %s needs a value (%s)", at.ID, at.Name, strings.Join(d.Values, "|"))
		case len(d.Values) > 0 && !slices.Contains(d.Values, at.Value):
			bad(at.Line, "attribute %s: %s value %q is not one of %s", at.ID, at.Name, ingest.Clip(at.Value), strings.Join(d.Values, "|"))
		}
	}
	for _, eq := range a.Equivs {
		if eq.Type != "" && c.Relations[eq.Type] == nil {
			bad(eq.Line, "equivalence type %s is not declared in [relations] of %s", eq.Type, c.Path)
		}
	}
	return errs
}
