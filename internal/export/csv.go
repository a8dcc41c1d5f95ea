package export

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/internal/schema"
)

// ArrayDelimiter separates the elements of array columns in the CSV export. Sentences
// and names contain `;` (the import tool's default), so the export uses the ASCII unit
// separator, which text never holds; pass --array-delimiter=U+001F to the import tool.
const ArrayDelimiter = "\x1f"

// CSV file names, in the order the import command takes them.
const (
	ArticlesFile = "articles.csv"
	EntitiesFile = "entities.csv"
	MentionsFile = "mentions.csv"
	RelsFile     = "relationships.csv"
	EvidenceFile = "evidence.csv"
	ImportScript = "import.sh"
	PostImport   = "post-import.cypher"
)

// WriteCSV writes ds into dir as the node and relationship files of
// `neo4j-admin database import full`, with import.sh holding the command that loads them.
// Articles and entities are separate ID spaces, so an article id may equal an entity key.
func WriteCSV(dir string, ds *schema.Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create csv folder: %w", err)
	}
	files := []struct {
		name  string
		write func(*bufio.Writer) error
	}{
		{ArticlesFile, func(w *bufio.Writer) error { return writeNodes(w, schema.ArticleKey, schema.Article, ds.Articles) }},
		{EntitiesFile, func(w *bufio.Writer) error { return writeNodes(w, schema.EntityKey, schema.Entity, ds.Entities) }},
		{MentionsFile, func(w *bufio.Writer) error { return writeRels(w, schema.Article, ds.Mentions) }},
		{RelsFile, func(w *bufio.Writer) error { return writeRels(w, schema.Entity, ds.Rels) }},
		{EvidenceFile, func(w *bufio.Writer) error { return writeNodes(w, "", "", ds.Evidence) }},
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
	}
	script := fmt.Sprintf(`#!/bin/sh
# Load these files into an empty, stopped database (DATABASE, default neo4j). Then start
# Neo4j and run %s (the schema), e.g. cypher-shell -f %s
set -e
cd "$(dirname "$0")"
neo4j-admin database import full "${DATABASE:-neo4j}" %s
`, PostImport, PostImport, strings.Join(ImportArgs(), " "))
	if err := os.WriteFile(filepath.Join(dir, ImportScript), []byte(script), 0o755); err != nil {
		return fmt.Errorf("write import script: %w", err)
	}
	post := "// Run after neo4j-admin database import, on the started database.\n"
	for _, q := range schema.Constraints {
		post += q + ";\n"
	}
	if err := os.WriteFile(filepath.Join(dir, PostImport), []byte(post), 0o644); err != nil {
		return fmt.Errorf("write post-import script: %w", err)
	}
	return nil
}

// ImportArgs returns the options of `neo4j-admin database import full DATABASE` that load
// the files WriteCSV writes, run in their folder.
func ImportArgs() []string {
	return []string{"--overwrite-destination", "--array-delimiter=U+001F", "--multiline-fields=true",
		"--nodes=" + ArticlesFile, "--nodes=" + EntitiesFile, "--nodes=" + EvidenceFile,
		"--relationships=" + MentionsFile, "--relationships=" + RelsFile}
}

func writeFile(path string, fn func(*bufio.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	w := bufio.NewWriter(f)
	if err := fn(w); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

func nodeProps(nodes []schema.Node) []schema.Props {
	sets := make([]schema.Props, len(nodes))
	for i, n := range nodes {
		sets[i] = n.Props
	}
	return sets
}

func relProps(rels []schema.Rel) []schema.Props {
	sets := make([]schema.Props, len(rels))
	for i, r := range rels {
		sets[i] = r.Props
	}
	return sets
}

// column is a property column: its key and its import type (string, long, double,
// boolean, date, string[], long[]).
type column struct{ key, typ string }

func (c column) header() string {
	if c.typ == "string" {
		return c.key
	}
	return c.key + ":" + c.typ
}

// columns returns the property columns of a list of property sets, in first-seen order,
// skipping the key property that the ID column already stores.
func columns(sets []schema.Props, skip string) ([]column, error) {
	var cols []column
	index := map[string]int{}
	for _, ps := range sets {
		for _, p := range ps {
			if p.Key == skip {
				continue
			}
			t := csvType(p.Value)
			if i, ok := index[p.Key]; ok {
				if cols[i].typ != t {
					return nil, fmt.Errorf("property %s is %s in one row and %s in another", p.Key, cols[i].typ, t)
				}
				continue
			}
			index[p.Key] = len(cols)
			cols = append(cols, column{p.Key, t})
		}
	}
	return cols, nil
}

func csvType(v any) string {
	switch v.(type) {
	case int64, int:
		return "long"
	case float64:
		return "double"
	case bool:
		return "boolean"
	case schema.Date:
		return "date"
	case []string:
		return "string[]"
	case []int64:
		return "long[]"
	}
	return "string"
}

// writeNodes writes a node file whose ID column is the property idKey in the ID space
// space; with no idKey the file has no ID column (nodes no relationship refers to).
func writeNodes(w *bufio.Writer, idKey, space string, nodes []schema.Node) error {
	cols, err := columns(nodeProps(nodes), idKey)
	if err != nil {
		return err
	}
	head := []string{":LABEL"}
	if idKey != "" {
		head = []string{idKey + ":ID(" + space + ")", ":LABEL"}
	}
	for _, c := range cols {
		head = append(head, c.header())
	}
	writeRow(w, head)
	for _, n := range nodes {
		row := []string{csvQuote(strings.Join(n.Labels, ArrayDelimiter))}
		if idKey != "" {
			row = append([]string{csvQuote(n.ID)}, row...)
		}
		row = append(row, cells(cols, n.Props)...)
		writeRow(w, row)
	}
	return nil
}

func writeRels(w *bufio.Writer, startSpace string, rels []schema.Rel) error {
	cols, err := columns(relProps(rels), "")
	if err != nil {
		return err
	}
	head := []string{":START_ID(" + startSpace + ")", ":END_ID(" + schema.Entity + ")", ":TYPE"}
	for _, c := range cols {
		head = append(head, c.header())
	}
	writeRow(w, head)
	for _, r := range rels {
		row := []string{csvQuote(r.From), csvQuote(r.To), csvQuote(r.Type)}
		row = append(row, cells(cols, r.Props)...)
		writeRow(w, row)
	}
	return nil
}

// cells renders the properties in column order; a missing property is an empty,
// unquoted field, which the import tool leaves unset, while an empty string is "".
func cells(cols []column, ps schema.Props) []string {
	m := map[string]any{}
	for _, p := range ps {
		m[p.Key] = p.Value
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		v, ok := m[c.key]
		if !ok {
			continue
		}
		out[i] = csvQuote(csvValue(v))
	}
	return out
}

func csvValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case schema.Date:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case []string:
		return strings.Join(x, ArrayDelimiter)
	case []int64:
		s := make([]string, len(x))
		for i, n := range x {
			s[i] = strconv.FormatInt(n, 10)
		}
		return strings.Join(s, ArrayDelimiter)
	}
	return fmt.Sprint(v)
}

// csvQuote always quotes, so that an empty string stays an empty string and leading or
// trailing spaces survive the import tool's trimming.
func csvQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func writeRow(w *bufio.Writer, fields []string) {
	w.WriteString(strings.Join(fields, ","))
	w.WriteByte('\n')
}
