// Package ingest reads annotated news articles into one in-memory model, Article, whatever
// format they came in, and checks them before anything is loaded.
//
// Three formats are read (FORMATS.md describes each, with examples):
//
//   - brat standoff: X.txt with X.ann (T, R, E, A/M, N, * and # lines), an optional
//     X.meta.json sidecar, and an optional annotation.conf in the folder or a parent;
//   - Label Studio JSON exports: tasks with data.text and "labels" and "relation" results;
//   - the native format: JSON Lines, one article a line, described by native.schema.json.
//
// The pipeline is Discover → Read → Validate (or ReadValid, which does the last two).
// Discover turns paths into Sources: it walks folders, pairs brat files, finds each
// article in a JSON file, reads "-" from stdin, and chooses the format by extension and
// content unless Options.Format forces one. Read reads one Source, holding one article in
// memory at a time: files are read line by line or value by value, and inputs past the
// size limits (MaxTextBytes, MaxArticleBytes, MaxLineBytes) are refused with a clear
// error. Validate reports every problem of an article, as "file:line: message" in a stable
// order: offsets outside the text, span text that differs from the text, unknown and
// duplicate ids, relations to missing annotations, events that are their own argument,
// types missing from annotation.conf or with the wrong argument types, and any type,
// role or attribute name that could not safely become a Neo4j label or relationship type.
//
// Offsets in an Article count Unicode code points, as brat does, never bytes; Label
// Studio's UTF-16 offsets are converted on reading. The package does no I/O beyond its
// readers and holds no global state.
package ingest
