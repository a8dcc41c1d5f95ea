package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/internal/render"
	"github.com/dipgraph/dipgraph/queries"
)

// loadExamples gives the test a database holding the example corpus only.
func loadExamples(t *testing.T) {
	t.Helper()
	neo4jtest.Lock(t)
	if code, out, errOut := dipgraph(t, "ingest", examplesDir(t)); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
}

func strs(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			out = append(out, render.Text(x))
		}
	}
	return out
}

// row returns the first row whose column key equals value.
func row(rows []map[string]any, key, value string) map[string]any {
	for _, r := range rows {
		if r[key] == value {
			return r
		}
	}
	return nil
}

func column(rows []map[string]any, key string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, render.Text(r[key]))
	}
	return out
}

func TestEveryExampleLineRuns(t *testing.T) {
	loadExamples(t)
	// blocs, brokers and unbalanced-triads read an analysis; the example corpus has no
	// unbalanced triad, the fixture adds one.
	if code, out, errOut := dipgraph(t, "ingest", triadFixture); code != 0 {
		t.Fatalf("ingest %s: exit %d\n%s%s", triadFixture, code, out, errOut)
	}
	analyzeRun(t)
	set, err := queries.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(set.All()); n < 12 {
		t.Errorf("%d saved queries, want at least 12", n)
	}
	for _, q := range set.All() {
		t.Run(q.Name, func(t *testing.T) {
			if len(q.Examples) == 0 {
				t.Fatalf("%s has no example line", q.Source)
			}
			for _, ex := range q.Examples {
				words, err := queries.ShellWords(ex)
				if err != nil {
					t.Fatal(err)
				}
				args := append(words[1:], "--format", "json")
				code, out, errOut := dipgraph(t, args...)
				if code != 0 {
					t.Fatalf("%s: exit %d: %s", ex, code, errOut)
				}
				if strings.TrimSpace(out) == "" {
					t.Errorf("%s: no rows on the example corpus", ex)
				}
			}
		})
	}
}

