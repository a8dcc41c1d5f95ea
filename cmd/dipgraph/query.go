package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/dipgraph/dipgraph/queries"
)

func queryCommand() *cli.Command {
	dirFlag := &cli.StringFlag{Name: "queries-dir", Usage: "also read saved queries from `DIR` (they override built-in ones of the same name)", EnvVars: []string{"DIPGRAPH_QUERIES"}}
	return &cli.Command{
		Name:  "query",
		Usage: "list, show and run saved Cypher queries",
		Description: `Saved queries are .cypher files (see queries/ in the repository); add your own with
--queries-dir DIR or DIPGRAPH_QUERIES.

Examples:
   dipgraph query list
   dipgraph query show spoke-with
   dipgraph query run spoke-with --param actor="John Kerry"
   dipgraph query run fights --param actor=IS --format csv > fights.csv`,
		Subcommands: []*cli.Command{
			{
				Name:  "list",
				Usage: "list the saved queries with their descriptions",
				Flags: []cli.Flag{dirFlag},
				Action: func(c *cli.Context) error {
					set, err := queries.Load(c.String("queries-dir"))
					if err != nil {
						return err
					}
					rows := [][]string{}
					for _, q := range set.All() {
						rows = append(rows, []string{q.Name, q.Description})
					}
					return writeTable(c.App.Writer, []string{"name", "description"}, rows, terminalWidth(c))
				},
			},
			{
				Name:      "show",
				Usage:     "print a saved query with its parameters",
				ArgsUsage: "NAME",
				Flags:     []cli.Flag{dirFlag},
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usagef("query show needs one NAME (see `dipgraph query list`)")
					}
					set, err := queries.Load(c.String("queries-dir"))
					if err != nil {
						return err
					}
					q, err := set.Get(c.Args().First())
					if err != nil {
						return err
					}
					fmt.Fprintf(c.App.Writer, "%s (%s)\n\n%s", q.Name, q.Source, q.Body)
					if !strings.HasSuffix(q.Body, "\n") {
						fmt.Fprintln(c.App.Writer)
					}
					return nil
				},
			},
			{
				Name:      "run",
				Usage:     "run a saved query and print its rows",
				ArgsUsage: "NAME",
				Description: `Runs the query in a read transaction with the parameters given as --param key=value
(converted to the types the query declares). Output is a table on a terminal and JSON
Lines otherwise, unless --format says table, json or csv.

Examples:
   dipgraph query run spoke-with --param actor="John Kerry"
   dipgraph query run excluded-from --param agreement=ceasefire --format json`,
				Flags: append(connFlags(), dirFlag,
					&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "a query parameter as `key=value` (repeatable)"},
					&cli.StringFlag{Name: "format", Usage: "table, json or csv (default: table on a terminal, json otherwise)"},
				),
				Action: runQuery,
			},
			{
				Name:  "guide",
				Usage: "write the Neo4j Browser guide and the post-connect command generated from the saved queries",
				Description: `Writes guide.html (the Browser guide that :play shows: the schema and every saved
query as a runnable block with its example's values) and post-connect.txt (the
browser.post_connect_cmd that applies style.grass and plays the guide) into --out-dir.
The committed copies live in scripts/browser/; a test checks they match.

Examples:
   dipgraph query guide --out-dir scripts/browser`,
				Flags: []cli.Flag{dirFlag,
					&cli.StringFlag{Name: "out-dir", Value: "scripts/browser", Usage: "write guide.html and post-connect.txt into `DIR` (it must hold style.grass)"},
				},
				Action: func(c *cli.Context) error {
					set, err := queries.Load(c.String("queries-dir"))
					if err != nil {
						return err
					}
					return writeBrowserFiles(c.String("out-dir"), set)
				},
			},
		},
	}
}

// Where the Browser finds the guide: the local launcher serves it from the Neo4j HTTP port
// (it adds the file to the Browser's own jar), docker-compose from the browser-guide service.
const (
	localGuideURL   = "http://localhost:@HTTP_PORT@/browser/dipgraph/guide.html"
	composeGuideURL = "http://localhost:7480/dipgraph/guide.html"
)

// writeBrowserFiles writes guide.html and post-connect.txt into dir from its style.grass.
func writeBrowserFiles(dir string, set *queries.Set) error {
	var guide strings.Builder
	if err := queries.WriteGuide(&guide, set); err != nil {
		return err
	}
	grass, err := os.ReadFile(filepath.Join(dir, "style.grass"))
	if err != nil {
		return fmt.Errorf("read style: %w", err)
	}
	pc, err := postConnect(string(grass), localGuideURL)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(dir, "style.grass"), err)
	}
	if err := os.WriteFile(filepath.Join(dir, "guide.html"), []byte(guide.String()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "post-connect.txt"), []byte(pc+"\n"), 0o644)
}

