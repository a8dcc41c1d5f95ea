package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// Lookup writes what name resolves to in g on date (any date when ""), for a mention of
// type label (any when ""): every actor it can stand for, best first, with the name or
// alias that matched and the role held on date; or, for a title without a name, who held
// it; or that no actor has the name.
func Lookup(w io.Writer, g *graph.Gazetteer, name, label, date string) error {
	var b strings.Builder
	if ms := g.Explain(name, label, date); len(ms) > 0 {
		writeMatches(&b, g, name, date, ms)
	} else {
		writeTitleHolder(&b, g, name, date)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// on is " on DATE", or "" without a date.
func on(date string) string {
	if date == "" {
		return ""
	}
	return " on " + date
}

// writeTitleHolder writes who held the title name stands for on date, or that name is no
// title and no actor's name.
func writeTitleHolder(w io.Writer, g *graph.Gazetteer, name, date string) {
	a, r, title, of, ok := g.TitleHolder(name, date)
	switch {
	case ok:
		fmt.Fprintf(w, "%q is the title %q of %s: held%s by\n", name, title, of.Name, on(date))
		writeActor(w, a, "  → ")
		fmt.Fprintf(w, "      role: %s\n", roleText(g, r))
	case title != "" && of != nil && date == "":
		fmt.Fprintf(w, "%q is the title %q of %s; give --date to find who held it\n", name, title, of.Name)
	case title != "" && of != nil:
		fmt.Fprintf(w, "%q is the title %q of %s; the gazetteer knows nobody who held it%s\n", name, title, of.Name, on(date))
	default:
		fmt.Fprintf(w, "%q: no actor of the gazetteer has this name (names compare as %q)\n", name, graph.NormName(name))
	}
}

// writeMatches writes the actors name can stand for, best first, each with the name that
// matched and its role on date.
func writeMatches(w io.Writer, g *graph.Gazetteer, name, date string, ms []graph.Match) {
	fmt.Fprintf(w, "%q%s resolves to\n", name, on(date))
	for i, m := range ms {
		prefix := "  → "
		if i > 0 {
			prefix = "    "
			if i == 1 {
				fmt.Fprintln(w, "  other actors with this name:")
			}
		}
		writeActor(w, m.Actor, prefix)
		how := "name"
		switch {
		case m.Metonym:
			how = "adjective or place standing for it"
		case m.Name != m.Actor.Name:
			how = "alias"
		}
		fmt.Fprintf(w, "      matched %s %q\n", how, m.Name)
		switch {
		case m.Role != nil:
			fmt.Fprintf(w, "      role%s: %s\n", on(date), roleText(g, m.Role))
		case date != "" && len(m.Actor.Roles) > 0:
			fmt.Fprintf(w, "      no role%s (%d dated roles, %s)\n", on(date), len(m.Actor.Roles), span(m.Actor.Roles))
		}
	}
}

func writeActor(w io.Writer, a *graph.Actor, prefix string) {
	var facts []string
	facts = append(facts, a.Type)
	if a.Cameo != "" {
		facts = append(facts, "CAMEO "+a.Cameo)
	}
	if a.QID != "" {
		facts = append(facts, "Wikidata "+a.QID)
	}
	src := "hand-curated"
	if a.Source != "" {
		src = "from the " + a.Source + " dictionaries"
	}
	facts = append(facts, src, "key "+a.Key())
	fmt.Fprintf(w, "%s%s [%s] (%s)\n", prefix, a.Name, a.ID, strings.Join(facts, ", "))
}

func roleText(g *graph.Gazetteer, r *graph.Role) string {
	s := r.Title
	if of, ok := g.ByID(r.Of); ok {
		s += " of " + of.Name
	}
	since, until := r.Since, r.Until
	if since == "" {
		since = "…"
	}
	if until == "" {
		until = "…"
	}
	s += ", " + since + " to " + until
	if r.Code != "" {
		s += " (" + r.Code + ")"
	}
	return s
}

// span gives the first and last dates of roles.
func span(rs []graph.Role) string {
	first, last := "", ""
	for _, r := range rs {
		if r.Since != "" && (first == "" || r.Since < first) {
			first = r.Since
		}
		if r.Until == "" {
			last = "open"
		} else if last != "open" && r.Until > last {
			last = r.Until
		}
	}
	if first == "" {
		first = "…"
	}
	return first + " to " + last
}
