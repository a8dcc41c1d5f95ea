package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// ErrNoArticles is returned when the paths hold nothing to read.
var ErrNoArticles = errors.New("no articles found")

// File is one file (or stdin) that Discover offers the readers.
type File struct {
	// Path is the file, or "stdin".
	Path string
	// Ext is the file's extension in lower case ("" for stdin).
	Ext string
	// Explicit says the user named the file, rather than a folder it is in.
	Explicit bool
	// Data is the input read from stdin; nil for a file.
	Data []byte

	d *discovery
}

// Options returns the options of the discovery.
func (f *File) Options() Options { return f.d.opt }

// Forced reports whether Options.Format chose the reader.
func (f *File) Forced() bool { return f.d.opt.Format != "" }

// Stdin reports whether the file is standard input.
func (f *File) Stdin() bool { return f.Data != nil }

// Add adds a source found in the file; Format, Limit, Strict and, when the source names
// none, Config come from the reader and the options.
func (f *File) Add(s Source) {
	s.reader = f.d.current
	s.Format = s.reader.Format()
	s.Limit, s.Strict = f.d.opt.Limit, f.d.opt.Strict
	if s.Config == "" {
		s.Config = f.d.opt.Config
	}
	if s.Path == "" {
		s.Path = f.Path
	}
	f.d.srcs = append(f.d.srcs, s)
}

// Problem reports why (part of) a file cannot be read; path may name a companion file.
func (f *File) Problem(path string, line int, format string, args ...any) {
	f.d.problem(path, line, format, args...)
}

// Problems reports how many problems discovery has found so far.
func (f *File) Problems() int { return len(f.d.problems) }

