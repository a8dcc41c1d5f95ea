package load

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/store"
)

// An unchanged re-ingest skips reading: every article is stored with the digest of the
// bytes it was read from (its files, its annotation.conf, and what else decides its
// graph), and a source whose digest a stored article carries is counted unchanged without
// being read, parsed, validated or resolved. Any other source (a new or changed digest, a
// graph written before digests, a reader that is not ingest.FilesOnly) is read and
// fingerprinted as before, and an article found unchanged that way gets its digest
// recorded, so the next run skips it. docs/LOADING.md gives the reasoning.

// DigestStore is a Writer that finds stored articles by their source digest and records
// digests on stored articles. The Neo4j store is one; a Writer that is not skips nothing.
type DigestStore interface {
	// ArticlesByDigest returns the id of the complete stored article carrying each digest
	// that exactly one such article carries.
	ArticlesByDigest(ctx context.Context, digests []string) (map[string]string, error)
	// SetSourceDigests records digests on stored articles that still have the fingerprint given.
	SetSourceDigests(ctx context.Context, ds []store.SourceDigest) error
}

// digestVersion changes whenever a reader changes the article that given bytes read to
// (an id taken from elsewhere, a field read differently), so that sources loaded by an
// older dipgraph are read again rather than skipped.
const digestVersion = "1"

// digestChunk is how many digests one lookup sends.
const digestChunk = 5000

// sourceDigests returns the digest of each source, "" for one that must be read: its
// reader is not ingest.FilesOnly, it came from stdin, or a file could not be read (reading
// it reports why). A digest covers the bytes and base names of the source's files, its
// annotation.conf, where in the file the article is, the options that decide whether it
// is valid, the model version and the gazetteer. The sources are hashed on GOMAXPROCS
// goroutines, a run of consecutive sources read from the same files (a JSON Lines file
// holds many) at a time, so that a file is hashed once and no table of every file is
// kept: memory stays that of the digests (a million sources hold 3 million files).
func sourceDigests(ctx context.Context, srcs []ingest.Source, b *graph.Builder) []string {
	buf := make([]byte, 64<<10)
	configs := map[string]string{} // annotation.conf → its hash: a few per corpus
	var starts []int               // where each run of sources with the same files starts
	for i, s := range srcs {
		if i == 0 || !slices.Equal(sourceFiles(s), sourceFiles(srcs[i-1])) {
			starts = append(starts, i)
		}
		if _, ok := configs[s.Config]; !ok && s.Config != "" && digestible(s) {
			configs[s.Config] = hashFile(s.Config, buf)
		}
	}
	salt := digestVersion + "\x00" + graph.ModelVersion + "\x00" + b.Gazetteer.Digest()
	out := make([]string, len(srcs))
	bufs := make([][]byte, runtime.GOMAXPROCS(0))
	each(ctx, len(starts), func(w, u int) {
		lo, hi := starts[u], len(srcs)
		if u+1 < len(starts) {
			hi = starts[u+1]
		}
		if !slices.ContainsFunc(srcs[lo:hi], digestible) {
			return
		}
		if bufs[w] == nil {
			bufs[w] = make([]byte, 64<<10)
		}
		files := map[string]string{}
		for _, p := range sourceFiles(srcs[lo]) {
			files[p] = hashFile(p, bufs[w])
		}
		for i := lo; i < hi; i++ {
			if digestible(srcs[i]) {
				out[i] = sourceDigest(srcs[i], salt, files, configs)
			}
		}
	})
	return out
}

func digestible(s ingest.Source) bool { return s.Data == nil && s.FilesOnly() }

// sourceFiles are the files a source is read from.
func sourceFiles(s ingest.Source) []string {
	if len(s.Files) > 0 {
		return s.Files
	}
	return []string{s.Path}
}

// sourceDigest combines the hashes of a source's files and config (files and configs:
// path → hash, "" when it could not be read) with everything else that decides its article; "" when a file is
// missing.
func sourceDigest(s ingest.Source, salt string, files, configs map[string]string) string {
	h := sha256.New()
	put := func(v string) { io.WriteString(h, v); h.Write([]byte{0}) }
	put(salt)
	put(s.Format)
	put(strconv.FormatBool(s.Strict))
	put(strconv.FormatInt(s.Limit, 10))
	put(fmt.Sprintf("%d:%d:%d", s.Offset, s.Line, s.Index))
	for _, p := range sourceFiles(s) {
		if files[p] == "" {
			return ""
		}
		put(filepath.Base(p)) // brat takes the article id from the name
		put(files[p])
	}
	if s.Config != "" {
		if configs[s.Config] == "" {
			return ""
		}
		put("config")
		put(configs[s.Config])
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// each calls fn(w, i) for every i in [0, n) on up to GOMAXPROCS goroutines, w numbering
// the goroutine (from 0) so that fn can keep something per goroutine. It stops handing
// out indexes once ctx is done.
func each(ctx context.Context, n int, fn func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				fn(w, i)
			}
		})
	}
	wg.Wait()
}

