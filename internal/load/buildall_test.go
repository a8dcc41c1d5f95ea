package load_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestBuildAllClaimsIDsInSourceOrder: articles are built on every core, but of two with
// one id the first in source order is kept and the second named invalid, however long
// the first takes to read.
func TestBuildAllClaimsIDsInSourceOrder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a00..a19; every odd one reuses the id of the even one before it.
	for i := range 20 {
		name := fmt.Sprintf("a%02d", i)
		write(name+".txt", "Russia and Turkey met.")
		write(name+".ann", "T1\tState 0 6\tRussia\nT2\tState 11 17\tTurkey\n")
		write(name+".meta.json", fmt.Sprintf(`{"id": "art-%d"}`, i/2))
	}
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	slow := func(s ingest.Source) (*ingest.Article, error) {
		if strings.Contains(s.Name(), "a00") {
			time.Sleep(50 * time.Millisecond) // the first article is read last
		}
		return ingest.ReadValid(s)
	}
	var invalid []string
	parts, err := load.BuildAll(context.Background(), srcs, graph.NewBuilder(nil), slow, func(p load.Problem) {
		if !strings.Contains(p.Err.Error(), "already used") {
			t.Errorf("%s: %v, want an id clash", p.Source, p.Err)
		}
		invalid = append(invalid, filepath.Base(p.Source))
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 10 {
		t.Fatalf("got %d graphs, want 10", len(parts))
	}
	for i, p := range parts {
		if want := fmt.Sprintf("art-%d", i); p.Article.ID != want || !strings.Contains(p.Article.Path, fmt.Sprintf("a%02d", 2*i)) {
			t.Errorf("graph %d: article %s from %s, want %s from a%02d", i, p.Article.ID, p.Article.Path, want, 2*i)
		}
	}
	if len(invalid) != 10 || !strings.HasPrefix(invalid[0], "a01") || !strings.HasPrefix(invalid[9], "a19") {
		t.Errorf("invalid: %v, want a01, a03, … a19", invalid)
	}
}
