package app

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// toy is an app with one command whose action fails as told by its flag.
func toy(out, errb *bytes.Buffer, got *[]string) *cli.App {
	return &cli.App{
		Name: "toy", Writer: out, ErrWriter: errb, HideHelpCommand: true,
		Commands: []*cli.Command{{
			Name: "do",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "fail"},
				&cli.IntFlag{Name: "n"},
				&cli.StringFlag{Name: "need", Required: true},
			},
			Action: func(c *cli.Context) error {
				*got = c.Args().Slice()
				switch c.String("fail") {
				case "usage":
					return Usagef("do needs a PATH")
				case "silent":
					return SilentError{3}
				case "plain":
					return errors.New("disk full")
				}
				return nil
			},
		}},
	}
}

// TestRunExitCodes: an error in the command line is a usage error (2) whether the flag
// parser, the required flags or the action found it; a failing action is 1; a silent error
// sets its code and prints nothing.
func TestRunExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"do", "--need", "x"}, ExitOK, ""},
		{[]string{"do", "--need", "x", "--nope"}, ExitUsage, "toy: flag provided but not defined: -nope\n(run `toy --help`"},
		{[]string{"do", "--need", "x", "--n", "many"}, ExitUsage, `invalid value "many" for flag -n`},
		{[]string{"do"}, ExitUsage, `Required flag "need" not set`},
		{[]string{"do", "--need", "x", "--fail", "usage"}, ExitUsage, "toy: do needs a PATH\n"},
		{[]string{"do", "--need", "x", "--fail", "plain"}, ExitFailure, "toy: disk full\n"},
		{[]string{"do", "--need", "x", "--fail", "silent"}, 3, ""},
		{[]string{"od"}, ExitUsage, `no command "od": did you mean do?`},
	} {
		var out, errb bytes.Buffer
		var got []string
		code := Run(toy(&out, &errb, &got), append([]string{"toy"}, tc.args...))
		if code != tc.code || !strings.Contains(errb.String(), tc.err) || tc.err == "" && errb.Len() > 0 {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errb.String(), tc.code, tc.err)
		}
	}
}

// TestFlagsMayFollowArguments: `toy do a --n 2 b` reads --n, and `--` ends the flags.
func TestFlagsMayFollowArguments(t *testing.T) {
	var out, errb bytes.Buffer
	var got []string
	if code := Run(toy(&out, &errb, &got), []string{"toy", "do", "a", "--n", "2", "b", "--need=x", "--", "--fail"}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if strings.Join(got, " ") != "a b --fail" {
		t.Errorf("arguments %q, want a b --fail", got)
	}
}

func TestHelpWord(t *testing.T) {
	var out, errb bytes.Buffer
	var got []string
	if code := Run(toy(&out, &errb, &got), []string{"toy", "help", "do"}); code != ExitOK || !strings.Contains(out.String(), "--need") {
		t.Errorf("toy help do: exit %d, stdout %q; want the usage of do", code, out.String())
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"ingest", "ingest", 0}, {"ingset", "ingest", 1}, {"kitten", "sitting", 3}, {"quert", "qeurt", 1}, {"", "run", 3}} {
		if d := editDistance(tc.a, tc.b); d != tc.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, d, tc.d)
		}
	}
}
