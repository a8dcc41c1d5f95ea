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
	exitSignal  = 130 // SIGINT (Ctrl-C); SIGTERM gives 143, 128 + the signal's number
)

// stopWithin is how long a command may take to stop after SIGINT or SIGTERM. Commands
// check their context between articles and inside long resolutions, and a batch being
// written commits or is rolled back within load.DefaultGrace; whatever still runs after this is cut short (the server
// rolls back a transaction whose connection goes away, and outputs are written to a
// temporary file first, so nothing is left half-written).
const stopWithin = 1500 * time.Millisecond

// signalCode is the exit code for a run stopped by sig.
func signalCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitSignal
}

// interrupted is the cause of a context cancelled by a signal.
type interrupted struct{ sig os.Signal }

func (e interrupted) Error() string { return "interrupted by " + e.sig.String() }

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
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		var sig os.Signal
		select {
		case sig = <-sigs:
		case <-finished:
			return
		}
		cancel(interrupted{sig})
		select {
		case <-finished:
		case <-sigs: // a second Ctrl-C: stop now
			os.Exit(signalCode(sig))
		case <-time.After(stopWithin):
			fmt.Fprintf(stderr, "dipgraph: interrupted by %v\n", sig)
			os.Exit(signalCode(sig))
		}
	}()
	app := newApp(stdin, stdout, stderr)
	// urfave/cli reports an unknown command through CommandNotFound and then succeeds; a
	// typo must fail like any other usage error, or a script carries on as if it worked.
	var notFound error
	app.CommandNotFound = func(c *cli.Context, name string) {
		notFound = usageError{unknownCommand(c, name)}
	}
	err := app.RunContext(ctx, interleaved(app, helpWord(args)))
	if err == nil && notFound != nil {
		err = notFound
	}
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
	var in interrupted
	if errors.As(context.Cause(ctx), &in) {
		fmt.Fprintf(stderr, "dipgraph: interrupted by %v: %v\n", in.sig, err)
		return signalCode(in.sig)
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
			gazetteerCommand(),
			analyzeCommand(),
			reportCommand(),
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

// unknownCommand says that name is no command under c, with the closest command names
// when a typo explains it ("analyse" for "annotate" is too far; "ingset" for "ingest" is not).
func unknownCommand(c *cli.Context, name string) error {
	cmds, what := c.App.Commands, fmt.Sprintf("no command %q", name)
	if c.Command != nil && c.Command.Name != c.App.Name && len(c.Command.Subcommands) > 0 {
		cmds = c.Command.Subcommands
		what = fmt.Sprintf("no command %q in dipgraph %s", name, c.Command.Name)
	}
	var names, close []string
	for _, cmd := range cmds {
		if cmd.Hidden {
			continue
		}
		names = append(names, cmd.Name)
		for _, n := range cmd.Names() {
			if d := editDistance(strings.ToLower(name), n); d <= max(1, len(n)/3) || strings.HasPrefix(n, strings.ToLower(name)) && len(name) >= 2 {
				close = append(close, n)
				break
			}
		}
	}
	if len(close) > 0 {
		return fmt.Errorf("%s: did you mean %s?", what, strings.Join(close, " or "))
	}
	return fmt.Errorf("%s; the commands are %s", what, strings.Join(names, ", "))
}

// editDistance is the Levenshtein distance between a and b, counting an exchange of two
// neighbouring letters as one edit.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

// helpWord turns `dipgraph help [COMMAND...]` into `dipgraph [COMMAND...] --help`: the help
// command is hidden (every command has --help), but users type the word.
func helpWord(args []string) []string {
	if len(args) < 2 || args[1] != "help" {
		return args
	}
	out := append([]string{args[0]}, args[2:]...)
	return append(out, "--help")
}
