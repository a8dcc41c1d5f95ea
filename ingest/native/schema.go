package native

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/jsonpos"
)

// schemaJSON is the JSON Schema of the native format, the one users read.
//
//go:embed native.schema.json
var schemaJSON []byte

// schema is native.schema.json compiled once.
var schema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, fmt.Errorf("native.schema.json: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("native.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("native.schema.json")
})

// schemaProblems validates an article against native.schema.json and returns what the
// schema alone says: values of the wrong JSON type and unknown fields, each at the line
// of its object. The rest of the schema (patterns, required fields, statuses) the reader
// checks itself with messages that name the annotation, and Validate with the others.
// A key that differs from a field only in ASCII case ("ID") is left to the key check,
// which says so.
func schemaProblems(raw []byte, lines jsonpos.Lines, path string) (ingest.ParseErrors, error) {
	sch, err := schema()
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, nil // the decoder has reported it already
	}
	err = sch.Validate(doc)
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return nil, err
	}
	var out ingest.ParseErrors
	seen := map[string]bool{}
	for _, e := range leaves(verr) {
		msg := schemaMessage(e, doc)
		loc := strings.Join(e.InstanceLocation, ".")
		if msg == "" || seen[loc+msg] {
			continue
		}
		seen[loc+msg] = true
		out = append(out, &ingest.ParseError{Path: path, Line: lines.At(loc), Msg: msg})
	}
	slices.SortStableFunc(out, func(a, b *ingest.ParseError) int { return a.Line - b.Line })
	return out, nil
}

// leaves returns the errors at the ends of the tree of causes.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// schemaMessage words a schema error the reader leaves to the schema, or returns "".
func schemaMessage(e *jsonschema.ValidationError, doc any) string {
	where := strings.Join(e.InstanceLocation, ".")
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		return fmt.Sprintf("%s: expected %s, got %s", orValue(where), wantTypes(k.Want), gotValue(k.Got, valueAt(doc, e.InstanceLocation)))
	case *kind.AdditionalProperties:
		var unknown []string
		for _, p := range k.Properties {
			if !nativeKeys[asciiLower(p)] {
				unknown = append(unknown, fmt.Sprintf("%q", ingest.Clip(p)))
			}
		}
		if len(unknown) == 0 {
			return ""
		}
		msg := "unknown field " + strings.Join(unknown, ", ")
		if where != "" {
			msg += " in " + where
		}
		return msg
	}
	return ""
}

func orValue(where string) string {
	if where == "" {
		return "the article"
	}
	return where
}

// wantTypes words the JSON types a schema wants: "an integer", "a string or an array".
func wantTypes(want []string) string {
	words := map[string]string{"integer": "an integer", "number": "a number", "string": "a string",
		"array": "an array", "object": "an object", "boolean": "true or false", "null": "null"}
	out := make([]string, len(want))
	for i, w := range want {
		out[i] = words[w]
		if out[i] == "" {
			out[i] = w
		}
	}
	return strings.Join(out, " or ")
}

// gotValue words the type a value has, with the value when it is a number.
func gotValue(got string, v any) string {
	if got == "number" && v != nil {
		return fmt.Sprintf("number %v", v)
	}
	if got == "boolean" {
		return "true or false"
	}
	return got
}

// valueAt returns the value at a location in doc, or nil.
func valueAt(doc any, loc []string) any {
	for _, tok := range loc {
		switch d := doc.(type) {
		case map[string]any:
			doc = d[tok]
		case []any:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(d) {
				return nil
			}
			doc = d[i]
		default:
			return nil
		}
	}
	return doc
}

// asciiLower lowers ASCII letters only: a key spelt with the Kelvin sign is no variant of
// a field name.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
