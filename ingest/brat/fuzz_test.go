package brat_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
)

// Fuzz targets of the brat reader. Run one at a time, for example:
//
//	go test ./ingest/brat -run '^$' -fuzz '^FuzzBratAnn$' -fuzztime 60s -parallel 1
//
// Each is seeded with the real files in ../shared/data/brat-public (when present) and the
// project's own test inputs.

func FuzzBratAnn(f *testing.F) {
	for _, p := range ingesttest.PublicPairs(f) {
		f.Add(p[1], p[0])
	}
	f.Add("T1\tPerson 0 5;6 10\tJohn Kerry\nR1\tX Arg1:T1 Arg2:T1\t\nE1\tCall:T1 Agent:T1 Theme2:E1\nA1\tNeg E1\nM2\tConf E1 High\nN1\tReference T1 Wikidata:Q1\tx\n*\tEquiv T1 T1\n#1\tAnnotatorNotes T1\tnote\n", "John\nKerry")
	f.Fuzz(func(t *testing.T, ann, text string) {
		a := &ingest.Article{Path: "f.txt", AnnPath: "f.ann", Text: text}
		err := brat.ReadAnn(strings.NewReader(ann), "f.ann", a)
		if pes, ok := err.(ingest.ParseErrors); ok {
			ingesttest.CheckMessages(t, pes, "f.ann:")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		errs := ingest.Validate(a)
		ingesttest.CheckMessages(t, errs, "f.ann", "f.txt")
		if again := ingest.Validate(a); again.Error() != errs.Error() {
			t.Fatalf("validation is not repeatable:\n%v\n---\n%v", errs, again)
		}
		if len(errs) == 0 && err == nil {
			idx := ingest.NewTextIndex(a.Text)
			for _, m := range a.Mentions {
				if _, ok := idx.Covered(m.Spans); !ok {
					t.Fatalf("valid article with %s outside the text", m.ID)
				}
			}
		}
	})
}
func FuzzAnnotationConfig(f *testing.F) {
	for _, d := range []string{"news", "BioNLP-ST_2011_GE", "BioNLP-ST_2011_EPI"} {
		if b, err := os.ReadFile(filepath.Join(ingesttest.PublicData, d, brat.ConfFileName)); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(diplomacyConf)
	f.Fuzz(func(t *testing.T, conf string) {
		c, err := brat.ReadConfig(strings.NewReader(conf), "annotation.conf")
		if pes, ok := err.(ingest.ParseErrors); ok {
			ingesttest.CheckMessages(t, pes, "annotation.conf:")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if c == nil {
			t.Fatal("no configuration returned")
		}
		// Annotate one mention of every declared type, an event of every event type with
		// every declared role, and check the article against the configuration.
		a := &ingest.Article{Path: "f.txt", AnnPath: "f.ann", Text: "x", Schema: c}
		n := 0
		for _, m := range []map[string]*brat.TypeDecl{c.Entities, c.Events} {
			for name := range m {
				n++
				a.Mentions = append(a.Mentions, ingest.Mention{ID: "T" + name, Type: name, Spans: []ingest.Span{{Start: 0, End: 1}}, Text: "x", Line: n})
			}
		}
		for name, ev := range c.Events {
			e := ingest.Event{ID: "E" + name, Type: name, Trigger: "T" + name, Line: n}
			for _, arg := range ev.Args {
				for _, typ := range arg.Types {
					e.Args = append(e.Args, ingest.Arg{Role: arg.Role, Ref: "T" + typ})
				}
			}
			a.Events = append(a.Events, e)
		}
		for name, r := range c.Relations {
			rel := ingest.Relation{ID: "R" + name, Type: name}
			for _, arg := range r.Args {
				if len(arg.Types) > 0 {
					rel.Args = append(rel.Args, ingest.Arg{Role: arg.Role, Ref: "T" + arg.Types[0]})
				}
			}
			a.Relations = append(a.Relations, rel)
		}
		for name := range c.Attributes {
			for id := range c.Entities {
				a.Attributes = append(a.Attributes, ingest.Attribute{ID: "A" + name + id, Name: name, Target: "T" + id})
				break
			}
		}
		ingesttest.CheckMessages(t, ingest.Validate(a), "f.ann", "f.txt")
	})
}
func FuzzMeta(f *testing.F) {
	f.Add([]byte(`{"id": "syria-call", "title": "A call", "source": "x", "url": "https://example.org", "published": "2016-03-19", "desk": "world", "n": 3, "tags": ["a"]}`))
	f.Add([]byte(`{"published": "2016-03-19T10:00:00Z"}`))
	if b, err := os.ReadFile("testdata/brat-kinds/in/syria.meta.json"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a := &ingest.Article{ID: "f", Path: "f.txt"}
		err := brat.ParseMeta(b, "f.meta.json", a)
		if pe, ok := err.(*ingest.ParseError); ok {
			ingesttest.CheckMessages(t, ingest.ParseErrors{pe}, "f.meta.json")
			return
		} else if pes, ok := err.(ingest.ParseErrors); ok {
			ingesttest.CheckMessages(t, pes, "f.meta.json")
			return
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if a.Published != "" {
			if _, err := ingest.ParseDate(a.Published); err != nil {
				t.Fatalf("published %q accepted but does not parse again", a.Published)
			}
		}
		ingesttest.CheckMessages(t, ingest.Validate(a), "f.txt", "f.meta.json")
	})
}
