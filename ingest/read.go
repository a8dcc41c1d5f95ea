package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// Formats a Source can have.
const (
	FormatBrat        = "brat"
	FormatLabelStudio = "labelstudio"
	FormatNative      = "native"
)

// Size limits. Inputs over a limit get a clear positioned error, never a crash.
const (
	// MaxTextBytes bounds one article's text.
	MaxTextBytes = 64 << 20
	// MaxArticleBytes bounds one JSON article: a native line or a Label Studio task.
	MaxArticleBytes = 96 << 20
)

// Source is one article to read: the files that hold it, where in them, and their format.
type Source struct {
	Format   string // brat, labelstudio or native
	TextPath string // brat: the .txt
	AnnPath  string // brat: the .ann
	MetaPath string // brat: optional sidecar X.meta.json
	ConfPath string // the annotation.conf that governs the article, if any

	// Path is the JSON file (native or Label Studio) or "stdin"; Offset and Line say where
	// in it the article starts, Index counts articles in the file from 0.
	Path   string
	Offset int64
	Line   int
	Index  int

	// Data holds the input when it came from stdin (read once, at most MaxArticleBytes).
	Data []byte
	// Limit overrides MaxArticleBytes and MaxTextBytes when positive (tests use it).
	Limit int64
	// Strict makes ReadValid refuse an article that has warnings.
	Strict bool
}

// Name returns the path that names the source in messages.
func (s Source) Name() string {
	switch {
	case s.AnnPath != "":
		return s.AnnPath
	case s.Path != "":
		return s.Path
	}
	return s.TextPath
}

// Options steer Discover.
type Options struct {
	// Format forces one reader for every file: brat, labelstudio or native. Empty chooses
	// by extension and content: .txt/.ann are brat pairs, .jsonl/.ndjson native JSON Lines,
	// .json a Label Studio export (an array, or one task with "data") or one native article.
	Format string
	// Stdin is read for the path "-" (nil: os.Stdin). It holds native JSON (one article or
	// JSON Lines) or a Label Studio export; the format is found from the content.
	Stdin io.Reader
	// Limit overrides the size limits when positive.
	Limit int64
	// Config is an annotation.conf that governs every article read, whatever its format,
	// in place of any annotation.conf found beside brat files.
	Config string
	// Strict turns warnings into problems: files that hold no article although they look
	// like part of one, and articles read with warnings (see Article.Warnings).
	Strict bool
}

// ErrNoArticles is returned when the paths hold nothing to read.
var ErrNoArticles = errors.New("no articles found")

// Discover finds the articles under paths (see DiscoverWith), choosing formats by extension
// and content.
func Discover(paths []string) ([]Source, error) { return DiscoverWith(paths, Options{}) }

// DiscoverFormat is Discover with the format forced for every file ("" chooses).
func DiscoverFormat(paths []string, format string) ([]Source, error) {
	return DiscoverWith(paths, Options{Format: format})
}

// DiscoverWith finds the articles under paths: a brat .txt or .ann file stands for its
// pair, a JSON file for each article in it, "-" for stdin, and a folder is read
// recursively (hidden folders skipped). Sources come back in path order and, within a
// file, in file order, so runs are repeatable. Problems with single files (a .ann without
// its .txt, JSON that does not parse) are returned as ParseErrors beside the sources that
// are fine. Warnings are dropped (unless opt.Strict makes them problems); DiscoverAll
// returns them.
func DiscoverWith(paths []string, opt Options) ([]Source, error) {
	srcs, _, err := DiscoverAll(paths, opt)
	return srcs, err
}

