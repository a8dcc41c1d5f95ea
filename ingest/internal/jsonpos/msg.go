package jsonpos

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dipgraph/dipgraph/ingest"
)

// ErrLine finds the line of a JSON syntax or type error in b, or 0.
func ErrLine(b []byte, err error) int {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	if errors.As(err, &se) {
		off = se.Offset
	} else if errors.As(err, &te) {
		off = te.Offset
	}
	if off < 0 || off > int64(len(b)) {
		return 0
	}
	return ingest.LineAt(b, int(off))
}

// Msg turns a decoding error into a message without Go type names.
func Msg(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			field = "the value"
		}
		return fmt.Sprintf("%s: expected %s, got %s", field, kind(te.Type.Kind().String()), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return strings.TrimPrefix(se.Error(), "json: ")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
		return "unexpected end of JSON input"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func kind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "int", "int64", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "ptr", "interface":
		return "a value"
	}
	return k
}

// TypeName names the kind of a decoded JSON value for messages.
func TypeName(v any) string {
	switch v.(type) {
	case json.Number, float64:
		return "number"
	case bool:
		return "true or false"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "string"
}

// MetaString renders a metadata value: strings as they are, anything else as JSON.
func MetaString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// ObjName names the object at a path for messages: "the article", "mentions.2".
func ObjName(path string) string {
	if path == "" {
		return "the article"
	}
	return path
}

// ValueKind names the JSON value that starts with c, for messages.
func ValueKind(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}
