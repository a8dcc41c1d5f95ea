package graph

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEmbeddedDictionaryIsStrict decodes the dictionary actors as a user's file is
// decoded: unknown fields are errors. (The built-in load reads their compiled form.)
func TestEmbeddedDictionaryIsStrict(t *testing.T) {
	d := decodeDictionaryFile(t)
	if len(d.actors) < 15000 || d.asOf == "" {
		t.Errorf("%d actors, as-of %q", len(d.actors), d.asOf)
	}
	for _, a := range d.actors {
		if a.Source != "phoenix" {
			t.Fatalf("%s: source %q, want phoenix", a.ID, a.Source)
		}
	}
}

// TestBuiltinGazetteerLoadCost measures, in a fresh process, what loading the built-in
// gazetteer (25,000 actors and more) costs: time to the first lookup and growth of the
// resident set. The targets are 300 ms and 100 MB; on a shared machine the time is noise,
// so the test fails only at ten times the time target, and logs the figures.
func TestBuiltinGazetteerLoadCost(t *testing.T) {
	if os.Getenv("DIPGRAPH_LOAD_CHILD") == "1" {
		loadChild()
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	if raceDetector {
		t.Skip("the race detector multiplies time and memory; the figures mean something only without it")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestBuiltinGazetteerLoadCost$", "-test.count=1")
	cmd.Env = append(os.Environ(), "DIPGRAPH_LOAD_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var wallMS, cpuMS float64
	var rss0, rss1 int64
	var actors int
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "load:") {
			if _, err := fmt.Sscanf(l, "load: %d actors wall %f cpu %f rss %d %d", &actors, &wallMS, &cpuMS, &rss0, &rss1); err != nil {
				t.Fatalf("child said %q: %v", l, err)
			}
		}
	}
	if actors == 0 {
		t.Fatalf("child printed no figures:\n%s", out)
	}
	growth := float64(rss1-rss0) / 1024
	t.Logf("loading the built-in gazetteer (%d actors): %.0f ms wall, %.0f ms CPU, RSS %.1f MB → %.1f MB (+%.1f MB)",
		actors, wallMS, cpuMS, float64(rss0)/1024, float64(rss1)/1024, growth)
	if growth >= 100 {
		t.Errorf("RSS grew by %.1f MB, want under 100 MB", growth)
	}
	if wallMS > 3000 {
		t.Errorf("loading took %.0f ms, ten times the 300 ms target", wallMS)
	}
}

// loadChild loads the gazetteer once, looks a name up, and prints the figures.
func loadChild() {
	rss0 := rssKB()
	cpu0 := cpuTime()
	start := time.Now()
	g := BuiltinGazetteer()
	if _, ok := g.LookupOn("George Bush", "Person", "2003-03-20"); !ok {
		fmt.Println("lookup failed")
		os.Exit(1)
	}
	wall := time.Since(start)
	cpu := cpuTime() - cpu0
	fmt.Printf("load: %d actors wall %f cpu %f rss %d %d\n", len(g.Actors), wall.Seconds()*1000, cpu.Seconds()*1000, rss0, rssKB())
}

// rssKB returns the resident set size of this process in KB (Linux), 0 elsewhere.
func rssKB() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoadBuiltin measures decoding, merging and indexing the built-in gazetteer,
// what the first BuiltinGazetteer call of every command costs.
func BenchmarkLoadBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if g := loadBuiltin(); len(g.Actors) < 15000 {
			b.Fatalf("%d actors", len(g.Actors))
		}
	}
}
