package ingest

import (
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
	"time"
	"unicode/utf8"
)

// MaxTextBytes bounds one article's text; larger files are refused with a clear error.
const MaxTextBytes = 64 << 20

// Source is one article to read: the files that hold it and their format.
type Source struct {
	Format   string // brat
	TextPath string
	AnnPath  string
	MetaPath string // optional sidecar X.meta.json
}

// Name returns the path that names the source in messages.
func (s Source) Name() string {
	if s.AnnPath != "" {
		return s.AnnPath
	}
	return s.TextPath
}

// ErrNoArticles is returned when the paths hold nothing to read.
var ErrNoArticles = errors.New("no articles found")

// Discover finds the articles under paths: a brat .txt or .ann file stands for its pair,
// a folder is read recursively. Sources come back sorted by path, so runs are repeatable.
// Problems with single files (a .ann without its .txt) are returned as ParseErrors beside
// the sources that are fine.
func Discover(paths []string) ([]Source, error) {
	seen := map[string]bool{}
	var srcs []Source
	var problems ParseErrors
	add := func(p string, explicit bool) error {
		ext := filepath.Ext(p)
		if ext != ".txt" && ext != ".ann" {
			if explicit {
				problems = append(problems, &ParseError{Path: p, Msg: "unknown file kind: expected a brat .txt or .ann file"})
			}
			return nil
		}
		if strings.HasSuffix(p, ".meta.json") {
			return nil
		}
		base := strings.TrimSuffix(p, ext)
		if seen[base] {
			return nil
		}
		seen[base] = true
		txt, ann := base+".txt", base+".ann"
		_, terr := os.Stat(txt)
		_, aerr := os.Stat(ann)
		switch {
		case terr != nil && aerr != nil:
			problems = append(problems, &ParseError{Path: p, Msg: "no such file"})
			return nil
		case terr != nil:
			problems = append(problems, &ParseError{Path: ann, Msg: fmt.Sprintf("annotations without their text: %s is missing", filepath.Base(txt))})
			return nil
		case aerr != nil:
			if !explicit {
				// A lone .txt in a folder may be any text file; only an explicit one is an error.
				return nil
			}
			problems = append(problems, &ParseError{Path: txt, Msg: fmt.Sprintf("text without annotations: %s is missing", filepath.Base(ann))})
			return nil
		}
		s := Source{Format: "brat", TextPath: txt, AnnPath: ann}
		if _, err := os.Stat(base + ".meta.json"); err == nil {
			s.MetaPath = base + ".meta.json"
		}
		srcs = append(srcs, s)
		return nil
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			problems = append(problems, &ParseError{Path: p, Msg: "no such file or folder"})
			continue
		}
		if !fi.IsDir() {
			if err := add(p, true); err != nil {
				return nil, err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			return add(path, false)
		})
		if err != nil {
			return nil, fmt.Errorf("read folder %s: %w", p, err)
		}
	}
	sort.Slice(srcs, func(i, j int) bool { return srcs[i].TextPath < srcs[j].TextPath })
	if len(problems) > 0 {
		return srcs, problems
	}
	if len(srcs) == 0 {
		return nil, fmt.Errorf("%w in %s: expected brat pairs (X.txt + X.ann)", ErrNoArticles, strings.Join(paths, ", "))
	}
	return srcs, nil
}

// Read reads the article of a source.
func Read(s Source) (*Article, error) {
	switch s.Format {
	case "brat", "":
		return readBrat(s)
	default:
		return nil, fmt.Errorf("%s: unknown format %q", s.Name(), s.Format)
	}
}

func readBrat(s Source) (*Article, error) {
	text, err := readText(s.TextPath)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(s.TextPath), ".txt")
	a := &Article{ID: base, Path: s.TextPath, AnnPath: s.AnnPath, Format: "brat", Text: text}
	if s.MetaPath != "" {
		if err := readMeta(s.MetaPath, a); err != nil {
			return nil, err
		}
	}
	f, err := os.Open(s.AnnPath)
	if err != nil {
		return nil, fmt.Errorf("open annotations: %w", err)
	}
	defer f.Close()
	if err := ReadBratAnn(f, s.AnnPath, a); err != nil {
		return a, err
	}
	return a, nil
}

// readText reads an article text: UTF-8, a leading byte-order mark dropped. CRLF line ends
// are kept, since brat offsets count them as two characters.
func readText(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("open text: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxTextBytes+1))
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	if len(b) > MaxTextBytes {
		return "", &ParseError{Path: path, Msg: fmt.Sprintf("text larger than %d MiB; split the article", MaxTextBytes>>20)}
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalid(b)], []byte("\n"))
		return "", &ParseError{Path: path, Line: line, Msg: "text is not valid UTF-8"}
	}
	return string(b), nil
}

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

// metaFile is the article sidecar X.meta.json.
type metaFile struct {
	ID        string `json:"id"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	URL       string `json:"url"`
}

func readMeta(path string, a *Article) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read metadata: %w", err)
	}
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return &ParseError{Path: path, Line: jsonErrLine(b, err), Msg: "metadata is not a JSON object: " + err.Error()}
	}
	var m metaFile
	if err := json.Unmarshal(b, &m); err != nil {
		return &ParseError{Path: path, Line: jsonErrLine(b, err), Msg: "metadata: " + err.Error()}
	}
	if m.ID != "" {
		a.ID = m.ID
	}
	a.Title, a.Source, a.URL = m.Title, m.Source, m.URL
	if m.Published != "" {
		d, err := ParseDate(m.Published)
		if err != nil {
			return &ParseError{Path: path, Msg: fmt.Sprintf("published: %v", err)}
		}
		a.Published = d
	}
	a.MetaPath = path
	a.Meta = map[string]string{}
	for k, v := range raw {
		switch k {
		case "id", "published", "title", "source", "url":
		default:
			a.Meta[k] = fmt.Sprint(v)
		}
	}
	return nil
}

// ParseDate accepts an ISO date or timestamp and returns the date as YYYY-MM-DD.
func ParseDate(s string) (string, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", fmt.Errorf("date %q is not an ISO date (YYYY-MM-DD)", s)
}

// jsonErrLine finds the line of a JSON syntax error, or 0.
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
	return 1 + bytes.Count(b[:off], []byte("\n"))
}
