package render

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestToFileIsAllOrNothing: a failed or cancelled write leaves the old file and no
// temporary one; a good one replaces it, readable by others.
func TestToFileIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	failing := errors.New("disk full")
	if err := ToFile(context.Background(), path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return failing
	}); !errors.Is(err, failing) {
		t.Errorf("failed write: %v, want its error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ToFile(ctx, path, func(w io.Writer) error { _, err := io.WriteString(w, "all"); return err }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled write: %v, want context.Canceled", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after two failed writes the file holds %q, want the old content", b)
	}
	if err := ToFile(context.Background(), path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new" || err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("after a good write: %q, mode %v (%v); want \"new\", 0644", b, fi.Mode().Perm(), err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("the folder holds %d files, want only out.json (a temporary file was left)", len(ents))
	}
}
