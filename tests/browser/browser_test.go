package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/queries"
)

// missing ends the test when a tool cannot be set up: a failure under CI, a skip elsewhere.
func missing(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

type result struct {
	OK           bool     `json:"ok"`
	Error        string   `json:"error"`
	Steps        []string `json:"steps"`
	BlockText    string   `json:"blockText"`
	NodeCaptions []string `json:"nodeCaptions"`
	NodeColors   []string `json:"nodeColors"`
	BodyText     string   `json:"bodyText"`
}

func TestGuideQueryInNeo4jBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	st := neo4jtest.Open(t)
	ctx := context.Background()
	srcs, _, err := ingest.Discover([]string{"../../examples"}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := load.Run(ctx, srcs, st, load.Options{Builder: graph.NewBuilder(nil)})
	if err != nil || sum.New == 0 {
		t.Fatalf("load examples: %v (%+v)", err, sum)
	}

	setup := exec.Command("./setup.sh")
	if out, err := setup.CombinedOutput(); err != nil {
		missing(t, "browser test setup: %v\n%s", err, out)
	}

	httpPort := os.Getenv("NEO4J_HTTP_PORT")
	if httpPort == "" {
		httpPort = "7474"
	}
	base := "http://localhost:" + httpPort + "/browser/"
	guideURL := base + "dipgraph/guide.html"
	resp, err := http.Get(guideURL)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the server does not serve the guide at %s (%v %v): start it with scripts/neo4j-local, which adds scripts/browser/ to the Browser", guideURL, err, resp)
	}
	resp.Body.Close()

	// The Browser connects over a WebSocket from the page; 127.0.0.1, because the server
	// listens on IPv4 only and Chromium tries localhost as ::1 first.
	cfg := neo4jtest.Config()
	bolt := cfg.URI
	if i := strings.Index(bolt, "://"); i >= 0 {
		bolt = "bolt://" + strings.Replace(bolt[i+3:], "localhost", "127.0.0.1", 1)
	}

	const query = "shortest-path"
	set, err := queries.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	slide := -1
	for i, q := range set.All() {
		if q.Name == query {
			slide = queries.GuideSlides + i + 1 // the Browser counts slides from 1
		}
	}
	if slide < 0 {
		t.Fatalf("no saved query %s", query)
	}

	shots, _ := filepath.Abs("screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(shots, "guide-"+query+".png")
	cctx, cancel := context.WithTimeout(ctx, 110*time.Second)
	defer cancel()
	cmd := exec.CommandContext(cctx, "node", "browser.mjs")
	cmd.Env = append(os.Environ(),
		"BROWSER_URL="+base, "BOLT_URL="+bolt, "NEO4J_USER="+cfg.Username, "NEO4J_PASSWORD="+cfg.Password,
		"GUIDE_URL="+guideURL, fmt.Sprintf("SLIDE=%d", slide), "QUERY="+query,
		"SCREENSHOT="+shot, "USER_DATA_DIR="+t.TempDir(), "CHROMIUM=/usr/bin/chromium")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	var r result
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("browser.mjs: %v; output %q; stderr %s", runErr, out, stderr.String())
	}
	if !r.OK {
		t.Fatalf("in the browser, after steps %v: %s\nscreenshot: %s\npage text: %s", r.Steps, r.Error, shot, r.BodyText)
	}
	t.Logf("steps %v; screenshot %s", r.Steps, shot)

	if !strings.Contains(r.BlockText, "'Barack Obama'") || !strings.Contains(r.BlockText, "shortestPath") {
		t.Errorf("the guide's %s block is not the query with the example's values:\n%s", query, r.BlockText)
	}
	// The path Obama → Russia → Islamic State, drawn with the names as captions and the
	// style's colours (Person orange, State blue, ArmedGroup red).
	want := map[string]string{"Barack Obama": "#FB8C00", "Russia": "#1E88E5", "Islamic State": "#E53935"}
	if len(r.NodeCaptions) != len(want) || len(r.NodeColors) != len(r.NodeCaptions) {
		t.Fatalf("graph shows captions %q with colours %q, want the 3 nodes %v", r.NodeCaptions, r.NodeColors, want)
	}
	for i, c := range r.NodeCaptions {
		colour, ok := want[c]
		if !ok {
			t.Errorf("unexpected node %q in the graph %q", c, r.NodeCaptions)
			continue
		}
		if !strings.EqualFold(r.NodeColors[i], colour) {
			t.Errorf("node %q drawn in %s, the style says %s", c, r.NodeColors[i], colour)
		}
	}
}
