package annotate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dipgraph/dipgraph/ingest"
)

// Input is a raw article read from disk: its text (without any front matter) and metadata.
type Input struct {
	Path     string // the file read
	Text     string // the article text, front matter removed
	Meta     Meta
	Header   bool   // the file had front matter, so Text differs from the file
	MetaPath string // the X.meta.json read, if any
}

// ReadInput reads a raw article: X.txt (or X.md) with an optional X.meta.json beside it or
// a front-matter header. Fields of the header win over those of X.meta.json.
func ReadInput(path string) (*Input, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read article: %w", err)
	}
	if len(b) > ingest.MaxTextBytes {
		return nil, &ingest.ParseError{Path: path, Msg: fmt.Sprintf("text larger than %d MiB; split the article", ingest.MaxTextBytes>>20)}
	}
	off := 0
	if bytes.HasPrefix(b, []byte("\ufeff")) {
		b, off = b[3:], 3
	}
	if pe := ingest.CheckText(path, b, off); pe != nil {
		return nil, pe
	}
	base := strings.TrimSuffix(path, filepath.Ext(path))
	in := &Input{Path: path, Text: string(b), Meta: Meta{ID: filepath.Base(base), Path: path}}
	mp := base + ".meta.json"
	if mb, err := os.ReadFile(mp); err == nil {
		if err := parseMeta(mb, &in.Meta); err != nil {
			return nil, &ingest.ParseError{Path: mp, Msg: err.Error()}
		}
		in.MetaPath = mp
	}
	body, fm, ok, err := SplitFrontMatter(in.Text)
	if err != nil {
		return nil, &ingest.ParseError{Path: path, Msg: err.Error()}
	}
	if ok {
		in.Text, in.Header = body, true
		for _, kv := range []struct {
			dst *string
			v   string
		}{{&in.Meta.ID, fm.ID}, {&in.Meta.Title, fm.Title},
			{&in.Meta.Published, fm.Published}, {&in.Meta.Source, fm.Source}, {&in.Meta.URL, fm.URL}} {
			if kv.v != "" {
				*kv.dst = kv.v
			}
		}
		for k, v := range fm.Extra {
			if in.Meta.Extra == nil {
				in.Meta.Extra = map[string]string{}
			}
			in.Meta.Extra[k] = v
		}
	}
	if in.Meta.Published != "" {
		d, err := ingest.ParseDate(in.Meta.Published)
		if err != nil {
			return nil, &ingest.ParseError{Path: path, Msg: "date: " + err.Error()}
		}
		in.Meta.Published = d
	}
	return in, nil
}

// set records one metadata field: the known ones in their fields, any other in Extra.
func (m *Meta) set(k, v string) {
	switch k {
	case "id":
		m.ID = v
	case "title":
		m.Title = v
	case "published":
		m.Published = v
	case "source":
		m.Source = v
	case "url":
		m.URL = v
	default:
		if m.Extra == nil {
			m.Extra = map[string]string{}
		}
		m.Extra[k] = v
	}
}

func parseMeta(b []byte, m *Meta) error {
	var raw map[string]any
	if err := json.Unmarshal(bytes.TrimPrefix(b, []byte("\ufeff")), &raw); err != nil {
		return fmt.Errorf("metadata is not a JSON object: %v", err)
	}
	for k, v := range raw {
		m.set(k, fmt.Sprint(v))
	}
	return nil
}

// MetaJSON returns the metadata as an X.meta.json document.
func (m Meta) MetaJSON() []byte {
	out := map[string]string{}
	for k, v := range m.Extra {
		out[k] = v
	}
	for k, v := range map[string]string{"id": m.ID, "title": m.Title, "published": m.Published, "source": m.Source, "url": m.URL} {
		if v != "" {
			out[k] = v
		}
	}
	b, _ := json.MarshalIndent(out, "", "  ")
	return append(b, '\n')
}

// ReadFile reads a raw article (see ReadInput) and annotates it with an (nil: the default
// annotator). It is what `dipgraph ingest --format text` needs for one file.
func ReadFile(path string, an *Annotator) (*ingest.Article, error) {
	in, err := ReadInput(path)
	if err != nil {
		return nil, err
	}
	if an == nil {
		if an, err = Default(); err != nil {
			return nil, err
		}
	}
	a, err := an.Article(in.Text, in.Meta)
	if err != nil {
		return nil, err
	}
	a.MetaPath = in.MetaPath
	return a, nil
}
