package bench

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// listSep joins list values inside one CSV field; split() takes them apart on the server.
const listSep = "|~|"

// csvFile is one file of the ceiling load and the statement that loads it.
type csvFile struct {
	name   string
	cypher string
}

// writeCSV writes the merged graph of parts to CSV files in dir (a folder inside the
// server's import folder) and returns them in load order: articles and nodes first, then
// mentions and relationships.
func writeCSV(dir string, parts []*graph.ArticleGraph) ([]csvFile, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("csv folder: %w", err)
	}
	g := graph.Merge(parts)
	var files []csvFile
	write := func(name string, header []string, rows [][]string, cypher string) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		w := csv.NewWriter(f)
		w.Write(header)
		w.WriteAll(rows)
		if err := w.Error(); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", name, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		files = append(files, csvFile{name, cypher})
		return nil
	}
	const tx = "} IN TRANSACTIONS OF 10000 ROWS"

	var arts [][]string
	for _, a := range g.Articles {
		arts = append(arts, []string{a.ID, a.Title, a.Source, a.Path, a.Fingerprint, a.Published})
	}
	if err := write("articles.csv", []string{"id", "title", "source", "path", "fingerprint", "published"}, arts,
		`LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  CREATE (a:`+graph.ArticleLabel+` {id: row.id, title: row.title, source: row.source, path: row.path, fingerprint: row.fingerprint})
  SET a.published = CASE WHEN row.published IS NULL THEN null ELSE date(row.published) END
`+tx); err != nil {
		return nil, err
	}

	byLabels := map[string][][]string{}
	for _, n := range g.Nodes {
		ls, err := labelList(n)
		if err != nil {
			return nil, err
		}
		byLabels[ls] = append(byLabels[ls], []string{n.Key, n.Name, n.QID, strings.Join(n.Aliases, listSep), strconv.Itoa(n.Mentions)})
	}
	for i, ls := range sortedKeys(byLabels) {
		if err := write(fmt.Sprintf("nodes-%02d.csv", i), []string{"key", "name", "qid", "aliases", "mentions"}, byLabels[ls],
			`LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  CREATE (n:`+graph.EntityLabel+ls+` {key: row.key, name: row.name})
  SET n.qid = row.qid, n.aliases = split(row.aliases, $sep), n.mention_count = toInteger(row.mentions)
`+tx); err != nil {
			return nil, err
		}
	}

	var ments [][]string
	for _, p := range parts {
		for _, m := range p.Mentions {
			ments = append(ments, []string{p.Article.ID, m.Key, strconv.Itoa(m.Count), strings.Join(m.Forms, listSep)})
		}
	}
	if err := write("mentions.csv", []string{"article", "key", "count", "forms"}, ments,
		`LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  MATCH (a:`+graph.ArticleLabel+` {id: row.article})
  MATCH (e:`+graph.EntityLabel+` {key: row.key})
  CREATE (a)-[:`+graph.MentionsType+` {count: toInteger(row.count), forms: split(row.forms, $sep)}]->(e)
`+tx); err != nil {
		return nil, err
	}

	byType := map[string][][]string{}
	for _, r := range g.Rels {
		t, err := graph.RelType(r.Type)
		if err != nil {
			return nil, err
		}
		ea, ep, es, esp, et := evidenceLists(r.Evidence)
		ss := make([]string, len(es))
		for i, s := range es {
			ss[i] = strconv.FormatInt(s, 10)
		}
		byType[t] = append(byType[t], []string{r.From, r.To, r.Status, r.Role,
			strings.Join(ea, listSep), strings.Join(ep, listSep), strings.Join(ss, listSep), strings.Join(esp, listSep), strings.Join(et, listSep)})
	}
	for _, t := range sortedKeys(byType) {
		if err := write("rels-"+t+".csv", []string{"from", "to", "status", "role", "ea", "ep", "es", "esp", "et"}, byType[t],
			`LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
  MATCH (x:`+graph.EntityLabel+` {key: row.from})
  MATCH (y:`+graph.EntityLabel+` {key: row.to})
  CREATE (x)-[r:`+"`"+t+"`"+` {status: row.status}]->(y)
  SET r.role = row.role, r.ev_article = split(row.ea, $sep), r.ev_published = split(row.ep, $sep),
      r.ev_sentence = [s IN split(row.es, $sep) | toInteger(s)], r.ev_spans = split(row.esp, $sep),
      r.ev_text = split(row.et, $sep), r.mention_count = size(split(row.ea, $sep))
`+tx); err != nil {
			return nil, err
		}
	}
	return files, nil
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// loadCSV runs the LOAD CSV statements of files, found under the import folder's sub
// folder, and returns what they created.
func (c *conn) loadCSV(ctx context.Context, sub string, files []csvFile) (written, error) {
	var total written
	for _, f := range files {
		w, err := c.autoCommit(ctx, f.cypher, map[string]any{"url": "file:///" + sub + "/" + f.name, "sep": listSep})
		if err != nil {
			return total, fmt.Errorf("load %s: %w", f.name, err)
		}
		total.nodes += w.nodes
		total.rels += w.rels
	}
	return total, nil
}
