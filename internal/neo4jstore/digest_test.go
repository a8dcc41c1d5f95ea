package neo4jstore_test

import (
	"context"
	"maps"
	"testing"

	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/internal/store"
	"github.com/dipgraph/dipgraph/internal/store/storetest"
)

// TestSourceDigests: written articles carry their source digest, found by it unless two
// articles carry one digest; recording a digest needs the stored fingerprint; the digest
// is not part of the graph fingerprint.
func TestSourceDigests(t *testing.T) {
	st := neo4jtest.Open(t)
	ctx := context.Background()
	arts := storetest.Articles(4, 5)
	withoutDigests := func() string {
		if _, err := st.WriteArticles(ctx, arts); err != nil {
			t.Fatal(err)
		}
		fp, err := st.GraphFingerprint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return fp.Hash
	}
	plain := withoutDigests()
	for i, a := range arts {
		a.Article.SourceDigest = []string{"d0", "d1", "dup", "dup"}[i]
	}
	if _, err := st.WriteArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if fp, err := st.GraphFingerprint(ctx); err != nil || fp.Hash != plain {
		t.Fatalf("graph fingerprint with digests %v (%v), without %s", fp, err, plain)
	}
	got, err := st.ArticlesByDigest(ctx, []string{"d0", "d1", "dup", "nowhere"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"d0": arts[0].Article.ID, "d1": arts[1].Article.ID}
	if !maps.Equal(got, want) {
		t.Fatalf("articles by digest: %v, want %v (a digest two articles carry left out)", got, want)
	}
	err = st.SetSourceDigests(ctx, []store.SourceDigest{
		{ID: arts[0].Article.ID, Fingerprint: arts[0].Article.Fingerprint, Digest: "n0"},
		{ID: arts[1].Article.ID, Fingerprint: "another", Digest: "n1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err = st.ArticlesByDigest(ctx, []string{"n0", "n1", "d1"})
	if err != nil {
		t.Fatal(err)
	}
	want = map[string]string{"n0": arts[0].Article.ID, "d1": arts[1].Article.ID}
	if !maps.Equal(got, want) {
		t.Fatalf("after recording: %v, want %v (not on an article whose fingerprint differs)", got, want)
	}
}