func TestAnalystQueriesOnExamples(t *testing.T) {
	loadExamples(t)

	t.Run("common-enemies", func(t *testing.T) {
		rows := queryRows(t, "common-enemies", "a=United States", "b=Russia")
		if got := column(rows, "enemy"); !contains(got, "Islamic State") || !contains(got, "Al-Nusra Front") {
			t.Fatalf("common enemies of the US and Russia: %v, want Islamic State and Al-Nusra Front", got)
		}
		is := row(rows, "enemy", "Islamic State")
		if !contains(strs(is["a_links"]), "US-led coalition attacks Islamic State") || !contains(strs(is["b_links"]), "Russia fights Islamic State") {
			t.Errorf("links for Islamic State: %v / %v", is["a_links"], is["b_links"])
		}
		// Symmetric: the same enemies with the actors swapped, by alias.
		if got := column(queryRows(t, "common-enemies", "a=Moscow", "b=US"), "enemy"); !contains(got, "Islamic State") || !contains(got, "Al-Nusra Front") {
			t.Errorf("common enemies of Moscow and US: %v", got)
		}
	})

	t.Run("common-allies", func(t *testing.T) {
		rows := queryRows(t, "common-allies", "a=Russia", "b=United States")
		if got := column(rows, "ally"); !contains(got, "Syrian ceasefire of 27 February 2016") {
			t.Fatalf("common allies of Russia and the US: %v", got)
		}
	})

	t.Run("allies-adversaries", func(t *testing.T) {
		rows := queryRows(t, "allies-adversaries", "actor=Russia")
		want := map[string]string{"Islamic State": "adversary", "Al-Nusra Front": "adversary", "other opposition groups": "adversary",
			"Barack Obama": "ally", "Syrian ceasefire of 27 February 2016": "ally"}
		// The first example article's facts; later articles may add more rows.
		for name, stance := range want {
			r := row(rows, "counterpart", name)
			if r == nil || r["stance"] != stance {
				t.Errorf("%s: row %v, want stance %s", name, r, stance)
			}
		}
		if r := row(rows, "counterpart", "other opposition groups"); r != nil && r["status"] != "speculated" {
			t.Errorf("Russia fights other opposition groups is speculated in the article, got %v", r["status"])
		}
		coop := queryRows(t, "allies-adversaries", "actor=Russia", "family=cooperate")
		for _, r := range coop {
			if r["stance"] != "ally" {
				t.Errorf("family=cooperate returned %v", r)
			}
		}
		if row(coop, "counterpart", "Barack Obama") == nil || row(coop, "counterpart", "Islamic State") != nil {
			t.Errorf("family=cooperate: %v", column(coop, "counterpart"))
		}
	})

	t.Run("mediators", func(t *testing.T) {
		// The gold articles loaded with the examples: China brokered the Saudi–Iranian
		// deal, the UAE and Saudi Arabia mediated between Washington and Moscow, the
		// United States brokered the agreement Israel and the UAE signed.
		rows := queryRows(t, "mediators")
		byMediator := func(name, about string) map[string]any {
			for _, r := range rows {
				if r["mediator"] == name && (about == "" && r["about"] == nil || about != "" && r["kind"] == about) {
					return r
				}
			}
			return nil
		}
		uae := byMediator("United Arab Emirates", "")
		if uae == nil || !contains(strs(uae["between"]), "United States") || !contains(strs(uae["between"]), "Russia") {
			t.Errorf("UAE mediating between the US and Russia: %v in %v", uae, rows)
		}
		// The United States brokered more than one agreement in the corpus (the Gaza truce
		// deal and the Lebanon–Israel sea border deal too): the one Israel and the UAE
		// signed is among them.
		var us map[string]any
		for _, r := range rows {
			if r["mediator"] == "United States" && r["kind"] == "Agreement" && contains(strs(r["between"]), "United Arab Emirates") {
				us = r
				break
			}
		}
		if us == nil || !contains(strs(us["between"]), "Israel") || !contains(strs(us["between"]), "United Arab Emirates") {
			t.Errorf("US brokering the agreement Israel and the UAE signed: %v in %v", us, rows)
		}
		if r := byMediator("China", "Agreement"); r == nil || r["status"] != "asserted" {
			t.Errorf("China brokering the Saudi–Iranian deal: %v in %v", r, rows)
		}
		// The filter takes a mediator or a party, by name or alias.
		for _, r := range queryRows(t, "mediators", "actor=Moscow") {
			if !contains(strs(r["between"]), "Russia") && r["mediator"] != "Russia" {
				t.Errorf("actor=Moscow returned a row without Russia: %v", r)
			}
		}
		if got := queryRows(t, "mediators", "actor=China"); len(got) == 0 || got[0]["mediator"] != "China" {
			t.Errorf("actor=China: %v", got)
		}
	})

	t.Run("dyad-timeline", func(t *testing.T) {
		rows := queryRows(t, "dyad-timeline", "a=Syrian opposition", "b=Assad government")
		// Both took part in the Geneva talks and the opposition suspended them: the rows
		// through the shared event, dated by the event (April 2016).
		var took []string
		for _, r := range rows {
			if r["interaction"] == "participated in" && r["target"] == "Geneva peace talks on Syria (2016)" {
				took = append(took, r["actor"].(string))
			}
		}
		if !contains(took, "Syrian opposition") || !contains(took, "Assad government") {
			t.Errorf("participants of the Geneva talks in the timeline: %v in %v", took, rows)
		}
		s := row(rows, "interaction", "suspended")
		if s == nil || s["cameo"] != "164" || s["goldstein"] != -7.0 || !strings.HasPrefix(s["date"].(string), "2016-04") || !strings.Contains(s["sentence"].(string), "suspended its participation") {
			t.Errorf("suspended row: %v", s)
		}
		for i := 1; i < len(rows); i++ {
			if rows[i-1]["date"].(string) > rows[i]["date"].(string) {
				t.Errorf("timeline not in date order: %v before %v", rows[i-1]["date"], rows[i]["date"])
			}
		}
	})

	t.Run("dyad-balance", func(t *testing.T) {
		rows := queryRows(t, "dyad-balance", "a=Russia", "b=United States")
		if len(rows) == 0 {
			t.Fatal("no balance for Russia and the US")
		}
		for _, r := range rows {
			n := r["interactions"].(float64)
			if q := r["verbal_coop"].(float64) + r["material_coop"].(float64) + r["verbal_conflict"].(float64) + r["material_conflict"].(float64); q != n {
				t.Errorf("%v: QuadClass counts add up to %v, not %v", r["month"], q, n)
			}
			if mean := r["goldstein_mean"].(float64); mean < r["goldstein_sum"].(float64)/n-0.01 || mean > r["goldstein_sum"].(float64)/n+0.01 {
				t.Errorf("%v: mean %v is not sum/count", r["month"], mean)
			}
		}
		// Both backed the ceasefire of February 2016 (BACKED: +9, material cooperation).
		feb := row(rows, "month", "2016-02")
		if feb == nil || feb["material_coop"].(float64) < 2 || feb["goldstein_sum"].(float64) < 18 {
			t.Errorf("February 2016: %v in %v", feb, rows)
		}
	})

	t.Run("shortest-path", func(t *testing.T) {
		rows := queryRows(t, "shortest-path", "a=Barack Obama", "b=Islamic State")
		if len(rows) != 1 || rows[0]["hops"] != 2.0 {
			t.Fatalf("path Obama → Islamic State: %v", rows)
		}
		if got := strings.Join(strs(rows[0]["route"]), " > "); got != "Barack Obama > Russia > Islamic State" {
			t.Errorf("route %s", got)
		}
		p, _ := rows[0]["path"].(map[string]any)
		if p == nil || !strings.Contains(p["path"].(string), "-[:PROPOSED_COOPERATION]->") {
			t.Errorf("path value %v", rows[0]["path"])
		}
	})

	t.Run("most-connected", func(t *testing.T) {
		rows := queryRows(t, "most-connected", "from=2016-01-01", "to=2016-12-31")
		if len(rows) == 0 || rows[0]["actor"] != "Russia" || rows[0]["degree"].(float64) < 5 || rows[0]["conflict"].(float64) < 3 || rows[0]["cooperate"].(float64) < 2 {
			t.Fatalf("most connected in 2016: first row %v, want Russia with at least 5 counterparts (3 conflict, 2 cooperate)", rows)
		}
		for i := 1; i < len(rows); i++ {
			if rows[i-1]["degree"].(float64) < rows[i]["degree"].(float64) {
				t.Errorf("not ordered by degree: %v", column(rows, "actor"))
			}
		}
		// The coalition's strikes are dated 2016; nothing of it in 2014.
		if r := row(rows, "actor", "US-led coalition"); r == nil || r["conflict"].(float64) < 4 {
			t.Errorf("US-led coalition in 2016: %v", r)
		}
		if r := row(queryRows(t, "most-connected", "from=2014-01-01", "to=2014-12-31", "limit=100"), "actor", "US-led coalition"); r != nil {
			t.Errorf("US-led coalition counted in 2014: %v", r)
		}
		if rows := queryRows(t, "most-connected", "from=2090-01-01"); len(rows) != 0 {
			t.Errorf("nothing is dated after 2090, got %v", rows)
		}
	})

	t.Run("contradictions", func(t *testing.T) {
		rows := queryRows(t, "contradictions", "limit=0")
		r := row(rows, "other", "Syrian opposition")
		if r == nil || r["one"] != "Geneva peace talks on Syria (2016)" ||
			!contains(strs(r["cooperation"]), "Syrian opposition participated in Geneva peace talks on Syria (2016)") ||
			!contains(strs(r["conflict"]), "Syrian opposition suspended Geneva peace talks on Syria (2016)") {
			t.Fatalf("contradictions: %v", rows)
		}
		if rows := queryRows(t, "contradictions", "actor=Turkey"); len(rows) != 0 {
			t.Errorf("Turkey has no contradictory pair in the examples: %v", rows)
		}
		// With an actor, the rows are those of the whole list that include it (the query
		// takes another way through the graph then).
		var want []string
		for _, r := range rows {
			if r["one"] == "Syrian opposition" || r["other"] == "Syrian opposition" {
				b, _ := json.Marshal(r)
				want = append(want, string(b))
			}
		}
		var got []string
		for _, r := range queryRows(t, "contradictions", "actor=syrian opposition") {
			b, _ := json.Marshal(r)
			got = append(got, string(b))
		}
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("contradictions of the Syrian opposition:\n got %v\nwant %v", got, want)
		}
	})

	t.Run("actor lookup", func(t *testing.T) {
		// Through the full-text index, then the exact test: any case, aliases and keys;
		// a word shared with other names is not enough, and quotes or backslashes in the
		// value are searched for, not parsed.
		for _, actor := range []string{"Russia", "russia", "MOSCOW", "wikidata:Q159", "Russian Federation"} {
			rows := queryRows(t, "allies-adversaries", "actor="+actor)
			if row(rows, "counterpart", "Islamic State") == nil {
				t.Errorf("allies-adversaries of %q: %v", actor, column(rows, "counterpart"))
			}
		}
		for _, actor := range []string{"Federation", "Rus", `Russia"`, `"Russia"`, `Russia\`, `\`, `"`, "*"} {
			if rows := queryRows(t, "allies-adversaries", "actor="+actor); len(rows) != 0 {
				t.Errorf("allies-adversaries of %q found %v", actor, column(rows, "counterpart"))
			}
		}
	})

	t.Run("evidence", func(t *testing.T) {
		rows := queryRows(t, "evidence", "a=Russia", "b=IS")
		if len(rows) != 1 {
			t.Fatalf("evidence Russia–IS: %v", rows)
		}
		r := rows[0]
		if r["relation"] != "fights" || r["article"] != "syria-cooperation-2016" || r["published"] != "2016-04-24" ||
			r["title"] != "Washington and Moscow weigh joint action in Syria" || !strings.Contains(r["sentence"].(string), "fighting Islamic State") {
			t.Errorf("evidence row %v", r)
		}
		if rows := queryRows(t, "evidence", "a=Russia", "b=IS", "relation=spoke with"); len(rows) != 0 {
			t.Errorf("relation filter: %v", rows)
		}
	})

	t.Run("ego-network", func(t *testing.T) {
		ends := func(depth string) map[string]bool {
			m := map[string]bool{}
			for _, r := range queryRows(t, "ego-network", "actor=Russia", "depth="+depth, "limit=5000") {
				p := r["p"].(map[string]any)
				nodes := p["nodes"].([]any)
				m[nodes[len(nodes)-1].(map[string]any)["name"].(string)] = true
			}
			return m
		}
		one, two := ends("1"), ends("2")
		for _, n := range []string{"Islamic State", "Al-Nusra Front", "Barack Obama", "Syrian ceasefire of 27 February 2016"} {
			if !one[n] {
				t.Errorf("depth 1: %s missing from %v", n, one)
			}
		}
		if one["US-led coalition"] || !two["US-led coalition"] {
			t.Errorf("the coalition is two hops from Russia (through the groups both fight): depth 1 %v, depth 2 %v", one, two)
		}
		for n := range one {
			if !two[n] {
				t.Errorf("%s at depth 1 but not within depth 2", n)
			}
		}
	})
}

