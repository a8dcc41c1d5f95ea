package ingest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets for every reader. Run one at a time, for example:
//
//	go test ./ingest -run '^$' -fuzz '^FuzzBratAnn$' -fuzztime 60s -parallel 1
//
// Each is seeded with the real files in ../shared/data/brat-public (when present) and the
// project's own test inputs.

// publicPairs returns the text and annotations of every real brat pair.
func publicPairs(tb testing.TB) [][2]string {
	anns, _ := filepath.Glob(filepath.Join(publicData, "*", "*.ann"))
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

// publicArticles reads the real brat pairs as articles, to seed the JSON readers with them.
func publicArticles(tb testing.TB) []*Article {
	srcs, _ := Discover([]string{publicData})
	var out []*Article
	for _, s := range srcs {
		if a, err := Read(s); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// asNative writes an article as one native JSON line.
func asNative(a *Article) []byte {
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

// asLabelStudio writes an article as a one-task Label Studio export.
func asLabelStudio(a *Article) []byte {
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

// checkMessages fails when a problem is not a positioned message about the named file.
func checkMessages(t *testing.T, errs ParseErrors, paths ...string) {
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

func FuzzBratAnn(f *testing.F) {
	for _, p := range publicPairs(f) {
		f.Add(p[1], p[0])
	}
	f.Add("T1\tPerson 0 5;6 10\tJohn Kerry\nR1\tX Arg1:T1 Arg2:T1\t\nE1\tCall:T1 Agent:T1 Theme2:E1\nA1\tNeg E1\nM2\tConf E1 High\nN1\tReference T1 Wikidata:Q1\tx\n*\tEquiv T1 T1\n#1\tAnnotatorNotes T1\tnote\n", "John\nKerry")
	f.Fuzz(func(t *testing.T, ann, text string) {
		a := &Article{Path: "f.txt", AnnPath: "f.ann", Text: text}
		err := ReadBratAnn(strings.NewReader(ann), "f.ann", a)
		if pes, ok := err.(ParseErrors); ok {
			checkMessages(t, pes, "f.ann:")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		errs := Validate(a)
		checkMessages(t, errs, "f.ann", "f.txt")
		if again := Validate(a); again.Error() != errs.Error() {
			t.Fatalf("validation is not repeatable:\n%v\n---\n%v", errs, again)
		}
		if len(errs) == 0 && err == nil {
			idx := NewTextIndex(a.Text)
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
		if b, err := os.ReadFile(filepath.Join(publicData, d, ConfFileName)); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(diplomacyConf)
	f.Fuzz(func(t *testing.T, conf string) {
		c, err := ReadAnnotationConfig(strings.NewReader(conf), "annotation.conf")
		if pes, ok := err.(ParseErrors); ok {
			checkMessages(t, pes, "annotation.conf:")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if c == nil {
			t.Fatal("no configuration returned")
		}
		// Annotate one mention of every declared type, an event of every event type with
		// every declared role, and check the article against the configuration.
		a := &Article{Path: "f.txt", AnnPath: "f.ann", Text: "x", Config: c}
		n := 0
		for _, m := range []map[string]*TypeDecl{c.Entities, c.Events} {
			for name := range m {
				n++
				a.Mentions = append(a.Mentions, Mention{ID: "T" + name, Type: name, Spans: []Span{{0, 1}}, Text: "x", Line: n})
			}
		}
		for name, ev := range c.Events {
			e := Event{ID: "E" + name, Type: name, Trigger: "T" + name, Line: n}
			for _, arg := range ev.Args {
				for _, typ := range arg.Types {
					e.Args = append(e.Args, Arg{Role: arg.Role, Ref: "T" + typ})
				}
			}
			a.Events = append(a.Events, e)
		}
		for name, r := range c.Relations {
			rel := Relation{ID: "R" + name, Type: name}
			for _, arg := range r.Args {
				if len(arg.Types) > 0 {
					rel.Args = append(rel.Args, Arg{Role: arg.Role, Ref: "T" + arg.Types[0]})
				}
			}
			a.Relations = append(a.Relations, rel)
		}
		for name := range c.Attributes {
			for id := range c.Entities {
				a.Attributes = append(a.Attributes, Attribute{ID: "A" + name + id, Name: name, Target: "T" + id})
				break
			}
		}
		checkMessages(t, Validate(a), "f.ann", "f.txt")
	})
}

func FuzzNative(f *testing.F) {
	for _, a := range publicArticles(f) {
		f.Add(asNative(a))
	}
	f.Add([]byte(nativeLines))
	for _, p := range []string{"testdata/native/in/articles.jsonl", "testdata/native-pretty/in/village.json"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseNative(b, "f.jsonl", 1, MaxTextBytes)
		if pes, ok := err.(ParseErrors); ok {
			checkMessages(t, pes, "f.jsonl:")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if a != nil {
			checkMessages(t, Validate(a), "f.jsonl")
		}
		fuzzStdin(t, b)
	})
}

func FuzzLabelStudio(f *testing.F) {
	for _, a := range publicArticles(f) {
		f.Add(asLabelStudio(a))
	}
	f.Add([]byte(lsExport))
	if b, err := os.ReadFile("testdata/labelstudio/in/export.json"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseLabelStudioTask(b, "f.json", 1, 0, MaxTextBytes)
		if pes, ok := err.(ParseErrors); ok {
			checkMessages(t, pes, "f.json:")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if a != nil {
			checkMessages(t, Validate(a), "f.json")
		}
		fuzzStdin(t, b)
	})
}

// fuzzStdin runs discovery and reading over b as stdin, as "dipgraph ingest -" would.
func fuzzStdin(t *testing.T, b []byte) {
	srcs, err := DiscoverWith([]string{"-"}, Options{Stdin: bytes.NewReader(b)})
	if pes, ok := err.(ParseErrors); ok {
		checkMessages(t, pes, "stdin")
	} else if err != nil && len(srcs) > 0 {
		t.Fatalf("error %T with sources: %v", err, err)
	}
	for _, s := range srcs {
		a, err := ReadValid(s)
		if pes, ok := err.(ParseErrors); ok {
			checkMessages(t, pes, "stdin")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if a != nil {
			idx := NewTextIndex(a.Text)
			for _, m := range a.Mentions {
				if got, ok := idx.Covered(m.Spans); !ok || flattenSpace(got) != flattenSpace(m.Text) {
					t.Fatalf("valid article with mention %s not matching the text", m.ID)
				}
			}
		}
	}
}

func FuzzMeta(f *testing.F) {
	f.Add([]byte(`{"id": "syria-call", "title": "A call", "source": "x", "url": "https://example.org", "published": "2016-03-19", "desk": "world", "n": 3, "tags": ["a"]}`))
	f.Add([]byte(`{"published": "2016-03-19T10:00:00Z"}`))
	if b, err := os.ReadFile("testdata/brat-kinds/in/syria.meta.json"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a := &Article{ID: "f", Path: "f.txt"}
		err := ParseMeta(b, "f.meta.json", a)
		if pe, ok := err.(*ParseError); ok {
			checkMessages(t, ParseErrors{pe}, "f.meta.json")
			return
		} else if pes, ok := err.(ParseErrors); ok {
			checkMessages(t, pes, "f.meta.json")
			return
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if a.Published != "" {
			if _, err := ParseDate(a.Published); err != nil {
				t.Fatalf("published %q accepted but does not parse again", a.Published)
			}
		}
		checkMessages(t, Validate(a), "f.txt", "f.meta.json")
	})
}

func FuzzSentences(f *testing.F) {
	for _, p := range publicPairs(f) {
		f.Add(p[0])
	}
	f.Add("Mr. Kerry met Mr. Lavrov. “We agreed,” he said! Did they? Yes.\n\nU.S. officials said so.")
	f.Fuzz(func(t *testing.T, text string) {
		sents := Sentences(text)
		n := utf8.RuneCountInString(text)
		prev := 0
		for i, s := range sents {
			if s.Start < prev || s.End <= s.Start || s.End > n {
				t.Fatalf("sentence %d = %v after %d in %d characters", i, s, prev, n)
			}
			if got := SentenceAt(sents, s.Start); got != i {
				t.Fatalf("SentenceAt(%d) = %d, want %d", s.Start, got, i)
			}
			prev = s.End
		}
	})
}
