# dipgraph — `make demo` and `make test` are the two set-up commands; the others help.
SHELL := /bin/bash
.DEFAULT_GOAL := build

export NEO4J_BOLT_PORT ?= 7687
export NEO4J_HTTP_PORT ?= 7474
export NEO4J_URI ?= neo4j://localhost:$(NEO4J_BOLT_PORT)
export NEO4J_USERNAME ?= neo4j
export NEO4J_PASSWORD ?= dipgraph-local

GO ?= go

.PHONY: build demo test test-short vet eval neo4j-up neo4j-down neo4j-status fuzz bench clean

## build: compile bin/dipgraph (and bin/dipgraph-bench, the developer tools bench and generate)
build:
	$(GO) build -o bin/dipgraph ./cmd/dipgraph
	$(GO) build -o bin/dipgraph-bench ./cmd/dipgraph-bench

## demo: start a local Neo4j if none answers, load examples/, run the saved queries
demo: build
	scripts/demo.sh

## test: vet and test everything against a real Neo4j (started and stopped here if needed)
test:
	scripts/test.sh

## test-short: unit tests only, no database
test-short:
	$(GO) test -short ./...

vet:
	$(GO) vet ./...

## eval: score the annotator on the gold sets (tuning and each blind set): P/R/F1 per type, MB/s per core
eval: build
	scripts/eval.sh

## neo4j-up / neo4j-down / neo4j-status: the local Neo4j (scripts/neo4j-local)
neo4j-up:
	scripts/neo4j-local start

neo4j-down:
	scripts/neo4j-local stop

neo4j-status:
	scripts/neo4j-local status

## bench: loader speed beside a naive loader and LOAD CSV (clears its own Neo4j on 7689)
bench:
	scripts/bench.sh

## fuzz: run every fuzz target for FUZZTIME each (default 5m)
FUZZTIME ?= 5m
fuzz:
	scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin
