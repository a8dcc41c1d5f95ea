package jsonpos

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/dipgraph/dipgraph/ingest"
)

// ErrTooBig is returned by a BoundedReader once a value grows past its limit.
var ErrTooBig = errors.New("input too large")

// BoundedReader fails once a JSON value being decoded grows past Limit bytes (counted
// from the last Mark), so one huge value cannot exhaust memory.
type BoundedReader struct {
	R      io.Reader
	Limit  int64
	read   int64
	marked int64
}

// Mark records where the next value starts.
func (b *BoundedReader) Mark(off int64) { b.marked = off }

func (b *BoundedReader) Read(p []byte) (int, error) {
	if b.read-b.marked > b.Limit+(64<<10) {
		return 0, ErrTooBig
	}
	n, err := b.R.Read(p)
	b.read += int64(n)
	return n, err
}

// Expected says what a JSON file should hold, for messages: format is the forced format
// ("" when none was), ext the file's extension.
func Expected(format, ext string) string {
	switch {
	case format == "labelstudio":
		return "a Label Studio JSON export"
	case format == "native" || ext == ".jsonl" || ext == ".ndjson":
		return "native articles, one JSON object a line"
	}
	return "a Label Studio JSON export or a native article"
}

// Start looks at the start of a JSON file for the JSON readers: it reports (and returns
// false for) an empty file, NUL bytes, and, when no format is forced, a file that does
// not start with { or [. format is the reader's, for messages.
func Start(f *ingest.File, r io.Reader, format string) bool {
	want := Expected("", f.Ext)
	if f.Forced() {
		want = Expected(format, f.Ext)
	}
	first, line, eof, err := FirstByte(r)
	switch {
	case err != nil:
		f.Problem(f.Path, 0, "cannot read: %v", err)
	case eof:
		f.Problem(f.Path, 0, "empty file: expected %s", want)
	case first == 0:
		f.Problem(f.Path, line, "not JSON: the file holds NUL bytes where JSON should start (a binary file, or one written only in part); expected %s", want)
	case f.Forced() || first == '{' || first == '[':
		return true
	case f.Stdin():
		f.Problem(f.Path, line, "not JSON: stdin takes native JSON or a Label Studio export (brat needs a .txt and .ann pair)")
	default:
		f.Problem(f.Path, line, "not JSON: expected %s", Expected("", f.Ext))
	}
	return false
}

// FirstByte returns the first byte that is not white space (a BOM skipped) and its line,
// or eof when there is none.
func FirstByte(r io.Reader) (first byte, line int, eof bool, err error) {
	br := bufio.NewReader(r)
	line = 1
	start := true
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return 0, line, true, nil
		}
		if err != nil {
			return 0, line, false, err
		}
		if start && c == 0xEF {
			if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0xBB && b[1] == 0xBF {
				br.Discard(2)
				continue
			}
		}
		start = false
		switch c {
		case '\n':
			line++
		case ' ', '\t', '\r':
		default:
			return c, line, false, nil
		}
	}
}

// FirstByteOf is FirstByte of the file f from its start (0 when it cannot be read).
func FirstByteOf(f *ingest.File) byte {
	r, done, err := f.Open()
	if err != nil {
		return 0
	}
	defer done()
	c, _, _, _ := FirstByte(r)
	return c
}

// SkipBOM positions r after a leading UTF-8 byte-order mark, if there is one, and returns
// how many bytes it skipped; otherwise r is at its start.
func SkipBOM(r io.ReadSeeker) int64 {
	var b [3]byte
	if _, err := r.Seek(0, io.SeekStart); err == nil {
		if n, _ := io.ReadFull(r, b[:]); n == 3 && bytes.Equal(b[:], []byte("\ufeff")) {
			return 3
		}
	}
	r.Seek(0, io.SeekStart)
	return 0
}

// Problem reports err, met while decoding r from base; start is where the value being
// decoded starts, counted from base; want says what the file should hold.
func Problem(f *ingest.File, r io.ReadSeeker, base, start int64, err error, want string) {
	if errors.Is(err, ErrTooBig) {
		f.Problem(f.Path, LineNumbers(r, []int64{base + start})[0], "task larger than %d MiB", f.Options().ArticleLimit()>>20)
		return
	}
	off := start
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	off += base
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		f.Problem(f.Path, 0, "not valid JSON: the file ends early (expected %s)", want)
		return
	}
	f.Problem(f.Path, LineNumbers(r, []int64{off})[0], "not valid JSON: %s (expected %s)", Msg(err), want)
}

// LineNumbers returns the line of each byte offset (offsets ascending), in one pass.
func LineNumbers(r io.ReadSeeker, offsets []int64) []int {
	out := make([]int, len(offsets))
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return out
	}
	br := bufio.NewReaderSize(r, 64<<10)
	line, pos := 1, int64(0)
	for i, off := range offsets {
		for pos < off {
			c, err := br.ReadByte()
			if err != nil {
				break
			}
			pos++
			if c == '\n' {
				line++
			}
		}
		// The value starts after any white space.
		for {
			b, err := br.Peek(1)
			if err != nil || (b[0] != ' ' && b[0] != '\t' && b[0] != '\r' && b[0] != '\n' && b[0] != ',') {
				break
			}
			br.ReadByte()
			pos++
			if b[0] == '\n' {
				line++
			}
		}
		out[i] = line
	}
	return out
}

// Open opens a JSON file for the Sources of the reader of format and looks at its start
// (see Start), reporting why it cannot be read: not a regular file (never opened, so it
// cannot block), not readable, not JSON. The file comes back at its start.
func Open(f *ingest.File, format string) (io.ReadSeeker, func(), bool) {
	r, done, ok := open(f)
	if !ok {
		return nil, nil, false
	}
	if !Start(f, r, format) {
		done()
		return nil, nil, false
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		f.Problem(f.Path, 0, "cannot read: %v", err)
		done()
		return nil, nil, false
	}
	return r, done, true
}

func open(f *ingest.File) (io.ReadSeeker, func(), bool) {
	if !f.Stdin() {
		if _, prob := ingest.RegularFile(f.Path); prob != "" {
			f.Problem(f.Path, 0, "%s", prob)
			return nil, nil, false
		}
	}
	r, done, err := f.Open()
	if err != nil {
		f.Problem(f.Path, 0, "cannot open: %v", errors.Unwrap(err))
		return nil, nil, false
	}
	return r, done, true
}
