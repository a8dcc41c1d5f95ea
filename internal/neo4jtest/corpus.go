package neo4jtest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// RepoRoot returns the repository root (the folder of go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot find the source of neo4jtest")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Corpus writes n copies of the example article into dir as gen-00000 … gen-(n-1), each
// with its own id and publication date, for load tests of any size. It returns dir.
func Corpus(t testing.TB, dir string, n int) string {
	t.Helper()
	return CorpusRange(t, dir, 0, n)
}

// CorpusRange writes the generated articles gen-(from) … gen-(to-1) into dir.
func CorpusRange(t testing.TB, dir string, from, to int) string {
	t.Helper()
	src := filepath.Join(RepoRoot(t), "examples", "articles", "syria-cooperation-2016")
	txt, err := os.ReadFile(src + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	ann, err := os.ReadFile(src + ".ann")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := from; i < to; i++ {
		id := fmt.Sprintf("gen-%05d", i)
		meta := fmt.Sprintf(`{"id": %q, "title": "Generated copy %d", "published": %q, "source": "dipgraph test corpus"}`,
			id, i, day.AddDate(0, 0, i%700).Format("2006-01-02"))
		write(t, filepath.Join(dir, id+".txt"), string(txt))
		write(t, filepath.Join(dir, id+".ann"), string(ann))
		write(t, filepath.Join(dir, id+".meta.json"), meta)
	}
	return dir
}

// Ent is an entity annotation for Article: its brat id, type and surface text, found in
// the text at its first occurrence from the previous entity's start.
type Ent [3]string

// Article writes a brat article NAME.txt/.ann/.meta.json into dir from text, entities and
// raw relation or event lines ("R1\tSpokeWith Arg1:T1 Arg2:T2"), computing the offsets.
func Article(t testing.TB, dir, name, published, text string, ents []Ent, lines ...string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var ann strings.Builder
	from := 0
	for _, e := range ents {
		id, typ, surface := e[0], e[1], e[2]
		i := strings.Index(text[from:], surface)
		if i < 0 {
			i = strings.Index(text, surface)
			if i < 0 {
				t.Fatalf("article %s: %q not in text", name, surface)
			}
		} else {
			i += from
		}
		from = i
		start := utf8.RuneCountInString(text[:i])
		fmt.Fprintf(&ann, "%s\t%s %d %d\t%s\n", id, typ, start, start+utf8.RuneCountInString(surface), surface)
	}
	for _, l := range lines {
		ann.WriteString(l + "\n")
	}
	write(t, filepath.Join(dir, name+".txt"), text)
	write(t, filepath.Join(dir, name+".ann"), ann.String())
	write(t, filepath.Join(dir, name+".meta.json"), fmt.Sprintf(`{"id": %q, "title": "Test article %s", "published": %q}`, name, name, published))
}

func write(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
