package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitSignal  = 130
)

// usageError marks an error in how the command was called (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// silentError has already been reported (for example as a list of problems); run only sets the exit code.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// run is the whole program: it parses args, runs one command and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, interleaved(app, args))
	if err == nil {
		return exitOK
	}
	var se silentError
	if errors.As(err, &se) {
		return se.code
	}
	var ue usageError
	if errors.As(err, &ue) || isFlagError(err) {
		fmt.Fprintf(stderr, "dipgraph: %v\n(run `dipgraph --help` or `dipgraph COMMAND --help` for usage)\n", err)
		return exitUsage
	}
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "dipgraph: interrupted: %v\n", err)
		return exitSignal
	}
	fmt.Fprintf(stderr, "dipgraph: %v\n", err)
	return exitFailure
}

// isFlagError recognises the flag package's parse errors, which urfave/cli returns as is.
func isFlagError(err error) bool {
	s := err.Error()
	for _, p := range []string{"flag provided but not defined", "flag needs an argument", "invalid value", "invalid boolean", "Required flag", "No help topic for"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "dipgraph",
		Usage: "build a knowledge graph of diplomatic relationships from news articles",
		Description: `dipgraph reads annotated news articles (brat standoff pairs X.txt + X.ann with an
optional X.meta.json), resolves every mention to one entity per real-world actor, and
loads entities, events and typed relationships with their evidence into Neo4j. Saved
Cypher queries answer the usual questions (who spoke with whom, who fights whom, who is
excluded from a ceasefire).

Examples:
   dipgraph ingest examples/
   dipgraph query list
   dipgraph query run spoke-with --param actor="John Kerry"

Connection settings come from flags or NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
NEO4J_DATABASE; the local server started by 'make neo4j-up' uses user neo4j with
password dipgraph-local.`,
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
		Commands: []*cli.Command{
			ingestCommand(),
			validateCommand(),
			queryCommand(),
			retractCommand(),
			fingerprintCommand(),
			exportCommand(),
			statsCommand(),
			annotateCommand(),
			evalCommand(),
			generateCommand(),
			benchCommand(),
			analyzeCommand(),
			reportCommand(),
		},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(c.App.ErrWriter, "dipgraph: no command %q (run `dipgraph --help`)\n", name)
		},
	}
}

// connFlags are the flags every command that talks to Neo4j takes.
func connFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "uri", Usage: "Neo4j URI (neo4j://, neo4j+s://, bolt://, bolt+s://)", Value: "neo4j://localhost:7687", EnvVars: []string{"NEO4J_URI"}},
		&cli.StringFlag{Name: "username", Usage: "Neo4j user", Value: "neo4j", EnvVars: []string{"NEO4J_USERNAME"}},
		&cli.StringFlag{Name: "password", Usage: "Neo4j password (prefer the NEO4J_PASSWORD variable or --password-file)", EnvVars: []string{"NEO4J_PASSWORD"}},
		&cli.StringFlag{Name: "password-file", Usage: "read the Neo4j password from `FILE`"},
		&cli.StringFlag{Name: "database", Usage: "Neo4j database", Value: "neo4j", EnvVars: []string{"NEO4J_DATABASE"}},
		&cli.DurationFlag{Name: "connect-timeout", Usage: "how long to wait for an unreachable server", Value: 15 * time.Second, EnvVars: []string{"NEO4J_CONNECT_TIMEOUT"}},
	}
}

// openStore connects with the connection flags of c.
func openStore(c *cli.Context) (*neo4jstore.Store, error) {
	pw := c.String("password")
	if f := c.String("password-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read password file: %w", err)
		}
		pw = strings.TrimRight(string(b), "\r\n")
	}
	return neo4jstore.Open(c.Context, neo4jstore.Config{
		URI:      c.String("uri"),
		Username: c.String("username"),
		Password: pw,
		Database: c.String("database"),
		// A command without the flag (none today) gets the store's default.
		ConnectTimeout: c.Duration("connect-timeout"),
	})
}

// logger returns the command's logger on stderr.
func logger(c *cli.Context) *slog.Logger {
	level := slog.LevelInfo
	if c.Bool("verbose") {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.String("log-format") == "json" {
		return slog.New(slog.NewJSONHandler(c.App.ErrWriter, opts))
	}
	return slog.New(slog.NewTextHandler(c.App.ErrWriter, opts))
}

// interleaved lets flags follow positional arguments, as users expect
// (`dipgraph query run spoke-with --param actor=Kerry`): urfave/cli stops parsing flags at
// the first positional argument, so the leaf command's flags are moved before them.
func interleaved(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	cmds := app.Commands
	var leaf *cli.Command
	i := 1
	for ; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			break
		}
		var next *cli.Command
		for _, c := range cmds {
			if c.HasName(a) {
				next = c
			}
		}
		if next == nil {
			break
		}
		leaf = next
		out = append(out, a)
		cmds = next.Subcommands
	}
	if leaf == nil {
		return args
	}
	takesValue := map[string]bool{}
	for _, f := range leaf.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, pos []string
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if takesValue[name] && i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	out = append(out, flags...)
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out
}
