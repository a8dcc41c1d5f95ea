package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// MaxLineBytes bounds one line of an annotation file; longer lines are an error, not a crash.
const MaxLineBytes = 16 << 20

// ParseError is a problem at a position in an input file, or, with Warning set, something
// the user should hear about that does not stop anything (a file that holds no article).
type ParseError struct {
	Path    string
	Line    int
	Msg     string
	Warning bool
}

func (e *ParseError) Error() string {
	msg := e.Msg
	if e.Warning {
		msg = "warning: " + msg
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, msg)
}

// ParseErrors is every problem found in one input.
type ParseErrors []*ParseError

func (es ParseErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// ReadBratAnn reads brat standoff annotations from r into a, line by line. path names the
// file in messages. Lines it cannot parse are reported together; the well-formed lines are
// still read so that validation can report their problems too.
func ReadBratAnn(r io.Reader, path string, a *Article) error {
	return readBratAnn(r, path, a, MaxLineBytes)
}

// annReaders recycles the line readers of .ann files: a load reads one per article, and a
// fresh 64 KiB buffer each time was most of what a re-ingest allocated.
var annReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

func readBratAnn(r io.Reader, path string, a *Article, maxLine int) error {
	br := annReaders.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() {
		br.Reset(nil)
		annReaders.Put(br)
	}()
	var errs ParseErrors
	var raw strings.Builder
	for lineNo := 1; ; lineNo++ {
		line, err := readLine(br, maxLine)
		if err == io.EOF && line == "" {
			break
		}
		if errors.Is(err, errLineTooLong) {
			errs = append(errs, &ParseError{Path: path, Line: lineNo, Msg: fmt.Sprintf("line longer than %d MiB", maxLine>>20)})
			break
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if raw.Len()+len(line) > MaxArticleBytes {
			errs = append(errs, &ParseError{Path: path, Line: lineNo, Msg: fmt.Sprintf("annotations larger than %d MiB", MaxArticleBytes>>20)})
			break
		}
		raw.WriteString(line)
		raw.WriteByte('\n')
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			if err == io.EOF {
				break
			}
			continue
		}
		if !utf8.ValidString(line) {
			errs = append(errs, &ParseError{Path: path, Line: lineNo, Msg: "line is not valid UTF-8"})
		} else if perr := parseBratLine(line, lineNo, a); perr != "" {
			errs = append(errs, &ParseError{Path: path, Line: lineNo, Msg: perr})
		}
		if err == io.EOF {
			break
		}
	}
	a.Annotations = raw.String()
	if len(errs) > 0 {
		return errs
	}
	return nil
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its newline, refusing lines over max bytes.
func readLine(br *bufio.Reader, max int) (string, error) {
	b, err := readLineBytes(br, max)
	return string(b), err
}

// readLineBytes is readLine without the copy into a string.
func readLineBytes(br *bufio.Reader, max int) ([]byte, error) {
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
			// Drain the rest of the line so the caller could go on.
			for isPrefix {
				_, isPrefix, err = br.ReadLine()
				if err != nil {
					break
				}
			}
			return nil, errLineTooLong
		}
		if !isPrefix {
			return b, nil
		}
	}
}

