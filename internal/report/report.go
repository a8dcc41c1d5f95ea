package report

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/dipgraph/dipgraph/internal/analyze"
)

// Options choose the actor, the window and how much the brief shows.
type Options struct {
	Actor    string
	From, To string // YYYY-MM-DD, "" for no bound
	// Counterparts is how many main counterparts the chart and the evidence cover.
	Counterparts int
	// Evidence bounds the sentences quoted.
	Evidence int
	Now      time.Time
}

// Brief is everything one page shows about an actor.
type Brief struct {
	Actor, Kind string
	Window      string
	Generated   string
	Bloc        *BlocInfo // nil when no analysis covers the actor
	Partners    []Counterpart
	Adversaries []Counterpart
	Months      []string
	Series      []Series // monthly Goldstein balance with each main counterpart
	Chart       template.HTML
	Roles       []Role
	Evidence    []Evidence
}

// BlocInfo is the actor's bloc and scores from the latest analysis.
type BlocInfo struct {
	ID, Size     int
	Colour       string
	Balance      float64
	GraphBalance float64
	Members      []string
	Betweenness  float64
	PageRank     float64
	Reaches      []int // other blocs its partners belong to
}

// Counterpart is one partner or adversary, its relationships summed.
type Counterpart struct {
	Name, Kind  string
	Articles    int
	Relations   []string
	First, Last string
}

// Series is the monthly Goldstein sum of the dyad actor–Name (NaN-free: months without
// interaction are absent from Values' keys).
type Series struct {
	Name   string
	Colour string
	Values map[string]float64
}

// Role is an office held, by the actor or at the actor.
type Role struct{ Person, Title, Of, Since, Until string }

// Evidence is one sentence that states a relationship of the actor.
type Evidence struct {
	Published, Statement, Status, Sentence string
	Article                                Article
}

// Article is an article's metadata.
type Article struct{ ID, Title, URL, Source, Published string }