func TestRolesQuery(t *testing.T) {
	loadExamples(t)
	// HOLDS_ROLE edges come from the gazetteer's roles; until the loader writes them the
	// query must run and return nothing, and once it does Kerry's office must show.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "count-roles.cypher"), []byte("// description: Counts HOLDS_ROLE edges.\nMATCH ()-[r:HOLDS_ROLE]->() RETURN count(r) AS n\n"), 0o644)
	t.Setenv("DIPGRAPH_QUERIES", dir)
	edges := queryRows(t, "count-roles")[0]["n"].(float64)
	rows := queryRows(t, "roles", "actor=John Kerry")
	if edges == 0 {
		if len(rows) != 0 {
			t.Fatalf("no HOLDS_ROLE edges, yet roles returned %v", rows)
		}
		t.Log("the example data has no HOLDS_ROLE edges yet; roles returned no rows, as it should")
		return
	}
	r := row(rows, "person", "John Kerry")
	if r == nil || r["title"] != "Secretary of State" || r["of"] != "United States" {
		t.Fatalf("roles of John Kerry: %v", rows)
	}
	// since and until come from the gazetteer once the store writes them (see graph/SCHEMA.md).
	if r["since"] != nil && r["since"] != "2013-02-01" {
		t.Errorf("Kerry Secretary of State since %v, the gazetteer says 2013-02-01", r["since"])
	}
	holders := column(queryRows(t, "roles", "actor=United States"), "person")
	if !contains(holders, "John Kerry") || !contains(holders, "Barack Obama") {
		t.Errorf("office holders of the United States: %v", holders)
	}
}

