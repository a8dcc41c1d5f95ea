// Command dipgraph builds a knowledge graph of diplomatic relationships from annotated
// news articles, loads it into Neo4j, and runs saved queries on it.
package main

import "os"

func main() { os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr)) }
