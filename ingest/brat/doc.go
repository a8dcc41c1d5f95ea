// Package brat reads brat's standoff format: X.txt with X.ann, an optional X.meta.json
// sidecar with the article's metadata, and the annotation.conf in the folder or the
// nearest parent, which declares the types an article may use. A Config is an
// ingest.Schema: Validate checks articles against it, whatever their format (the JSON
// readers attach an annotation.conf named with --config through WithConfig).
//
// A byte-order mark at the start of a .txt is not part of the text; offsets are read as
// brat's (which count it) or other tools' (which do not), whichever makes more span texts
// match. CRLF line ends stay in the text, since brat counts the CR.
package brat

// Format is the name of brat's standoff format.
const Format = "brat"
