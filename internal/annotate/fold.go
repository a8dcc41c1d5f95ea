package annotate

import "github.com/dipgraph/dipgraph/graph"

// foldAccent maps accented Latin letters to their base letter, so "Erdoğan" matches
// "Erdogan" and "Türkiye" matches "Turkiye" (graph.FoldLetter: names fold the same way).
func foldAccent(r rune) rune { return graph.FoldLetter(r) }
