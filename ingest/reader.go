package ingest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

// Reader reads one article format. A program registers the readers it wants in a
// Registry (ingest/readers has every reader of this module); Discover hands each file to
// the reader that claims it most strongly, and Read hands each Source back to the reader
// that found it. A reader lives in its own package, so that adding a format touches only
// that package and one registration line.
type Reader interface {
	// Format names the format, as --format and Article.Format spell it: "brat".
	Format() string
	// Claim says how strongly the reader takes f when no format is forced (one of the
	// Claim constants): by its name, and, when the name leaves it open, by its content
	// (f.Open). Discover gives the file to the strongest claim; readers that tie are asked
	// in the order they were registered.
	Claim(f *File) int
	// Sources finds the articles in f and adds each (f.Add), or says why there are none
	// (f.Problem, f.Warn).
	Sources(f *File)
	// Read reads the article of a source that Sources added. Problems in the input come
	// back as ParseErrors, with the article when it could be read far enough for Validate
	// to report the rest.
	Read(s Source) (*Article, error)
}

// How strongly a reader claims a file (see Reader.Claim).
const (
	ClaimNone    = 0 // not this format
	ClaimName    = 1 // the name fits, the content does not tell
	ClaimContent = 2 // the content looks like this format
	ClaimSure    = 3 // the name or content belongs to this format alone
)

// FilesOnly is implemented by readers whose article is a function of the bytes of the
// source's files (or Data) and of its annotation.conf, and of nothing else: the same
// bytes always read to the same article. A loader may then skip reading a source whose
// bytes it has loaded before (see Source.FilesOnly). The text reader is not one: it
// annotates with dictionaries that can change while the files do not.
type FilesOnly interface {
	FilesOnly() bool
}

// Describer is implemented by readers that name the files they read for messages
// ("native .jsonl"), listed when a named file is of no known kind.
type Describer interface {
	Describe() string
}

// Registry holds the readers a program knows, in registration order.
type Registry struct {
	readers []Reader
}

// NewRegistry returns a registry of the readers, in that order.
func NewRegistry(rs ...Reader) *Registry {
	r := &Registry{}
	for _, rd := range rs {
		r.Register(rd)
	}
	return r
}

// Register adds a reader, or replaces the one registered for its format in its place.
func (r *Registry) Register(rd Reader) {
	for i, old := range r.readers {
		if old.Format() == rd.Format() {
			r.readers[i] = rd
			return
		}
	}
	r.readers = append(r.readers, rd)
}

// Lookup returns the reader of a format.
func (r *Registry) Lookup(format string) (Reader, bool) {
	for _, rd := range r.readers {
		if rd.Format() == format {
			return rd, true
		}
	}
	return nil, false
}

// Formats returns the names of the registered formats, in registration order.
func (r *Registry) Formats() []string {
	out := make([]string, len(r.readers))
	for i, rd := range r.readers {
		out[i] = rd.Format()
	}
	return out
}

// kinds lists what the readers read, for messages: "brat .txt/.ann, native .jsonl or …".
func (r *Registry) kinds() string {
	var ks []string
	for _, rd := range r.readers {
		if d, ok := rd.(Describer); ok {
			ks = append(ks, d.Describe())
		}
	}
	return orList(ks)
}

// orList joins items as "a, b or c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// Size limits. Inputs over a limit get a clear positioned error, never a crash.
const (
	// MaxTextBytes bounds one article's text.
	MaxTextBytes = 64 << 20
	// MaxArticleBytes bounds one article's annotations: a native line, a Label Studio
	// task, a .ann file.
	MaxArticleBytes = 96 << 20
	// MaxLineBytes bounds one line of an annotation file.
	MaxLineBytes = 16 << 20
)

// Source is one article to read: the files that hold it, where in them, and the reader
// that found it.
type Source struct {
	// Format names the reader: brat, labelstudio, native, text.
	Format string
	// Path is the file that names the article in messages (for brat the .ann), or "stdin".
	Path string
	// Files are every file the article is read from, the one that orders sources first
	// (for brat the .txt, the .ann and an optional .meta.json).
	Files []string
	// Config is the annotation.conf that governs the article, if any.
	Config string

	// Offset and Line say where in Path the article starts, for files that hold several;
	// Index counts articles in the file from 0 (-1: the whole file).
	Offset int64
	Line   int
	Index  int

	// Data holds the input when it came from stdin (read once, at most MaxArticleBytes).
	Data []byte
	// Limit overrides MaxArticleBytes and MaxTextBytes when positive (tests use it).
	Limit int64
	// Strict makes ReadValid refuse an article that has warnings.
	Strict bool

	reader Reader
}

// Name returns the path that names the source in messages.
func (s Source) Name() string { return s.Path }

func (s Source) sortKey() string {
	if len(s.Files) > 0 {
		return s.Files[0]
	}
	return s.Path
}

// FilesOnly reports whether the source's article depends on its bytes alone: Data, or
// Files (Path when there are none), and Config (see the FilesOnly interface).
func (s Source) FilesOnly() bool {
	r, ok := s.reader.(FilesOnly)
	return ok && r.FilesOnly()
}

// ArticleLimit is the most bytes one article's annotations may take.
func (s Source) ArticleLimit() int64 {
	if s.Limit > 0 {
		return s.Limit
	}
	return MaxArticleBytes
}

// TextLimit is the most bytes one article's text may take.
func (s Source) TextLimit() int64 {
	if s.Limit > 0 {
		return s.Limit
	}
	return MaxTextBytes
}

// Open returns the input of the source positioned at its article: Data, or the file at
// Path from Offset.
func (s Source) Open() (io.ReadSeeker, func(), error) {
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

// Options steer Discover.
type Options struct {
	// Readers are the formats to read; required.
	Readers *Registry
	// Format forces one reader for every file (a format of Readers). Empty chooses by
	// name and content (see Reader.Claim).
	Format string
	// Stdin is read for the path "-" (nil: os.Stdin).
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

// ArticleLimit is the most bytes one article's annotations may take.
func (o Options) ArticleLimit() int64 {
	if o.Limit > 0 {
		return o.Limit
	}
	return MaxArticleBytes
}
