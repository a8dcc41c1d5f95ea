package render

import (
	"os"

	"golang.org/x/term"
)

// defaultWidth is the table width when the output is not a terminal.
const defaultWidth = 120

// IsTerminal reports whether w is a terminal.
func IsTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Width is how wide a table written to w may be: the terminal's width, or 120 characters
// when w is not a terminal (or a very narrow one).
func Width(w any) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 20 {
			return cols
		}
	}
	return defaultWidth
}
