// Package generate writes synthetic, brat-annotated news articles for benchmarks and load
// tests.
//
// A corpus is fully determined by its article count and seed: the same Options always give
// byte-identical files. Articles are independent of each other (article i draws from its
// own random stream, seeded by the corpus seed and i), so they are generated and written
// one at a time, in any order, in constant memory.
//
// The corpus is shaped like diplomatic news rather than uniform noise: actors are drawn
// from a Zipf-like distribution over a few thousand actors (the built-in gazetteer's
// actors are the most frequent ones, synthetic names make up the long tail); actors appear
// under several surface forms (aliases, capitals standing for states, surnames after a
// full name, acronyms tied to their full name by a brat equivalence); ceasefires and talks
// recur across articles under a shared normalisation id; sentences carry binary relations,
// n-ary events (brat E lines), negated, proposed and speculated statements (A lines) and
// dates. Every article validates against its text, so offsets and sentence evidence are
// exercised as in real input.
package generate
