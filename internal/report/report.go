package report

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"maps"
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
	opt = opt.withDefaults()
	name, kind, err := src.actor(ctx, opt.Actor)
	if err != nil {
		return nil, err
	}
	b := &Brief{Actor: name, Kind: kind, Window: window(opt.From, opt.To), Generated: opt.Now.UTC().Format("2006-01-02 15:04 UTC")}
	if b.Bloc, err = blocInfo(ctx, src, name); err != nil {
		return nil, err
	}
	if err := b.readCounterparts(ctx, src, opt); err != nil {
		return nil, err
	}
	main := b.mainCounterparts(opt.Counterparts)
	if err := b.readBalance(ctx, src, main, opt); err != nil {
		return nil, err
	}
	if err := b.readRoles(ctx, src); err != nil {
		return nil, err
	}
	if err := b.readEvidence(ctx, src, main, opt); err != nil {
		return nil, err
	}
	return b, nil
}

// withDefaults fills the options left at zero.
func (opt Options) withDefaults() Options {
	if opt.Counterparts <= 0 {
		opt.Counterparts = 4
	}
	if opt.Evidence <= 0 {
		opt.Evidence = 40
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	return opt
}

// readCounterparts reads the partners (consult, cooperate) and adversaries (conflict)
// within the window, each ranked.
func (b *Brief) readCounterparts(ctx context.Context, src Source, opt Options) error {
	var rels []map[string]any
	for _, fam := range []string{"", "consult"} {
		rows, err := src.Rows(ctx, "allies-adversaries", "actor="+b.Actor, "family="+fam)
		if err != nil {
			return err
		}
		rels = append(rels, rows...)
	}
	byName := map[string]*Counterpart{}
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
		c.add(r, first, last)
		if stance == "adversary" {
			b.Adversaries = appendOnce(b.Adversaries, c)
		} else {
			b.Partners = appendOnce(b.Partners, c)
		}
	}
	b.Partners = ranked(b.Partners)
	b.Adversaries = ranked(b.Adversaries)
	return nil
}

// add counts one relationship row of allies-adversaries into c.
func (c *Counterpart) add(r map[string]any, first, last string) {
	c.Articles += integer(r["articles"])
	rel := str(r["relation"])
	if st := str(r["status"]); st != "asserted" && st != "" {
		rel += " (" + st + ")"
	}
	c.Relations = append(c.Relations, rel)
	c.First, c.Last = minDate(c.First, first), max(c.Last, last)
}

// mainCounterparts returns the n counterparts with the most articles, partners and
// adversaries together.
func (b *Brief) mainCounterparts(n int) []string {
	total := map[string]int{}
	for _, c := range append(append([]*Counterpart{}, ptrs(b.Partners)...), ptrs(b.Adversaries)...) {
		total[c.Name] += c.Articles
	}
	main := slices.Collect(maps.Keys(total))
	slices.SortFunc(main, func(x, y string) int {
		if c := cmp.Compare(total[y], total[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	return main[:min(len(main), n)]
}

// readBalance reads the monthly Goldstein balance with each main counterpart and draws
// the chart.
func (b *Brief) readBalance(ctx context.Context, src Source, main []string, opt Options) error {
	months := map[string]bool{}
	for i, other := range main {
		rows, err := src.Rows(ctx, "dyad-balance", "a="+b.Actor, "b="+other)
		if err != nil {
			return err
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
	if len(b.Series) == 0 {
		return nil
	}
	svg, err := chart(b.Months, b.Series)
	if err != nil {
		return fmt.Errorf("draw chart: %w", err)
	}
	b.Chart = template.HTML(svg) // drawn by gonum/plot from numbers and names it escapes
	return nil
}

// readRoles reads the offices the actor holds or that are held at it.
func (b *Brief) readRoles(ctx context.Context, src Source) error {
	roles, err := src.Rows(ctx, "roles", "actor="+b.Actor)
	if err != nil {
		return err
	}
	for _, r := range roles {
		b.Roles = append(b.Roles, Role{Person: str(r["person"]), Title: str(r["title"]), Of: str(r["of"]), Since: str(r["since"]), Until: str(r["until"])})
	}
	return nil
}

// readEvidence reads the sentences behind the relationships with the main counterparts,
// newest first, at most opt.Evidence, with their articles' metadata.
func (b *Brief) readEvidence(ctx context.Context, src Source, main []string, opt Options) error {
	seen := map[string]bool{}
	for _, other := range main {
		rows, err := src.Rows(ctx, "evidence", "a="+b.Actor, "b="+other)
		if err != nil {
			return err
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
			if !seen[k] {
				seen[k] = true
				b.Evidence = append(b.Evidence, e)
			}
		}
	}
	slices.SortStableFunc(b.Evidence, func(x, y Evidence) int { return cmp.Compare(y.Published, x.Published) })
	b.Evidence = b.Evidence[:min(len(b.Evidence), opt.Evidence)]
	ids := make([]string, len(b.Evidence))
	for i, e := range b.Evidence {
		ids[i] = e.Article.ID
	}
	arts, err := src.articles(ctx, ids)
	if err != nil {
		return err
	}
	for i := range b.Evidence {
		if a, ok := arts[b.Evidence[i].Article.ID]; ok {
			b.Evidence[i].Article = a
		}
	}
	return nil
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

// str is a cell as text: "" for null.
func str(v any) string {
	if s, ok := v.(string); ok || v == nil {
		return s
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

// number is a numeric cell (an integer or a float from the driver), 0 otherwise.
func number(v any) float64 {
	if i, ok := v.(int64); ok {
		return float64(i)
	}
	f, _ := v.(float64)
	return f
}

func integer(v any) int { return int(number(v)) }

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
