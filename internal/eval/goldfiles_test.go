package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const goldRoot = "../../examples/gold"

// TestGoldFilesOffsets reads every gold .ann file on its own (not through ingest) and checks
// that each text-bound annotation's text is the text at its offsets, counted in characters
// (Unicode code points, as brat counts them); a discontinuous span's pieces are joined by a
// space, as brat writes them.
func TestGoldFilesOffsets(t *testing.T) {
	anns, err := goldFiles(".ann")
	if err != nil {
		t.Fatal(err)
	}
	if len(anns) < 20 {
		t.Fatalf("found %d gold .ann files under %s, want at least 20", len(anns), goldRoot)
	}
	spans := 0
	for _, ann := range anns {
		b, err := os.ReadFile(strings.TrimSuffix(ann, ".ann") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		text := []rune(string(b))
		a, err := os.ReadFile(ann)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(a), "\n") {
			if !strings.HasPrefix(line, "T") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != 3 {
				t.Errorf("%s:%d: want 3 tab-separated fields: %q", ann, i+1, line)
				continue
			}
			typ, ranges, ok := strings.Cut(f[1], " ")
			if !ok || typ == "" {
				t.Errorf("%s:%d: no type and offsets in %q", ann, i+1, f[1])
				continue
			}
			var pieces []string
			for _, r := range strings.Split(ranges, ";") {
				se := strings.Fields(r)
				if len(se) != 2 {
					t.Errorf("%s:%d: bad range %q", ann, i+1, r)
					continue
				}
				s, err1 := strconv.Atoi(se[0])
				e, err2 := strconv.Atoi(se[1])
				if err1 != nil || err2 != nil || s < 0 || e <= s || e > len(text) {
					t.Errorf("%s:%d: range %q outside the text (%d characters)", ann, i+1, r, len(text))
					continue
				}
				pieces = append(pieces, string(text[s:e]))
			}
			if got := strings.Join(pieces, " "); got != f[2] {
				t.Errorf("%s:%d: %s says %q, the text there is %q", ann, i+1, f[0], f[2], got)
			}
			spans++
		}
	}
	if spans == 0 {
		t.Fatal("no text-bound annotations checked")
	}
}

// TestGoldFilesMetadata checks that every gold article has the metadata the README asks
// for, and that each blind set (blind/, blind-2/, …) has at least 12 articles of the length
// the sets are written to (150–350 words).
func TestGoldFilesMetadata(t *testing.T) {
	metas, err := goldFiles(".meta.json")
	if err != nil {
		t.Fatal(err)
	}
	blind := map[string]int{"blind": 0}
	for _, p := range metas {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var m struct{ ID, Title, Published, Source string }
		if err := json.Unmarshal(b, &m); err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		base := strings.TrimSuffix(filepath.Base(p), ".meta.json")
		if m.ID != base || m.Title == "" || m.Source == "" || len(m.Published) != len("2006-01-02") {
			t.Errorf("%s: want id %q, a title, a source and an ISO publication date: %+v", p, base, m)
		}
		txt, err := os.ReadFile(strings.TrimSuffix(p, ".meta.json") + ".txt")
		if err != nil {
			t.Errorf("%s: no text beside it: %v", p, err)
			continue
		}
		if title, _, _ := strings.Cut(string(txt), "\n"); title != m.Title {
			t.Errorf("%s: title %q, the text's first line is %q", p, m.Title, title)
		}
		if set := filepath.Base(filepath.Dir(p)); strings.HasPrefix(set, "blind") {
			blind[set]++
			if n := len(strings.Fields(string(txt))); n < 150 || n > 350 {
				t.Errorf("%s: %d words, the blind sets' articles have 150 to 350", p, n)
			}
		}
	}
	for set, n := range blind {
		if n < 12 {
			t.Errorf("the blind set %s has %d articles, want at least 12", set, n)
		}
	}
}

// goldFiles lists the files under the gold set whose names end in suffix.
func goldFiles(suffix string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(goldRoot, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, suffix) {
			out = append(out, p)
		}
		return err
	})
	return out, err
}
