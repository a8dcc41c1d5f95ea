package render

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ToFile writes a file at path through write, all or nothing: the output goes to a
// temporary file beside path, which replaces path only once write has succeeded and ctx
// is not cancelled. An interrupted or failed run leaves the old file or the new one, never
// half of one, and no temporary file.
func ToFile(ctx context.Context, path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	defer os.Remove(f.Name()) // after the rename, there is nothing to remove
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return fmt.Errorf("create output: %w", err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	return err
}
