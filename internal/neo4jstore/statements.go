package neo4jstore

import (
	"context"
	"fmt"
)

// Statement is one parameterised Cypher statement.
type Statement struct {
	Cypher string
	Params map[string]any
}

// WriteStatements runs the statements in order in one write transaction (retried as a
// whole on transient errors), so readers see all of their effect or none of it.
func (s *Store) WriteStatements(ctx context.Context, stmts []Statement) (Counters, error) {
	return s.write(ctx, func(run runFunc) error {
		for i, st := range stmts {
			if _, err := run(st.Cypher, st.Params); err != nil {
				return fmt.Errorf("statement %d: %w", i+1, err)
			}
		}
		return nil
	})
}
