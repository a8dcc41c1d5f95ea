// Package eval scores predicted annotations against hand annotations (a gold set): entity
// spans (exact and overlapping), entity resolution (the keys graph.Builder resolves
// mentions to) and relations (same type between the same resolved entities), each as
// precision, recall and F1, per type and overall, summed over all articles (micro-average).
// Dirs scores annotations found on disk; Annotated runs an annotator over the gold texts
// itself and also measures its throughput in MB of text per CPU-second (MB/s per core).
//
// Relations are compared on the graph both sides build, so an event argument counts by the
// event's label (a Ceasefire) rather than by the words that named it, and a relation
// annotated twice in one article counts once.
package eval
