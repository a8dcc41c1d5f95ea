package annotate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/ingest"
)

// FormatBrat returns a's annotations in brat standoff format, one annotation per line.
func FormatBrat(a *ingest.Article) string {
	var b strings.Builder
	b.Grow(64 * (len(a.Mentions) + len(a.Relations) + 1))
	var num []byte
	for _, m := range a.Mentions {
		b.WriteString(m.ID)
		b.WriteByte('\t')
		b.WriteString(m.Type)
		for i, s := range m.Spans {
			if i > 0 {
				b.WriteByte(';')
			} else {
				b.WriteByte(' ')
			}
			num = strconv.AppendInt(num[:0], int64(s.Start), 10)
			num = append(num, ' ')
			num = strconv.AppendInt(num, int64(s.End), 10)
			b.Write(num)
		}
		b.WriteByte('\t')
		b.WriteString(m.Text)
		b.WriteByte('\n')
	}
	for _, r := range a.Relations {
		b.WriteString(r.ID)
		b.WriteByte('\t')
		b.WriteString(r.Type)
		for _, arg := range r.Args {
			b.WriteByte(' ')
			b.WriteString(arg.Role)
			b.WriteByte(':')
			b.WriteString(arg.Ref)
		}
		b.WriteString("\t\n")
	}
	for _, e := range a.Events {
		fmt.Fprintf(&b, "%s\t%s:%s", e.ID, e.Type, e.Trigger)
		for _, arg := range e.Args {
			fmt.Fprintf(&b, " %s:%s", arg.Role, arg.Ref)
		}
		b.WriteByte('\n')
	}
	for _, at := range a.Attributes {
		b.WriteString(at.ID + "\t" + at.Name + " " + at.Target)
		if at.Value != "" {
			b.WriteString(" " + at.Value)
		}
		b.WriteByte('\n')
	}
	for _, eq := range a.Equivs {
		fmt.Fprintf(&b, "*\t%s %s\n", eq.Type, strings.Join(eq.Refs, " "))
	}
	for _, n := range a.Notes {
		fmt.Fprintf(&b, "%s\t%s %s\t%s\n", n.ID, n.Type, n.Target, n.Text)
	}
	return b.String()
}

// IsGenerated reports whether the brat annotations in ann were written by this package
// (they carry its note) or hold no annotations at all, so that rewriting them loses no
// hand work.
func IsGenerated(ann string) bool {
	empty := true
	for _, line := range strings.Split(ann, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		empty = false
		if strings.HasPrefix(line, "#") && strings.Contains(line, GeneratedNote) {
			return true
		}
	}
	return empty
}
