// Package ingesttest holds what the tests of ingest and its readers share: the real brat
// files beside the repository, articles written out in the JSON formats to seed the
// fuzz targets, and the check that a problem is a positioned message.
package ingesttest

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/testenv/golden"
)

// PublicData is the folder of real brat files beside the repository
// (../shared/data/brat-public), found from the test's folder.
var PublicData = func() string {
	dir, _ := os.Getwd()
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "..", "shared", "data", "brat-public")
		}
		if filepath.Dir(d) == d {
			return filepath.Join(dir, "..", "..", "shared", "data", "brat-public")
		}
	}
}()

// PublicPairs returns the text and annotations of every real brat pair.
func PublicPairs(tb testing.TB) [][2]string {
	anns, _ := filepath.Glob(filepath.Join(PublicData, "*", "*.ann"))
	var out [][2]string
	for _, ann := range anns {
		a, err1 := os.ReadFile(ann)
		t, err2 := os.ReadFile(strings.TrimSuffix(ann, ".ann") + ".txt")
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, [2]string{string(t), string(a)})
	}
	return out
}

// PublicArticles reads the real brat pairs as articles, to seed the JSON readers with them.
func PublicArticles(tb testing.TB) []*ingest.Article {
	srcs, _, _ := ingest.Discover([]string{PublicData}, ingest.Options{Readers: readers.All()})
	var out []*ingest.Article
	for _, s := range srcs {
		if a, err := ingest.Read(s); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// AsNative writes an article as one native JSON line.
func AsNative(a *ingest.Article) []byte {
	na := map[string]any{"id": a.ID, "text": a.Text}
	var ms []map[string]any
	for _, m := range a.Mentions {
		sp := [][2]int{}
		for _, s := range m.Spans {
			sp = append(sp, [2]int{s.Start, s.End})
		}
		ms = append(ms, map[string]any{"id": m.ID, "type": m.Type, "spans": sp, "text": m.Text})
	}
	na["mentions"] = ms
	var rs []map[string]any
	for _, r := range a.Relations {
		var args []map[string]string
		for _, x := range r.Args {
			args = append(args, map[string]string{"role": x.Role, "ref": x.Ref})
		}
		rs = append(rs, map[string]any{"id": r.ID, "type": r.Type, "args": args})
	}
	na["relations"] = rs
	var es []map[string]any
	for _, e := range a.Events {
		var args []map[string]string
		for _, x := range e.Args {
			args = append(args, map[string]string{"role": x.Role, "ref": x.Ref})
		}
		es = append(es, map[string]any{"id": e.ID, "type": e.Type, "trigger": e.Trigger, "args": args})
	}
	na["events"] = es
	b, _ := json.Marshal(na)
	return b
}

// AsLabelStudio writes an article as a one-task Label Studio export.
func AsLabelStudio(a *ingest.Article) []byte {
	var res []map[string]any
	for _, m := range a.Mentions {
		if len(m.Spans) != 1 {
			continue
		}
		res = append(res, map[string]any{"id": m.ID, "type": "labels", "from_name": "label", "to_name": "text",
			"value": map[string]any{"start": m.Spans[0].Start, "end": m.Spans[0].End, "text": m.Text, "labels": []string{m.Type}}})
	}
	for _, r := range a.Relations {
		res = append(res, map[string]any{"type": "relation", "from_id": r.Args[0].Ref, "to_id": r.Args[len(r.Args)-1].Ref, "direction": "right", "labels": []string{r.Type}})
	}
	b, _ := json.MarshalIndent([]any{map[string]any{"id": 1, "data": map[string]any{"text": a.Text}, "annotations": []any{map[string]any{"result": res}}}}, "", " ")
	return b
}

// CheckMessages fails when a problem is not a positioned message about the named file.
func CheckMessages(t *testing.T, errs ingest.ParseErrors, paths ...string) {
	for _, e := range errs {
		ok := false
		for _, p := range paths {
			if strings.HasPrefix(e.Error(), p) {
				ok = true
			}
		}
		if !ok || e.Msg == "" || !utf8.ValidString(e.Msg) {
			t.Fatalf("bad message %q", e.Error())
		}
	}
}

// WriteFiles creates the files (name → content) under dir.
func WriteFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Discover is ingest.Discover with every reader (unless opt names its own) and without
// the warnings.
func Discover(paths []string, opt ingest.Options) ([]ingest.Source, error) {
	if opt.Readers == nil {
		opt.Readers = readers.All()
	}
	srcs, _, err := ingest.Discover(paths, opt)
	return srcs, err
}

// Problems runs discovery, reading and validation over paths (relative to dir) and returns
// every message, with dir left out so messages read as the user would see them.
func Problems(t *testing.T, dir string, paths []string, opt ingest.Options) ([]string, []*ingest.Article) {
	t.Helper()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	var out []string
	add := func(err error) {
		var pes ingest.ParseErrors
		var pe *ingest.ParseError
		switch {
		case errors.As(err, &pes):
			for _, e := range pes {
				out = append(out, e.Error())
			}
		case errors.As(err, &pe):
			out = append(out, pe.Error())
		default:
			out = append(out, "ERROR "+err.Error())
		}
	}
	srcs, err := Discover(paths, opt)
	if err != nil {
		add(err)
	}
	var arts []*ingest.Article
	ids := ingest.ArticleIDs{}
	for _, s := range srcs {
		a, err := ingest.ReadValid(s)
		if err != nil {
			add(err)
			continue
		}
		if pe := ids.Claim(a); pe != nil {
			add(pe)
			continue
		}
		arts = append(arts, a)
	}
	return out, arts
}

// NeedPublicData skips the test, with the reason, when the public brat files are not beside
// the repository.
func NeedPublicData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(PublicData); err != nil {
		t.Skipf("skipped: the public brat files are not beside this clone (%s): %v", PublicData, err)
	}
}

// FuzzStdin runs discovery and reading over b as stdin, as "dipgraph ingest -" would.
func FuzzStdin(t *testing.T, b []byte) {
	srcs, err := Discover([]string{"-"}, ingest.Options{Stdin: bytes.NewReader(b)})
	if pes, ok := err.(ingest.ParseErrors); ok {
		CheckMessages(t, pes, "stdin")
	} else if err != nil && len(srcs) > 0 {
		t.Fatalf("error %T with sources: %v", err, err)
	}
	for _, s := range srcs {
		a, err := ingest.ReadValid(s)
		if pes, ok := err.(ingest.ParseErrors); ok {
			CheckMessages(t, pes, "stdin")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if a != nil {
			idx := ingest.NewTextIndex(a.Text)
			for _, m := range a.Mentions {
				if got, ok := idx.Covered(m.Spans); !ok || ingest.FlattenSpace(got) != ingest.FlattenSpace(m.Text) {
					t.Fatalf("valid article with mention %s not matching the text", m.ID)
				}
			}
		}
	}
}

// goldenArticle is an article as the golden files show it: the configuration by its path,
// the raw annotations left out (they are the input).
type goldenArticle struct {
	ingest.Article
	Config string `json:",omitempty"`
}

type goldenResult struct {
	Articles []goldenArticle
	Problems []string `json:",omitempty"`
}

// Golden reads every testdata/<case>/in/ folder with the readers of opt and compares the
// articles and problems with testdata/<case>/want.json (go test -run TestGolden -update
// rewrites them after a deliberate change).
func Golden(t *testing.T, opt ingest.Options) {
	dirs := golden.Cases(t, "in")
	if len(dirs) == 0 {
		t.Fatal("no golden cases (testdata/<case>/in)")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			msgs, arts := Problems(t, filepath.Join(dir, "in"), []string{"."}, opt)
			res := goldenResult{Problems: msgs, Articles: []goldenArticle{}}
			for _, a := range arts {
				g := goldenArticle{Article: *a}
				g.Article.Annotations = ""
				if c, ok := a.Schema.(*brat.Config); ok {
					g.Config = c.Path
				}
				res.Articles = append(res.Articles, g)
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join(dir, "want.json"), append(got, '\n'))
		})
	}
}
