package neo4jstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCheckVersion(t *testing.T) {
	for _, tc := range []struct {
		v   string
		old bool
	}{
		{"5.26.5", false}, {"5.26.0", false}, {"5.27-aura", false}, {"2025.10.1", false},
		{"5.25.1", true}, {"5.13.0", true}, {"4.4.30", true}, {"3.5.35", true},
		{"", false}, {"dev", false},
	} {
		err := checkVersion(tc.v)
		if got := errors.Is(err, ErrTooOld); got != tc.old {
			t.Errorf("checkVersion(%q) = %v, want too old: %v", tc.v, err, tc.old)
		}
	}
}

// TestOpenExplainsARefusedConnection checks the message a user sees when no server listens
// at the address: ErrUnreachable, the address, the cause and what to do.
func TestOpenExplainsARefusedConnection(t *testing.T) {
	_, err := Open(context.Background(), Config{URI: "neo4j://localhost:1", Username: "neo4j", Password: "x", ConnectTimeout: 3 * time.Second})
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("Open on a closed port: %v, want ErrUnreachable", err)
	}
	for _, want := range []string{"neo4j://localhost:1", "connection refused", "make neo4j-up"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	for _, uri := range []string{"localhost:7687", "http://localhost:7474"} {
		if _, err := Open(context.Background(), Config{URI: uri}); err == nil || !strings.Contains(err.Error(), "NEO4J_URI") {
			t.Errorf("Open(%q): %v, want an error naming NEO4J_URI", uri, err)
		}
	}
}
