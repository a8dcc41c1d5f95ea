#!/usr/bin/env python3
"""Load a graph written by `dipgraph export --format json` into Neo4j with the official
driver, as a user comparing tools would write it: UNWIND batches, MERGE nodes by their
key, CREATE relationships. `dipgraph-bench bench` runs it as variant (g).

    peer-load.py GRAPH.json [--batch-size 1000]

Connection: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE. Prints one JSON
line: {"seconds": load time, "nodes": created, "relationships": created}.
"""
import argparse
import datetime
import json
import os
import time
from collections import defaultdict

from neo4j import GraphDatabase

DATES = {"published", "first_seen", "last_seen"}  # typed as dates in the store


def props(p):
    return {k: datetime.date.fromisoformat(v) if k in DATES and isinstance(v, str) else v
            for k, v in p.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph")
    ap.add_argument("--batch-size", type=int, default=1000)
    args = ap.parse_args()
    with open(args.graph, encoding="utf-8") as f:
        g = json.load(f)

    articles, entities, evidence = [], [], []
    for n in g["nodes"]:
        p = props(n["properties"])
        if "Article" in n["labels"]:
            articles.append({"id": p["id"], "props": p})
        elif "Entity" in n["labels"]:
            entities.append({"key": p["key"], "labels": n["labels"], "props": p})
        else:
            evidence.append({"labels": n["labels"], "props": p})
    rels = defaultdict(list)
    for r in g["relationships"]:
        start = r["start"]
        from_article = start.startswith("article:")
        if from_article:
            start = start[len("article:"):]
        rels[(r["type"], from_article)].append({"start": start, "end": r["end"], "props": props(r["properties"])})

    stmts = [("UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a += row.props", articles),
             ("UNWIND $rows AS row MERGE (e:Entity {key: row.key}) SET e += row.props, e:$(row.labels)", entities),
             ("UNWIND $rows AS row CREATE (e:$(row.labels)) SET e = row.props", evidence)]
    for (typ, from_article), rows in sorted(rels.items()):
        start = "(a:Article {id: row.start})" if from_article else "(a:Entity {key: row.start})"
        t = "`" + typ.replace("`", "``") + "`"
        stmts.append((f"UNWIND $rows AS row MATCH {start} MATCH (b:Entity {{key: row.end}}) "
                      f"CREATE (a)-[r:{t}]->(b) SET r = row.props", rows))

    uri = os.environ.get("NEO4J_URI", "neo4j://localhost:7687")
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    db = os.environ.get("NEO4J_DATABASE", "neo4j")
    nodes = relationships = 0
    start = time.monotonic()
    with GraphDatabase.driver(uri, auth=auth) as driver, driver.session(database=db) as s:
        for q, rows in stmts:
            for i in range(0, len(rows), args.batch_size):
                batch = rows[i:i + args.batch_size]
                c = s.execute_write(lambda tx: tx.run(q, rows=batch).consume().counters)
                nodes += c.nodes_created
                relationships += c.relationships_created
    print(json.dumps({"seconds": time.monotonic() - start, "nodes": nodes, "relationships": relationships}))


if __name__ == "__main__":
    main()
