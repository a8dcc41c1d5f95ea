package graph

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
)

// The actors derived from the Phoenix dictionaries are in the repository twice:
// phoenix-actors.jsonl.gz is the data as people and tools read it, and
// phoenix-actors.bin.gz, the one embedded, the same actors compiled into a compact form
// that loads without a JSON parser and with a handful of allocations: every string is a
// slice of one buffer.
// A test checks that the compiled form decodes to exactly what the JSON Lines decode to
// (go test ./graph -run TestCompiledDictionary -update-compiled rewrites it).
//
// The compiled form, gzip'd: the line compiledMagic, then uvarints and strings (a uvarint
// length and the bytes): the file's as-of date and source, the number of actors, of
// names in their lists and of roles; then per actor its ID, QID, Type (a label), Name,
// Cameo, Country and Qualifier, its Aliases, Adjectives and Capitals (each a count and
// the strings) and its Roles (a count and per role Title, Of, Since, Until and Code).

//go:embed phoenix-actors.bin.gz
var compiledPhoenix []byte

// CompiledPhoenixFile is the name of the compiled form of PhoenixFile.
const CompiledPhoenixFile = "graph/phoenix-actors.bin.gz"

const compiledMagic = "dipgraph compiled actors 1\n"

var errCompiledTruncated = errors.New("truncated")

// compiledReader reads the compiled form: numbers from b, strings as slices of s, which
// holds the same bytes.
type compiledReader struct {
	b   []byte
	s   string
	off int
	err error
}

func (r *compiledReader) uint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 || v > uint64(len(r.b)) {
		r.err = errCompiledTruncated
		return 0
	}
	r.off += n
	return int(v)
}

func (r *compiledReader) str() string {
	n := r.uint()
	if r.err != nil || r.off+n > len(r.s) {
		r.err = errCompiledTruncated
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

// list reads a counted list, each item with read, into the front of pool and returns
// the list and the rest of the pool; an empty list is nil, as JSON leaves a missing one.
func list[T any](r *compiledReader, pool []T, read func() T) ([]T, []T) {
	n := r.uint()
	if n == 0 || r.err != nil {
		return nil, pool
	}
	if n > len(pool) {
		r.err = errCompiledTruncated
		return nil, pool
	}
	for i := range n {
		pool[i] = read()
	}
	return pool[:n:n], pool[n:]
}

// role reads one role.
func (r *compiledReader) role() Role {
	return Role{Title: r.str(), Of: r.str(), Since: r.str(), Until: r.str(), Code: r.str()}
}

// decodeCompiled reads actors in the compiled form (gzip'd).
func decodeCompiled(gz []byte, name string) (*decoded, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var buf bytes.Buffer
	if len(gz) >= 4 {
		// gzip ends with the size of what it holds (modulo 4 GB): read it in one go.
		buf.Grow(int(min(binary.LittleEndian.Uint32(gz[len(gz)-4:]), 1<<26)) + 1)
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte(compiledMagic)) {
		return nil, fmt.Errorf("read %s: not a compiled actors file", name)
	}
	r := &compiledReader{b: b, s: string(b), off: len(compiledMagic)}
	d := &decoded{asOf: r.str()}
	source := r.str()
	nActors, nStrs, nRoles := r.uint(), r.uint(), r.uint()
	if r.err == nil && (nActors > len(b) || nStrs > len(b) || nRoles > len(b)) {
		r.err = errCompiledTruncated
	}
	if r.err != nil {
		return nil, fmt.Errorf("read %s: %w", name, r.err)
	}
	d.actors = make([]Actor, nActors)
	pool, roles := make([]string, nStrs), make([]Role, nRoles)
	for i := range d.actors {
		a := &d.actors[i]
		a.ID, a.QID, a.Type, a.Name = r.str(), r.str(), r.str(), r.str()
		a.Cameo, a.Country, a.Qualifier = r.str(), r.str(), r.str()
		a.Aliases, pool = list(r, pool, r.str)
		a.Adjectives, pool = list(r, pool, r.str)
		a.Capitals, pool = list(r, pool, r.str)
		a.Roles, roles = list(r, roles, r.role)
		a.Source, a.asOf = source, d.asOf
		if r.err != nil {
			return nil, fmt.Errorf("read %s: actor %d: %w", name, i+1, r.err)
		}
	}
	return d, nil
}
