package brat

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dipgraph/dipgraph/ingest"
)

// Reader reads brat standoff pairs: X.txt with X.ann, an optional X.meta.json and the
// nearest annotation.conf.
type Reader struct{}

var _ ingest.Reader = Reader{}

// Format returns "brat".
func (Reader) Format() string { return Format }

// FilesOnly reports that an article depends on nothing but the bytes of its brat pair (.txt, .ann, .meta.json) and its annotation.conf.
func (Reader) FilesOnly() bool { return true }

// IsSidecar reports whether path is a file brat reads beside a pair, never on its own: a
// metadata sidecar X.meta.json or an annotation.conf.
func IsSidecar(path string) bool {
	base := filepath.Base(path)
	return strings.HasSuffix(base, ".meta.json") || base == ConfFileName
}

// Claim takes .txt and .ann files, and the sidecars, which no other reader may take.
func (Reader) Claim(f *ingest.File) int {
	switch {
	case f.Stdin():
		return ingest.ClaimNone
	case IsSidecar(f.Path):
		return ingest.ClaimSure
	case f.Ext == ".txt" || f.Ext == ".ann":
		return ingest.ClaimSure
	}
	return ingest.ClaimNone
}

// Describe names the files the reader reads, for messages.
func (Reader) Describe() string { return "brat .txt/.ann" }

// Sources adds the pair that f belongs to, once, or says why it cannot be read.
func (Reader) Sources(f *ingest.File) {
	switch {
	case IsSidecar(f.Path):
		sidecar(f)
	case f.Stdin():
		f.Problem(f.Path, 0, "brat needs a .txt and .ann pair; it cannot come on stdin")
	case f.Ext != ".txt" && f.Ext != ".ann":
		if f.Explicit {
			f.Problem(f.Path, 0, "not a brat file: expected X.txt with X.ann")
		}
	default:
		pair(f)
	}
}

// sidecar warns of a metadata file without its pair; a named one is a mistake.
func sidecar(f *ingest.File) {
	base := filepath.Base(f.Path)
	if base == ConfFileName {
		return
	}
	if f.Explicit {
		f.Problem(f.Path, 0, "a metadata sidecar is read with its brat pair; name the .txt or .ann instead")
		return
	}
	stem := strings.TrimSuffix(f.Path, ".meta.json")
	if !exists(stem+".txt") && !exists(stem+".ann") {
		f.Warn(f.Path, "skipped: metadata without its article (%s and %s are missing)", filepath.Base(stem)+".txt", filepath.Base(stem)+".ann")
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// pair adds the brat pair of a .txt or .ann file.
func pair(f *ingest.File) {
	base := strings.TrimSuffix(f.Path, filepath.Ext(f.Path))
	ann := base + ".ann"
	// The key is the string the source keeps anyway: a substring of f.Path would keep the
	// walker's path alive too, for every article of the run.
	if f.Seen(ann) {
		return
	}
	txt, meta := base+".txt", base+".meta.json"
	if !pairComplete(f, txt, ann) {
		return
	}
	files := make([]string, 2, 3) // room for the .meta.json without a second array
	files[0], files[1] = txt, ann
	s := ingest.Source{Path: ann, Files: files}
	if f.Options().Config == "" {
		// Every pair in a folder finds the same annotation.conf: look once per folder.
		s.Config = f.Remember("brat.FindConfig\x00"+filepath.Dir(ann), func() string { return FindConfig(ann) })
	}
	if ok, prob := ingest.RegularFile(meta); prob != "" {
		f.Problem(meta, 0, "%s", prob)
		return
	} else if ok {
		s.Files = append(s.Files, meta)
	}
	f.Add(s)
}

// pairComplete reports whether both files of a pair are there and readable, and says
// what is wrong when they are not.
func pairComplete(f *ingest.File, txt, ann string) bool {
	tok, tprob := ingest.RegularFile(txt)
	aok, aprob := ingest.RegularFile(ann)
	switch {
	case tprob != "" || aprob != "":
		if tprob != "" {
			f.Problem(txt, 0, "%s", tprob)
		}
		if aprob != "" {
			f.Problem(ann, 0, "%s", aprob)
		}
	case !tok && !aok:
		f.Problem(f.Path, 0, "no such file")
	case !tok:
		f.Problem(ann, 0, "annotations without their text: %s is missing", filepath.Base(txt))
	case !aok && !f.Explicit:
		// A lone .txt in a folder may be any text file, but it may as well be an article
		// whose annotations went missing: say that it is skipped.
		f.Warn(txt, "skipped: text without annotations (%s is missing; `dipgraph annotate` writes one, or use --format text)", filepath.Base(ann))
	case !aok:
		f.Problem(txt, 0, "text without annotations: %s is missing", filepath.Base(ann))
	default:
		return true
	}
	return false
}

// Files returns the text, annotation and (or "") metadata files of a brat source.
func Files(s ingest.Source) (txt, ann, meta string) {
	txt, ann = s.Files[0], s.Files[1]
	if len(s.Files) > 2 {
		meta = s.Files[2]
	}
	return txt, ann, meta
}

// Read reads the article of a brat pair.
func (Reader) Read(s ingest.Source) (*ingest.Article, error) {
	txtPath, annPath, metaPath := Files(s)
	text, bom, err := ingest.ReadText(txtPath, s.TextLimit())
	if err != nil {
		return nil, err
	}
	a := &ingest.Article{ID: strings.TrimSuffix(filepath.Base(txtPath), ".txt"), Path: txtPath, AnnPath: annPath, Format: Format, Text: text}
	if metaPath != "" {
		if err := readMeta(metaPath, a); err != nil {
			return nil, err
		}
	}
	var errs ingest.ParseErrors
	if err := attachConfig(s.Config, a, &errs); err != nil {
		return nil, err
	}
	if err := readAnnFile(annPath, a, int(min(s.ArticleLimit(), ingest.MaxLineBytes)), bom, &errs); err != nil {
		return a, err
	}
	if len(errs) > 0 {
		return a, errs
	}
	return a, nil
}

// readAnnFile reads the annotations of a into a, adding the problems of its lines to errs.
func readAnnFile(path string, a *ingest.Article, maxLine int, bom bool, errs *ingest.ParseErrors) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open annotations: %w", err)
	}
	defer f.Close()
	err = readAnn(f, path, a, maxLine)
	if bom {
		shiftForBOM(a)
	}
	var pe ingest.ParseErrors
	switch {
	case errors.As(err, &pe):
		*errs = append(*errs, pe...)
	case err != nil:
		return err
	}
	return nil
}

