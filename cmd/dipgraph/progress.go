package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/dipgraph/dipgraph/internal/load"
)

// progress draws the ingest progress bar on stderr when stderr is a terminal and --quiet
// is not set; otherwise it does nothing.
type progress struct {
	bar *progressbar.ProgressBar
}

func newProgress(c *cli.Context, total int) *progress {
	f, ok := c.App.ErrWriter.(*os.File)
	if !ok || c.Bool("quiet") || c.String("log-format") == "json" || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(f),
		progressbar.OptionSetDescription("articles"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetWidth(30),
	)}
}

// update is the load.Options.Progress callback.
func (p *progress) update(st load.Progress) {
	if p.bar == nil {
		return
	}
	p.bar.Set(st.Done)
	p.bar.Describe(fmt.Sprintf("articles (relationships +%d)", st.Counters.RelationshipsCreated))
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

// startProfiles starts a CPU profile and arranges a heap profile; the returned function
// stops and writes them.
func startProfiles(cpu, mem string) (func(), error) {
	var cpuFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, fmt.Errorf("create cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("start cpu profile: %w", err)
		}
		cpuFile = f
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if mem != "" {
			f, err := os.Create(mem)
			if err != nil {
				return
			}
			runtime.GC()
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}, nil
}
