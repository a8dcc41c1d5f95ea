package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds dipgraph once per test run, for tests that need a child process (signals,
// two processes at once, a server that goes away).
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dipgraph-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "dipgraph")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// child starts the built dipgraph with env added to the test server's settings.
func child(t *testing.T, env []string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(append(os.Environ(), neo4jtest.Env()...), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out, &errb
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// articleCount counts the :Article nodes, to see how far a running ingest got.
func articleCount(t *testing.T, st *neo4jstore.Store) int64 {
	t.Helper()
	rows, err := st.Read(context.Background(), "MATCH (a:Article) RETURN count(a)", nil)
	if err != nil {
		return -1
	}
	n, _ := rows[0].Values[0].(int64)
	return n
}

// waitFor polls cond every 100ms until it holds or the deadline passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var hashRE = regexp.MustCompile(`^[0-9a-f]{64}  \d+ nodes, \d+ relationships, \d+ articles$`)

func fingerprintOut(t *testing.T, env ...string) string {
	t.Helper()
	cmd := exec.Command(binary(t), "fingerprint")
	cmd.Env = append(append(os.Environ(), neo4jtest.Env()...), env...)
	out, err := cmd.Output()
	fp := strings.TrimSpace(string(out))
	if err != nil || !hashRE.MatchString(fp) {
		t.Fatalf("fingerprint: %v: %q", err, fp)
	}
	return fp
}

func TestPasswordNeverShown(t *testing.T) {
	const secret = "s3cret-Never-Shown-42"
	t.Setenv("NEO4J_PASSWORD", secret)
	for _, cmd := range [][]string{{"ingest", "--help"}, {"retract", "--help"}, {"fingerprint", "--help"}, {"stats", "--help"}, {"query", "run", "--help"}} {
		var out, errb bytes.Buffer
		run(append([]string{"dipgraph"}, cmd...), strings.NewReader(""), &out, &errb)
		if strings.Contains(out.String()+errb.String(), secret) {
			t.Errorf("%v --help shows the password", cmd)
		}
	}
	pwFile := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pwFile, []byte(secret+"\n"), 0o600)
	for name, args := range map[string][]string{
		"env":           {"stats", "--uri", "bolt://127.0.0.1:1", "--connect-timeout", "2s"},
		"flag":          {"stats", "--uri", "bolt://127.0.0.1:1", "--password", secret, "--connect-timeout", "2s"},
		"password file": {"stats", "--uri", "bolt://127.0.0.1:1", "--password-file", pwFile, "--connect-timeout", "2s"},
	} {
		var out, errb bytes.Buffer
		code := run(append([]string{"dipgraph"}, args...), strings.NewReader(""), &out, &errb)
		if code != app.ExitFailure || strings.Contains(out.String()+errb.String(), secret) {
			t.Errorf("%s: exit %d, output %q %q", name, code, out.String(), errb.String())
		}
	}
}

func TestWrongPasswordIsAClearAuthError(t *testing.T) {
	neo4jtest.Lock(t)
	const wrong = "wrong-Password-7731"
	for _, kv := range neo4jtest.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("NEO4J_PASSWORD", wrong)
	var out, errb bytes.Buffer
	code := run([]string{"dipgraph", "stats"}, strings.NewReader(""), &out, &errb)
	msg := strings.TrimSpace(errb.String())
	if code != app.ExitFailure || strings.Count(msg, "\n") != 0 || !strings.Contains(msg, "authentication failed") || !strings.Contains(msg, `user "neo4j"`) {
		t.Fatalf("exit %d, stderr %q: want one line saying the credentials of user neo4j were refused", code, msg)
	}
	if strings.Contains(msg, wrong) {
		t.Fatalf("the error echoes the password: %q", msg)
	}
}

func TestUnknownDatabaseIsAClearError(t *testing.T) {
	neo4jtest.Lock(t)
	code, out, errOut := dipgraph(t, "stats", "--database", "nosuchdb")
	msg := strings.TrimSpace(errOut)
	if code != app.ExitFailure || strings.Count(msg, "\n") != 0 || !strings.Contains(msg, `database not found`) || !strings.Contains(msg, `"nosuchdb"`) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, msg)
	}
}

