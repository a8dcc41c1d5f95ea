package queries

import (
	"strings"
	"testing"
)

// FuzzBindParams feeds arbitrary --param values to every built-in query: conversion either
// succeeds with the declared type or fails with an error, never panics.
func FuzzBindParams(f *testing.F) {
	set, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	for _, q := range set.All() {
		for _, ex := range q.Examples {
			for _, part := range strings.Split(ex, "--param ") {
				f.Add(q.Name, strings.Trim(strings.TrimSpace(part), `"`))
			}
		}
	}
	f.Add("spoke-with", "actor=")
	f.Add("spoke-with", "=x")
	f.Add("spoke-with", "actor=\x00\xff")
	f.Fuzz(func(t *testing.T, name, arg string) {
		q, err := set.Get(name)
		if err != nil {
			return
		}
		params, err := q.BindParams([]string{arg})
		if err != nil {
			return
		}
		for _, p := range q.Params {
			v, ok := params[p.Name]
			if !ok {
				t.Fatalf("bound params lack %s", p.Name)
			}
			switch p.Type {
			case "int":
				if _, ok := v.(int64); !ok {
					t.Fatalf("%s: int param bound to %T", p.Name, v)
				}
			case "float":
				if _, ok := v.(float64); !ok {
					t.Fatalf("%s: float param bound to %T", p.Name, v)
				}
			case "list":
				if _, ok := v.([]string); !ok {
					t.Fatalf("%s: list param bound to %T", p.Name, v)
				}
			}
		}
	})
}

// FuzzParse feeds arbitrary query files to the header parser.
func FuzzParse(f *testing.F) {
	set, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	for _, q := range set.All() {
		f.Add(q.Name, q.Body)
	}
	f.Add("x", "// description: d\n// param: a int = 1 — n\nRETURN $a")
	f.Fuzz(func(t *testing.T, name, body string) {
		q, err := Parse(name, body, "fuzz.cypher")
		if err != nil {
			return
		}
		if q.Description == "" {
			t.Fatal("parsed a query without a description")
		}
	})
}
