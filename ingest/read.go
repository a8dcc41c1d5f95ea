package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Read reads the article of a source with the reader that found it. Problems in the
// input come back as ParseErrors; when the article could still be read far enough (brat
// lines that parse, native fields that decode), it comes back too, so that Validate can
// report the rest.
func Read(s Source) (*Article, error) {
	if s.reader == nil {
		return nil, fmt.Errorf("%s: no reader for format %q (sources come from Discover)", s.Name(), s.Format)
	}
	return s.reader.Read(s)
}

// ReadValid reads the article of a source and validates it. It returns the article only
// when it has no problem at all (its Warnings may still say something); otherwise it
// returns every problem, from reading and from validation (and the warnings, for a
// strict source), as ParseErrors sorted by file and line.
func ReadValid(s Source) (*Article, error) {
	a, err := Read(s)
	var errs ParseErrors
	if err != nil {
		var pes ParseErrors
		var pe *ParseError
		switch {
		case errors.As(err, &pes):
			errs = append(errs, pes...)
		case errors.As(err, &pe):
			errs = append(errs, pe)
		default:
			return nil, err
		}
	}
	if a != nil {
		errs = append(errs, Validate(a)...)
	}
	if a != nil && s.Strict {
		for _, w := range a.Warnings {
			e := *w
			e.Warning = false
			errs = append(errs, &e)
		}
	}
	if len(errs) == 0 {
		NormalizeNames(a)
		return a, nil
	}
	SortErrors(errs)
	return nil, errs
}

// ReadText reads an article text file: UTF-8, a leading byte-order mark dropped
// (reported by bom). CRLF line ends are kept, since brat offsets count them as two
// characters. A text over limit bytes is refused.
func ReadText(path string, limit int64) (text string, bom bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", false, fmt.Errorf("open text: %w", err)
	}
	defer f.Close()
	// Read straight into the string, sized from the file: no growing buffer, no second copy,
	// and a copy buffer that is reused (io.Copy would make one of 32 KiB per file).
	var sb strings.Builder
	if fi, err := f.Stat(); err == nil && fi.Size() <= limit {
		sb.Grow(int(fi.Size()) + 1)
	}
	buf := copyBuffers.Get().(*[]byte)
	_, err = io.CopyBuffer(&sb, io.LimitReader(f, limit+1), *buf)
	copyBuffers.Put(buf)
	if err != nil {
		return "", false, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(sb.Len()) > limit {
		return "", false, &ParseError{Path: path, Msg: fmt.Sprintf("text larger than %d MiB; split the article", limit>>20)}
	}
	text, off := sb.String(), 0
	if strings.HasPrefix(text, "\ufeff") {
		text, bom, off = text[3:], true, 3
	}
	if !utf8.ValidString(text) {
		// Only on the error path: the check that finds the line and byte works on bytes.
		if pe := CheckText(path, []byte(text), off); pe != nil {
			return "", false, pe
		}
	}
	return text, bom, nil
}

// copyBuffers are ReadText's copy buffers, one per goroutine reading at a time.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// ErrLineTooLong is returned by ReadLine for a line over its limit.
var ErrLineTooLong = errors.New("line too long")

// ReadLine returns the next line without its newline, refusing lines over max bytes
// (ErrLineTooLong, the rest of the line drained so the caller could go on). The last
// line of the input comes with io.EOF.
func ReadLine(br *bufio.Reader, max int) ([]byte, error) {
	var b []byte
	for {
		chunk, isPrefix, err := br.ReadLine()
		if err != nil {
			if len(b) > 0 {
				return b, io.EOF
			}
			return nil, err
		}
		b = append(b, chunk...)
		if len(b) > max {
			for isPrefix {
				_, isPrefix, err = br.ReadLine()
				if err != nil {
					break
				}
			}
			return nil, ErrLineTooLong
		}
		if !isPrefix {
			return b, nil
		}
	}
}

// LineAt returns the line (from 1) of byte offset off in b.
func LineAt(b []byte, off int) int { return 1 + bytes.Count(b[:off], []byte("\n")) }

// FirstInvalid returns the offset of the first byte of b that is not valid UTF-8, or len(b).
func FirstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// ParseDate accepts an ISO date or timestamp and returns the date as YYYY-MM-DD.
func ParseDate(s string) (string, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", fmt.Errorf("date %q is not an ISO date (YYYY-MM-DD)", Clip(s))
}
