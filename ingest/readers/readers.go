// Package readers registers every reader of annotated articles this module has, one line
// each. Programs and tests pass All() to ingest.Discover; a new format is a subpackage of
// ingest and one line here. The raw-text reader (ingest/text) needs an annotator, so a
// program that offers it registers it itself.
package readers

import (
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/labelstudio"
	"github.com/dipgraph/dipgraph/ingest/native"
)

// All returns a registry of the readers of annotated articles. The order settles ties
// between equal claims: a .json file whose content says nothing goes to native.
func All() *ingest.Registry {
	r := ingest.NewRegistry()
	r.Register(brat.Reader{})
	r.Register(native.Reader{})
	r.Register(labelstudio.Reader{})
	return r
}
