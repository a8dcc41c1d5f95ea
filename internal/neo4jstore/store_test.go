package neo4jstore_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/internal/schema"
	"github.com/dipgraph/dipgraph/internal/store/storetest"
)

// TestStatsFingerprintsAndDump writes a few articles and checks what the store reports on
// them: counts per label and type as the dataset has them, the stored fingerprints of the
// articles that exist, and a dump whose hash is the fingerprint.
func TestStatsFingerprintsAndDump(t *testing.T) {
	st := neo4jtest.Open(t)
	ctx := context.Background()
	arts := storetest.Articles(8, 21)
	if _, err := st.WriteArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	ds := schema.Build(arts)
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != int64(len(arts)) || stats.Labels[schema.Entity] != int64(len(ds.Entities)) ||
		stats.Labels[schema.Evidence] != int64(len(ds.Evidence)) || stats.RelTypes[schema.Mentions] != int64(len(ds.Mentions)) {
		t.Errorf("stats %+v; the dataset has %d articles, %d entities, %d evidence nodes, %d mentions",
			stats, len(arts), len(ds.Entities), len(ds.Evidence), len(ds.Mentions))
	}
	if stats.NewestArticle == "" {
		t.Error("no newest publication date")
	}
	fps, err := st.Fingerprints(ctx, []string{arts[0].Article.ID, arts[3].Article.ID, "no-such-article"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fps) != 2 || fps[arts[3].Article.ID] != arts[3].Article.Fingerprint {
		t.Errorf("fingerprints %v", fps)
	}
	fp, err := st.GraphFingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := st.GraphDump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nodes := len(ds.Articles) + len(ds.Entities) + len(ds.Evidence)
	if fp.Nodes != nodes || fp.Rels != len(ds.Mentions)+len(ds.Rels) || fp.Articles != len(arts) || len(lines) != fp.Nodes+fp.Rels {
		t.Errorf("fingerprint %s, %d dump lines; the dataset has %d nodes and %d relationships", fp, len(lines), nodes, len(ds.Mentions)+len(ds.Rels))
	}
}

// TestExecScriptAndRead checks the script runner's errors (with the line) and that Read
// refuses a query that writes.
func TestExecScriptAndRead(t *testing.T) {
	st := neo4jtest.Open(t)
	ctx := context.Background()
	script := "// a comment\nCREATE (:Article {id: 'x', title: 'T'});\n\nCREATE (:Article {id: 'y'})\n"
	if _, err := st.ExecScript(ctx, strings.NewReader(script)); err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("statement without ; on line 4: %v", err)
	}
	c, err := st.ExecScript(ctx, strings.NewReader("CREATE INDEX test_title IF NOT EXISTS FOR (a:Article) ON (a.title);\nCREATE (:Article {id: 'z'});\n"))
	if err != nil || c.NodesCreated != 1 {
		t.Fatalf("schema and write statements: %+v, %v", c, err)
	}
	t.Cleanup(func() { st.ExecScript(ctx, strings.NewReader("DROP INDEX test_title IF EXISTS;\n")) })
	if _, err := st.Read(ctx, "CREATE (:Article {id: 'w'}) RETURN 1", nil); !errors.Is(err, neo4jstore.ErrWriteQuery) {
		t.Errorf("a writing query through Read: %v, want ErrWriteQuery", err)
	}
	rows, err := st.Read(ctx, "MATCH (a:Article) RETURN a.id AS id ORDER BY id", nil)
	if err != nil || len(rows) != 1 || rows[0].Values[0] != "z" || rows[0].Keys[0] != "id" {
		t.Errorf("articles after the scripts: %v, %v; want z alone", rows, err)
	}
}
