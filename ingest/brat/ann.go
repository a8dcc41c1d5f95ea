package brat

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ingest"
)

// ReadAnn reads brat standoff annotations from r into a, line by line. path names the
// file in messages. Lines it cannot parse are reported together; the well-formed lines are
// still read so that validation can report their problems too.
func ReadAnn(r io.Reader, path string, a *ingest.Article) error {
	return readAnn(r, path, a, ingest.MaxLineBytes)
}

// annReaders recycles the line readers of .ann files: a load reads one per article, and a
// fresh 64 KiB buffer each time was most of what a re-ingest allocated.
var annReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

func readAnn(r io.Reader, path string, a *ingest.Article, maxLine int) error {
	br := annReaders.Get().(*bufio.Reader)
	br.Reset(r)
	defer func() {
		br.Reset(nil)
		annReaders.Put(br)
	}()
	var errs ingest.ParseErrors
	var raw strings.Builder
	for lineNo := 1; ; lineNo++ {
		lb, err := ingest.ReadLine(br, maxLine)
		line := string(lb)
		if err == io.EOF && line == "" {
			break
		}
		if errors.Is(err, ingest.ErrLineTooLong) {
			errs = append(errs, &ingest.ParseError{Path: path, Line: lineNo, Msg: fmt.Sprintf("line longer than %d MiB", maxLine>>20)})
			break
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if raw.Len()+len(line) > ingest.MaxArticleBytes {
			errs = append(errs, &ingest.ParseError{Path: path, Line: lineNo, Msg: fmt.Sprintf("annotations larger than %d MiB", ingest.MaxArticleBytes>>20)})
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
			errs = append(errs, &ingest.ParseError{Path: path, Line: lineNo, Msg: "line is not valid UTF-8"})
		} else if perr := parseBratLine(line, lineNo, a); perr != "" {
			errs = append(errs, &ingest.ParseError{Path: path, Line: lineNo, Msg: perr})
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

// parseBratLine parses one annotation line into a, returning a message when it cannot.
func parseBratLine(line string, lineNo int, a *ingest.Article) string {
	id, rest, ok := strings.Cut(line, "\t")
	if !ok {
		return fmt.Sprintf("expected an ID and a TAB at the start of %q", ingest.Clip(line))
	}
	id = strings.TrimSpace(id)
	if id == "" {
		return "empty annotation ID"
	}
	parse, ok := lineKinds[id[0]]
	if !ok {
		return fmt.Sprintf("unknown annotation kind %q (expected T, R, E, A, M, N, * or #)", id)
	}
	return parse(id, rest, lineNo, a)
}

// lineKinds parse the rest of a line (after ID and TAB) by the first letter of the ID.
var lineKinds = map[byte]func(id, rest string, lineNo int, a *ingest.Article) string{
	'T': parseTextBound, 'R': parseRelation, 'E': parseEvent, 'A': parseAttribute, 'M': parseAttribute,
	'N': parseNorm, '*': parseEquiv, '#': parseNote,
}

func parseTextBound(id, rest string, lineNo int, a *ingest.Article) string {
	body, text, ok := strings.Cut(rest, "\t")
	if !ok {
		return fmt.Sprintf("text-bound annotation %s has no TAB before its text", id)
	}
	typ, offs, ok := strings.Cut(body, " ")
	if !ok || typ == "" {
		return fmt.Sprintf("text-bound annotation %s: expected TYPE START END, got %q", id, ingest.Clip(body))
	}
	spans, msg := parseSpans(offs)
	if msg != "" {
		return fmt.Sprintf("text-bound annotation %s: %s", id, msg)
	}
	a.Mentions = append(a.Mentions, ingest.Mention{ID: id, Type: typ, Spans: spans, Text: text, Line: lineNo})
	return ""
}

func parseRelation(id, rest string, lineNo int, a *ingest.Article) string {
	f := strings.Fields(rest)
	if len(f) < 3 {
		return fmt.Sprintf("relation %s: expected TYPE Arg1:ID Arg2:ID, got %q", id, ingest.Clip(rest))
	}
	args, msg := parseArgs(f[1:])
	if msg != "" {
		return "relation " + id + ": " + msg
	}
	a.Relations = append(a.Relations, ingest.Relation{ID: id, Type: f[0], Args: args, Line: lineNo})
	return ""
}

func parseEvent(id, rest string, lineNo int, a *ingest.Article) string {
	f := strings.Fields(rest)
	if len(f) < 1 {
		return fmt.Sprintf("event %s: expected TYPE:TRIGGER [ROLE:ID ...]", id)
	}
	typ, trig, ok := strings.Cut(f[0], ":")
	if !ok || typ == "" || trig == "" {
		return fmt.Sprintf("event %s: expected TYPE:TRIGGER, got %q", id, ingest.Clip(f[0]))
	}
	args, msg := parseArgs(f[1:])
	if msg != "" {
		return "event " + id + ": " + msg
	}
	a.Events = append(a.Events, ingest.Event{ID: id, Type: typ, Trigger: trig, Args: args, Line: lineNo})
	return ""
}

func parseAttribute(id, rest string, lineNo int, a *ingest.Article) string {
	f := strings.Fields(rest)
	if len(f) < 2 || len(f) > 3 {
		return fmt.Sprintf("attribute %s: expected NAME ID [VALUE], got %q", id, ingest.Clip(rest))
	}
	at := ingest.Attribute{ID: id, Name: f[0], Target: f[1], Line: lineNo}
	if len(f) == 3 {
		at.Value = f[2]
	}
	a.Attributes = append(a.Attributes, at)
	return ""
}

func parseNorm(id, rest string, lineNo int, a *ingest.Article) string {
	body, text, _ := strings.Cut(rest, "\t")
	f := strings.Fields(body)
	if len(f) != 3 {
		return fmt.Sprintf("normalisation %s: expected TYPE ID DB:ENTRY, got %q", id, ingest.Clip(body))
	}
	db, entry, ok := strings.Cut(f[2], ":")
	if !ok || db == "" || entry == "" {
		return fmt.Sprintf("normalisation %s: expected DB:ENTRY, got %q", id, ingest.Clip(f[2]))
	}
	a.Norms = append(a.Norms, ingest.Norm{ID: id, Type: f[0], Target: f[1], DB: db, DBID: entry, Text: text, Line: lineNo})
	return ""
}

func parseEquiv(_, rest string, lineNo int, a *ingest.Article) string {
	f := strings.Fields(rest)
	if len(f) < 3 {
		return fmt.Sprintf("equivalence: expected TYPE ID ID [ID ...], got %q", ingest.Clip(rest))
	}
	a.Equivs = append(a.Equivs, ingest.Equiv{Type: f[0], Refs: f[1:], Line: lineNo})
	return ""
}

func parseNote(id, rest string, lineNo int, a *ingest.Article) string {
	body, text, _ := strings.Cut(rest, "\t")
	f := strings.Fields(body)
	n := ingest.Note{ID: id, Text: text, Line: lineNo}
	if len(f) > 0 {
		n.Type = f[0]
	}
	if len(f) > 1 {
		n.Target = f[1]
	}
	a.Notes = append(a.Notes, n)
	return ""
}

// parseSpans parses "0 5" or "0 5;16 23".
func parseSpans(s string) ([]ingest.Span, string) {
	var spans []ingest.Span
	for _, part := range strings.Split(s, ";") {
		f := strings.Fields(part)
		if len(f) != 2 {
			return nil, fmt.Sprintf("expected START END offsets, got %q", ingest.Clip(part))
		}
		start, err1 := strconv.Atoi(f[0])
		end, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil {
			return nil, fmt.Sprintf("offsets must be whole numbers, got %q", ingest.Clip(part))
		}
		if start < 0 || end < 0 {
			return nil, fmt.Sprintf("negative offset in %q", ingest.Clip(part))
		}
		if end < start {
			return nil, fmt.Sprintf("end %d before start %d", end, start)
		}
		spans = append(spans, ingest.Span{Start: start, End: end})
	}
	return spans, ""
}

func parseArgs(fields []string) ([]ingest.Arg, string) {
	args := make([]ingest.Arg, 0, len(fields))
	for _, f := range fields {
		role, ref, ok := strings.Cut(f, ":")
		if !ok || role == "" || ref == "" {
			return nil, fmt.Sprintf("expected ROLE:ID, got %q", ingest.Clip(f))
		}
		args = append(args, ingest.Arg{Role: role, Ref: ref})
	}
	return args, ""
}
