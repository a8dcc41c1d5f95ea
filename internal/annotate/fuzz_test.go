package annotate

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
)

// FuzzAnnotate checks that any text gives valid brat annotations (spans inside the text
// and covering the text they quote, references that exist) that the graph builder accepts.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"US Secretary of State John Kerry spoke with his Russian counterpart Sergey Lavrov.",
		"A ceasefire backed by Russia and the U.S. took effect on 27February. It does not include IS (Daesh).",
		"“Talks,” he said — Erdoğan’s Turkey attacked Al-Nusra, Jund Al-Aqsa, IS, and Ahrar Ash-Sham.\r\n\r\nNext.",
		"---\ntitle: x\n---\nPresident\nBarack Obama visited\n\nHavana.",
		"President Mr. A. B. C. D. E. F. met the.",
	} {
		f.Add(s)
	}
	an, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	b := graph.NewBuilder(nil)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		a, err := an.Article(text, Meta{ID: "fuzz"})
		var pe *ingest.ParseError
		if errors.As(err, &pe) && strings.Contains(pe.Msg, "control character") {
			return // refused up front, as every reader refuses such a text
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(a.Text) == "" {
			return // an empty article is refused by validation, as it should be
		}
		if errs := ingest.Validate(a); len(errs) > 0 {
			t.Fatalf("invalid annotations for %q: %v\n%s", text, errs, a.Annotations)
		}
		if _, err := b.Build(a); err != nil {
			t.Fatalf("build: %v", err)
		}
	})
}
