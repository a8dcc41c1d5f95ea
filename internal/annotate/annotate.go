package annotate

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"sync"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
)

// dict/cameo-verbs.tsv is derived from the CAMEO verb dictionary of PETRARCH2 (MIT).
//go:generate go run ./internal/gencameo -in ../../../shared/data/petrarch2/CAMEO.verbpatterns.150430.txt -out dict/cameo-verbs.tsv

//go:embed dict/*.tsv dict/*.jsonl
var builtinDicts embed.FS

// Annotator annotates raw text with the dictionaries it holds. It is safe for concurrent
// use once its dictionaries are loaded.
type Annotator struct {
	dict *Dictionary
	// vocabulary ids of the little words the patterns look at
	wAnd, wOr, wThe, wA, wAn, wAs, wWell, wPoss, wBoth, wBy, wOf int32
	poss                                                         map[int32]bool
	aux                                                          map[int32]bool // was, were, been: a passive before a participle
	adverbs                                                      map[int32]bool // also, then: may stand between "and" and a verb
	pronouns                                                     map[int32]bool // he, she
	// object pronouns after a trigger, true for a person (him, her), false for a thing or
	// a group (it, them); subjectIt are it and they before a passive
	objPronouns, subjectIt map[int32]bool
	wHer                   int32
	targetPreps            map[int32]bool // on, against: the target of an attack by someone
	clauseWords            map[int32]bool // and, but, while after a comma: another clause
	relatives              map[int32]bool // which, whom, that: a relative clause
	rw                     relWords       // more little words the relation patterns read
}

