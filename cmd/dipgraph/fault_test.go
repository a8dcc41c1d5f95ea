package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// TestServerFaults stops and restarts a private Neo4j under a running ingest (issue 8,
// "faults survived"):
//
//   - restarted between batches: the driver's retries carry the run through, nothing is
//     lost or failed, and the graph equals a clean run's;
//   - stopped mid-ingest (and the ingest killed): after a restart, running the same
//     command again gives the graph of a clean run.
func TestServerFaults(t *testing.T) {
	srv := neo4jtest.Dedicated(t)
	st := srv.Open()
	env := srv.Env()
	dir := bigCorpus(t, 120)
	ingest := func(args ...string) (int, string, string) {
		p, out, errb := child(t, env, append([]string{"ingest"}, args...)...)
		return exitCode(p.Wait()), out.String(), errb.String()
	}
	if code, out, errOut := ingest(dir); code != 0 {
		t.Fatalf("clean run: exit %d\n%s%s", code, out, errOut)
	}
	clean := fingerprintOut(t, env...)
	t.Logf("clean run: %s", clean)
	// clear empties the database through a new connection pool: the old one may hold
	// connections the restart closed, and Clear (auto-commit) is not retried.
	clear := func() {
		st = srv.Open()
		if err := st.Clear(context.Background()); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("restarted between batches", func(t *testing.T) {
		clear()
		p, out, errb := child(t, env, "ingest", "--no-bulk", "--batch-size", "5", dir)
		waitFor(t, 60*time.Second, "the first batches", func() bool { return articleCount(t, st) >= 10 })
		exited := make(chan error, 1)
		go func() { exited <- p.Wait() }()
		start := time.Now()
		srv.Stop()
		select {
		case <-exited:
			t.Fatalf("the ingest ended before the server stopped, so the restart tested nothing:\n%s", out)
		default:
		}
		srv.Start()
		t.Logf("server down and up again in %s", time.Since(start).Round(time.Second))
		err := <-exited
		if code := exitCode(err); code != 0 {
			t.Fatalf("ingest across the restart: exit %d\n%s%s", code, out, errb)
		}
		sum := parseSummary(t, out.String())
		if sum.failed != 0 || sum.new != 120 {
			t.Fatalf("ingest across the restart: %s", out)
		}
		if got := fingerprintOut(t, env...); got != clean {
			t.Fatalf("after a restart between batches: %s, clean run: %s", got, clean)
		}
		t.Logf("across the restart: %s", strings.TrimSpace(out.String()))
	})

	t.Run("stopped mid-ingest and re-run", func(t *testing.T) {
		clear()
		p, out, errb := child(t, env, "ingest", "--no-bulk", "--batch-size", "5", "--workers", "2", dir)
		waitFor(t, 60*time.Second, "the first batches", func() bool { return articleCount(t, st) >= 10 })
		srv.Stop()
		p.Process.Kill() // the loader dies too, as on a crashed machine
		p.Wait()
		t.Logf("killed run printed: %q %q", out, errb)
		srv.Start()
		st = srv.Open()
		partial := articleCount(t, st)
		if partial <= 0 || partial >= 120 {
			t.Fatalf("after the crash the database holds %d articles; want some, not all", partial)
		}
		code, rerun, errOut := ingest("--batch-size", "5", "--workers", "2", dir)
		if code != 0 {
			t.Fatalf("re-run: exit %d\n%s%s", code, rerun, errOut)
		}
		sum := parseSummary(t, rerun)
		if sum.unchanged != int(partial) || sum.new != 120-int(partial) {
			t.Errorf("re-run after %d articles: %s", partial, rerun)
		}
		if got := fingerprintOut(t, env...); got != clean {
			t.Fatalf("re-run after a crash: %s, clean run: %s", got, clean)
		}
		t.Logf("crashed after %d articles; re-run: %s", partial, strings.TrimSpace(rerun))
	})
}
