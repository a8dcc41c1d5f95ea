package annotate

import (
	"fmt"
	"strings"
)

// SplitFrontMatter separates a small metadata header from an article's text:
//
//	---
//	title: Kerry and Lavrov discuss Syria
//	date: 2016-04-24
//	source: Daily News Egypt
//	url: https://…
//	---
//	The text…
//
// Known keys are title, date (or published), source, url and id; other keys go to
// Meta.Extra. The body is everything after the closing line, with the blank lines that
// follow it removed; offsets of annotations count from the start of the body, which is why
// the annotate command writes the body to a .txt of its own. ok is false when the text
// has no header.
func SplitFrontMatter(text string) (body string, meta Meta, ok bool, err error) {
	t := strings.TrimPrefix(text, "\ufeff")
	if !strings.HasPrefix(t, "---\n") && !strings.HasPrefix(t, "---\r\n") {
		return text, Meta{}, false, nil
	}
	rest := t[strings.Index(t, "\n")+1:]
	line := 2
	for {
		nl := strings.Index(rest, "\n")
		if nl < 0 {
			return text, Meta{}, false, fmt.Errorf("line 1: front matter is not closed by a line ---")
		}
		l := strings.TrimRight(rest[:nl], "\r")
		rest = rest[nl+1:]
		if strings.TrimSpace(l) == "---" {
			break
		}
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			line++
			continue
		}
		k, v, found := strings.Cut(l, ":")
		if !found {
			return text, Meta{}, false, fmt.Errorf("line %d: front matter line is not key: value", line)
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		if k == "date" {
			k = "published" // a front matter's usual name for it
		}
		meta.set(k, v)
		line++
	}
	return strings.TrimLeft(rest, "\r\n"), meta, true, nil
}