func TestWritingQueryIsRefused(t *testing.T) {
	neo4jtest.Lock(t)
	dir := t.TempDir()
	q := "// description: Tries to write.\n// param: name string — a name\nCREATE (:Entity {name: $name})\n"
	if err := os.WriteFile(filepath.Join(dir, "sneaky-write.cypher"), []byte(q), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := dipgraph(t, "query", "run", "sneaky-write", "--queries-dir", dir, "--param", "name=x", "--format", "json")
	if code != app.ExitFailure || !strings.Contains(errOut, "saved queries run read-only") {
		t.Fatalf("exit %d, stderr %q; want a refusal", code, errOut)
	}
	// And nothing was written.
	t.Setenv("DIPGRAPH_QUERIES", dir)
	code, out, errOut := dipgraph(t, "query", "run", "most-connected", "--format", "json")
	if code != 0 || strings.TrimSpace(out) != "" {
		t.Fatalf("after the refused write: exit %d, rows %q %s", code, out, errOut)
	}
}

func TestQueriesDirOverridesAndExtends(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "fights.cypher"), []byte("// description: My own fights.\nMATCH (n) RETURN n.name AS name LIMIT 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "my-query.cypher"), []byte("// description: Mine.\nRETURN 1 AS one\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, how := range []string{"flag", "env"} {
		t.Run(how, func(t *testing.T) {
			args := []string{"dipgraph", "query", "list"}
			if how == "flag" {
				args = append(args, "--queries-dir", dir)
			} else {
				t.Setenv("DIPGRAPH_QUERIES", dir)
			}
			var out, errb bytes.Buffer
			if code := run(args, strings.NewReader(""), &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if !strings.Contains(out.String(), "My own fights.") || !strings.Contains(out.String(), "my-query") || !strings.Contains(out.String(), "common-enemies") {
				t.Errorf("list does not show the override, the addition and the built-ins:\n%s", out.String())
			}
		})
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "Bad_Name.cypher"), []byte("// description: x\nRETURN 1\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"dipgraph", "query", "list", "--queries-dir", bad}, strings.NewReader(""), &out, &errb); code == 0 || !strings.Contains(errb.String(), "Bad_Name.cypher") {
		t.Errorf("a bad file in --queries-dir: exit %d, stderr %q", code, errb.String())
	}
}

func TestParamErrorsAreClear(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"most-connected", "--param", "from=yesterday"}, `--param from: "yesterday" is not a date (YYYY-MM-DD)`},
		{[]string{"most-connected", "--param", "limit=ten"}, `--param limit: "ten" is not a whole number`},
		{[]string{"common-enemies", "--param", "a=Russia"}, "needs --param b="},
		{[]string{"common-enemies", "--param", "a=Russia", "--param", "b=US", "--param", "c=x"}, `has no parameter "c"`},
		{[]string{"evidence", "--param", "nothing"}, "expected key=value"},
	}
	for _, tc := range cases {
		var out, errb bytes.Buffer
		code := run(append([]string{"dipgraph", "query", "run"}, tc.args...), strings.NewReader(""), &out, &errb)
		if code != app.ExitUsage || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errb.String(), tc.want)
		}
	}
}