// TestUnreachableServerWaitIsBounded checks both ways a server can be missing: a closed
// port (refused at once) and a server that accepts connections but never answers (the
// wait is bounded by --connect-timeout).
func TestUnreachableServerWaitIsBounded(t *testing.T) {
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	var held []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	defer func() {
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	}()
	for _, tc := range []struct{ uri, cause string }{
		{"neo4j://127.0.0.1:1", "connection refused"},
		{"bolt://" + silent.Addr().String(), ""},
	} {
		start := time.Now()
		var out, errb bytes.Buffer
		code := run([]string{"dipgraph", "stats", "--uri", tc.uri, "--connect-timeout", "3s"}, strings.NewReader(""), &out, &errb)
		took := time.Since(start)
		msg := strings.TrimSpace(errb.String())
		if code != app.ExitFailure || !strings.Contains(msg, "cannot reach Neo4j at "+tc.uri) || !strings.Contains(msg, tc.cause) || strings.Count(msg, "\n") != 0 {
			t.Errorf("%s: exit %d, stderr %q", tc.uri, code, msg)
		}
		if took > 12*time.Second {
			t.Errorf("%s: gave up after %s, want about the 3s timeout", tc.uri, took)
		}
		t.Logf("%s: %s after %s", tc.uri, msg, took.Round(time.Millisecond))
	}
}

func TestRetractStatsAndExportCommands(t *testing.T) {
	neo4jtest.Lock(t)
	empty := fingerprintOut(t)
	if code, out, errOut := dipgraph(t, "ingest", firstExample(t)); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errOut)
	}
	code, out, _ := dipgraph(t, "stats")
	for _, want := range []string{"articles loaded: 1\n", "newest article: 2016-04-24\n", "SPOKE_WITH", "Person"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("stats: exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^  SPOKE_WITH +1$`).MatchString(out) {
		t.Errorf("stats: want SPOKE_WITH 1:\n%s", out)
	}
	ingested := fingerprintOut(t)

	// The Cypher export of the same folder, loaded into the emptied database, gives the same graph.
	script := filepath.Join(t.TempDir(), "graph.cypher")
	if code, _, errOut := dipgraph(t, "export", "--format", "cypher", "--out", script, firstExample(t)); code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	code, out, errOut := dipgraph(t, "retract", "syria-cooperation-2016", "not-loaded")
	if code != app.ExitFailure || !strings.Contains(out, "retracted 1 of 2 articles") || !strings.Contains(errOut, "1 of the ids were not loaded") {
		t.Fatalf("retract: exit %d, %q %q", code, out, errOut)
	}
	if got := fingerprintOut(t); got != empty {
		t.Fatalf("after retracting the only article: %s, want the empty graph %s", got, empty)
	}
	st := neo4jtest.Connect(t)
	f, err := os.Open(script)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := st.ExecScript(context.Background(), f); err != nil {
		t.Fatalf("load the export: %v", err)
	}
	if got := fingerprintOut(t); got != ingested {
		t.Fatalf("cypher export loads to %s, ingest gave %s", got, ingested)
	}

	if code, _, errOut := dipgraph(t, "export", "--format", "csv", examplesDir(t)); code != app.ExitUsage || !strings.Contains(errOut, "--out DIR") {
		t.Errorf("csv without --out: exit %d %q", code, errOut)
	}
	if code, _, errOut := dipgraph(t, "export", "--format", "xml", examplesDir(t)); code != app.ExitUsage {
		t.Errorf("bad format: exit %d %q", code, errOut)
	}
}

// bigCorpus writes n generated articles into a fresh folder.
func bigCorpus(t *testing.T, n int) string {
	return neo4jtest.Corpus(t, filepath.Join(t.TempDir(), "corpus"), n)
}

// TestTwoConcurrentIngestsGiveOneGraph runs two processes at once on overlapping folders
// (the whole corpus, and a part of it again), each with two workers, and compares the
// result with one run.
func TestTwoConcurrentIngestsGiveOneGraph(t *testing.T) {
	neo4jtest.Lock(t)
	dir := bigCorpus(t, 60)
	// "a-part" is read first by both processes, so they write its articles at the same time.
	part := neo4jtest.CorpusRange(t, filepath.Join(dir, "a-part"), 60, 90)
	p1, out1, err1 := child(t, nil, "ingest", "--workers", "2", "--batch-size", "5", dir)
	p2, out2, err2 := child(t, nil, "ingest", "--workers", "2", "--batch-size", "3", part)
	e1, e2 := p1.Wait(), p2.Wait()
	if exitCode(e1) != 0 || exitCode(e2) != 0 {
		t.Fatalf("concurrent ingests: %v / %v\n%s%s\n%s%s", e1, e2, out1, err1, out2, err2)
	}
	if strings.Contains(err1.String()+err2.String(), "% |") {
		t.Errorf("a progress bar was drawn on a stderr that is not a terminal: %q %q", err1, err2)
	}
	s1, s2 := parseSummary(t, out1.String()), parseSummary(t, out2.String())
	if s1.failed+s2.failed != 0 || s1.new+s1.updated+s1.unchanged != 90 || s2.new+s2.updated+s2.unchanged != 30 {
		t.Fatalf("summaries: %s / %s", out1, out2)
	}
	concurrent := fingerprintOut(t)

	if err := neo4jtest.Connect(t).Clear(context.Background()); err != nil {
		t.Fatal(err)
	}
	p, out, errb := child(t, nil, "ingest", dir)
	if err := p.Wait(); err != nil {
		t.Fatalf("single ingest: %v %s %s", err, out, errb)
	}
	if single := fingerprintOut(t); single != concurrent {
		t.Fatalf("two concurrent ingests: %s, one ingest: %s", concurrent, single)
	}
	t.Logf("concurrent (%s | %s) and single: %s", strings.TrimSpace(out1.String()), strings.TrimSpace(out2.String()), concurrent)
}

