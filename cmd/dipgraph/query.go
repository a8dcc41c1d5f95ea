package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/render"
	"github.com/dipgraph/dipgraph/queries"
)

// queriesDirFlag adds the user's saved queries to the built-in ones.
func queriesDirFlag() cli.Flag {
	return &cli.StringFlag{Name: "queries-dir", Usage: "also read saved queries from `DIR` (they override built-in ones of the same name)", EnvVars: []string{"DIPGRAPH_QUERIES"}}
}

func queryCommand() *cli.Command {
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
		Subcommands: []*cli.Command{queryListCommand(), queryShowCommand(), queryRunCommand(), queryGuideCommand()},
	}
}

func queryListCommand() *cli.Command {
	return &cli.Command{
		Name:  "list",
		Usage: "list the saved queries with their descriptions",
		Flags: []cli.Flag{queriesDirFlag()},
		Action: func(c *cli.Context) error {
			set, err := queries.Load(c.String("queries-dir"))
			if err != nil {
				return err
			}
			rows := [][]string{}
			for _, q := range set.All() {
				rows = append(rows, []string{q.Name, q.Description})
			}
			return render.Table(c.App.Writer, []string{"name", "description"}, rows, render.Width(c.App.Writer))
		},
	}
}

func queryShowCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "print a saved query with its parameters",
		ArgsUsage: "NAME",
		Flags:     []cli.Flag{queriesDirFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return app.Usagef("query show needs one NAME (see `dipgraph query list`)")
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
	}
}

func queryRunCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "run a saved query and print its rows",
		ArgsUsage: "NAME",
		Description: `Runs the query in a read transaction with the parameters given as --param key=value
(converted to the types the query declares). Output is a table on a terminal and JSON
Lines otherwise, unless --format says table, json or csv. --as-of DATE answers from the
articles published on or before DATE only, for the queries that read relationships.

Examples:
   dipgraph query run spoke-with --param actor="John Kerry"
   dipgraph query run spoke-with --param actor="John Kerry" --as-of 2016-03-01
   dipgraph query run excluded-from --param agreement=ceasefire --format json`,
		Flags: append(app.ConnFlags(), queriesDirFlag(),
			&cli.StringSliceFlag{Name: "param", Aliases: []string{"p"}, Usage: "a query parameter as `key=value` (repeatable)"},
			&cli.StringFlag{Name: "format", Usage: "table, json or csv (default: table on a terminal, json otherwise)"},
			&cli.StringFlag{Name: "as-of", Usage: "the graph as of `DATE` (YYYY-MM-DD): only evidence from articles published on or before it counts"},
		),
		Action: runQuery,
	}
}

func queryGuideCommand() *cli.Command {
	return &cli.Command{
		Name:  "guide",
		Usage: "write the Neo4j Browser guide and the post-connect command generated from the saved queries",
		Description: `Writes guide.html (the Browser guide that :play shows: the schema and every saved
query as a runnable block with its example's values) and post-connect.txt (the
browser.post_connect_cmd that applies style.grass and plays the guide) into --out-dir.
The committed copies live in scripts/browser/; a test checks they match.

Examples:
   dipgraph query guide --out-dir scripts/browser`,
		Flags: []cli.Flag{queriesDirFlag(),
			&cli.StringFlag{Name: "out-dir", Value: "scripts/browser", Usage: "write guide.html and post-connect.txt into `DIR` (it must hold style.grass)"},
		},
		Action: func(c *cli.Context) error {
			set, err := queries.Load(c.String("queries-dir"))
			if err != nil {
				return err
			}
			return writeBrowserFiles(c.String("out-dir"), set)
		},
	}
}

// Where the Browser finds the guide and the style: the local launcher serves them from the
// Neo4j HTTP port (it adds them to the Browser's own jar), docker-compose from its
// browser-guide service.
const (
	localBrowserFiles   = "http://localhost:@HTTP_PORT@/browser/dipgraph/"
	composeBrowserFiles = "http://localhost:7480/dipgraph/"
)

// writeBrowserFiles writes guide.html and post-connect.txt into dir.
func writeBrowserFiles(dir string, set *queries.Set) error {
	var guide strings.Builder
	if err := queries.WriteGuide(&guide, set); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "style.grass")); err != nil {
		return fmt.Errorf("style: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "guide.html"), []byte(guide.String()), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "post-connect.txt"), []byte(postConnect(localBrowserFiles)+"\n"), 0o644)
}

// postConnect is the Browser's post-connect command: load the style, then play the guide.
// The Browser splits the setting at semicolons and runs each part as a :command; :style
// and :play fetch from hosts in browser.remote_content_hostname_allowlist (localhost is).
func postConnect(base string) string {
	return "style " + base + "style.grass; play " + base + "guide.html"
}

func runQuery(c *cli.Context) error {
	if c.NArg() != 1 {
		return app.Usagef("query run needs one NAME (see `dipgraph query list`)")
	}
	format := c.String("format")
	if format == "" {
		format = "json"
		if render.IsTerminal(c.App.Writer) {
			format = "table"
		}
	}
	if format != "table" && format != "json" && format != "csv" {
		return app.Usagef("--format must be table, json or csv, not %q", format)
	}
	set, err := queries.Load(c.String("queries-dir"))
	if err != nil {
		return err
	}
	q, err := set.Get(c.Args().First())
	if err != nil {
		return app.Usage(err)
	}
	params, err := q.Bind(c.StringSlice("param"), c.String("as-of"))
	if err != nil {
		return app.Usage(err)
	}
	st, err := app.OpenStore(c)
	if err != nil {
		return err
	}
	defer st.Close(c.Context)
	rows, err := st.Read(c.Context, q.Body, params)
	if err != nil {
		return fmt.Errorf("query %s: %w", q.Name, err)
	}
	return render.Rows(c.App.Writer, format, rows, render.Width(c.App.Writer))
}