func TestCommittedBrowserFilesAreGenerated(t *testing.T) {
	dir := t.TempDir()
	style, err := os.ReadFile("../../scripts/browser/style.grass")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "style.grass"), style, 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"dipgraph", "query", "guide", "--out-dir", dir}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("query guide: exit %d: %s", code, errb.String())
	}
	for _, f := range []string{"guide.html", "post-connect.txt"} {
		want, _ := os.ReadFile(filepath.Join(dir, f))
		got, err := os.ReadFile(filepath.Join("../../scripts/browser", f))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("scripts/browser/%s is not what `dipgraph query guide` writes now; run `go generate ./queries` (err %v)", f, err)
		}
	}
	guide, _ := os.ReadFile(filepath.Join(dir, "guide.html"))
	set, _ := queries.Builtin()
	for _, q := range set.All() {
		if !strings.Contains(string(guide), `data-query="`+q.Name+`"`) {
			t.Errorf("guide has no block for %s", q.Name)
		}
	}
	// The style must be readable by the Browser's GraSS reader: no comments, no quotes
	// that open a string it would not close.
	if strings.Contains(string(style), "/*") || strings.Count(string(style), `"`)%2 != 0 || strings.Contains(string(style), "'") {
		t.Errorf("style.grass has comments or unbalanced quotes, which the Browser cannot parse")
	}
}

func TestComposePostConnectMatchesLauncher(t *testing.T) {
	b, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	local, err := os.ReadFile("../../scripts/browser/post-connect.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(strings.TrimSpace(string(local)), localBrowserFiles, composeBrowserFiles)
	if want != postConnect(composeBrowserFiles) {
		t.Fatalf("post-connect.txt %q is not the generated command", local)
	}
	if !strings.Contains(string(b), `NEO4J_browser_post__connect__cmd: "`+want+`"`) {
		t.Errorf("docker-compose.yml does not set browser.post_connect_cmd to %q", want)
	}
	if !strings.Contains(string(b), "./scripts/browser:/usr/share/nginx/html/dipgraph:ro") || !strings.Contains(string(b), `"7480:80"`) {
		t.Errorf("docker-compose.yml does not serve scripts/browser on port 7480")
	}
}

func TestQueriesDocListsEveryQuery(t *testing.T) {
	b, err := os.ReadFile("../../docs/QUERIES.md")
	if err != nil {
		t.Fatal(err)
	}
	set, _ := queries.Builtin()
	for _, q := range set.All() {
		if !strings.Contains(string(b), "| `"+q.Name+"` |") {
			t.Errorf("docs/QUERIES.md does not list %s", q.Name)
		}
	}
}
