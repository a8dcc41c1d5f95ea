package app

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

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
		what = fmt.Sprintf("no command %q in %s %s", name, c.App.Name, c.Command.Name)
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

// helpWord turns `APP help [COMMAND...]` into `APP [COMMAND...] --help`: the help
// command is hidden (every command has --help), but users type the word.
func helpWord(args []string) []string {
	if len(args) < 2 || args[1] != "help" {
		return args
	}
	out := append([]string{args[0]}, args[2:]...)
	return append(out, "--help")
}
