package phoenix

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Record is one entry of a Phoenix actor dictionary as written: a primary phrase, its
// synonyms (lines starting with +) and its code restrictions (the [CODE dates] groups on
// the phrase's line or on the tab-indented lines after it).
type Record struct {
	File string // dictionary file name, for messages
	Line int    // line of the primary phrase
	// Phrase and Synonyms are as written: upper case, words joined by _ or blanks.
	Phrase   string
	Synonyms []string
	Codes    []Code
	// Comment is the comment on the primary phrase's line ("CountryInfo.txt").
	Comment string
	// Section is the last free-standing comment line before the entry ("U.S. Secretaries
	// of State"); the dictionaries use such lines to head groups of entries.
	Section string
}

// Code is one code restriction: the code applies between Since and Until (ISO dates,
// inclusive, either may be empty). Comment is the note written after it, if any.
type Code struct {
	Code, Since, Until string
	Comment            string
}

// BadDate is a restriction whose dates could not be read; the converter keeps the code
// without dates and reports these.
type BadDate struct {
	File string
	Line int
	Text string
}

// Parse reads one actor dictionary. Problems that lose nothing but a date are returned in
// bad; a line that cannot be read at all is an error.
func Parse(r io.Reader, file string) (recs []Record, bad []BadDate, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var cur *Record
	section := ""
	flush := func() {
		if cur != nil {
			recs = append(recs, *cur)
			cur = nil
		}
	}
	for line := 1; sc.Scan(); line++ {
		raw := strings.TrimRight(sc.Text(), "\r")
		text := strings.TrimSpace(raw)
		if text == "" {
			continue
		}
		if strings.HasPrefix(text, "#") {
			// A comment line heads the entries below it, unless it is an entry or a
			// restriction commented out ("#HENRY_CABOT_LODGE_", "#\t[USAELI ...]").
			if c := strings.TrimSpace(strings.TrimLeft(text, "#")); c != "" && !strings.ContainsAny(c, "[_+") {
				section = c
			}
			continue
		}
		body, comment := splitComment(text)
		codes, phrase, b := parseCodes(body, file, line)
		bad = append(bad, b...)
		switch {
		case strings.HasPrefix(phrase, "+"):
			if cur == nil {
				return nil, nil, fmt.Errorf("%s:%d: synonym %q before any entry", file, line, phrase)
			}
			if s := strings.TrimSpace(phrase[1:]); s != "" {
				cur.Synonyms = append(cur.Synonyms, s)
			}
			cur.Codes = append(cur.Codes, codes...)
		case phrase == "":
			if cur == nil {
				return nil, nil, fmt.Errorf("%s:%d: code restriction before any entry", file, line)
			}
			if len(codes) == 1 && codes[0].Comment == "" {
				codes[0].Comment = comment
			}
			cur.Codes = append(cur.Codes, codes...)
		default:
			flush()
			cur = &Record{File: file, Line: line, Phrase: phrase, Codes: codes, Comment: comment, Section: section}
			if len(codes) == 1 && len(codes[0].Code) == 3 && codes[0].Since == "" && codes[0].Until == "" {
				section = "" // a country's own entry starts its part of the dictionary
			}
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", file, err)
	}
	return recs, bad, nil
}

// splitComment cuts a line at its first # outside brackets.
func splitComment(s string) (body, comment string) {
	depth := 0
	for i, r := range s {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
		case '#':
			if depth <= 0 {
				return strings.TrimSpace(s[:i]), strings.TrimSpace(strings.Trim(s[i:], "# \t"))
			}
		}
	}
	return s, ""
}

// parseCodes takes the [CODE dates] groups out of a line and returns them with the rest.
func parseCodes(s, file string, line int) ([]Code, string, []BadDate) {
	var codes []Code
	var bad []BadDate
	var rest strings.Builder
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			rest.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			rest.WriteString(s[:i])
			break
		}
		rest.WriteString(s[:i])
		f := strings.Fields(s[i+1 : i+j])
		s = s[i+j+1:]
		if len(f) == 0 || strings.Trim(f[0], "-") == "" {
			continue // [---]: the null code
		}
		c := Code{Code: strings.ToUpper(f[0])}
		if len(f) > 1 {
			since, until, ok := parseRange(strings.Join(f[1:], ""))
			if !ok {
				bad = append(bad, BadDate{File: file, Line: line, Text: strings.Join(f, " ")})
			}
			c.Since, c.Until = since, until
		}
		codes = append(codes, c)
	}
	return codes, strings.TrimSpace(rest.String()), bad
}

// parseRange reads "<date", ">date", "date-date" or a bare date (taken as the start).
func parseRange(s string) (since, until string, ok bool) {
	switch {
	case strings.HasPrefix(s, "<"):
		until, ok = isoDate(s[1:])
		return "", until, ok
	case strings.HasPrefix(s, ">"):
		since, ok = isoDate(s[1:])
		return since, "", ok
	}
	if a, b, cut := strings.Cut(s, "-"); cut {
		since, ok1 := isoDate(a)
		until, ok2 := isoDate(b)
		if !ok1 || !ok2 {
			return "", "", false
		}
		if since > until {
			return "", "", false
		}
		return since, until, true
	}
	since, ok = isoDate(s)
	return since, "", ok
}

// isoDate turns YYMMDD or YYYYMMDD into YYYY-MM-DD. Two-digit years up to 20 are read as
// 20YY: the dictionaries were last updated in 2014 and list office holders from 1900 on.
func isoDate(s string) (string, bool) {
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	var y, md string
	switch len(s) {
	case 6:
		y, md = s[:2], s[2:]
		if y <= "20" {
			y = "20" + y
		} else {
			y = "19" + y
		}
	case 8:
		y, md = s[:4], s[4:]
	default:
		return "", false
	}
	m, d := md[:2], md[2:]
	if m < "01" || m > "12" || d < "01" || d > "31" {
		return "", false
	}
	return y + "-" + m + "-" + d, true
}
