// Package deploy checks that the two ways of running Neo4j for dipgraph agree: the local
// launcher (scripts/neo4j-local) and docker-compose.yml run the same server version on the
// same ports. These machines have no Docker engine, so the compose file is checked by
// parsing it.
package deploy