// Build reads what the brief shows.
func Build(ctx context.Context, src Source, opt Options) (*Brief, error) {
	if opt.Counterparts <= 0 {
		opt.Counterparts = 4
	}
	if opt.Evidence <= 0 {
		opt.Evidence = 40
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	name, kind, err := src.actor(ctx, opt.Actor)
	if err != nil {
		return nil, err
	}
	b := &Brief{Actor: name, Kind: kind, Window: window(opt.From, opt.To), Generated: opt.Now.UTC().Format("2006-01-02 15:04 UTC")}

	if b.Bloc, err = blocInfo(ctx, src, name); err != nil {
		return nil, err
	}

	// Partners (consult, cooperate) and adversaries (conflict), within the window.
	var rels []map[string]any
	for _, fam := range []string{"", "consult"} {
		rows, err := src.Rows(ctx, "allies-adversaries", "actor="+name, "family="+fam)
		if err != nil {
			return nil, err
		}
		rels = append(rels, rows...)
	}
	byName := map[string]*Counterpart{}
	hostile := map[string]bool{}
	for _, r := range rels {
		first, last := str(r["first_seen"]), str(r["last_seen"])
		if !overlaps(first, last, opt.From, opt.To) {
			continue
		}
		stance := str(r["stance"])
		key := stance + "\x00" + str(r["counterpart"])
		c := byName[key]
		if c == nil {
			c = &Counterpart{Name: str(r["counterpart"]), Kind: str(r["kind"]), First: first, Last: last}
			byName[key] = c
		}
		c.Articles += integer(r["articles"])
		rel := str(r["relation"])
		if st := str(r["status"]); st != "asserted" && st != "" {
			rel += " (" + st + ")"
		}
		c.Relations = append(c.Relations, rel)
		c.First, c.Last = minDate(c.First, first), max(c.Last, last)
		if stance == "adversary" {
			hostile[c.Name] = true
			b.Adversaries = appendOnce(b.Adversaries, c)
		} else {
			b.Partners = appendOnce(b.Partners, c)
		}
	}
	b.Partners = ranked(b.Partners)
	b.Adversaries = ranked(b.Adversaries)

	// The main counterparts: the most articles, partners and adversaries together.
	total := map[string]int{}
	for _, c := range append(append([]*Counterpart{}, ptrs(b.Partners)...), ptrs(b.Adversaries)...) {
		total[c.Name] += c.Articles
	}
	var main []string
	for n := range total {
		main = append(main, n)
	}
	slices.SortFunc(main, func(x, y string) int {
		if c := cmp.Compare(total[y], total[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	main = main[:min(len(main), opt.Counterparts)]

	months := map[string]bool{}
	for i, other := range main {
		rows, err := src.Rows(ctx, "dyad-balance", "a="+name, "b="+other)
		if err != nil {
			return nil, err
		}
		s := Series{Name: other, Colour: seriesColours[i%len(seriesColours)], Values: map[string]float64{}}
		for _, r := range rows {
			m := str(r["month"])
			if !inMonths(m, opt.From, opt.To) {
				continue
			}
			s.Values[m] += number(r["goldstein_sum"])
			months[m] = true
		}
		if len(s.Values) > 0 {
			b.Series = append(b.Series, s)
		}
	}
	b.Months = monthRange(months)
	if len(b.Series) > 0 {
		svg, err := chart(b.Months, b.Series)
		if err != nil {
			return nil, fmt.Errorf("draw chart: %w", err)
		}
		b.Chart = template.HTML(svg) // drawn by gonum/plot from numbers and names it escapes
	}

	roles, err := src.Rows(ctx, "roles", "actor="+name)
	if err != nil {
		return nil, err
	}
	for _, r := range roles {
		b.Roles = append(b.Roles, Role{Person: str(r["person"]), Title: str(r["title"]), Of: str(r["of"]), Since: str(r["since"]), Until: str(r["until"])})
	}

	// Evidence for the relationships with the main counterparts, newest first.
	seen := map[string]bool{}
	var ids []string
	for _, other := range main {
		rows, err := src.Rows(ctx, "evidence", "a="+name, "b="+other)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			pub := str(r["published"])
			if !overlaps(pub, pub, opt.From, opt.To) && pub != "" {
				continue
			}
			e := Evidence{Published: pub, Status: str(r["status"]), Sentence: str(r["sentence"]),
				Statement: str(r["subject"]) + " " + str(r["relation"]) + " " + str(r["object"]),
				Article:   Article{ID: str(r["article"]), Title: str(r["title"])}}
			k := e.Article.ID + "\x00" + e.Statement + "\x00" + e.Sentence
			if seen[k] {
				continue
			}
			seen[k] = true
			b.Evidence = append(b.Evidence, e)
			ids = append(ids, e.Article.ID)
		}
	}
	slices.SortStableFunc(b.Evidence, func(x, y Evidence) int { return cmp.Compare(y.Published, x.Published) })
	b.Evidence = b.Evidence[:min(len(b.Evidence), opt.Evidence)]
	arts, err := src.articles(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range b.Evidence {
		if a, ok := arts[b.Evidence[i].Article.ID]; ok {
			b.Evidence[i].Article = a
		}
	}
	return b, nil
}

func blocInfo(ctx context.Context, src Source, name string) (*BlocInfo, error) {
	rows, err := src.Rows(ctx, "blocs", "actor="+name)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	r := rows[0]
	bi := &BlocInfo{ID: integer(r["bloc"]), Size: integer(r["size"]), Balance: number(r["balance"]), GraphBalance: number(r["graph_balance"]), Colour: "#A5ABB6"}
	for _, m := range list(r["members"]) {
		bi.Members = append(bi.Members, str(m))
	}
	if bi.ID >= 1 && bi.ID <= len(analyze.BlocColours) && bi.Size > 1 {
		bi.Colour = analyze.BlocColours[bi.ID-1]
	}
	br, err := src.Rows(ctx, "brokers", "actor="+name)
	if err != nil {
		return nil, err
	}
	if len(br) > 0 {
		bi.Betweenness, bi.PageRank = number(br[0]["betweenness"]), number(br[0]["pagerank"])
		for _, x := range list(br[0]["other_blocs_reached"]) {
			bi.Reaches = append(bi.Reaches, integer(x))
		}
	}
	return bi, nil
}

// seriesColours are the chart's line colours (colour-blind safe, Okabe and Ito).
var seriesColours = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"}

func window(from, to string) string {
	switch {
	case from == "" && to == "":
		return "all dates"
	case from == "":
		return "up to " + to
	case to == "":
		return "from " + from
	}
	return from + " to " + to
}

// overlaps reports whether [first, last] meets [from, to]; empty bounds are open.
func overlaps(first, last, from, to string) bool {
	if from != "" && last != "" && last < from {
		return false
	}
	if to != "" && first != "" && first > to {
		return false
	}
	return true
}

func inMonths(month, from, to string) bool {
	if month == "" {
		return false
	}
	return (from == "" || month >= from[:7]) && (to == "" || month <= to[:7])
}

func minDate(a, b string) string {
	if a == "" || b != "" && b < a {
		return b
	}
	return a
}

func appendOnce(cs []Counterpart, c *Counterpart) []Counterpart {
	for i := range cs {
		if cs[i].Name == c.Name {
			cs[i] = *c
			return cs
		}
	}
	return append(cs, *c)
}

func ptrs(cs []Counterpart) []*Counterpart {
	out := make([]*Counterpart, len(cs))
	for i := range cs {
		out[i] = &cs[i]
	}
	return out
}

// ranked sorts by articles, then by the latest sighting, then by name.
func ranked(cs []Counterpart) []Counterpart {
	slices.SortFunc(cs, func(x, y Counterpart) int {
		if c := cmp.Compare(y.Articles, x.Articles); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Last, x.Last); c != 0 {
			return c
		}
		return cmp.Compare(x.Name, y.Name)
	})
	for i := range cs {
		slices.Sort(cs[i].Relations)
		cs[i].Relations = slices.Compact(cs[i].Relations)
	}
	return cs
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

func integer(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	return 0
}

func number(v any) float64 {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	return 0
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// monthRange returns every month from the first to the last of seen, so that the chart's
// x axis keeps time in proportion.
func monthRange(seen map[string]bool) []string {
	var first, last time.Time
	for m := range seen {
		t, err := time.Parse("2006-01", m)
		if err != nil {
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	var out []string
	for t := first; !first.IsZero() && !t.After(last); t = t.AddDate(0, 1, 0) {
		out = append(out, t.Format("2006-01"))
	}
	return out
}
