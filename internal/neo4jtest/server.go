package neo4jtest

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// Server is a Neo4j started for one test through scripts/neo4j-local, in a temporary
// home on free ports, for tests that stop and restart the server. It reuses the
// download of the repository's .neo4j (or of NEO4J_LOCAL_HOME) when there is one.
type Server struct {
	t    testing.TB
	home string
	env  []string
	Cfg  neo4jstore.Config
}

// Dedicated starts a private server and stops it when the test ends. Starting one takes
// tens of seconds; use it only for tests that must stop the server.
func Dedicated(t testing.TB) *Server {
	t.Helper()
	s := NewServer(t)
	if err := s.script("start"); err != nil {
		Unreachable(t, err)
	}
	return s
}

// NewServer prepares a private server without starting it (see Dedicated), for tests
// that fill its database first, e.g. with the import tool (AdminImport).
func NewServer(t testing.TB) *Server {
	t.Helper()
	if testing.Short() {
		t.Skip("dedicated Neo4j server: not in -short mode")
	}
	if _, err := exec.LookPath("java"); err != nil {
		Unreachable(t, err)
	}
	home := t.TempDir()
	root := RepoRoot(t)
	// The download is reused: NEO4J_LOCAL_CACHE when set (the script's own setting), else
	// the dist folder of NEO4J_LOCAL_HOME or of the repository's .neo4j.
	env := os.Environ()
	dists := []string{os.Getenv("NEO4J_LOCAL_CACHE")}
	for _, h := range []string{os.Getenv("NEO4J_LOCAL_HOME"), filepath.Join(root, ".neo4j")} {
		if h != "" {
			dists = append(dists, filepath.Join(h, "dist"))
		}
	}
	for _, d := range dists {
		if d == "" {
			continue
		}
		if _, err := os.Stat(d); err == nil {
			if err := os.Symlink(d, filepath.Join(home, "dist")); err != nil {
				t.Fatal(err)
			}
			env = append(env, "NEO4J_LOCAL_CACHE="+filepath.Join(home, "dist"))
			break
		}
	}
	bolt, http := freePort(t), freePort(t)
	s := &Server{t: t, home: home}
	s.env = append(env, "NEO4J_LOCAL_HOME="+home, "NEO4J_BOLT_PORT="+strconv.Itoa(bolt),
		"NEO4J_HTTP_PORT="+strconv.Itoa(http), "NEO4J_HEAP=512m", "NEO4J_PAGECACHE=128m", "NEO4J_LOCAL_PASSWORD=dipgraph-local")
	s.Cfg = neo4jstore.Config{URI: "neo4j://localhost:" + strconv.Itoa(bolt), Username: "neo4j", Password: "dipgraph-local", Database: "neo4j", ConnectTimeout: 30 * time.Second}
	t.Cleanup(func() { s.script("stop") })
	return s
}

// AdminImport runs `neo4j-admin database import full neo4j ARGS...` of the downloaded
// distribution on the server's (stopped) data folder, in dir.
func (s *Server) AdminImport(dir string, args ...string) (string, error) {
	s.t.Helper()
	if err := s.script("fetch"); err != nil {
		Unreachable(s.t, err)
	}
	dists, _ := filepath.Glob(filepath.Join(s.home, "dist", "*", "lib"))
	if len(dists) == 0 {
		s.t.Fatalf("no Neo4j distribution under %s", s.home)
	}
	conf := filepath.Join(s.home, "import-conf")
	if err := os.MkdirAll(conf, 0o755); err != nil {
		s.t.Fatal(err)
	}
	cfg := "server.directories.data=" + filepath.Join(s.home, "data") + "\nserver.directories.logs=" + filepath.Join(s.home, "logs") + "\n"
	if err := os.WriteFile(filepath.Join(conf, "neo4j.conf"), []byte(cfg), 0o644); err != nil {
		s.t.Fatal(err)
	}
	c := exec.Command("java", append([]string{"-Xmx512m", "-cp", filepath.Join(dists[0], "*"), "org.neo4j.cli.AdminTool",
		"database", "import", "full", "neo4j"}, args...)...)
	c.Dir = dir
	c.Env = append(os.Environ(), "NEO4J_HOME="+s.home, "NEO4J_CONF="+conf)
	out, err := c.CombinedOutput()
	return string(out), err
}

// Env returns the environment a child dipgraph process needs to reach this server.
func (s *Server) Env() []string {
	return []string{"NEO4J_URI=" + s.Cfg.URI, "NEO4J_USERNAME=neo4j", "NEO4J_PASSWORD=dipgraph-local", "NEO4J_DATABASE=neo4j"}
}

// Stop stops the server (SIGTERM, as scripts/neo4j-local stop does).
func (s *Server) Stop() {
	s.t.Helper()
	if err := s.script("stop"); err != nil {
		s.t.Fatalf("stop Neo4j: %v", err)
	}
}

// Start starts the server again.
func (s *Server) Start() {
	s.t.Helper()
	if err := s.script("start"); err != nil {
		s.t.Fatalf("start Neo4j: %v", err)
	}
}

// Open connects to the server, with the schema in place.
func (s *Server) Open() *neo4jstore.Store {
	s.t.Helper()
	ctx := context.Background()
	st, err := neo4jstore.Open(ctx, s.Cfg)
	if err != nil {
		s.t.Fatalf("open dedicated server: %v", err)
	}
	s.t.Cleanup(func() { st.Close(ctx) })
	if err := st.EnsureSchema(ctx); err != nil {
		s.t.Fatalf("create schema: %v", err)
	}
	return st
}

func (s *Server) script(cmd string) error {
	c := exec.Command(filepath.Join(RepoRoot(s.t), "scripts", "neo4j-local"), cmd)
	c.Env = s.env
	out, err := c.CombinedOutput()
	s.t.Logf("neo4j-local %s: %s", cmd, out)
	return err
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
