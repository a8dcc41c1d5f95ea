// Package archtest holds the check that the import rules of ARCHITECTURE.md hold: every
// package of the module is in the layer table there, and no package depends (directly or
// through others, as `go list -deps` reports) on a package of its own layer or above.
package archtest
