// Package render writes what the commands print: query rows as an aligned table that fits
// the terminal, JSON Lines or CSV; graph values (nodes, relationships, paths) as readable
// text; the resolved graph of a dry run as JSON; the database's counts; what a name
// resolves to in the gazetteer; and the ingest progress bar.
//
// Everything here writes to an io.Writer and decides nothing: the commands choose the
// format and the width, the libraries compute what is shown.
package render
