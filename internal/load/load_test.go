package load_test

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/generate"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/internal/schema"
)

// ingestDirs loads the articles under dirs and returns the summary.
func ingestDirs(t *testing.T, st *neo4jstore.Store, opt load.Options, dirs ...string) load.Summary {
	t.Helper()
	srcs, _, err := ingest.Discover(dirs, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatalf("discover: %v", err)
	}
	sum, err := load.Run(context.Background(), srcs, st, opt)
	if err != nil {
		t.Fatalf("load: %v (%s)", err, sum)
	}
	return sum
}

func fingerprint(t *testing.T, st *neo4jstore.Store) neo4jstore.Fingerprint {
	t.Helper()
	fp, err := st.GraphFingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

func reset(t *testing.T, st *neo4jstore.Store) {
	t.Helper()
	if err := st.Clear(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// rows runs a read query and returns its rows as maps.
func rows(t *testing.T, st *neo4jstore.Store, q string, params map[string]any) []map[string]any {
	t.Helper()
	rs, err := st.Read(context.Background(), q, params)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	var out []map[string]any
	for _, r := range rs {
		m := map[string]any{}
		for i, k := range r.Keys {
			m[k] = r.Values[i]
		}
		out = append(out, m)
	}
	return out
}

const textA1 = "John Kerry spoke with Sergey Lavrov on Monday. Russia fights Al-Nusra Front. Russia also fights the Black Banner Brigade."
const textA2 = "John Kerry spoke with Sergey Lavrov on Monday. Russia attacked Al-Nusra Front. Russia also fights the Black Flag Brigade."
const textB = "Sergey Lavrov met John Kerry in Geneva. Russia fights Al-Nusra Front, and so does the black banner brigade."

// writeA writes article "a": version 1, or version 2 with one relation removed (Russia
// fights Al-Nusra), one added (Russia attacks Al-Nusra) and one entity renamed (Black
// Banner Brigade → Black Flag Brigade).
func writeA(t *testing.T, dir string, version int) {
	if version == 1 {
		neo4jtest.Article(t, dir, "a", "2016-03-01", textA1, []neo4jtest.Ent{
			{"T1", "Person", "John Kerry"}, {"T2", "Person", "Sergey Lavrov"}, {"T3", "State", "Russia"},
			{"T4", "ArmedGroup", "Al-Nusra Front"}, {"T5", "State", "Russia"}, {"T6", "ArmedGroup", "Black Banner Brigade"},
		}, "R1\tSpokeWith Arg1:T1 Arg2:T2", "R2\tFights Arg1:T3 Arg2:T4", "R3\tFights Arg1:T5 Arg2:T6")
		return
	}
	neo4jtest.Article(t, dir, "a", "2016-03-01", textA2, []neo4jtest.Ent{
		{"T1", "Person", "John Kerry"}, {"T2", "Person", "Sergey Lavrov"}, {"T3", "State", "Russia"},
		{"T4", "ArmedGroup", "Al-Nusra Front"}, {"T5", "State", "Russia"}, {"T6", "ArmedGroup", "Black Flag Brigade"},
	}, "R1\tSpokeWith Arg1:T1 Arg2:T2", "R2\tAttacks Arg1:T3 Arg2:T4", "R3\tFights Arg1:T5 Arg2:T6")
}

// writeB writes article "b", which shares Kerry, Lavrov, Russia, Al-Nusra and (under
// another spelling) the Black Banner Brigade with version 1 of "a".
func writeB(t *testing.T, dir string) {
	neo4jtest.Article(t, dir, "b", "2016-02-01", textB, []neo4jtest.Ent{
		{"T1", "Person", "Sergey Lavrov"}, {"T2", "Person", "John Kerry"}, {"T3", "State", "Russia"},
		{"T4", "ArmedGroup", "Al-Nusra Front"}, {"T5", "ArmedGroup", "black banner brigade"},
	}, "R1\tMetWith Arg1:T1 Arg2:T2", "R2\tFights Arg1:T3 Arg2:T4", "R3\tFights Arg1:T5 Arg2:T4")
}

func TestReingestCreatesNothing(t *testing.T) {
	st := neo4jtest.Open(t)
	dir := t.TempDir()
	writeA(t, dir, 1)
	writeB(t, dir)
	first := ingestDirs(t, st, load.Options{}, dir)
	if first.New != 2 || first.Counters.NodesCreated == 0 {
		t.Fatalf("first run: %s", first)
	}
	before := fingerprint(t, st)
	second := ingestDirs(t, st, load.Options{}, dir)
	if second.Unchanged != 2 || second.New+second.Updated != 0 || second.Counters != (neo4jstore.Counters{}) {
		t.Fatalf("second run wrote: %s (%+v)", second, second.Counters)
	}
	if after := fingerprint(t, st); after != before {
		t.Fatalf("graph changed on re-ingest: %s → %s", before, after)
	}
}

func TestCorrectedArticleLeavesExactlyTheCorrectedGraph(t *testing.T) {
	st := neo4jtest.Open(t)
	dir := t.TempDir()
	writeA(t, dir, 1)
	writeB(t, dir)
	ingestDirs(t, st, load.Options{}, dir)
	writeA(t, dir, 2) // corrected in place, as an analyst would
	sum := ingestDirs(t, st, load.Options{}, dir)
	if sum.Updated != 1 || sum.Unchanged != 1 {
		t.Fatalf("correction run: %s", sum)
	}
	corrected := fingerprint(t, st)

	// What is left must be what a clean load of the corrected articles gives.
	fights := rows(t, st, `MATCH (:State {name: 'Russia'})-[r:FIGHTS]-(x {name: 'Al-Nusra Front'}) 
RETURN COLLECT { MATCH (ev:Evidence {rel: r.key}) RETURN ev.article } AS arts, r.article_count AS articles, r.mention_count AS n, r.first_seen AS first, r.last_seen AS last`, nil)
	if len(fights) != 1 || len(fights[0]["arts"].([]any)) != 1 || fights[0]["arts"].([]any)[0] != "b" || fights[0]["n"] != int64(1) || fights[0]["articles"] != int64(1) ||
		fights[0]["first"] != "2016-02-01" || fights[0]["last"] != "2016-02-01" {
		t.Errorf("Russia FIGHTS Al-Nusra after the correction: %v, want only b's evidence", fights)
	}
	if got := rows(t, st, `MATCH (:State {name: 'Russia'})-[r:ATTACKS]->({name: 'Al-Nusra Front'}) RETURN r.key AS key`, nil); len(got) != 1 {
		t.Errorf("added relation Russia ATTACKS Al-Nusra: %v", got)
	}
	if got := rows(t, st, `MATCH (e:Entity) WHERE toLower(e.name) STARTS WITH 'black' RETURN e.name AS name, e.article_count AS n, e.aliases AS aliases ORDER BY name`, nil); len(got) != 2 ||
		got[0]["name"] != "Black Flag Brigade" || got[1]["name"] != "black banner brigade" || got[1]["n"] != int64(1) {
		t.Errorf("renamed entity: %v, want Black Flag Brigade (a) and black banner brigade (b only)", got)
	}
	kerry := rows(t, st, `MATCH (e:Person {name: 'John Kerry'}) RETURN e.article_count AS arts, e.mention_count AS m`, nil)
	if len(kerry) != 1 || kerry[0]["arts"] != int64(2) || kerry[0]["m"] != int64(2) {
		t.Errorf("John Kerry aggregates: %v, want 2 articles, 2 mentions", kerry)
	}

	reset(t, st)
	ingestDirs(t, st, load.Options{}, dir)
	if clean := fingerprint(t, st); clean != corrected {
		t.Fatalf("corrected graph %s differs from a clean load of the corrected articles %s", corrected, clean)
	}
}

// TestFailedArticleDoesNotCostItsBatch makes the server refuse one article of a batch (a
// uniqueness constraint on titles that the test adds, and a stored node already holding
// that title): the batch fails, its other articles are written one by one, and the
// refused one leaves no trace.
func TestFailedArticleDoesNotCostItsBatch(t *testing.T) {
	st := neo4jtest.Open(t)
	ctx := context.Background()
	if _, err := st.ExecScript(ctx, strings.NewReader("CREATE CONSTRAINT test_unique_title IF NOT EXISTS FOR (a:Article) REQUIRE a.title IS UNIQUE;\n")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		st.ExecScript(ctx, strings.NewReader("DROP CONSTRAINT test_unique_title IF EXISTS;\n"))
	})
	dir := t.TempDir()
	writeA(t, dir, 1)
	writeB(t, dir)
	neo4jtest.Article(t, dir, "c", "2016-04-01", "Islamic State attacked the Black Banner Brigade.", []neo4jtest.Ent{
		{"T1", "ArmedGroup", "Islamic State"}, {"T2", "ArmedGroup", "Black Banner Brigade"},
	}, "R1\tAttacks Arg1:T1 Arg2:T2")

	// The clean graph of a and b, plus the node that blocks c's title.
	blocker := "CREATE (:Blocker:Article {id: 'blocker', title: 'Test article c'});\n"
	ingestDirs(t, st, load.Options{}, filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"))
	st.ExecScript(ctx, strings.NewReader(blocker))
	want := fingerprint(t, st)
	reset(t, st)

	if _, err := st.ExecScript(ctx, strings.NewReader(blocker)); err != nil {
		t.Fatal(err)
	}
	sum := ingestDirs(t, st, load.Options{BatchSize: 10}, dir)
	if sum.New != 2 || len(sum.Failed) != 1 || !strings.HasPrefix(sum.Failed[0].Source, filepath.Join(dir, "c.")) {
		t.Fatalf("summary %s, failed %v: want a and b new, c failed", sum, sum.Failed)
	}
	if !strings.Contains(sum.Failed[0].Err.Error(), "already exists") {
		t.Errorf("failure of c: %v, want the server's constraint error", sum.Failed[0].Err)
	}
	if got := fingerprint(t, st); got != want {
		t.Fatalf("graph after the failed batch %s, want a and b only %s", got, want)
	}
}

func TestWorkersAndBatchSizesGiveOneGraph(t *testing.T) {
	st := neo4jtest.Open(t)
	dir := neo4jtest.Corpus(t, t.TempDir(), 60)
	writeA(t, dir, 1)
	writeB(t, dir)
	sum := ingestDirs(t, st, load.Options{BatchSize: 100, Workers: 1}, dir)
	if sum.New != 62 {
		t.Fatalf("serial run: %s", sum)
	}
	want := fingerprint(t, st)
	for _, opt := range []load.Options{{BatchSize: 5, Workers: 4}, {BatchSize: 1, Workers: 3}} {
		reset(t, st)
		sum := ingestDirs(t, st, opt, dir)
		if sum.New != 62 || len(sum.Failed) != 0 {
			t.Fatalf("batch %d workers %d: %s", opt.BatchSize, opt.Workers, sum)
		}
		if got := fingerprint(t, st); got != want {
			t.Errorf("batch %d workers %d: %s, want %s", opt.BatchSize, opt.Workers, got, want)
		}
	}
}

func TestInterruptedRunResumes(t *testing.T) {
	st := neo4jtest.Open(t)
	dir := neo4jtest.Corpus(t, t.TempDir(), 40)
	ingestDirs(t, st, load.Options{BatchSize: 10}, dir)
	want := fingerprint(t, st)
	reset(t, st)

	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	sum, err := load.Run(ctx, srcs, st, load.Options{BatchSize: 10, Progress: func(p load.Progress) {
		if p.Done >= 10 {
			cancel()
		}
	}})
	if err == nil || sum.New >= 40 || sum.New == 0 {
		t.Fatalf("interrupted run: %v, %s: want some articles written, not all", err, sum)
	}
	if n := rows(t, st, `MATCH (a:Article) RETURN count(a) AS n`, nil)[0]["n"]; n != int64(sum.New) {
		t.Fatalf("interrupted run says %d written, database holds %v articles", sum.New, n)
	}
	resumed := ingestDirs(t, st, load.Options{BatchSize: 10}, dir)
	if resumed.Unchanged != sum.New || resumed.New != 40-sum.New {
		t.Fatalf("resumed run: %s after %s", resumed, sum)
	}
	if got := fingerprint(t, st); got != want {
		t.Fatalf("resumed graph %s, want %s", got, want)
	}
}

// TestLaterArticlesFirstGiveOneGraph loads the second half of a generated corpus (long-
// tailed actors, aliases, events) before the whole, so the first half's articles sort
// before ones already stored: every shared entity must then be recomputed rather than
// updated from its stored state, and relationship article lists re-sorted. The graph must
// be the one a single load in id order gives.
func TestLaterArticlesFirstGiveOneGraph(t *testing.T) {
	st := neo4jtest.Open(t)
	all := t.TempDir()
	if _, err := generate.Write(context.Background(), all, generate.Options{Articles: 120, Seed: 3, Actors: 40}); err != nil {
		t.Fatal(err)
	}
	ingestDirs(t, st, load.Options{BatchSize: 25}, all)
	want := fingerprint(t, st)
	reset(t, st)

	// Take the first half out (the same paths must come back: an article's path is stored).
	aside := t.TempDir()
	var moved [][2]string
	err := filepath.WalkDir(all, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(path) >= "gen-0000060" {
			return err
		}
		to := filepath.Join(aside, filepath.Base(path))
		moved = append(moved, [2]string{path, to})
		return os.Rename(path, to)
	})
	if err != nil || len(moved) != 180 {
		t.Fatalf("moved %d files (want 60 articles × 3): %v", len(moved), err)
	}
	if sum := ingestDirs(t, st, load.Options{BatchSize: 25}, all); sum.New != 60 {
		t.Fatalf("later half: %s", sum)
	}
	for _, m := range moved {
		if err := os.Rename(m[1], m[0]); err != nil {
			t.Fatal(err)
		}
	}
	if sum := ingestDirs(t, st, load.Options{BatchSize: 25}, all); sum.New != 60 || sum.Unchanged != 60 {
		t.Fatalf("whole corpus after the later half: %s", sum)
	}
	if got := fingerprint(t, st); got != want {
		t.Fatalf("later half first: %s, want %s", got, want)
	}
	// The loader keeps the greatest mentioning article on every entity, and counts.
	neo4jtest.CheckInvariants(t, st)
}

// TestShuffledAndConcurrentLoadsGiveOneGraph loads a generated corpus in a shuffled order,
// then as three concurrent runs of overlapping, shuffled parts of it: each must end with
// the graph of one load in id order (the fingerprint covers every node, relationship and
// :Evidence node with every property), and every relationship's counts must agree with
// the evidence nodes that name it.
func TestShuffledAndConcurrentLoadsGiveOneGraph(t *testing.T) {
	st := neo4jtest.Open(t)
	dir := t.TempDir()
	if _, err := generate.Write(context.Background(), dir, generate.Options{Articles: 150, Seed: 5, Actors: 40}); err != nil {
		t.Fatal(err)
	}
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil || len(srcs) != 150 {
		t.Fatalf("discover: %d sources, %v", len(srcs), err)
	}
	if sum, err := load.Run(context.Background(), srcs, st, load.Options{BatchSize: 25}); err != nil || sum.New != 150 {
		t.Fatalf("load in id order: %v, %s", err, sum)
	}
	want := fingerprint(t, st)
	shuffled := func(part []ingest.Source, seed int64) []ingest.Source {
		out := append([]ingest.Source(nil), part...)
		rand.New(rand.NewSource(seed)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out
	}

	reset(t, st)
	if sum, err := load.Run(context.Background(), shuffled(srcs, 1), st, load.Options{BatchSize: 20}); err != nil || sum.New != 150 {
		t.Fatalf("shuffled load: %v, %s", err, sum)
	}
	if got := fingerprint(t, st); got != want {
		t.Errorf("shuffled order: %s, want %s", got, want)
	}

	reset(t, st)
	parts := [][]ingest.Source{
		shuffled(srcs[:70], 2),
		shuffled(srcs[50:120], 3),
		shuffled(append(append([]ingest.Source(nil), srcs[100:]...), srcs[:20]...), 4),
	}
	var wg sync.WaitGroup
	errs := make([]error, len(parts))
	for i, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = load.Run(context.Background(), p, st, load.Options{BatchSize: 15, Workers: 2})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("concurrent run %d: %v", i, err)
		}
	}
	if got := fingerprint(t, st); got != want {
		t.Errorf("three concurrent writers: %s, want %s", got, want)
	}
	neo4jtest.CheckInvariants(t, st)
}

// TestBulkLoadGivesTheIncrementalGraph loads a corpus into an empty database through the
// bulk path and checks it against the incremental path: the same fingerprint; a second
// run skips everything (the corpus read in several chunks); a bulk load stopped part way is finished by the next run; and of
// two bulk loads started together one loads, the other waits and finds nothing to do.
func TestBulkLoadGivesTheIncrementalGraph(t *testing.T) {
	st := neo4jtest.Open(t)
	defer load.SetBulkChunk(25)() // seven chunks: nodes are created while the next is read
	dir := t.TempDir()
	if _, err := generate.Write(context.Background(), dir, generate.Options{Articles: 150, Seed: 7, Actors: 40}); err != nil {
		t.Fatal(err)
	}
	writeA(t, dir, 1)
	writeB(t, dir)
	ingestDirs(t, st, load.Options{BatchSize: 40}, dir)
	want := fingerprint(t, st)

	reset(t, st)
	sum := ingestDirs(t, st, load.Options{Bulk: true}, dir)
	if sum.New != 152 || sum.Counters.NodesCreated != want.Nodes || sum.Counters.RelationshipsCreated != want.Rels || sum.Counters.NodesDeleted != 0 {
		t.Fatalf("bulk load: %s, want 152 new, %d nodes, %d relationships", sum, want.Nodes, want.Rels)
	}
	if got := fingerprint(t, st); got != want {
		t.Fatalf("bulk load: %s, incremental %s", got, want)
	}
	if again := ingestDirs(t, st, load.Options{Bulk: true}, dir); again.Unchanged != 152 || again.Counters != (neo4jstore.Counters{}) {
		t.Fatalf("second run after a bulk load: %s", again)
	}

	// Stopped after the evidence: articles without fingerprints, no entities' mentions.
	reset(t, st)
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	var parts []*graph.ArticleGraph
	for _, s := range srcs {
		b := load.Build(s, graph.NewBuilder(nil))
		if b.Err != nil {
			t.Fatal(b.Err)
		}
		parts = append(parts, b.Graph)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = st.BulkCreate(ctx, schema.Build(parts), func(step string) {
		if step == "evidence" {
			cancel()
		}
	})
	if err == nil {
		t.Fatal("bulk load cancelled after the evidence returned no error")
	}
	if n := rows(t, st, `MATCH (a:Article) WHERE a.fingerprint IS NULL RETURN count(a) AS n`, nil)[0]["n"]; n != int64(152) {
		t.Fatalf("after the stopped bulk load, %v articles without fingerprint, want 152", n)
	}
	ingestDirs(t, st, load.Options{Bulk: true}, dir)
	if got := fingerprint(t, st); got != want {
		t.Fatalf("stopped bulk load, then ingest: %s, want %s", got, want)
	}

	reset(t, st)
	var wg sync.WaitGroup
	sums := make([]load.Summary, 2)
	errs := make([]error, 2)
	for i := range sums {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[i], errs[i] = load.Run(context.Background(), srcs, st, load.Options{Bulk: true})
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || sums[0].New+sums[1].New != 152 || sums[0].Unchanged+sums[1].Unchanged != 152 {
		t.Fatalf("two bulk loads at once: %s (%v); %s (%v)", sums[0], errs[0], sums[1], errs[1])
	}
	if got := fingerprint(t, st); got != want {
		t.Fatalf("two bulk loads at once: %s, want %s", got, want)
	}
}
