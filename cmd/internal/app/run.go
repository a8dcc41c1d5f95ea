package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
	ExitSignal  = 130 // SIGINT (Ctrl-C); SIGTERM gives 143, 128 + the signal's number
)

// stopWithin is how long a command may take to stop after SIGINT or SIGTERM. Commands
// check their context between articles and inside long resolutions, and a batch being
// written commits or is rolled back within load.DefaultGrace; whatever still runs after
// this is cut short (the server rolls back a transaction whose connection goes away, and
// outputs are written to a temporary file first, so nothing is left half-written).
const stopWithin = 1500 * time.Millisecond

// signalCode is the exit code for a run stopped by sig.
func signalCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return ExitSignal
}

// Interrupted is the cause of a context cancelled by a signal.
type Interrupted struct{ Signal os.Signal }

func (e Interrupted) Error() string { return "interrupted by " + e.Signal.String() }

// UsageError marks an error in how the command was called (exit code 2).
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// Usagef is a UsageError with a formatted message.
func Usagef(format string, args ...any) error {
	return UsageError{fmt.Errorf(format, args...)}
}

// SilentError has already been reported (for example as a list of problems); Run only
// sets the exit code.
type SilentError struct{ Code int }

func (e SilentError) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// Failed is the error of a command that printed its problems itself: exit 1, nothing more.
var Failed error = SilentError{ExitFailure}

// Run runs a with args and returns the exit code. It is the whole program of a command:
// SIGINT and SIGTERM cancel the context, and a second signal, or a command that does not
// stop within a moment, ends the process. Only Run prints errors, one line on a.ErrWriter.
func Run(a *cli.App, args []string) int {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	stop := cancelOnSignal(cancel, a.ErrWriter, a.Name)
	defer stop()
	// urfave/cli reports an unknown command through CommandNotFound and then succeeds; a
	// typo must fail like any other usage error, or a script carries on as if it worked.
	var notFound error
	a.CommandNotFound = func(c *cli.Context, name string) {
		notFound = UsageError{unknownCommand(c, name)}
	}
	a.ExitErrHandler = func(*cli.Context, error) {}
	a.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return UsageError{err} }
	ran := markActions(a.Commands)
	err := a.RunContext(ctx, interleaved(a, helpWord(args)))
	if err == nil {
		err = notFound
	}
	return exitCode(ctx, a, err, *ran)
}

// exitCode reports err on a.ErrWriter and returns the exit code for it. An error that no
// command's action returned comes from parsing the command line (an unknown flag, a
// value that does not parse, a required flag missing): a usage error too.
func exitCode(ctx context.Context, a *cli.App, err error, actionRan bool) int {
	if err == nil {
		return ExitOK
	}
	var se SilentError
	if errors.As(err, &se) {
		return se.Code
	}
	var ue UsageError
	if errors.As(err, &ue) || !actionRan {
		fmt.Fprintf(a.ErrWriter, "%s: %v\n(run `%[1]s --help` or `%[1]s COMMAND --help` for usage)\n", a.Name, err)
		return ExitUsage
	}
	var in Interrupted
	if errors.As(context.Cause(ctx), &in) {
		fmt.Fprintf(a.ErrWriter, "%s: interrupted by %v: %v\n", a.Name, in.Signal, err)
		return signalCode(in.Signal)
	}
	fmt.Fprintf(a.ErrWriter, "%s: %v\n", a.Name, err)
	return ExitFailure
}

// markActions wraps the action of every command under cmds so that the returned flag
// says whether one of them ran.
func markActions(cmds []*cli.Command) *bool {
	ran := new(bool)
	var mark func([]*cli.Command)
	mark = func(cmds []*cli.Command) {
		for _, c := range cmds {
			if action := c.Action; action != nil {
				c.Action = func(ctx *cli.Context) error {
					*ran = true
					return action(ctx)
				}
			}
			mark(c.Subcommands)
		}
	}
	mark(cmds)
	return ran
}

// cancelOnSignal cancels with Interrupted on SIGINT or SIGTERM, and exits the process on
// a second signal or when the command has not stopped within stopWithin. The returned
// function stops listening.
func cancelOnSignal(cancel context.CancelCauseFunc, stderr io.Writer, name string) func() {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	finished := make(chan struct{})
	go func() {
		var sig os.Signal
		select {
		case sig = <-sigs:
		case <-finished:
			return
		}
		cancel(Interrupted{sig})
		select {
		case <-finished:
		case <-sigs: // a second Ctrl-C: stop now
			os.Exit(signalCode(sig))
		case <-time.After(stopWithin):
			fmt.Fprintf(stderr, "%s: interrupted by %v\n", name, sig)
			os.Exit(signalCode(sig))
		}
	}()
	return func() {
		close(finished)
		signal.Stop(sigs)
	}
}

// Usage marks err as a usage error.
func Usage(err error) error { return UsageError{err} }
