package annotate

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SplitFrontMatter separates a small YAML metadata header from an article's text:
//
//	---
//	title: Kerry and Lavrov discuss Syria
//	date: 2016-04-24
//	source: Daily News Egypt
//	url: https://…
//	---
//	The text…
//
// The header is a YAML mapping of single values. Known keys are title, date (or
// published), source, url and id; other keys go to Meta.Extra. The body is everything
// after the closing line, with the blank lines that follow it removed; offsets of
// annotations count from the start of the body, which is why the annotate command writes
// the body to a .txt of its own. ok is false when the text has no header.
func SplitFrontMatter(text string) (body string, meta Meta, ok bool, err error) {
	t := strings.TrimPrefix(text, "\ufeff")
	if !strings.HasPrefix(t, "---\n") && !strings.HasPrefix(t, "---\r\n") {
		return text, Meta{}, false, nil
	}
	rest := t[strings.Index(t, "\n")+1:]
	header, body, closed := cutHeader(rest)
	if !closed {
		return text, Meta{}, false, fmt.Errorf("line 1: front matter is not closed by a line ---")
	}
	if meta, err = parseHeader(header); err != nil {
		return text, Meta{}, false, err
	}
	return strings.TrimLeft(body, "\r\n"), meta, true, nil
}

// cutHeader splits s at its first line "---": the header before, the body after.
func cutHeader(s string) (header, body string, closed bool) {
	for off := 0; off < len(s); {
		nl := strings.Index(s[off:], "\n")
		if nl < 0 {
			return "", "", false
		}
		if strings.TrimSpace(s[off:off+nl]) == "---" {
			return s[:off], s[off+nl+1:], true
		}
		off += nl + 1
	}
	return "", "", false
}

// parseHeader reads the YAML of a front matter (its first line is line 2 of the file).
func parseHeader(header string) (Meta, error) {
	var meta Meta
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(header), &doc); err != nil {
		return meta, fmt.Errorf("front matter (from line 2) is not YAML: %v", err)
	}
	if len(doc.Content) == 0 {
		return meta, nil // only blank lines and comments
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return meta, fmt.Errorf("line %d: front matter line is not key: value", m.Line+1)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return meta, fmt.Errorf("line %d: front matter key %q needs a single value, not a list or a mapping", k.Line+1, k.Value)
		}
		key := strings.ToLower(strings.TrimSpace(k.Value))
		if key == "date" {
			key = "published" // a front matter's usual name for it
		}
		meta.set(key, strings.TrimSpace(v.Value))
	}
	return meta, nil
}