// postConnect is the Browser's post-connect command: apply the style, then play the guide.
// The Browser splits the setting at semicolons outside quotes and runs each part as a
// :command, and :style takes a style as JSON on one line, so the GraSS becomes JSON.
func postConnect(grass, guideURL string) (string, error) {
	style, err := grassJSON(grass)
	if err != nil {
		return "", err
	}
	return "style " + style + "; play " + guideURL, nil
}

// grassJSON converts a GraSS style sheet (selector { property: value; … }) to the JSON
// form the Browser's :style command accepts, keeping the order of rules, which the Browser
// applies in turn (later rules win).
func grassJSON(grass string) (string, error) {
	for {
		i := strings.Index(grass, "/*")
		if i < 0 {
			break
		}
		j := strings.Index(grass[i:], "*/")
		if j < 0 {
			return "", fmt.Errorf("unterminated comment")
		}
		grass = grass[:i] + grass[i+j+2:]
	}
	var b strings.Builder
	b.WriteString("{")
	rest := grass
	first := true
	for strings.TrimSpace(rest) != "" {
		open := indexOutsideQuotes(rest, '{')
		closing := indexOutsideQuotes(rest, '}')
		if open < 0 || closing < open {
			return "", fmt.Errorf("expected `selector { property: value; … }` near %q", strings.TrimSpace(rest))
		}
		sel := strings.TrimSpace(rest[:open])
		if sel == "" || strings.ContainsAny(sel, " \t\n") {
			return "", fmt.Errorf("bad selector %q", sel)
		}
		if !first {
			b.WriteString(",")
		}
		first = false
		k, _ := json.Marshal(sel)
		b.Write(k)
		b.WriteString(":{")
		n := 0
		for _, decl := range splitOutsideQuotes(rest[open+1:closing], ';') {
			decl = strings.TrimSpace(decl)
			if decl == "" {
				continue
			}
			prop, val, ok := strings.Cut(decl, ":")
			if !ok {
				return "", fmt.Errorf("%s: expected `property: value`, got %q", sel, decl)
			}
			val = strings.Trim(strings.TrimSpace(val), `"'`)
			if n > 0 {
				b.WriteString(",")
			}
			n++
			pk, _ := json.Marshal(strings.TrimSpace(prop))
			pv, _ := json.Marshal(val)
			b.Write(pk)
			b.WriteString(":")
			b.Write(pv)
		}
		b.WriteString("}")
		rest = rest[closing+1:]
	}
	b.WriteString("}")
	return b.String(), nil
}

func runQuery(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("query run needs one NAME (see `dipgraph query list`)")
	}
	format := c.String("format")
	if format == "" {
		format = "json"
		if isTerminal(c.App.Writer) {
			format = "table"
		}
	}
	if format != "table" && format != "json" && format != "csv" {
		return usagef("--format must be table, json or csv, not %q", format)
	}
	set, err := queries.Load(c.String("queries-dir"))
	if err != nil {
		return err
	}
	q, err := set.Get(c.Args().First())
	if err != nil {
		return usageError{err}
	}
	params, err := q.BindParams(c.StringSlice("param"))
	if err != nil {
		return usageError{err}
	}
	st, err := openStore(c)
	if err != nil {
		return err
	}
	defer st.Close(c.Context)
	rows, err := st.Read(c.Context, q.Body, params)
	if err != nil {
		return fmt.Errorf("query %s: %w", q.Name, err)
	}
	return writeRows(c.App.Writer, format, rows, terminalWidth(c))
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func terminalWidth(c *cli.Context) int {
	if f, ok := c.App.Writer.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 20 {
			return w
		}
	}
	return 120
}

// indexOutsideQuotes is the byte index of the first c not inside quotes, or -1.
func indexOutsideQuotes(s string, c byte) int {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		switch {
		case quote != 0:
			if s[i] == quote {
				quote = 0
			}
		case s[i] == '"' || s[i] == '\'':
			quote = s[i]
		case s[i] == c:
			return i
		}
	}
	return -1
}

// splitOutsideQuotes splits s at every sep that is not inside quotes.
func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	for {
		i := indexOutsideQuotes(s, sep)
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
}
