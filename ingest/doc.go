// Package ingest reads annotated news articles into one in-memory model, Article, whatever
// format they came in, and checks them before anything is loaded.
//
// The package holds the model, one small interface for a reader of a format, a Registry
// of readers, format detection and the one door to read a path; each format is a reader
// in its own subpackage (FORMATS.md describes each, with examples):
//
//   - ingest/brat: brat standoff, X.txt with X.ann (T, R, E, A/M, N, * and # lines), an
//     optional X.meta.json sidecar, and an optional annotation.conf in the folder or a
//     parent, whose declarations check articles of every format (ingest.Schema);
//   - ingest/labelstudio: Label Studio JSON exports, tasks with data.text and "labels" and
//     "relation" results;
//   - ingest/native: the native format, JSON Lines, one article a line, described by
//     native/native.schema.json;
//   - ingest/text: raw text, annotated on the way in by internal/annotate (only when a
//     program registers it and forces the format).
//
// ingest/readers registers the first three with one line each; this package never
// imports its readers. A new format is a subpackage that implements Reader and one
// registration line (ingest/internal/tsv is a small example, read in its test).
//
// The pipeline is Discover → Read → Validate (or ReadValid, which does the last two).
// Discover turns paths into Sources with the readers of Options.Readers: it walks
// folders, reads "-" from stdin, and gives each file to the reader that claims it most
// strongly (by name, then content), unless Options.Format forces one; the reader finds
// the articles in it (a brat pair, each task of an export, each line of JSON Lines). Read
// hands a Source back to its reader, holding one article in memory at a time: files are
// read line by line or value by value, and inputs past the size limits (MaxTextBytes,
// MaxArticleBytes, MaxLineBytes) are refused with a clear error. Validate reports every
// problem of an article, as "file:line: message" in a stable order: offsets outside the
// text, span text that differs from the text, unknown and duplicate ids, relations to
// missing annotations, events that are their own argument, types missing from the
// article's Schema or with the wrong argument types, and any type, role or attribute
// name that could not safely become a Neo4j label or relationship type.
//
// Offsets in an Article count Unicode code points, as brat does, never bytes; Label
// Studio's UTF-16 offsets are converted on reading. The package does no I/O beyond its
// readers and holds no global state.
package ingest
