package load_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// The Neo4j store is the DigestStore ingest runs with; without it nothing is skipped.
var _ load.DigestStore = (*neo4jstore.Store)(nil)

// counting returns options whose ReadFunc counts the sources it reads.
func counting(opt load.Options) (load.Options, *atomic.Int64) {
	n := &atomic.Int64{}
	opt.Read = func(s ingest.Source) (*ingest.Article, error) {
		n.Add(1)
		return ingest.ReadValid(s)
	}
	return opt, n
}

// digestCorpus writes 20 generated articles and the hand-made a and b into a new folder.
func digestCorpus(t *testing.T) string {
	dir := neo4jtest.Corpus(t, t.TempDir(), 20)
	writeA(t, dir, 1)
	writeB(t, dir)
	return dir
}

// exec runs a Cypher script (statements ending in ";") that writes.
func exec(t *testing.T, st *neo4jstore.Store, script string) {
	t.Helper()
	if _, err := st.ExecScript(context.Background(), strings.NewReader(script+"\n")); err != nil {
		t.Fatalf("%s: %v", script, err)
	}
}

// digests returns the source digest of every stored article ("" for none) by id.
func digests(t *testing.T, st *neo4jstore.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range rows(t, st, `MATCH (a:Article) RETURN a.id AS id, a.source_digest AS d`, nil) {
		d, _ := r["d"].(string)
		out[r["id"].(string)] = d
	}
	return out
}

func TestUnchangedReingestReadsNothing(t *testing.T) {
	st := neo4jtest.Open(t)
	dir := digestCorpus(t)
	for _, first := range []load.Options{{Bulk: true}, {BatchSize: 7}} {
		reset(t, st)
		if sum := ingestDirs(t, st, first, dir); sum.New != 22 {
			t.Fatalf("first load (bulk %v): %s", first.Bulk, sum)
		}
		stored := digests(t, st)
		for id, d := range stored {
			if len(d) != 32 {
				t.Errorf("first load (bulk %v): article %s stored with source digest %q", first.Bulk, id, d)
			}
		}
		if stored["a"] == stored["b"] || stored["gen-00000"] == stored["gen-00001"] {
			t.Errorf("different sources share a digest: %v", stored)
		}
		before := fingerprint(t, st)
		opt, reads := counting(load.Options{BatchSize: 5, Bulk: true})
		sum := ingestDirs(t, st, opt, dir)
		if n := reads.Load(); n != 0 {
			t.Errorf("unchanged re-ingest after a load (bulk %v) read %d sources, want none", first.Bulk, n)
		}
		if sum.Unchanged != 22 || sum.New+sum.Updated != 0 || len(sum.Invalid) != 0 || sum.Counters != (neo4jstore.Counters{}) {
			t.Errorf("unchanged re-ingest (bulk %v): %s (%+v)", first.Bulk, sum, sum.Counters)
		}
		if after := fingerprint(t, st); after != before {
			t.Errorf("unchanged re-ingest changed the graph: %s → %s", before, after)
		}
	}
}

func TestChangedBytesAreReadAgain(t *testing.T) {
	st := neo4jtest.Open(t)
	dir := digestCorpus(t)
	ingestDirs(t, st, load.Options{}, dir)
	old := digests(t, st)

	// The same article in other bytes: read, found unchanged by its fingerprint, nothing
	// written but its new digest, so that the next run reads nothing.
	meta := filepath.Join(dir, "gen-00003.meta.json")
	b, err := os.ReadFile(meta)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(meta, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, st)
	opt, reads := counting(load.Options{})
	sum := ingestDirs(t, st, opt, dir)
	if reads.Load() != 1 || sum.Unchanged != 22 || sum.Counters != (neo4jstore.Counters{}) {
		t.Fatalf("after a byte added to one metadata file: %d sources read, %s (%+v); want 1 read, 22 unchanged, nothing written", reads.Load(), sum, sum.Counters)
	}
	if fingerprint(t, st) != before {
		t.Fatal("a metadata file that says the same changed the graph")
	}
	now := digests(t, st)
	if now["gen-00003"] == old["gen-00003"] || now["gen-00004"] != old["gen-00004"] {
		t.Fatalf("digests after the change: gen-00003 %s → %s, gen-00004 %s → %s; want only gen-00003's recorded anew",
			old["gen-00003"], now["gen-00003"], old["gen-00004"], now["gen-00004"])
	}
	if opt, reads := counting(load.Options{}); ingestDirs(t, st, opt, dir).Unchanged != 22 || reads.Load() != 0 {
		t.Fatalf("the run after recording the new digest read %d sources", reads.Load())
	}

	// A corrected article: read and replaced, the others skipped; the graph is a clean
	// load's.
	writeA(t, dir, 2)
	opt, reads = counting(load.Options{})
	sum = ingestDirs(t, st, opt, dir)
	if reads.Load() != 1 || sum.Updated != 1 || sum.Unchanged != 21 {
		t.Fatalf("after correcting a: %d sources read, %s; want a read and updated, 21 unchanged", reads.Load(), sum)
	}
	corrected := fingerprint(t, st)
	if d := digests(t, st)["a"]; d == now["a"] || len(d) != 32 {
		t.Errorf("corrected a stored with digest %q (before %q)", d, now["a"])
	}
	reset(t, st)
	ingestDirs(t, st, load.Options{}, dir)
	if clean := fingerprint(t, st); clean != corrected {
		t.Fatalf("graph after the correction %s, clean load %s", corrected, clean)
	}
}

