package brat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/jsonpos"
)

// maxMetaBytes bounds a metadata sidecar.
const maxMetaBytes = 1 << 20

func readMeta(path string, a *ingest.Article) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read metadata: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxMetaBytes+1))
	if err != nil {
		return fmt.Errorf("read metadata: %w", err)
	}
	if len(b) > maxMetaBytes {
		return &ingest.ParseError{Path: path, Msg: "metadata larger than 1 MiB"}
	}
	return ParseMeta(b, path, a)
}

// ParseMeta reads article metadata (a JSON object with id, title, source, url, published
// and any other fields) into a. path names the file in messages. A byte-order mark before
// the object is allowed; a key given twice, or one of the known fields spelt with other
// capitals ("ID"), is an error, since either would silently choose a value.
func ParseMeta(b []byte, path string, a *ingest.Article) error {
	b = ingest.DropBOM(b)
	if len(bytes.TrimSpace(b)) == 0 {
		return &ingest.ParseError{Path: path, Msg: "empty metadata file: expected a JSON object"}
	}
	var raw map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	err := dec.Decode(&raw)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value")
	}
	if err != nil {
		return &ingest.ParseError{Path: path, Line: jsonpos.ErrLine(b, err), Msg: "metadata is not a JSON object: " + jsonpos.Msg(err)}
	}
	var errs ingest.ParseErrors
	known := map[string]*string{"id": &a.ID, "title": &a.Title, "source": &a.Source, "url": &a.URL, "published": &a.Published}
	jsonpos.Scan(b, 1, func(k jsonpos.Key) {
		if k.Obj != "" {
			return
		}
		switch {
		case k.Dup:
			errs = append(errs, &ingest.ParseError{Path: path, Line: k.Line, Msg: fmt.Sprintf("key %q appears twice: give each key once", ingest.Clip(k.Key))})
		case known[k.Key] == nil:
			for name := range known {
				if strings.EqualFold(name, k.Key) {
					errs = append(errs, &ingest.ParseError{Path: path, Line: k.Line, Msg: fmt.Sprintf("key %q is not %q: keys are case-sensitive", ingest.Clip(k.Key), name)})
				}
			}
		}
	})
	if len(errs) > 0 {
		return errs
	}
	a.Meta = map[string]string{}
	published := ""
	for k, v := range raw {
		dst, ok := known[k]
		if !ok {
			a.Meta[k] = jsonpos.MetaString(v)
			continue
		}
		str, isStr := v.(string)
		if !isStr && v != nil {
			return &ingest.ParseError{Path: path, Line: keyLine(b, k), Msg: fmt.Sprintf("metadata: %s: expected a string, got %s", k, jsonpos.TypeName(v))}
		}
		switch {
		case k == "published":
			published = str
		case k == "id" && str == "":
			// an empty id keeps the file name
		default:
			*dst = str
		}
	}
	if published != "" {
		d, err := ingest.ParseDate(published)
		if err != nil {
			return &ingest.ParseError{Path: path, Line: keyLine(b, "published"), Msg: fmt.Sprintf("published: %v", err)}
		}
		a.Published = d
	}
	a.MetaPath = path
	return nil
}

// keyLine returns the line of the first "key": in b, or 0.
func keyLine(b []byte, key string) int {
	i := bytes.Index(b, []byte(`"`+key+`"`))
	if i < 0 {
		return 0
	}
	return ingest.LineAt(b, i)
}
