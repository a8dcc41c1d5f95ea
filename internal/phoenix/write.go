package phoenix

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// Write writes actors in the gazetteer's JSON Lines format, after a header that keeps the
// dictionaries' licence notice and declares the source and as-of date. The output depends
// only on its input.
func Write(w io.Writer, actors []*graph.Actor, in *Input) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "// Actors derived from the PETRARCH2/Phoenix actor dictionaries (openeventdata/petrarch2,")
	fmt.Fprintln(bw, "// data/dictionaries) by `dipgraph gazetteer build`; names, aliases, CAMEO codes and dated")
	fmt.Fprintln(bw, "// roles are theirs, and so is the licence below.")
	fmt.Fprintln(bw, "//")
	for _, l := range strings.Split(in.License, "\n") {
		fmt.Fprintln(bw, strings.TrimRight("// "+l, " "))
	}
	fmt.Fprintln(bw, "//")
	fmt.Fprintln(bw, "// source: phoenix")
	if in.AsOf != "" {
		fmt.Fprintln(bw, "// as-of:", in.AsOf)
	}
	for _, a := range actors {
		b, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("encode %s: %w", a.ID, err)
		}
		bw.Write(b)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// WriteGzip writes what Write writes, gzip-compressed with no name or time in the header,
// so that one input always gives the same bytes.
func WriteGzip(w io.Writer, actors []*graph.Actor, in *Input) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := Write(zw, actors, in); err != nil {
		return err
	}
	return zw.Close()
}
