package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalsStopReadingAndResolving sends SIGINT and SIGTERM to dipgraph while it reads
// and resolves one article with 200,000 mentions (no database involved): each command
// stops within 2 s with 130 or 143 and writes no output, rather than half of one.
func TestSignalsStopReadingAndResolving(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dipgraph and runs it on a large article")
	}
	dir := t.TempDir()
	article := manyMentions(t, dir, 200_000)
	out := filepath.Join(dir, "graph.json")
	// validate reads without resolving, too fast on one article to be caught at work: it
	// gets a folder of eight copies.
	copies := filepath.Join(dir, "copies")
	if err := os.Mkdir(copies, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		for _, ext := range []string{".txt", ".ann"} {
			b, err := os.ReadFile(strings.TrimSuffix(article, ".txt") + ext)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(copies, fmt.Sprintf("copy-%d%s", i, ext)), string(b))
		}
		writeFile(t, filepath.Join(copies, fmt.Sprintf("copy-%d.meta.json", i)), fmt.Sprintf(`{"id": "copy-%d"}`, i))
	}
	for _, tc := range []struct {
		args []string
		sig  syscall.Signal
		code int
	}{
		{[]string{"ingest", "--dry-run", article}, syscall.SIGINT, 130},
		{[]string{"ingest", "--dry-run", article}, syscall.SIGTERM, 143},
		{[]string{"export", "--format", "json", "--out", out, article}, syscall.SIGINT, 130},
		{[]string{"export", "--format", "json", "--out", out, article}, syscall.SIGTERM, 143},
		{[]string{"validate", copies}, syscall.SIGTERM, 143},
	} {
		p, stdout, stderr := child(t, nil, tc.args...)
		time.Sleep(700 * time.Millisecond)
		if err := p.Process.Signal(tc.sig); err != nil {
			t.Fatal(err)
		}
		sent := time.Now()
		code := exitCode(p.Wait())
		took := time.Since(sent)
		if code != tc.code {
			t.Errorf("%v after %v: exit %d, want %d (did it finish first?)\n%s", tc.args, tc.sig, code, tc.code, stderr)
		}
		if took > 2*time.Second {
			t.Errorf("%v: stopped %s after %v, want within 2s", tc.args, took.Round(time.Millisecond), tc.sig)
		}
		if stdout.Len() > 0 {
			t.Errorf("%v: interrupted, yet printed %d bytes of output", tc.args, stdout.Len())
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: interrupted, yet left %s", tc.args, out)
		}
		t.Logf("%v: %v → exit %d after %s", tc.args[:1], tc.sig, code, took.Round(time.Millisecond))
	}
}
