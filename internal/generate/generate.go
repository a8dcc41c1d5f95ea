package generate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Options say which corpus to make.
type Options struct {
	Articles int
	Seed     uint64
	// Actors is the size of the actor pool (default 3000).
	Actors int
}

// Corpus generates the articles of one Options. It is safe for concurrent use.
type Corpus struct {
	opt  Options
	pool *pool
}

// New prepares the corpus of opt.
func New(opt Options) *Corpus {
	if opt.Actors <= 0 {
		opt.Actors = 3000
	}
	return &Corpus{opt: opt, pool: newPool(opt.Seed, opt.Actors)}
}

// Article is one generated article: the three files of a brat pair with its sidecar, and
// what its annotations hold.
type Article struct {
	ID        string
	Path      string // relative path without extension, e.g. 0003/gen-0003141
	Published string
	Title     string
	Text      []byte
	Ann       []byte
	Meta      []byte

	Mentions, Relations, Events, Attributes int
}

// epoch is the first publication date of the corpus.
var epoch = time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)

// Article returns article i (0 ≤ i < Articles). The same corpus and i always give the same bytes.
func (c *Corpus) Article(i int) Article {
	r := rand.New(rand.NewPCG(c.opt.Seed, uint64(i)+1))
	id := fmt.Sprintf("gen-%07d", i)
	d := &doc{r: r, p: c.pool, id: id, pub: epoch.AddDate(0, 0, r.IntN(6*365)), seen: map[*actor]string{}}

	// The first sentence's two actors name the article, as news headlines do.
	n := 3 + r.IntN(3)
	for s := 0; s < n; s++ {
		d.anySentence()
		if s%2 == 1 && s < n-1 {
			d.write("\n\n")
		}
	}
	d.write("\n")
	title := titleOf(d)
	body := d.text.String()
	text := title + "\n\n" + body
	ann := shiftAnn(d.ann.String(), len([]rune(title))+2)
	for _, e := range d.equiv {
		ann += "*\tEquiv " + e + "\n"
	}
	meta, _ := json.Marshal(struct {
		ID        string `json:"id"`
		Published string `json:"published"`
		Title     string `json:"title"`
		Source    string `json:"source"`
	}{id, d.pub.Format("2006-01-02"), title, fmt.Sprintf("dipgraph synthetic corpus (seed %d)", c.opt.Seed)})
	return Article{
		ID: id, Path: fmt.Sprintf("%04d/%s", i/1000, id), Published: d.pub.Format("2006-01-02"), Title: title,
		Text: []byte(text), Ann: []byte(ann), Meta: append(meta, '\n'),
		Mentions: d.nT, Relations: d.nR, Events: d.nE, Attributes: d.nA,
	}
}

// titleOf names the article after the first two actors it mentions, as headlines do.
func titleOf(d *doc) string {
	if len(d.order) == 0 {
		return "News in brief"
	}
	forms := []string{"Tensions rise between %s and %s", "%s and %s under pressure", "%s, %s and the search for a settlement", "What %s wants from %s"}
	b := "its neighbours"
	if len(d.order) > 1 {
		b = d.order[1].name
	}
	return capitalise(fmt.Sprintf(pick(d.r, forms), d.order[0].name, b))
}

// shiftAnn moves the offsets of T lines by delta code points (the title is written last,
// before the body).
func shiftAnn(ann string, delta int) string {
	var b strings.Builder
	b.Grow(len(ann) + len(ann)/8)
	for _, line := range strings.SplitAfter(ann, "\n") {
		if !strings.HasPrefix(line, "T") {
			b.WriteString(line)
			continue
		}
		// T12\tType START END\ttext
		tab := strings.IndexByte(line, '\t')
		tab2 := tab + 1 + strings.IndexByte(line[tab+1:], '\t')
		f := strings.Fields(line[tab+1 : tab2])
		var s, e int
		fmt.Sscanf(f[1], "%d", &s)
		fmt.Sscanf(f[2], "%d", &e)
		fmt.Fprintf(&b, "%s\t%s %d %d%s", line[:tab], f[0], s+delta, e+delta, line[tab2:])
	}
	return b.String()
}

// Stats sum what a run wrote.
type Stats struct {
	Articles   int           `json:"articles"`
	Bytes      int64         `json:"bytes"`
	Mentions   int           `json:"mentions"`
	Relations  int           `json:"relations"`
	Events     int           `json:"events"`
	Attributes int           `json:"attributes"`
	Elapsed    time.Duration `json:"elapsed_ns"`
}

func (s *Stats) add(a Article) {
	s.Articles++
	s.Bytes += int64(len(a.Text) + len(a.Ann) + len(a.Meta))
	s.Mentions += a.Mentions
	s.Relations += a.Relations
	s.Events += a.Events
	s.Attributes += a.Attributes
}

// String is the one-line summary of a run.
func (s Stats) String() string {
	per := func(n int) float64 { return float64(n) / float64(max(s.Articles, 1)) }
	return fmt.Sprintf("articles: %d (%.1f MB); per article %.1f text-bound annotations (T: actors, places, dates, triggers), %.1f relations (R), %.2f events (E), %.2f attributes (A); %s",
		s.Articles, float64(s.Bytes)/1e6, per(s.Mentions), per(s.Relations), per(s.Events), per(s.Attributes), s.Elapsed.Round(time.Millisecond))
}

// Write writes the corpus of opt under dir (X.txt, X.ann and X.meta.json per article, in
// subfolders of 1000 articles), several articles at a time, and returns what it wrote.
func Write(ctx context.Context, dir string, opt Options) (Stats, error) {
	start := time.Now()
	if opt.Articles < 0 {
		return Stats{}, errors.New("generate: negative article count")
	}
	c := New(opt)
	g, gctx := errgroup.WithContext(ctx)
	next := make(chan int, 64)
	g.Go(func() error {
		defer close(next)
		for i := 0; i < opt.Articles; i++ {
			select {
			case <-gctx.Done():
				return gctx.Err()
			case next <- i:
			}
		}
		return nil
	})
	var mu sync.Mutex
	var sum Stats
	for range min(runtime.GOMAXPROCS(0), 8) {
		g.Go(func() error {
			made := map[string]bool{}
			for i := range next {
				a := c.Article(i)
				if err := writeArticle(dir, a, made); err != nil {
					return err
				}
				mu.Lock()
				sum.add(a)
				mu.Unlock()
			}
			return nil
		})
	}
	err := g.Wait()
	sum.Elapsed = time.Since(start)
	return sum, err
}

func writeArticle(dir string, a Article, made map[string]bool) error {
	base := filepath.Join(dir, filepath.FromSlash(a.Path))
	sub := filepath.Dir(base)
	if !made[sub] {
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		made[sub] = true
	}
	for _, f := range []struct {
		ext string
		b   []byte
	}{{".txt", a.Text}, {".ann", a.Ann}, {".meta.json", a.Meta}} {
		if err := os.WriteFile(base+f.ext, f.b, 0o644); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
	}
	return nil
}