// New returns an annotator that knows the actors of g (nil: graph.BuiltinGazetteer()) and
// the annotator's built-in dictionaries (dict/ in this package).
func New(g *graph.Gazetteer) (*Annotator, error) {
	if g == nil {
		g = graph.BuiltinGazetteer()
	}
	d := newDictionary()
	if err := d.AddGazetteer(g); err != nil {
		return nil, err
	}
	names, err := fs.Glob(builtinDicts, "dict/*")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	an := &Annotator{dict: d}
	for _, n := range names {
		f, err := builtinDicts.Open(n)
		if err != nil {
			return nil, err
		}
		err = an.LoadDictionary(f, n)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := an.loadPlaces(); err != nil {
		return nil, err
	}
	id := func(w string) int32 {
		if i, ok := d.vocab[w]; ok {
			return i
		}
		i := int32(len(d.vocab))
		d.vocab[w] = i
		return i
	}
	an.wAnd, an.wOr, an.wThe, an.wA, an.wAn = id("and"), id("or"), id("the"), id("a"), id("an")
	an.wAs, an.wWell, an.wPoss, an.wBoth = id("as"), id("well"), id("'s"), id("both")
	an.poss = map[int32]bool{id("his"): true, id("her"): true, id("its"): true, id("their"): true}
	an.wBy, an.wOf = id("by"), id("of")
	an.aux = map[int32]bool{id("was"): true, id("were"): true, id("been"): true, id("be"): true, id("is"): true, id("are"): true, id("being"): true}
	an.adverbs = map[int32]bool{id("also"): true, id("then"): true, id("later"): true, id("later"): true, id("subsequently"): true, id("formally"): true, id("publicly"): true}
	an.pronouns = map[int32]bool{id("he"): true, id("she"): true}
	an.objPronouns = map[int32]bool{id("him"): true, id("her"): true, id("it"): false, id("them"): false}
	an.subjectIt = map[int32]bool{id("it"): true, id("they"): true}
	an.wHer = id("her")
	an.targetPreps = map[int32]bool{id("on"): true, id("against"): true, id("targeting"): true}
	an.relatives = map[int32]bool{id("which"): true, id("whom"): true, id("that"): true}
	an.clauseWords = map[int32]bool{id("and"): true, id("but"): true, id("while"): true, id("whereas"): true}
	an.rw = newRelWords(id)
	return an, nil
}

// LoadDictionary adds the dictionary in r: JSON Lines actors in the gazetteer's format when
// name ends in .jsonl, otherwise the annotator's tab-separated format.
func (an *Annotator) LoadDictionary(r io.Reader, name string) error {
	if path.Ext(name) == ".jsonl" {
		return an.dict.LoadActors(r, name)
	}
	return an.dict.LoadTSV(r, name)
}

var (
	defaultOnce sync.Once
	defaultAn   *Annotator
	defaultErr  error
)

// Default returns the annotator built from the built-in gazetteer and dictionaries.
func Default() (*Annotator, error) {
	defaultOnce.Do(func() { defaultAn, defaultErr = New(nil) })
	return defaultAn, defaultErr
}

// Meta is what is known about an article besides its text.
type Meta struct {
	ID, Title, Source, URL string
	Published              string // ISO date or empty
	Path                   string // the text file, for messages
	Extra                  map[string]string
}

// Article annotates text with the default annotator and returns it as an ingest.Article
// (Format "text") ready for ingest.Validate and graph.Builder.Build.
func Article(text string, meta Meta) (*ingest.Article, error) {
	an, err := Default()
	if err != nil {
		return nil, err
	}
	return an.Article(text, meta)
}

// GeneratedNote is the text of the note that marks annotations this package wrote.
const GeneratedNote = "generated by dipgraph annotate; review before trusting"

// Article annotates text and returns it as an ingest.Article.
func (an *Annotator) Article(text string, meta Meta) (*ingest.Article, error) {
	if meta.Published != "" {
		d, err := ingest.ParseDate(meta.Published)
		if err != nil {
			return nil, fmt.Errorf("annotate %s: %w", meta.Path, err)
		}
		meta.Published = d
	}
	// A text that no reader would take back is refused before it is annotated.
	if pe := ingest.CheckControl(meta.Path, text); pe != nil {
		return nil, pe
	}
	a := &ingest.Article{ID: meta.ID, Title: meta.Title, Source: meta.Source, URL: meta.URL,
		Published: meta.Published, Path: meta.Path, Format: "text", Text: text, Meta: meta.Extra}
	an.Annotate(a)
	return a, nil
}

// Annotate fills a's annotations (mentions, relations, attributes, equivalences and a note
// marking them as generated) from a.Text, replacing any it had.
func (an *Annotator) Annotate(a *ingest.Article) {
	r := an.run(a.Text)
	a.Mentions, a.Relations, a.Attributes, a.Equivs, a.Notes, a.Norms, a.Events = nil, nil, nil, nil, nil, nil, nil
	a.Mentions = make([]ingest.Mention, 0, len(r.mentions))
	a.Relations = make([]ingest.Relation, 0, len(r.rels))
	spans := make([]ingest.Span, len(r.mentions))
	tid := ids('T', len(r.mentions))
	rid := ids('R', len(r.rels))
	for i, m := range r.mentions {
		id := tid[i]
		s, e := r.toks[m.s], r.toks[m.e-1]
		spans[i] = ingest.Span{Start: int(s.rs), End: int(e.re)}
		a.Mentions = append(a.Mentions, ingest.Mention{ID: id, Type: m.typ, Spans: spans[i : i+1 : i+1], Text: a.Text[s.bs:e.be]})
	}
	for i, rel := range r.rels {
		id := rid[i]
		a.Relations = append(a.Relations, ingest.Relation{ID: id, Type: rel.typ,
			Args: []ingest.Arg{{Role: "Arg1", Ref: tid[rel.a1]}, {Role: "Arg2", Ref: tid[rel.a2]}}})
		for _, at := range rel.attrs {
			a.Attributes = append(a.Attributes, ingest.Attribute{ID: "A" + strconv.Itoa(len(a.Attributes)+1), Name: at, Target: id})
		}
	}
	for _, c := range r.equivs {
		eq := ingest.Equiv{Type: "Equiv"}
		for _, m := range c {
			eq.Refs = append(eq.Refs, tid[m])
		}
		a.Equivs = append(a.Equivs, eq)
	}
	if len(a.Mentions) > 0 {
		a.Notes = []ingest.Note{{ID: "#1", Type: "AnnotatorNotes", Target: "T1", Text: GeneratedNote}}
	}
	a.Annotations = FormatBrat(a)
}

// ids returns the brat ids P1 … Pn, cut from one string.
func ids(prefix byte, n int) []string {
	buf := make([]byte, 0, n*7)
	ends := make([]int, n)
	for i := 0; i < n; i++ {
		buf = append(buf, prefix)
		buf = strconv.AppendInt(buf, int64(i+1), 10)
		ends[i] = len(buf)
	}
	all := string(buf)
	out := make([]string, n)
	start := 0
	for i, e := range ends {
		out[i] = all[start:e]
		start = e
	}
	return out
}

// mention is a found mention over tokens [s, e).
type mention struct {
	s, e int32
	typ  string
	// ref is 1 + the start token of the mention a pronoun or a definite description ("he",
	// "the minister") refers to; such a mention is not written, its relations go to the
	// mention it refers to.
	ref int32
}

// relation is a found relation between mentions (indices into result.mentions).
type relation struct {
	typ    string
	a1, a2 int
	attrs  []string
}

type result struct {
	toks     []token
	mentions []mention
	rels     []relation
	equivs   [][]int
}

// run annotates text.
func (an *Annotator) run(text string) *result {
	tz := tokenizer{vocab: an.dict.vocab}
	toks := tz.tokens(text, make([]token, 0, len(text)/4+16))
	names, verbs := an.dict.match(toks)
	r := &result{toks: toks}
	at := make([]int32, len(toks)) // token → index+1 of the name item starting there
	for i, it := range names {
		at[it.s] = int32(i + 1)
	}
	verbAt := make([]bool, len(toks))
	for _, v := range verbs {
		verbAt[v.s] = true
	}
	p := &pass{an: an, d: an.dict, text: text, toks: toks, names: names, at: at, verbAt: verbAt}
	sents := p.sentences()
	p.mentions(sents)
	p.acronyms()
	p.references(sents)
	p.itReferences(sents)
	equivs := append(p.corefer(), p.nameEquivs()...)
	rels := p.relations(sents, verbs)
	r.mentions, r.rels, r.equivs = p.resolveRefs(rels, equivs)
	return r
}
