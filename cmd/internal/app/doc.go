// Package app is what the project's commands share around urfave/cli: running an app with
// signals and exit codes (0 success, 1 failure, 2 usage error, 128+n when stopped by a
// signal), usage errors, flags that may follow positional arguments, suggestions for a
// misspelt command, the Neo4j connection flags and the command's logger.
//
// Only the packages under cmd/ import it (and urfave/cli): the libraries know nothing of
// flags.
package app