// DiscoverAll is DiscoverWith that also returns the warnings, sorted by file: files in a
// folder that hold no article although they look like part of one, a .txt without its
// .ann or a .meta.json without its pair. Commands print them so that nothing is skipped
// without a word.
func DiscoverAll(paths []string, opt Options) ([]Source, ParseErrors, error) {
	switch opt.Format {
	case "", FormatBrat, FormatLabelStudio, FormatNative:
	default:
		return nil, nil, fmt.Errorf("unknown format %q (expected brat, labelstudio or native)", opt.Format)
	}
	d := &discovery{opt: opt, seen: map[string]bool{}}
	for _, p := range paths {
		if p == "-" {
			d.stdin()
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				d.problem(p, 0, "no such file or folder")
			} else {
				d.problem(p, 0, "%s", statProblem(err))
			}
			continue
		}
		if !fi.IsDir() {
			d.file(p, true)
			continue
		}
		if err := WalkFiles(p, func(path string) error { d.file(path, false); return nil }); err != nil {
			return nil, nil, err
		}
	}
	srcs := d.srcs
	warns := d.warnings
	sortErrs(warns)
	sort.SliceStable(srcs, func(i, j int) bool {
		a, b := srcs[i].sortKey(), srcs[j].sortKey()
		if a != b {
			return a < b
		}
		return srcs[i].Index < srcs[j].Index
	})
	if len(d.problems) > 0 {
		sortErrs(d.problems)
		return srcs, warns, d.problems
	}
	if len(srcs) == 0 {
		err := fmt.Errorf("%w in %s: expected brat pairs (X.txt + X.ann), native .jsonl or Label Studio .json", ErrNoArticles, strings.Join(paths, ", "))
		return nil, warns, err
	}
	return srcs, warns, nil
}

// sortErrs sorts problems by file and line, keeping the order of those on one line.
func sortErrs(es ParseErrors) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Path != es[j].Path {
			return es[i].Path < es[j].Path
		}
		return es[i].Line < es[j].Line
	})
}

