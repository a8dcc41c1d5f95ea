package load_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/load"
)

// TestBuildAllKeepsTheValidAndNamesTheInvalid: every valid article gives its graph, an
// invalid one is passed on by name, and a cancelled run gives nothing.
func TestBuildAllKeepsTheValidAndNamesTheInvalid(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"good.txt": "Russia and Turkey met.", "good.ann": "T1\tState 0 6\tRussia\nT2\tState 11 17\tTurkey\n",
		"bad.txt": "Russia met.", "bad.ann": "T1\tState 0 40\tRussia met nobody at all\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	var invalid []load.Problem
	parts, err := load.BuildAll(context.Background(), srcs, graph.NewBuilder(nil), nil, func(p load.Problem) { invalid = append(invalid, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 1 || len(parts[0].Nodes) == 0 {
		t.Errorf("got %d graphs, want the one of good.ann with its nodes", len(parts))
	}
	if len(invalid) != 1 || filepath.Base(invalid[0].Source) != "bad.ann" || invalid[0].Err == nil {
		t.Errorf("invalid articles: %+v, want bad.ann with its error", invalid)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if parts, err := load.BuildAll(ctx, srcs, graph.NewBuilder(nil), nil, func(load.Problem) {}); err == nil || parts != nil {
		t.Errorf("cancelled: %d graphs, error %v; want none and the context's error", len(parts), err)
	}
}