// parseBratLine parses one annotation line into a, returning a message when it cannot.
func parseBratLine(line string, lineNo int, a *Article) string {
	id, rest, ok := strings.Cut(line, "\t")
	if !ok {
		return fmt.Sprintf("expected an ID and a TAB at the start of %q", clip(line))
	}
	id = strings.TrimSpace(id)
	if id == "" {
		return "empty annotation ID"
	}
	switch id[0] {
	case 'T':
		body, text, ok := strings.Cut(rest, "\t")
		if !ok {
			return fmt.Sprintf("text-bound annotation %s has no TAB before its text", id)
		}
		typ, offs, ok := strings.Cut(body, " ")
		if !ok || typ == "" {
			return fmt.Sprintf("text-bound annotation %s: expected TYPE START END, got %q", id, clip(body))
		}
		spans, msg := parseSpans(offs)
		if msg != "" {
			return fmt.Sprintf("text-bound annotation %s: %s", id, msg)
		}
		a.Mentions = append(a.Mentions, Mention{ID: id, Type: typ, Spans: spans, Text: text, Line: lineNo})
	case 'R':
		f := strings.Fields(rest)
		if len(f) < 3 {
			return fmt.Sprintf("relation %s: expected TYPE Arg1:ID Arg2:ID, got %q", id, clip(rest))
		}
		args, msg := parseArgs(f[1:])
		if msg != "" {
			return fmt.Sprintf("relation %s: %s", id, msg)
		}
		a.Relations = append(a.Relations, Relation{ID: id, Type: f[0], Args: args, Line: lineNo})
	case 'E':
		f := strings.Fields(rest)
		if len(f) < 1 {
			return fmt.Sprintf("event %s: expected TYPE:TRIGGER [ROLE:ID ...]", id)
		}
		typ, trig, ok := strings.Cut(f[0], ":")
		if !ok || typ == "" || trig == "" {
			return fmt.Sprintf("event %s: expected TYPE:TRIGGER, got %q", id, clip(f[0]))
		}
		args, msg := parseArgs(f[1:])
		if msg != "" {
			return fmt.Sprintf("event %s: %s", id, msg)
		}
		a.Events = append(a.Events, Event{ID: id, Type: typ, Trigger: trig, Args: args, Line: lineNo})
	case 'A', 'M':
		f := strings.Fields(rest)
		if len(f) < 2 || len(f) > 3 {
			return fmt.Sprintf("attribute %s: expected NAME ID [VALUE], got %q", id, clip(rest))
		}
		at := Attribute{ID: id, Name: f[0], Target: f[1], Line: lineNo}
		if len(f) == 3 {
			at.Value = f[2]
		}
		a.Attributes = append(a.Attributes, at)
	case 'N':
		body, text, _ := strings.Cut(rest, "\t")
		f := strings.Fields(body)
		if len(f) != 3 {
			return fmt.Sprintf("normalisation %s: expected TYPE ID DB:ENTRY, got %q", id, clip(body))
		}
		db, entry, ok := strings.Cut(f[2], ":")
		if !ok || db == "" || entry == "" {
			return fmt.Sprintf("normalisation %s: expected DB:ENTRY, got %q", id, clip(f[2]))
		}
		a.Norms = append(a.Norms, Norm{ID: id, Type: f[0], Target: f[1], DB: db, DBID: entry, Text: text, Line: lineNo})
	case '*':
		f := strings.Fields(rest)
		if len(f) < 3 {
			return fmt.Sprintf("equivalence: expected TYPE ID ID [ID ...], got %q", clip(rest))
		}
		a.Equivs = append(a.Equivs, Equiv{Type: f[0], Refs: f[1:], Line: lineNo})
	case '#':
		body, text, _ := strings.Cut(rest, "\t")
		f := strings.Fields(body)
		n := Note{ID: id, Text: text, Line: lineNo}
		if len(f) > 0 {
			n.Type = f[0]
		}
		if len(f) > 1 {
			n.Target = f[1]
		}
		a.Notes = append(a.Notes, n)
	default:
		return fmt.Sprintf("unknown annotation kind %q (expected T, R, E, A, M, N, * or #)", id)
	}
	return ""
}

// parseSpans parses "0 5" or "0 5;16 23".
func parseSpans(s string) ([]Span, string) {
	var spans []Span
	for _, part := range strings.Split(s, ";") {
		f := strings.Fields(part)
		if len(f) != 2 {
			return nil, fmt.Sprintf("expected START END offsets, got %q", clip(part))
		}
		start, err1 := strconv.Atoi(f[0])
		end, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil {
			return nil, fmt.Sprintf("offsets must be whole numbers, got %q", clip(part))
		}
		if start < 0 || end < 0 {
			return nil, fmt.Sprintf("negative offset in %q", clip(part))
		}
		if end < start {
			return nil, fmt.Sprintf("end %d before start %d", end, start)
		}
		spans = append(spans, Span{start, end})
	}
	return spans, ""
}

func parseArgs(fields []string) ([]Arg, string) {
	args := make([]Arg, 0, len(fields))
	for _, f := range fields {
		role, ref, ok := strings.Cut(f, ":")
		if !ok || role == "" || ref == "" {
			return nil, fmt.Sprintf("expected ROLE:ID, got %q", clip(f))
		}
		args = append(args, Arg{Role: role, Ref: ref})
	}
	return args, ""
}

// clip shortens s for a message, never cutting a character in two.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	cut := 57
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