// WalkFiles calls fn for every file under the folder root, in lexical order, skipping
// hidden folders (.git, .neo4j) below it.
func WalkFiles(root string, fn func(path string) error) error {
	err := filepath.WalkDir(root, func(path string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.IsDir() {
			if path != root && strings.HasPrefix(de.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		return fn(path)
	})
	if err != nil {
		return fmt.Errorf("read folder %s: %w", root, err)
	}
	return nil
}

func (s Source) sortKey() string {
	if s.TextPath != "" {
		return s.TextPath
	}
	return s.Path
}

type discovery struct {
	opt      Options
	seen     map[string]bool
	srcs     []Source
	problems ParseErrors
	warnings ParseErrors
}

func (d *discovery) problem(path string, line int, format string, args ...any) {
	d.problems = append(d.problems, &ParseError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// warn records a file skipped without an article; with Options.Strict it is a problem.
func (d *discovery) warn(path string, format string, args ...any) {
	if d.opt.Strict {
		d.problem(path, 0, format, args...)
		return
	}
	d.warnings = append(d.warnings, &ParseError{Path: path, Msg: fmt.Sprintf(format, args...), Warning: true})
}

func (d *discovery) limit() int64 {
	if d.opt.Limit > 0 {
		return d.opt.Limit
	}
	return MaxArticleBytes
}

// file adds the articles of one file; explicit says the user named it.
func (d *discovery) file(p string, explicit bool) {
	ext := strings.ToLower(filepath.Ext(p))
	base := filepath.Base(p)
	switch {
	case strings.HasSuffix(base, ".meta.json") || base == ConfFileName:
		if explicit && base != ConfFileName {
			d.problem(p, 0, "a metadata sidecar is read with its brat pair; name the .txt or .ann instead")
			return
		}
		if base != ConfFileName && d.opt.Format != FormatNative && d.opt.Format != FormatLabelStudio {
			stem := strings.TrimSuffix(p, ".meta.json")
			if !exists(stem+".txt") && !exists(stem+".ann") {
				d.warn(p, "skipped: metadata without its article (%s and %s are missing)", filepath.Base(stem)+".txt", filepath.Base(stem)+".ann")
			}
		}
		return
	case d.opt.Format == FormatBrat || (d.opt.Format == "" && (ext == ".txt" || ext == ".ann")):
		if ext != ".txt" && ext != ".ann" {
			if explicit {
				d.problem(p, 0, "not a brat file: expected X.txt with X.ann")
			}
			return
		}
		d.brat(p, ext, explicit)
	case d.opt.Format == FormatNative || d.opt.Format == FormatLabelStudio || ext == ".json" || ext == ".jsonl" || ext == ".ndjson":
		if d.opt.Format != "" && ext != ".json" && ext != ".jsonl" && ext != ".ndjson" && !explicit {
			return // a forced JSON format still only picks JSON files out of folders
		}
		if _, prob := regularFile(p); prob != "" {
			d.problem(p, 0, "%s", prob)
			return
		}
		f, err := os.Open(p)
		if err != nil {
			d.problem(p, 0, "cannot open: %v", errors.Unwrap(err))
			return
		}
		defer f.Close()
		d.json(f, p, ext, nil)
	default:
		if explicit {
			d.problem(p, 0, "unknown file kind: expected brat .txt/.ann, native .jsonl or Label Studio .json")
		}
	}
}

func (d *discovery) brat(p, ext string, explicit bool) {
	base := strings.TrimSuffix(p, filepath.Ext(p))
	if d.seen[base] {
		return
	}
	d.seen[base] = true
	txt, ann := base+".txt", base+".ann"
	tok, tprob := regularFile(txt)
	aok, aprob := regularFile(ann)
	if tprob != "" || aprob != "" {
		if tprob != "" {
			d.problem(txt, 0, "%s", tprob)
		}
		if aprob != "" {
			d.problem(ann, 0, "%s", aprob)
		}
		return
	}
	terr, aerr := !tok, !aok
	switch {
	case terr && aerr:
		d.problem(p, 0, "no such file")
		return
	case terr:
		d.problem(ann, 0, "annotations without their text: %s is missing", filepath.Base(txt))
		return
	case aerr:
		if !explicit {
			// A lone .txt in a folder may be any text file, but it may as well be an article
			// whose annotations went missing: say that it is skipped.
			d.warn(txt, "skipped: text without annotations (%s is missing; `dipgraph annotate` writes one, or use --format text)", filepath.Base(ann))
			return
		}
		d.problem(txt, 0, "text without annotations: %s is missing", filepath.Base(ann))
		return
	}
	conf := d.opt.Config
	if conf == "" {
		conf = FindAnnotationConfig(ann)
	}
	s := Source{Format: FormatBrat, TextPath: txt, AnnPath: ann, ConfPath: conf, Limit: d.opt.Limit, Strict: d.opt.Strict}
	if ok, prob := regularFile(base + ".meta.json"); prob != "" {
		d.problem(base+".meta.json", 0, "%s", prob)
		return
	} else if ok {
		s.MetaPath = base + ".meta.json"
	}
	d.srcs = append(d.srcs, s)
}

// regularFile reports whether p exists, and a problem when it cannot be read as a file:
// a named pipe, socket or device (reading one could block for ever or never end), a
// folder, a symlink loop. It looks without opening, so it never blocks.
func regularFile(p string) (bool, string) {
	fi, err := os.Stat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, ""
	case err != nil:
		return false, statProblem(err)
	case fi.Mode().IsRegular():
		return true, ""
	}
	kind := "a device"
	switch {
	case fi.IsDir():
		kind = "a folder"
	case fi.Mode()&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case fi.Mode()&fs.ModeSocket != 0:
		kind = "a socket"
	case fi.Mode()&fs.ModeIrregular != 0:
		kind = "of an unknown kind"
	}
	return true, fmt.Sprintf("not a regular file (it is %s); give article files or folders", kind)
}

// statProblem describes why a path could not be looked at.
func statProblem(err error) string {
	if errors.Is(err, syscall.ELOOP) {
		return "symlink loop: the link leads back to itself; fix or remove it"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Sprintf("cannot read: %v", err)
}

func (d *discovery) stdin() {
	if d.seen["-"] {
		return
	}
	d.seen["-"] = true
	r := d.opt.Stdin
	if r == nil {
		r = os.Stdin
	}
	b, err := io.ReadAll(io.LimitReader(r, d.limit()+1))
	if err != nil {
		d.problem("stdin", 0, "cannot read: %v", err)
		return
	}
	if int64(len(b)) > d.limit() {
		d.problem("stdin", 0, "input larger than %d MiB; give a file instead", d.limit()>>20)
		return
	}
	d.json(bytes.NewReader(b), "stdin", "", b)
}

// json adds the articles of a JSON file: native JSON Lines, one native article, or a
// Label Studio export.
func (d *discovery) json(r io.ReadSeeker, p, ext string, data []byte) {
	first, line, eof, err := firstByte(r)
	if err != nil {
		d.problem(p, 0, "cannot read: %v", err)
		return
	}
	if eof {
		d.problem(p, 0, "empty file: expected %s", expectedJSON(d.opt.Format, ext))
		return
	}
	if first == 0 {
		d.problem(p, line, "not JSON: the file holds NUL bytes where JSON should start (a binary file, or one written only in part); expected %s", expectedJSON(d.opt.Format, ext))
		return
	}
	format := d.opt.Format
	if format == "" {
		switch {
		case first != '{' && first != '[':
			if data != nil {
				d.problem(p, line, "not JSON: stdin takes native JSON or a Label Studio export (brat needs a .txt and .ann pair)")
			} else {
				d.problem(p, line, "not JSON: expected %s", expectedJSON("", ext))
			}
			return
		case ext == ".jsonl" || ext == ".ndjson":
			format = FormatNative // the name says JSON Lines, even when a line is no object
		case first == '[':
			format = FormatLabelStudio
		default:
			if isLabelStudioTask(r, d.limit()) {
				format = FormatLabelStudio
			} else {
				format = FormatNative
			}
		}
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		d.problem(p, 0, "cannot read: %v", err)
		return
	}
	switch format {
	case FormatLabelStudio:
		d.labelStudioTasks(r, p, data)
	default:
		d.nativeLines(r, p, data, ext == ".jsonl" || ext == ".ndjson")
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func expectedJSON(format, ext string) string {
	switch {
	case format == FormatLabelStudio:
		return "a Label Studio JSON export"
	case format == FormatNative || ext == ".jsonl" || ext == ".ndjson":
		return "native articles, one JSON object a line"
	}
	return "a Label Studio JSON export or a native article"
}

// firstByte returns the first byte that is not white space (a BOM skipped) and its line,
// or eof when there is none.
func firstByte(r io.Reader) (first byte, line int, eof bool, err error) {
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

// isLabelStudioTask reports whether the JSON object in r has Label Studio's "data" or
// "annotations" keys (a native article has "text" at the top).
func isLabelStudioTask(r io.ReadSeeker, limit int64) bool {
	skipBOM(r)
	dec := json.NewDecoder(bufio.NewReader(io.LimitReader(r, limit)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		switch t {
		case "data", "annotations", "predictions":
			return true
		case "text", "mentions":
			return false
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// nativeLines adds one source per non-blank line. Unless lines says the file is JSON Lines
// by its name, a file whose first line does not hold a whole JSON value is one
// pretty-printed article.
func (d *discovery) nativeLines(r io.ReadSeeker, p string, data []byte, lines bool) {
	br := bufio.NewReaderSize(r, 64<<10)
	var off int64
	var found []Source
	for lineNo := 1; ; lineNo++ {
		n, blank, err := skimLine(br)
		if n == 0 && err != nil {
			break
		}
		if !blank {
			found = append(found, Source{Format: FormatNative, Path: p, Offset: off, Line: lineNo, Index: len(found), Data: data, Limit: d.opt.Limit, ConfPath: d.opt.Config, Strict: d.opt.Strict})
		}
		off += n
		if err != nil {
			break
		}
	}
	if len(found) == 0 {
		d.problem(p, 0, "empty file: expected native articles, one JSON object a line")
		return
	}
	// One pretty-printed article: its first line is "{" alone or does not parse on its own.
	if !lines && len(found) > 1 && !lineHoldsValue(r, found[0], d.limit()) {
		found = found[:1]
		found[0].Offset, found[0].Line = 0, 1
		found[0].Index = -1 // the whole file
	}
	d.srcs = append(d.srcs, found...)
}

// skimLine consumes one line without keeping it, returning its length in bytes (newline
// included) and whether it is blank.
func skimLine(br *bufio.Reader) (int64, bool, error) {
	var n int64
	blank := true
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if blank {
			for _, c := range chunk {
				if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
					blank = false
					break
				}
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return n, blank, err
	}
}

// lineHoldsValue reports whether the source's line is one whole JSON value.
func lineHoldsValue(r io.ReadSeeker, s Source, limit int64) bool {
	if _, err := r.Seek(s.Offset, io.SeekStart); err != nil {
		return false
	}
	line, err := readLine(bufio.NewReaderSize(r, 64<<10), int(min(limit, 1<<20)))
	if err != nil && err != io.EOF {
		// A very long line is a JSON Lines article; pretty-printed JSON has short lines.
		return errors.Is(err, errLineTooLong)
	}
	return json.Valid([]byte(line))
}

// labelStudioTasks adds one source per task of a Label Studio export (an array of tasks or
// one task object).
func (d *discovery) labelStudioTasks(r io.ReadSeeker, p string, data []byte) {
	base := skipBOM(r) // offsets below count from after a byte-order mark
	lr := &boundedReader{r: r, limit: d.limit()}
	dec := json.NewDecoder(lr)
	tok, err := dec.Token()
	if err != nil {
		d.jsonProblem(r, p, base, dec.InputOffset(), err, "a Label Studio export (a JSON array of tasks)")
		return
	}
	var offsets []int64
	switch tok {
	case json.Delim('{'):
		offsets = []int64{base}
	case json.Delim('['):
		for dec.More() {
			lr.mark(dec.InputOffset())
			start := dec.InputOffset()
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				d.jsonProblem(r, p, base, start, err, "a Label Studio task object")
				break
			}
			offsets = append(offsets, base+start)
		}
	default:
		d.problem(p, 1, "expected a Label Studio export: a JSON array of tasks")
		return
	}
	// Lines of the tasks, in one pass over the file.
	lines := lineNumbers(r, offsets)
	for i, off := range offsets {
		d.srcs = append(d.srcs, Source{Format: FormatLabelStudio, Path: p, Offset: off, Line: lines[i], Index: i, Data: data, Limit: d.opt.Limit, ConfPath: d.opt.Config, Strict: d.opt.Strict})
	}
	if len(offsets) == 0 && len(d.problems) == 0 {
		d.problem(p, 1, "the Label Studio export holds no tasks")
	}
}

// skipBOM positions r after a leading UTF-8 byte-order mark, if there is one, and returns
// how many bytes it skipped; otherwise r is at its start.
func skipBOM(r io.ReadSeeker) int64 {
	var b [3]byte
	if _, err := r.Seek(0, io.SeekStart); err == nil {
		if n, _ := io.ReadFull(r, b[:]); n == 3 && hasBOM(b[:]) {
			return 3
		}
	}
	r.Seek(0, io.SeekStart)
	return 0
}

// jsonProblem reports err, met while decoding r from base; start is where the value
// being decoded starts, counted from base.
func (d *discovery) jsonProblem(r io.ReadSeeker, p string, base, start int64, err error, want string) {
	if errors.Is(err, errTooBig) {
		d.problem(p, lineNumbers(r, []int64{base + start})[0], "task larger than %d MiB", d.limit()>>20)
		return
	}
	off := start
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	off += base
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		d.problem(p, 0, "not valid JSON: the file ends early (expected %s)", want)
		return
	}
	d.problem(p, lineNumbers(r, []int64{off})[0], "not valid JSON: %s (expected %s)", jsonMsg(err), want)
}

// lineNumbers returns the line of each byte offset (offsets ascending), in one pass.
func lineNumbers(r io.ReadSeeker, offsets []int64) []int {
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

var errTooBig = errors.New("input too large")

// boundedReader fails once a JSON value being decoded grows past limit bytes, so one huge
// task cannot exhaust memory.
type boundedReader struct {
	r      io.Reader
	limit  int64
	read   int64
	marked int64
}

func (b *boundedReader) mark(off int64) { b.marked = off }

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.read-b.marked > b.limit+(64<<10) {
		return 0, errTooBig
	}
	n, err := b.r.Read(p)
	b.read += int64(n)
	return n, err
}

// Read reads the article of a source. Problems in the input come back as ParseErrors;
// when the article could still be read far enough (brat lines that parse, native fields
// that decode), it comes back too, so that Validate can report the rest.
func Read(s Source) (*Article, error) {
	switch s.Format {
	case FormatBrat, "":
		return readBrat(s)
	case FormatNative:
		return withConfig(s, readNativeSource)
	case FormatLabelStudio:
		return withConfig(s, readLabelStudioSource)
	default:
		return nil, fmt.Errorf("%s: unknown format %q", s.Name(), s.Format)
	}
}

// withConfig reads a JSON source and attaches the annotation.conf it names.
func withConfig(s Source, read func(Source) (*Article, error)) (*Article, error) {
	a, err := read(s)
	if s.ConfPath == "" || a == nil {
		return a, err
	}
	c, cerr := LoadAnnotationConfig(s.ConfPath)
	var pe ParseErrors
	switch {
	case errors.As(cerr, &pe):
		var errs ParseErrors
		if errors.As(err, &errs) {
			pe = append(errs, pe...)
		} else if err != nil {
			return a, err
		}
		err = pe
	case cerr != nil:
		return nil, cerr
	}
	a.Config = c
	return a, err
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
	sortErrs(errs)
	return nil, errs
}

func (s Source) limit() int64 {
	if s.Limit > 0 {
		return s.Limit
	}
	return MaxArticleBytes
}

func (s Source) textLimit() int64 {
	if s.Limit > 0 {
		return s.Limit
	}
	return MaxTextBytes
}

// open returns the input of a JSON source positioned at its article.
func (s Source) open() (io.ReadSeeker, func(), error) {
	var r io.ReadSeeker
	closer := func() {}
	if s.Data != nil {
		r = bytes.NewReader(s.Data)
	} else {
		f, err := os.Open(s.Path)
		if err != nil {
			return nil, nil, fmt.Errorf("open %s: %w", s.Path, err)
		}
		r, closer = f, func() { f.Close() }
	}
	if _, err := r.Seek(s.Offset, io.SeekStart); err != nil {
		closer()
		return nil, nil, fmt.Errorf("read %s: %w", s.Path, err)
	}
	return r, closer, nil
}

func readBrat(s Source) (*Article, error) {
	text, bom, err := readText(s.TextPath, s.textLimit())
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(s.TextPath), ".txt")
	a := &Article{ID: base, Path: s.TextPath, AnnPath: s.AnnPath, Format: FormatBrat, Text: text}
	if s.MetaPath != "" {
		if err := readMeta(s.MetaPath, a); err != nil {
			return nil, err
		}
	}
	var errs ParseErrors
	if s.ConfPath != "" {
		c, err := LoadAnnotationConfig(s.ConfPath)
		var pe ParseErrors
		switch {
		case errors.As(err, &pe):
			errs = append(errs, pe...)
		case err != nil:
			return nil, err
		}
		a.Config = c
	}
	f, err := os.Open(s.AnnPath)
	if err != nil {
		return nil, fmt.Errorf("open annotations: %w", err)
	}
	defer f.Close()
	err = readBratAnn(f, s.AnnPath, a, int(min(s.limit(), MaxLineBytes)))
	if bom {
		shiftForBOM(a)
	}
	var pe ParseErrors
	switch {
	case errors.As(err, &pe):
		errs = append(errs, pe...)
	case err != nil:
		return a, err
	}
	if len(errs) > 0 {
		return a, errs
	}
	return a, nil
}

// shiftForBOM decides what offsets mean in a text that started with a byte-order mark.
// brat reads text with Python's "utf-8" codec, which keeps the mark as a character, so
// offsets from brat count it; other tools drop it first. The article text never holds the
// mark; offsets are moved down by one when that makes more span texts match (brat's
// reading wins a tie).
func shiftForBOM(a *Article) {
	idx := NewTextIndex(a.Text)
	keep, shifted := 0, 0
	for _, m := range a.Mentions {
		if got, ok := idx.Covered(m.Spans); ok && got == m.Text {
			keep++
		}
		moved := make([]Span, len(m.Spans))
		for i, s := range m.Spans {
			moved[i] = Span{s.Start - 1, s.End - 1}
		}
		if got, ok := idx.Covered(moved); ok && got == m.Text {
			shifted++
		}
	}
	if shifted < keep || len(a.Mentions) == 0 {
		return
	}
	for i := range a.Mentions {
		for j := range a.Mentions[i].Spans {
			a.Mentions[i].Spans[j].Start--
			a.Mentions[i].Spans[j].End--
		}
	}
}

// readText reads an article text: UTF-8, a leading byte-order mark dropped (reported by
// bom). CRLF line ends are kept, since brat offsets count them as two characters.
func readText(path string, limit int64) (text string, bom bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", false, fmt.Errorf("open text: %w", err)
	}
	defer f.Close()
	// Read straight into the string, sized from the file: no growing buffer, no second copy.
	var sb strings.Builder
	if fi, err := f.Stat(); err == nil && fi.Size() <= limit {
		sb.Grow(int(fi.Size()) + 1)
	}
	if _, err := io.Copy(&sb, io.LimitReader(f, limit+1)); err != nil {
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

func lineAt(b []byte, off int) int { return 1 + bytes.Count(b[:off], []byte("\n")) }

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// maxMetaBytes bounds a metadata sidecar.
const maxMetaBytes = 1 << 20

func readMeta(path string, a *Article) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read metadata: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxMetaBytes+1))
	if err != nil {
		return fmt.Errorf("read metadata: %w", err)
	}
	if len(b) > maxMetaBytes {
		return &ParseError{Path: path, Msg: "metadata larger than 1 MiB"}
	}
	return ParseMeta(b, path, a)
}

// ParseMeta reads article metadata (a JSON object with id, title, source, url, published
// and any other fields) into a. path names the file in messages. A byte-order mark before
// the object is allowed; a key given twice, or one of the known fields spelt with other
// capitals ("ID"), is an error, since either would silently choose a value.
func ParseMeta(b []byte, path string, a *Article) error {
	b = dropBOM(b)
	if len(bytes.TrimSpace(b)) == 0 {
		return &ParseError{Path: path, Msg: "empty metadata file: expected a JSON object"}
	}
	var raw map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	err := dec.Decode(&raw)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value")
	}
	if err != nil {
		return &ParseError{Path: path, Line: jsonErrLine(b, err), Msg: "metadata is not a JSON object: " + jsonMsg(err)}
	}
	var errs ParseErrors
	known := map[string]*string{"id": &a.ID, "title": &a.Title, "source": &a.Source, "url": &a.URL, "published": &a.Published}
	scanJSON(b, 1, func(k jsonKey) {
		if k.obj != "" {
			return
		}
		switch {
		case k.dup:
			errs = append(errs, &ParseError{Path: path, Line: k.line, Msg: fmt.Sprintf("key %q appears twice: give each key once", clip(k.key))})
		case known[k.key] == nil:
			for name := range known {
				if strings.EqualFold(name, k.key) {
					errs = append(errs, &ParseError{Path: path, Line: k.line, Msg: fmt.Sprintf("key %q is not %q: keys are case-sensitive", clip(k.key), name)})
				}
			}
		}
	})
	if len(errs) > 0 {
		return errs
	}
	a.Meta = map[string]string{}
	published := ""
	for k, v := range raw {
		dst, ok := known[k]
		if !ok {
			a.Meta[k] = metaString(v)
			continue
		}
		str, isStr := v.(string)
		if !isStr && v != nil {
			return &ParseError{Path: path, Line: keyLine(b, k), Msg: fmt.Sprintf("metadata: %s: expected a string, got %s", k, jsonTypeName(v))}
		}
		switch {
		case k == "published":
			published = str
		case k == "id" && str == "":
			// an empty id keeps the file name
		default:
			*dst = str
		}
	}
	if published != "" {
		d, err := ParseDate(published)
		if err != nil {
			return &ParseError{Path: path, Line: keyLine(b, "published"), Msg: fmt.Sprintf("published: %v", err)}
		}
		a.Published = d
	}
	a.MetaPath = path
	return nil
}

// jsonTypeName names the kind of a decoded JSON value for messages.
func jsonTypeName(v any) string {
	switch v.(type) {
	case json.Number, float64:
		return "number"
	case bool:
		return "true or false"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "string"
}

// metaString renders a metadata value: strings as they are, anything else as JSON.
func metaString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// keyLine returns the line of the first "key": in b, or 0.
func keyLine(b []byte, key string) int {
	i := bytes.Index(b, []byte(`"`+key+`"`))
	if i < 0 {
		return 0
	}
	return lineAt(b, i)
}

// ParseDate accepts an ISO date or timestamp and returns the date as YYYY-MM-DD.
func ParseDate(s string) (string, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", fmt.Errorf("date %q is not an ISO date (YYYY-MM-DD)", clip(s))
}

// jsonErrLine finds the line of a JSON syntax or type error, or 0.
func jsonErrLine(b []byte, err error) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	if errors.As(err, &se) {
		off = se.Offset
	} else if errors.As(err, &te) {
		off = te.Offset
	}
	if off < 0 || off > int64(len(b)) {
		return 0
	}
	return lineAt(b, int(off))
}

// jsonMsg turns a decoding error into a message without Go type names.
func jsonMsg(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "the value"
		}
		return fmt.Sprintf("%s: expected %s, got %s", field, jsonKind(te.Type.Kind().String()), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return strings.TrimPrefix(se.Error(), "json: ")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		return "unexpected end of JSON input"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "int", "int64", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "ptr", "interface":
		return "a value"
	}
	return k
}