// Warn records a file skipped without an article although it looks like part of one; with
// Options.Strict it is a problem.
func (f *File) Warn(path string, format string, args ...any) {
	if f.d.opt.Strict {
		f.d.problem(path, 0, format, args...)
		return
	}
	f.d.warnings = append(f.d.warnings, &ParseError{Path: path, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// Seen records key (a brat pair's stem, say) and reports whether it was recorded before,
// so that a reader that takes several files as one article adds it once.
func (f *File) Seen(key string) bool {
	if f.d.seen[key] {
		return true
	}
	f.d.seen[key] = true
	return false
}

// Remember returns the value recorded under key in this discovery, calling fn to make it
// the first time: a reader looks up what all files of a folder share (brat's
// annotation.conf, say) once per folder rather than once per file.
func (f *File) Remember(key string, fn func() string) string {
	if v, ok := f.d.memo[key]; ok {
		return v
	}
	v := fn()
	f.d.memo[key] = v
	return v
}

// Open returns the content of the file from its start, with a function that closes it.
func (f *File) Open() (io.ReadSeeker, func(), error) {
	if f.Data != nil {
		return bytes.NewReader(f.Data), func() {}, nil
	}
	if _, prob := RegularFile(f.Path); prob != "" {
		return nil, nil, errors.New(prob) // opening a pipe or device could block
	}
	r, err := os.Open(f.Path)
	if err != nil {
		return nil, nil, err
	}
	return r, func() { r.Close() }, nil
}

// Discover finds the articles under paths with the readers of opt.Readers: a file
// stands for the articles in it (a brat .txt or .ann for its pair), "-" for stdin, and a
// folder is read recursively (hidden folders skipped). Each file goes to the reader that
// claims it most strongly (Reader.Claim), or to the one opt.Format forces. Sources come
// back in path order and, within a file, in file order, so runs are repeatable.
//
// Problems with single files (a .ann without its .txt, JSON that does not parse) come
// back as ParseErrors beside the sources that are fine. Warnings (files in a folder that
// hold no article although they look like part of one) come back sorted by file; with
// opt.Strict they are problems.
func Discover(paths []string, opt Options) ([]Source, ParseErrors, error) {
	if opt.Readers == nil || len(opt.Readers.readers) == 0 {
		return nil, nil, errors.New("discover: no readers registered (see ingest/readers)")
	}
	if _, ok := opt.Readers.Lookup(opt.Format); opt.Format != "" && !ok {
		return nil, nil, fmt.Errorf("unknown format %q (expected %s)", opt.Format, orList(slices.Sorted(slices.Values(opt.Readers.Formats()))))
	}
	d := &discovery{opt: opt, seen: map[string]bool{}, memo: map[string]string{}}
	for _, p := range paths {
		if err := d.path(p); err != nil {
			return nil, nil, err
		}
	}
	return d.result(paths)
}

type discovery struct {
	opt      Options
	seen     map[string]bool
	memo     map[string]string // File.Remember
	srcs     []Source
	problems ParseErrors
	warnings ParseErrors
	current  Reader // the reader whose Sources is running
}

func (d *discovery) problem(path string, line int, format string, args ...any) {
	d.problems = append(d.problems, &ParseError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// path adds the articles under one argument: stdin, a file or a folder.
func (d *discovery) path(p string) error {
	if p == "-" {
		d.stdin()
		return nil
	}
	fi, err := os.Stat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.problem(p, 0, "no such file or folder")
	case err != nil:
		d.problem(p, 0, "%s", statProblem(err))
	case !fi.IsDir():
		d.file(&File{Path: p, Explicit: true})
	default:
		return WalkFiles(p, func(path string) error { d.file(&File{Path: path}); return nil })
	}
	return nil
}

// result sorts what discovery found.
func (d *discovery) result(paths []string) ([]Source, ParseErrors, error) {
	srcs, warns := d.srcs, d.warnings
	SortErrors(warns)
	slices.SortStableFunc(srcs, func(a, b Source) int {
		if c := strings.Compare(a.sortKey(), b.sortKey()); c != 0 {
			return c
		}
		return a.Index - b.Index
	})
	if len(d.problems) > 0 {
		SortErrors(d.problems)
		return srcs, warns, d.problems
	}
	if len(srcs) == 0 {
		return nil, warns, fmt.Errorf("%w in %s: expected %s", ErrNoArticles, strings.Join(paths, ", "), d.expected())
	}
	return srcs, warns, nil
}

// expected says what discovery looks for: the forced reader's files, or every reader's.
func (d *discovery) expected() string {
	if rd, ok := d.opt.Readers.Lookup(d.opt.Format); ok {
		if ds, ok := rd.(Describer); ok {
			return ds.Describe()
		}
	}
	return d.opt.Readers.kinds()
}

// file hands one file to the reader that takes it.
func (d *discovery) file(f *File) {
	f.d = d
	if f.Ext == "" && f.Data == nil {
		f.Ext = strings.ToLower(filepath.Ext(f.Path))
	}
	rd := d.choose(f)
	if rd == nil {
		if f.Explicit {
			d.problem(f.Path, 0, "unknown file kind: expected %s", d.opt.Readers.kinds())
		}
		return
	}
	d.current = rd
	rd.Sources(f)
	d.current = nil
}

// choose returns the reader for f: the forced one (for a file it claims, or one the user
// named), else the strongest claim, the first registered among equals; nil for none.
func (d *discovery) choose(f *File) Reader {
	if d.opt.Format != "" {
		rd, _ := d.opt.Readers.Lookup(d.opt.Format)
		if f.Explicit || rd.Claim(f) > ClaimNone {
			return rd
		}
		return nil
	}
	var best Reader
	strongest := ClaimNone
	for _, rd := range d.opt.Readers.readers {
		if c := rd.Claim(f); c > strongest {
			best, strongest = rd, c
		}
	}
	return best
}

// stdin reads standard input once and offers it as the file "stdin".
func (d *discovery) stdin() {
	if d.seen["-"] {
		return
	}
	d.seen["-"] = true
	r := d.opt.Stdin
	if r == nil {
		r = os.Stdin
	}
	limit := d.opt.ArticleLimit()
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		d.problem("stdin", 0, "cannot read: %v", err)
		return
	}
	if int64(len(b)) > limit {
		d.problem("stdin", 0, "input larger than %d MiB; give a file instead", limit>>20)
		return
	}
	if b == nil {
		b = []byte{}
	}
	d.file(&File{Path: "stdin", Explicit: true, Data: b})
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

// RegularFile reports whether p exists, and a problem when it cannot be read as a file:
// a named pipe, socket or device (reading one could block for ever or never end), a
// folder, a symlink loop. It looks without opening, so it never blocks.
func RegularFile(p string) (bool, string) {
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
