package graph

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

var updateCompiled = flag.Bool("update-compiled", false, "rewrite "+CompiledPhoenixFile+" from "+PhoenixFile)

// TestCompiledDictionary checks that the compiled dictionary actors the built-in
// gazetteer loads are exactly the actors of the JSON Lines file, decoded as a user's
// file is; with -update-compiled it rewrites the compiled file from the JSON Lines.
func TestCompiledDictionary(t *testing.T) {
	want := decodeDictionaryFile(t)
	fresh := encodeCompiled(t, want)
	if *updateCompiled {
		if err := os.WriteFile(filepath.Base(CompiledPhoenixFile), fresh, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := decodeCompiled(compiledPhoenix, CompiledPhoenixFile)
	if err != nil {
		t.Fatalf("%v (run go test ./graph -run TestCompiledDictionary -update-compiled)", err)
	}
	if got.asOf != want.asOf || len(got.actors) != len(want.actors) {
		t.Fatalf("compiled: %d actors as of %q; JSON Lines: %d as of %q (run go test ./graph -run TestCompiledDictionary -update-compiled)",
			len(got.actors), got.asOf, len(want.actors), want.asOf)
	}
	for i := range want.actors {
		if !reflect.DeepEqual(got.actors[i], want.actors[i]) {
			t.Fatalf("actor %d differs (run go test ./graph -run TestCompiledDictionary -update-compiled):\ncompiled:   %+v\nJSON Lines: %+v",
				i+1, got.actors[i], want.actors[i])
		}
	}
}

// TestDecodeCompiledRefusesDamage: a cut or foreign file is an error, not a panic.
func TestDecodeCompiledRefusesDamage(t *testing.T) {
	d := &decoded{asOf: "2014-01-30", actors: []Actor{{ID: "a", Type: "Person", Name: "A", Source: "phoenix", asOf: "2014-01-30",
		Aliases: []string{"B"}, Roles: []Role{{Title: "President", Since: "2001"}}}}}
	whole := encodeCompiled(t, d)
	if got, err := decodeCompiled(whole, "t"); err != nil || !reflect.DeepEqual(got.actors[0].Roles, d.actors[0].Roles) {
		t.Fatalf("round trip: %+v, %v", got, err)
	}
	zr, _ := gzip.NewReader(bytes.NewReader(whole))
	var plain bytes.Buffer
	plain.ReadFrom(zr)
	for n := 0; n < plain.Len(); n++ {
		if _, err := decodeCompiled(gzipBytes(t, plain.Bytes()[:n]), "t"); err == nil {
			t.Errorf("the first %d of %d bytes decode without error", n, plain.Len())
		}
	}
}

// encodeCompiled writes actors in the compiled form (see compiled.go), gzip'd.
func encodeCompiled(t *testing.T, d *decoded) []byte {
	t.Helper()
	b := []byte(compiledMagic)
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	source, nStrs, nRoles := "", 0, 0
	for _, a := range d.actors {
		if source == "" {
			source = a.Source
		}
		if a.Source != source || a.asOf != d.asOf {
			t.Fatalf("%s: source %q as of %q, the others %q as of %q", a.ID, a.Source, a.asOf, source, d.asOf)
		}
		nStrs += len(a.Aliases) + len(a.Adjectives) + len(a.Capitals)
		nRoles += len(a.Roles)
	}
	str(d.asOf)
	str(source)
	for _, n := range []int{len(d.actors), nStrs, nRoles} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	for _, a := range d.actors {
		for _, s := range []string{a.ID, a.QID, a.Type, a.Name, a.Cameo, a.Country, a.Qualifier} {
			str(s)
		}
		for _, l := range [][]string{a.Aliases, a.Adjectives, a.Capitals} {
			b = binary.AppendUvarint(b, uint64(len(l)))
			for _, s := range l {
				str(s)
			}
		}
		b = binary.AppendUvarint(b, uint64(len(a.Roles)))
		for _, r := range a.Roles {
			for _, s := range []string{r.Title, r.Of, r.Since, r.Until, r.Code} {
				str(s)
			}
		}
	}
	return gzipBytes(t, b)
}

func gzipBytes(t *testing.T, b []byte) []byte {
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// decodeDictionaryFile decodes the committed JSON Lines dictionary actors as a user's file
// is decoded (strictly: unknown fields are errors).
func decodeDictionaryFile(t *testing.T) *decoded {
	t.Helper()
	raw, err := os.ReadFile(filepath.Base(PhoenixFile))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	d, err := decode(zr, PhoenixFile, true)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