// attachConfig loads the annotation.conf at path (if any) as a's schema, adding the
// problems of the file to errs.
func attachConfig(path string, a *ingest.Article, errs *ingest.ParseErrors) error {
	if path == "" {
		return nil
	}
	c, err := LoadConfig(path)
	var pe ingest.ParseErrors
	switch {
	case errors.As(err, &pe):
		*errs = append(*errs, pe...)
	case err != nil:
		return err
	}
	if c != nil {
		a.Schema = c
	}
	return nil
}

// WithConfig attaches the annotation.conf that governs a source of any format to the
// article another reader read (a and err, as that reader returned them); the problems of
// the annotation.conf join those of the article.
func WithConfig(s ingest.Source, a *ingest.Article, err error) (*ingest.Article, error) {
	if s.Config == "" || a == nil {
		return a, err
	}
	c, cerr := LoadConfig(s.Config)
	var pe ingest.ParseErrors
	switch {
	case errors.As(cerr, &pe):
		var errs ingest.ParseErrors
		if errors.As(err, &errs) {
			pe = append(errs, pe...)
		} else if err != nil {
			return a, err
		}
		err = pe
	case cerr != nil:
		return nil, cerr
	}
	if c != nil {
		a.Schema = c
	}
	return a, err
}

// shiftForBOM decides what offsets mean in a text that started with a byte-order mark.
// brat reads text with Python's "utf-8" codec, which keeps the mark as a character, so
// offsets from brat count it; other tools drop it first. The article text never holds the
// mark; offsets are moved down by one when that makes more span texts match (brat's
// reading wins a tie).
func shiftForBOM(a *ingest.Article) {
	idx := ingest.NewTextIndex(a.Text)
	keep, shifted := 0, 0
	for _, m := range a.Mentions {
		if got, ok := idx.Covered(m.Spans); ok && got == m.Text {
			keep++
		}
		moved := make([]ingest.Span, len(m.Spans))
		for i, s := range m.Spans {
			moved[i] = ingest.Span{Start: s.Start - 1, End: s.End - 1}
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
