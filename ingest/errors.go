package ingest

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// ParseError is a problem at a position in an input file, or, with Warning set, something
// the user should hear about that does not stop anything (a file that holds no article).
type ParseError struct {
	Path    string
	Line    int
	Msg     string
	Warning bool
}

func (e *ParseError) Error() string {
	msg := e.Msg
	if e.Warning {
		msg = "warning: " + msg
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, msg)
}

// ParseErrors is every problem found in one input.
type ParseErrors []*ParseError

func (es ParseErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// SortErrors sorts problems by file and line, keeping the order of those on one line.
func SortErrors(es ParseErrors) {
	slices.SortStableFunc(es, func(a, b *ParseError) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
}

// Clip shortens s for a message, never cutting a character in two.
func Clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	cut := 57
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// ByLine sorts the problems of one file by line, keeping the order of those on one line,
// and returns them as an error, or nil when there are none.
func (es ParseErrors) ByLine() error {
	if len(es) == 0 {
		return nil
	}
	slices.SortStableFunc(es, func(a, b *ParseError) int { return a.Line - b.Line })
	return es
}