func TestGraphWithoutDigestsIsReadAndGetsThem(t *testing.T) {
	st := neo4jtest.Open(t)
	dir := digestCorpus(t)
	ingestDirs(t, st, load.Options{Bulk: true}, dir)
	before := fingerprint(t, st)
	// A graph written before digests; and an article left without its fingerprint (an
	// interrupted bulk load) but with a digest, which must be read and replaced.
	exec(t, st, `MATCH (a:Article) WHERE a.id <> 'b' REMOVE a.source_digest;`)
	if fingerprint(t, st) != before {
		t.Fatal("removing the source digests changed the graph fingerprint")
	}
	exec(t, st, `MATCH (a:Article {id: 'b'}) REMOVE a.fingerprint;`)

	opt, reads := counting(load.Options{BatchSize: 6})
	sum := ingestDirs(t, st, opt, dir)
	if reads.Load() != 22 || sum.Unchanged != 21 || sum.New != 1 || len(sum.Invalid) != 0 {
		t.Fatalf("re-ingest of a graph without digests: %d sources read, %s; want 22 read, b new, 21 unchanged", reads.Load(), sum)
	}
	if got := fingerprint(t, st); got != before {
		t.Fatalf("graph after the fallback %s, want %s", got, before)
	}
	for id, d := range digests(t, st) {
		if len(d) != 32 {
			t.Errorf("after the fallback, article %s has source digest %q", id, d)
		}
	}
	opt, reads = counting(load.Options{BatchSize: 6})
	if sum := ingestDirs(t, st, opt, dir); reads.Load() != 0 || sum.Unchanged != 22 || sum.Counters != (neo4jstore.Counters{}) {
		t.Fatalf("the run after the fallback: %d sources read, %s (%+v)", reads.Load(), sum, sum.Counters)
	}
}

// TestSkippedArticleStillClaimsItsID: a second copy of an article under the same id is
// refused as before, with the same message, when the first copy is skipped unread.
func TestSkippedArticleStillClaimsItsID(t *testing.T) {
	st := neo4jtest.Open(t)
	root := t.TempDir()
	one, two := filepath.Join(root, "one"), filepath.Join(root, "two")
	writeA(t, one, 1)
	writeB(t, one)
	writeA(t, two, 1)
	first := ingestDirs(t, st, load.Options{}, root)
	if first.New != 2 || len(first.Invalid) != 1 {
		t.Fatalf("first load: %s", first)
	}
	opt, reads := counting(load.Options{})
	again := ingestDirs(t, st, opt, root)
	if again.Unchanged != 2 || len(again.Invalid) != 1 || again.Counters != (neo4jstore.Counters{}) {
		t.Fatalf("second load: %s", again)
	}
	if got, want := again.Invalid[0].Err.Error(), first.Invalid[0].Err.Error(); got != want || again.Invalid[0].Source != first.Invalid[0].Source {
		t.Errorf("the clash reads %s: %q, want %s: %q", again.Invalid[0].Source, got, first.Invalid[0].Source, want)
	}
	// one/a is skipped, two/a read for the clash and one/a read again to name it; one/b skipped.
	if n := reads.Load(); n != 2 {
		t.Errorf("second load read %d sources, want 2 (the clashing copy and the one it clashes with)", n)
	}
}

// TestArticleWithWarningsIsReadEveryTime: a Label Studio task without an annotation loads
// with a warning; it is read again on every run (so the warning is printed every time),
// while the annotated task of the same file is skipped.
func TestArticleWithWarningsIsReadEveryTime(t *testing.T) {
	st := neo4jtest.Open(t)
	b, err := os.ReadFile(filepath.Join(neo4jtest.RepoRoot(t), "ingest", "labelstudio", "testdata", "export", "in", "export.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tasks []any
	if err := json.Unmarshal(b, &tasks); err != nil {
		t.Fatal(err)
	}
	tasks = append(tasks, map[string]any{"id": 102, "data": map[string]any{"text": "Kerry met Lavrov.", "title": "Not annotated", "published": "2016-03-20"}})
	if b, err = json.MarshalIndent(tasks, "", " "); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "export.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	writeB(t, dir)
	warned := func(opt load.Options) (load.Options, *atomic.Int64) {
		n := &atomic.Int64{}
		opt.Read = func(s ingest.Source) (*ingest.Article, error) {
			a, err := ingest.ReadValid(s)
			if a != nil && len(a.Warnings) > 0 {
				n.Add(1)
			}
			return a, err
		}
		return opt, n
	}
	total := 0
	for run := 1; run <= 2; run++ {
		opt, warnings := warned(load.Options{Bulk: true})
		cnt, reads := counting(opt)
		cnt.Read = func(s ingest.Source) (*ingest.Article, error) { reads.Add(1); return opt.Read(s) }
		sum := ingestDirs(t, st, cnt, dir)
		if run == 1 {
			total = sum.New
		}
		want := int64(total)
		if run == 2 {
			want = 1
		}
		if total < 3 || sum.New+sum.Unchanged != total || reads.Load() != want || warnings.Load() != 1 {
			t.Fatalf("run %d: %s, %d sources read with %d warnings; want %d articles, %d read, 1 warning", run, sum, reads.Load(), warnings.Load(), total, want)
		}
	}
	d := digests(t, st)
	for id, dg := range d {
		if (id == "export-102") != (dg == "") {
			t.Errorf("article %s has source digest %q: want one for every article but the warned export-102", id, dg)
		}
	}
	if _, ok := d["export-102"]; !ok || len(d) != total {
		t.Fatalf("articles %v: want %d with export-102", d, total)
	}
}
