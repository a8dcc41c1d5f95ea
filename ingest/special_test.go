package ingest_test

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
)

// TestSpecialFilesNeverBlock puts a named pipe, a socket and a symlink loop where articles
// are looked for, named and inside a folder: each is reported with its path and what is
// wrong, and nothing waits for a writer that never comes.
func TestSpecialFilesNeverBlock(t *testing.T) {
	dir := t.TempDir()
	mk := func(name string) string { return filepath.Join(dir, name) }
	if err := syscall.Mkfifo(mk("f.ann"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	if err := os.WriteFile(mk("f.txt"), []byte("Kerry spoke."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(mk("pipe.jsonl"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A socket path must be short: make it under a short relative name.
	sock := mk("s.json")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("cannot make a socket here: %v", err)
	}
	defer l.Close()
	if err := os.Symlink(mk("loop-b.jsonl"), mk("loop-a.jsonl")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(mk("loop-a.jsonl"), mk("loop-b.jsonl")); err != nil {
		t.Fatal(err)
	}
	wants := map[string]string{
		mk("f.ann"):        "not a regular file (it is a named pipe)",
		mk("pipe.jsonl"):   "not a regular file (it is a named pipe)",
		mk("s.json"):       "not a regular file (it is a socket)",
		mk("loop-a.jsonl"): "symlink loop",
		mk("loop-b.jsonl"): "symlink loop",
	}
	for _, paths := range [][]string{{dir}, {mk("f.txt"), mk("pipe.jsonl"), mk("s.json"), mk("loop-a.jsonl"), mk("loop-b.jsonl")}} {
		done := make(chan error, 1)
		go func() {
			_, err := ingesttest.Discover(paths, ingest.Options{})
			done <- err
		}()
		var err error
		select {
		case err = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Discover(%v) still blocked after 10s", paths)
		}
		var perrs ingest.ParseErrors
		if err == nil || !asParseErrors(err, &perrs) {
			t.Fatalf("Discover(%v): %v, want problems", paths, err)
		}
		got := map[string]string{}
		for _, pe := range perrs {
			got[pe.Path] = pe.Msg
		}
		for p, want := range wants {
			if !strings.Contains(got[p], want) {
				t.Errorf("Discover(%v): %s: %q, want %q", paths, p, got[p], want)
			}
		}
	}
}

func asParseErrors(err error, perrs *ingest.ParseErrors) bool {
	pe, ok := err.(ingest.ParseErrors)
	*perrs = pe
	return ok
}
