package app

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// ConnFlags are the flags every command that talks to Neo4j takes.
func ConnFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "uri", Usage: "Neo4j URI (neo4j://, neo4j+s://, bolt://, bolt+s://)", Value: "neo4j://localhost:7687", EnvVars: []string{"NEO4J_URI"}},
		&cli.StringFlag{Name: "username", Usage: "Neo4j user", Value: "neo4j", EnvVars: []string{"NEO4J_USERNAME"}},
		&cli.StringFlag{Name: "password", Usage: "Neo4j password (prefer the NEO4J_PASSWORD variable or --password-file)", EnvVars: []string{"NEO4J_PASSWORD"}},
		&cli.StringFlag{Name: "password-file", Usage: "read the Neo4j password from `FILE`"},
		&cli.StringFlag{Name: "database", Usage: "Neo4j database", Value: "neo4j", EnvVars: []string{"NEO4J_DATABASE"}},
		&cli.DurationFlag{Name: "connect-timeout", Usage: "how long to wait for an unreachable server", Value: 15 * time.Second, EnvVars: []string{"NEO4J_CONNECT_TIMEOUT"}},
	}
}

// Conn is the connection the ConnFlags of c give, the password read from --password-file
// when it is set.
func Conn(c *cli.Context) (neo4jstore.Config, error) {
	pw := c.String("password")
	if f := c.String("password-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return neo4jstore.Config{}, fmt.Errorf("read password file: %w", err)
		}
		pw = strings.TrimRight(string(b), "\r\n")
	}
	return neo4jstore.Config{
		URI:      c.String("uri"),
		Username: c.String("username"),
		Password: pw,
		Database: c.String("database"),
		// A command without the flag (none today) gets the store's default.
		ConnectTimeout: c.Duration("connect-timeout"),
		// Only ingest has the flag; 0 is the store's default.
		BulkWriters: c.Int("bulk-writers"),
	}, nil
}

// OpenStore connects with the connection flags of c.
func OpenStore(c *cli.Context) (*neo4jstore.Store, error) {
	cfg, err := Conn(c)
	if err != nil {
		return nil, err
	}
	return neo4jstore.Open(c.Context, cfg)
}

// Logger returns the command's logger on stderr: debug with --verbose, JSON with
// --log-format json.
func Logger(c *cli.Context) *slog.Logger {
	level := slog.LevelInfo
	if c.Bool("verbose") {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.String("log-format") == "json" {
		return slog.New(slog.NewJSONHandler(c.App.ErrWriter, opts))
	}
	return slog.New(slog.NewTextHandler(c.App.ErrWriter, opts))
}
