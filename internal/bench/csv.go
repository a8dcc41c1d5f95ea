package bench

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/export"
	"github.com/dipgraph/dipgraph/internal/schema"
)

// csvFile is one file of the ceiling load and the statement that loads it.
type csvFile struct {
	name   string
	cypher string
}

// writeCSV writes the graph of parts, exactly as dipgraph stores it (schema.Build: every
// property, aggregates and evidence included), as the CSV files of `dipgraph export
// --format csv` in dir (a folder inside the server's import folder), and returns them in
// load order with the LOAD CSV statement of each, made from the file's typed header.
func writeCSV(dir string, parts []*graph.ArticleGraph) ([]csvFile, error) {
	if err := export.WriteCSV(dir, schema.Build(parts)); err != nil {
		return nil, err
	}
	var files []csvFile
	for _, name := range []string{export.ArticlesFile, export.EntitiesFile, export.EvidenceFile, export.MentionsFile, export.RelsFile} {
		header, err := readHeader(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		cypher, err := loadStatement(header)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files = append(files, csvFile{name, cypher})
	}
	return files, nil
}

func readHeader(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read csv header: %w", err)
	}
	defer f.Close()
	header, err := csv.NewReader(f).Read()
	if err != nil {
		return nil, fmt.Errorf("read csv header of %s: %w", path, err)
	}
	return header, nil
}

// csvValue is the Cypher value of the column col of an import-tool type kind, and false
// for a type the loader does not know.
func csvValue(kind, col string) (string, bool) {
	switch kind {
	case "", "string":
		return col, true
	case "long":
		return "toInteger(" + col + ")", true
	case "double":
		return "toFloat(" + col + ")", true
	case "boolean":
		return "toBoolean(" + col + ")", true
	case "date":
		return "date(" + col + ")", true
	case "string[]":
		return "split(" + col + ", $sep)", true
	case "long[]":
		return "[x IN split(" + col + ", $sep) | toInteger(x)]", true
	}
	return "", false
}

// quote makes a name a Cypher identifier in backticks.
func quote(name string) string { return "`" + strings.ReplaceAll(name, "`", "``") + "`" }

// loadStatement turns an import-tool header (`key:ID(Entity)`, `:LABEL`, `:START_ID(…)`,
// `:END_ID(…)`, `:TYPE`, `name:type` columns) into a LOAD CSV statement that creates one
// node or relationship per row, in transactions of 10,000 rows. Labels and types come
// from the rows as dynamic labels and types.
func loadStatement(header []string) (string, error) {
	var props []string
	var id, label, start, end, typ string
	from := schema.Entity + " {" + schema.EntityKey + ": "
	for _, h := range header {
		col := "row." + quote(h)
		name, kind, _ := strings.Cut(h, ":")
		switch {
		case strings.HasPrefix(kind, "ID("):
			id = quote(name) + ": " + col
		case h == ":LABEL":
			label = col
		case strings.HasPrefix(h, ":START_ID("):
			start = col
			if h == ":START_ID("+schema.Article+")" {
				from = schema.Article + " {" + schema.ArticleKey + ": "
			}
		case strings.HasPrefix(h, ":END_ID("):
			end = col
		case h == ":TYPE":
			typ = col
		default:
			value, ok := csvValue(kind, col)
			if !ok {
				return "", fmt.Errorf("column %q: unknown type %q", h, kind)
			}
			props = append(props, quote(name)+": "+value)
		}
	}
	const tx = "\n} IN TRANSACTIONS OF 10000 ROWS"
	switch {
	case label != "":
		if id != "" {
			props = append([]string{id}, props...)
		}
		return "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {\n  CREATE (n:$(split(" + label + ", $sep)) {" +
			strings.Join(props, ", ") + "})" + tx, nil
	case start != "" && end != "" && typ != "":
		return "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {\n  MATCH (x:" + from + start + "})\n  MATCH (y:" + schema.Entity +
			" {" + schema.EntityKey + ": " + end + "})\n  CREATE (x)-[r:$(" + typ + ")]->(y)\n  SET r = {" + strings.Join(props, ", ") + "}" + tx, nil
	}
	return "", fmt.Errorf("header %q is neither a node nor a relationship file", header)
}

// loadCSV runs the LOAD CSV statements of files, found under the import folder's sub
// folder, and returns what they created.
func (c *conn) loadCSV(ctx context.Context, sub string, files []csvFile) (written, error) {
	var total written
	for _, f := range files {
		w, err := c.autoCommit(ctx, f.cypher, map[string]any{"url": "file:///" + sub + "/" + f.name, "sep": export.ArrayDelimiter})
		if err != nil {
			return total, fmt.Errorf("load %s: %w", f.name, err)
		}
		total.nodes += w.nodes
		total.rels += w.rels
	}
	return total, nil
}
