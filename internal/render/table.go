package render

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Table prints an aligned table: the header, a line of dashes under each column, then the
// rows. Columns wider than their share of width wrap (see fit).
func Table(w io.Writer, header []string, rows [][]string, width int) error {
	n := len(header)
	widths := make([]int, n)
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for i, c := range r {
			if l := utf8.RuneCountInString(c); l > widths[i] {
				widths[i] = l
			}
		}
	}
	fit(widths, header, rows, width)
	line := func(cells []string) error {
		wrapped := make([][]string, n)
		height := 1
		for i := 0; i < n; i++ {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			wrapped[i] = wrap(c, widths[i])
			if len(wrapped[i]) > height {
				height = len(wrapped[i])
			}
		}
		for l := 0; l < height; l++ {
			var b strings.Builder
			for i := 0; i < n; i++ {
				s := ""
				if l < len(wrapped[i]) {
					s = wrapped[i][l]
				}
				b.WriteString(s)
				if i < n-1 {
					b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s)+2))
				}
			}
			if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
				return err
			}
		}
		return nil
	}
	if err := line(header); err != nil {
		return err
	}
	sep := make([]string, n)
	for i := range sep {
		sep[i] = strings.Repeat("-", widths[i])
	}
	if err := line(sep); err != nil {
		return err
	}
	for _, r := range rows {
		if err := line(r); err != nil {
			return err
		}
	}
	return nil
}

// fit narrows columns so the table fits in width: every column keeps at least its header
// or its longest word (up to 24 characters, 12 when that is too wide), and the space left goes to the columns with
// the most text, so a sentence column gets room instead of being cut into slivers.
func fit(widths []int, header []string, rows [][]string, width int) {
	total := 0
	for _, w := range widths {
		total += w + 2
	}
	if total <= width {
		return
	}
	// Short columns (names, dates, counts) stay whole when the long ones can still get
	// room; only the long ones wrap.
	short, shortTotal, long := 0, 0, 0
	for _, w := range widths {
		if w <= 24 {
			short++
			shortTotal += w + 2
		} else {
			long++
		}
	}
	if long > 0 && width-shortTotal >= long*26 {
		room := width - shortTotal
		longTotal := 0
		for _, w := range widths {
			if w > 24 {
				longTotal += w
			}
		}
		for i, w := range widths {
			if w > 24 {
				widths[i] = max(24, w*room/longTotal-2)
			}
		}
		return
	}
	mins, minTotal := minWidths(widths, header, rows, 24)
	if minTotal > width {
		mins, minTotal = minWidths(widths, header, rows, 12)
	}
	spare := width - minTotal
	if spare <= 0 {
		copy(widths, mins)
		return
	}
	want := 0
	for i := range widths {
		want += widths[i] - mins[i]
	}
	for i := range widths {
		extra := (widths[i] - mins[i]) * spare / want
		widths[i] = mins[i] + extra
	}
}

// minWidths is the narrowest each column should get: its header or longest word, within
// [4, limit], and never wider than its widest cell; total includes the gaps.
func minWidths(widths []int, header []string, rows [][]string, limit int) (mins []int, total int) {
	mins = make([]int, len(widths))
	for i := range widths {
		m := utf8.RuneCountInString(header[i])
		for _, r := range rows {
			if i >= len(r) {
				continue
			}
			for _, w := range strings.Fields(r[i]) {
				if l := utf8.RuneCountInString(w); l > m {
					m = l
				}
			}
		}
		mins[i] = min(max(m, 4), limit, widths[i])
		total += mins[i] + 2
	}
	return mins, total
}

// wrap splits s into lines of at most width characters, at spaces where it can.
func wrap(s string, width int) []string {
	if utf8.RuneCountInString(s) <= width || width < 1 {
		return []string{s}
	}
	var out []string
	rs := []rune(s)
	for len(rs) > width {
		cut := width
		for i := width; i > 0; i-- {
			if rs[i] == ' ' {
				cut = i
				break
			}
		}
		out = append(out, strings.TrimRight(string(rs[:cut]), " "))
		rs = []rune(strings.TrimLeft(string(rs[cut:]), " "))
	}
	return append(out, string(rs))
}