// TestSIGINTFinishesTheBatchAndSaysWhatWasWritten interrupts a running ingest: it must exit
// with 130 within 2 s, print the summary, and the database must hold exactly the articles
// the summary counts (the batch in flight rolled back, or committed whole): its
// fingerprint is that of a clean load of those articles alone.
func TestSIGINTFinishesTheBatchAndSaysWhatWasWritten(t *testing.T) {
	st := neo4jtest.Open(t)
	dir := bigCorpus(t, 300)
	// Batches are what an interrupt finishes: the incremental path, not the bulk one an
	// empty database would take (its interruption is TestBulkLoadGivesTheIncrementalGraph's).
	p, out, errb := child(t, nil, "ingest", "--no-bulk", "--batch-size", "10", dir)
	waitFor(t, 180*time.Second, "the first batches", func() bool { return articleCount(t, st) >= 20 })
	if err := p.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	sent := time.Now()
	err := p.Wait()
	took := time.Since(sent)
	if code := exitCode(err); code != app.ExitSignal {
		t.Fatalf("exit %d, want 130\nstdout: %s\nstderr: %s", code, out, errb)
	}
	if took > 2*time.Second {
		t.Errorf("stopped %s after SIGINT, want within 2s", took.Round(time.Millisecond))
	}
	sum := parseSummary(t, out.String())
	if sum.new == 0 || sum.new >= 300 {
		t.Fatalf("summary %+v: want some but not all articles written", sum)
	}
	if got := articleCount(t, st); got != int64(sum.new) {
		t.Fatalf("summary says %d articles written, the database holds %d", sum.new, got)
	}
	if !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("stderr does not say the run was interrupted: %s", errb)
	}
	interrupted := fingerprintOut(t)

	// One worker writes batches in path order: the articles written are the first ones.
	// The others are moved aside, so that the ones reported done load from the same paths.
	if err := st.Clear(context.Background()); err != nil {
		t.Fatal(err)
	}
	aside := t.TempDir()
	for i := sum.new; i < 300; i++ {
		for _, ext := range []string{".txt", ".ann", ".meta.json"} {
			name := fmt.Sprintf("gen-%05d%s", i, ext)
			if err := os.Rename(filepath.Join(dir, name), filepath.Join(aside, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if code, out, errOut := dipgraph(t, "ingest", dir); code != 0 {
		t.Fatalf("clean load of the %d articles: exit %d\n%s%s", sum.new, code, out, errOut)
	}
	if clean := fingerprintOut(t); clean != interrupted {
		t.Fatalf("after SIGINT the graph is %s; a clean load of the %d articles reported done gives %s", interrupted, sum.new, clean)
	}
	t.Logf("interrupted after %s: %s", took.Round(time.Millisecond), strings.TrimSpace(out.String()))
}

func TestIngestJSONLogAndFlagChecks(t *testing.T) {
	neo4jtest.Lock(t)
	code, out, errOut := dipgraph(t, "ingest", "--log-format", "json", firstExample(t))
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	var rec map[string]any
	for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("stderr line is not JSON (a progress bar or text log?): %q", line)
		}
	}
	if rec["msg"] != "ingest finished" || rec["new"] != 1.0 || rec["failed"] != 0.0 || rec["interrupted"] != false {
		t.Fatalf("last record %v, want the summary of one new article", rec)
	}
	if code, _, errOut := dipgraph(t, "ingest", "--log-format", "yaml", examplesDir(t)); code != app.ExitUsage || !strings.Contains(errOut, "--log-format must be text or json") {
		t.Errorf("bad log format: exit %d %q", code, errOut)
	}
	if code, _, errOut := dipgraph(t, "ingest", "--workers", "0", examplesDir(t)); code != app.ExitUsage || !strings.Contains(errOut, "--workers must be at least 1") {
		t.Errorf("zero workers: exit %d %q", code, errOut)
	}
}

// firstExample is the first example article alone (examples/ holds several).
func firstExample(t *testing.T) string {
	t.Helper()
	return filepath.Join(examplesDir(t), "articles", "syria-cooperation-2016.txt")
}