// hashFile returns the hex SHA-256 of a file's content, "" when it cannot be read. The
// files are those discovery found to be regular files (ingest.RegularFile), as the readers
// open them: no pipe or device that could block.
func hashFile(path string, buf []byte) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	for { // not io.CopyBuffer: *os.File's WriteTo would take a buffer of its own each time
		n, err := f.Read(buf)
		h.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return ""
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// newSkipper returns the skipper of a run whose sources have digests (nil when the
// store keeps none): it asks ds which digests stored articles carry.
func newSkipper(ctx context.Context, ds DigestStore, digests *runDigests, log *slog.Logger) (*skipper, error) {
	if ds == nil || digests == nil {
		return nil, nil
	}
	digests.mu.Lock()
	all := slices.Clone(digests.of)
	digests.mu.Unlock()
	start := time.Now()
	known, err := storedDigests(ctx, ds, all)
	log.Debug("looked the source digests up", "known", len(known), "elapsed", time.Since(start))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err() // interrupted: nothing read, nothing written
		}
		return nil, err
	}
	return &skipper{digests: digests, known: known, skipped: map[string]ingest.Source{}}, nil
}

// storedDigests asks ds which of the digests stored articles carry: digest → article id.
func storedDigests(ctx context.Context, ds DigestStore, digests []string) (map[string]string, error) {
	var todo []string
	seen := map[string]bool{}
	for _, d := range digests {
		if d != "" && !seen[d] {
			seen[d] = true
			todo = append(todo, d)
		}
	}
	known := map[string]string{}
	for len(todo) > 0 {
		n := min(len(todo), digestChunk)
		m, err := ds.ArticlesByDigest(ctx, todo[:n])
		if err != nil {
			return nil, err
		}
		for d, id := range m {
			known[d] = id
		}
		todo = todo[n:]
	}
	return known, nil
}

// skipper decides, source by source in order, which sources the reader skips, and keeps
// the article ids they claim.
type skipper struct {
	digests *runDigests       // of each source, "" for none
	known   map[string]string // digest → id of the stored article that carries it
	// skipped are the ids claimed by skipped sources: only their id is known, so a later
	// clash reads the source to say where the id was first used, as a read one would.
	skipped map[string]ingest.Source
}

// skip reports whether source i is unchanged by its digest, and claims its article id in
// ids. A source whose id is taken already is not skipped: reading it reports the clash.
func (k *skipper) skip(i int, src ingest.Source, ids ingest.ArticleIDs) bool {
	if k == nil {
		return false
	}
	d := k.digests.get(i)
	if d == "" {
		return false
	}
	id, ok := k.known[d]
	if !ok {
		return false
	}
	if _, taken := ids[id]; taken {
		return false
	}
	ids[id] = src.Name()
	k.skipped[id] = src
	return true
}

// claim claims a's id in ids, as ingest.ArticleIDs.Claim does; when a skipped source
// claimed it first, that source is read so that the clash names it as Claim would.
func (k *skipper) claim(a *ingest.Article, ids ingest.ArticleIDs, read ReadFunc) *ingest.ParseError {
	if k != nil {
		if src, ok := k.skipped[a.ID]; ok {
			delete(k.skipped, a.ID)
			if read == nil {
				read = ingest.ReadValid
			}
			if first, err := read(src); err == nil && first.ID == a.ID {
				delete(ids, a.ID)
				ids.Claim(first)
			}
		}
	}
	return ids.Claim(a)
}

// dropWarned returns opt.Read (nil: ingest.ReadValid) made to forget the digest of a
// source whose article comes with warnings: it is read again on every run, so that its
// warnings are printed every time, as before digests.
func (opt Options) dropWarned(srcs []ingest.Source) ReadFunc {
	read, digests := opt.Read, opt.digests
	if digests == nil {
		return read
	}
	if read == nil {
		read = ingest.ReadValid
	}
	// The sources in position order, to find those at a source's position by binary
	// search: 4 bytes a source where a map would take some 150.
	at := func(a, b ingest.Source) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Offset, b.Offset),
			cmp.Compare(a.Line, b.Line), cmp.Compare(a.Index, b.Index))
	}
	order := make([]int32, len(srcs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return at(srcs[x], srcs[y]) })
	return func(s ingest.Source) (*ingest.Article, error) {
		a, err := read(s)
		if a != nil && len(a.Warnings) > 0 {
			k, _ := slices.BinarySearchFunc(order, s, func(i int32, s ingest.Source) int { return at(srcs[i], s) })
			digests.mu.Lock()
			for ; k < len(order) && at(srcs[order[k]], s) == 0; k++ {
				digests.of[order[k]] = ""
			}
			digests.mu.Unlock()
		}
		return a, err
	}
}

func (opt Options) digest(i int) string { return opt.digests.get(i) }

// runDigests are the source digests of a run, by source; a read that finds warnings
// clears one (Options.dropWarned) while other sources are being read.
type runDigests struct {
	mu sync.Mutex
	of []string
}

// get returns the digest of source i, "" when there is none.
func (d *runDigests) get(i int) string {
	if d == nil {
		return ""
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.of[i]
}
