package ingest

import (
	"fmt"
	"sort"
)

// Validate checks an article's annotations against its text and each other: offsets inside
// the text, span text equal to the covered text, unique ids, references that exist. It
// returns every problem found, sorted by line; none means the article can be loaded.
func Validate(a *Article) ParseErrors {
	var errs ParseErrors
	bad := func(line int, format string, args ...any) {
		p := a.AnnPath
		if p == "" {
			p = a.Path
		}
		errs = append(errs, &ParseError{Path: p, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	runes := []rune(a.Text)
	ids := map[string]int{}
	kinds := map[string]byte{}
	claim := func(id string, line int, kind byte) {
		if prev, ok := ids[id]; ok {
			bad(line, "duplicate id %s (first on line %d)", id, prev)
			return
		}
		ids[id] = line
		kinds[id] = kind
	}
	for _, m := range a.Mentions {
		claim(m.ID, m.Line, 'T')
		for _, s := range m.Spans {
			if s.Start < 0 || s.End > len(runes) || s.End < s.Start {
				bad(m.Line, "%s: span %d-%d is outside the text (%d characters)", m.ID, s.Start, s.End, len(runes))
			}
		}
		if got, ok := Covered(runes, m.Spans); ok && got != m.Text {
			bad(m.Line, "%s: span text %q does not match the text at %s: %q", m.ID, clip(m.Text), spansString(m.Spans), clip(got))
		}
	}
	for _, r := range a.Relations {
		claim(r.ID, r.Line, 'R')
	}
	for _, e := range a.Events {
		claim(e.ID, e.Line, 'E')
	}
	for _, at := range a.Attributes {
		claim(at.ID, at.Line, 'A')
	}
	for _, n := range a.Norms {
		claim(n.ID, n.Line, 'N')
	}
	ref := func(line int, owner, id string, allowed string) {
		k, ok := kinds[id]
		if !ok {
			bad(line, "%s refers to unknown %s", owner, id)
			return
		}
		for i := 0; i < len(allowed); i++ {
			if allowed[i] == k {
				return
			}
		}
		bad(line, "%s refers to %s, which cannot be an argument here", owner, id)
	}
	for _, r := range a.Relations {
		if len(r.Args) < 2 {
			bad(r.Line, "relation %s needs two arguments (Arg1:ID Arg2:ID)", r.ID)
		}
		for _, arg := range r.Args {
			ref(r.Line, "relation "+r.ID, arg.Ref, "TE")
		}
	}
	events := map[string]Event{}
	for _, e := range a.Events {
		events[e.ID] = e
	}
	for _, e := range a.Events {
		ref(e.Line, "event "+e.ID+" trigger", e.Trigger, "T")
		for _, arg := range e.Args {
			if arg.Ref == e.ID {
				bad(e.Line, "event %s has itself as argument %s", e.ID, arg.Role)
				continue
			}
			ref(e.Line, "event "+e.ID, arg.Ref, "TE")
		}
		if cyc := eventCycle(e.ID, events); cyc {
			bad(e.Line, "event %s is its own argument through other events (a cycle)", e.ID)
		}
	}
	for _, at := range a.Attributes {
		ref(at.Line, "attribute "+at.ID, at.Target, "TRE")
	}
	for _, n := range a.Norms {
		ref(n.Line, "normalisation "+n.ID, n.Target, "TRE")
	}
	for _, eq := range a.Equivs {
		for _, id := range eq.Refs {
			ref(eq.Line, "equivalence", id, "T")
		}
	}
	for _, n := range a.Notes {
		if n.Target != "" {
			if _, ok := kinds[n.Target]; !ok {
				bad(n.Line, "note %s refers to unknown %s", n.ID, n.Target)
			}
		}
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
	return errs
}

// eventCycle reports whether event id reaches itself through event arguments.
func eventCycle(id string, events map[string]Event) bool {
	seen := map[string]bool{}
	var visit func(cur string) bool
	visit = func(cur string) bool {
		for _, arg := range events[cur].Args {
			if arg.Ref == id {
				return true
			}
			if _, ok := events[arg.Ref]; ok && !seen[arg.Ref] {
				seen[arg.Ref] = true
				if visit(arg.Ref) {
					return true
				}
			}
		}
		return false
	}
	return visit(id)
}

func spansString(ss []Span) string {
	s := ""
	for i, sp := range ss {
		if i > 0 {
			s += ";"
		}
		s += fmt.Sprintf("%d %d", sp.Start, sp.End)
	}
	return s
}
