// Package jsonpos holds what the JSON readers of ingest share: line numbers of JSON
// objects and keys for positioned messages, messages for decoding errors without Go type
// names, and the first look at a JSON file (is it JSON at all, where are its values).
package jsonpos

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Lines maps the path of every object and array inside one JSON value ("mentions.2",
// "annotations.0.result.3") to its line, counted from base (the line the value starts
// on), so messages can point at the object at fault in pretty-printed JSON.
type Lines map[string]int

// Key is one key of an object in a JSON value: the path of its object ("" for the
// outermost, "mentions.2"), the key, its line, and whether the object had it already.
type Key struct {
	Obj  string
	Key  string
	Line int
	Dup  bool
}

// Scan indexes the lines of raw (see Lines) and calls onKey (when not nil) for every object key, so
// that readers can refuse what encoding/json lets through: a key given twice (the last
// one silently wins) and a key that matches a field only when case is ignored ("ID").
func Scan(raw []byte, base int, onKey func(Key)) Lines {
	out := Lines{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	type frame struct {
		path  string
		array bool
		n     int    // next array index
		key   string // last key read in an object
		want  bool   // object: the next string token is a key
		keys  KeySet
	}
	var stack []frame
	line, pos := base, 0
	lineOf := func(off int) int {
		// Skip separators so the line is that of the value, not of the comma before it.
		for off < len(raw) && (raw[off] == ' ' || raw[off] == '\t' || raw[off] == '\r' || raw[off] == '\n' || raw[off] == ',' || raw[off] == ':') {
			off++
		}
		if off > pos {
			line += bytes.Count(raw[pos:off], []byte("\n"))
			pos = off
		}
		return line
	}
	childPath := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := &stack[len(stack)-1]
		seg := f.key
		if f.array {
			seg = strconv.Itoa(f.n)
			f.n++
		} else {
			f.want = true
		}
		if f.path == "" {
			return seg
		}
		return f.path + "." + seg
	}
	for {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if len(stack) > 0 {
			f := &stack[len(stack)-1]
			if !f.array && f.want {
				if d, ok := tok.(json.Delim); !ok || d != '}' {
					f.key, _ = tok.(string)
					f.want = false
					if onKey != nil {
						onKey(Key{Obj: f.path, Key: f.key, Line: lineOf(off), Dup: !f.keys.Add(f.key)})
					}
					continue
				}
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			p := childPath()
			out[p] = lineOf(off)
			stack = append(stack, frame{path: p, array: tok == json.Delim('['), want: tok == json.Delim('{')})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		default:
			childPath()
		}
	}
}

// At returns the line of path, or of its nearest enclosing object.
func (l Lines) At(path string) int {
	for {
		if n, ok := l[path]; ok {
			return n
		}
		i := bytes.LastIndexByte([]byte(path), '.')
		if i < 0 {
			return l[""]
		}
		path = path[:i]
	}
}

// KeySet holds the keys of one object: a short list (most objects have a few keys, and a
// map each would cost more than the scan), a map once it grows.
type KeySet struct {
	list []string
	m    map[string]bool
}

// add records k and reports whether it is new.
func (ks *KeySet) Add(k string) bool {
	if ks.m != nil {
		if ks.m[k] {
			return false
		}
		ks.m[k] = true
		return true
	}
	for _, x := range ks.list {
		if x == k {
			return false
		}
	}
	ks.list = append(ks.list, k)
	if len(ks.list) > 16 {
		ks.m = map[string]bool{}
		for _, x := range ks.list {
			ks.m[x] = true
		}
		ks.list = nil
	}
	return true
}
