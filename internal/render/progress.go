package render

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/dipgraph/dipgraph/internal/load"
)

// Progress draws the ingest progress bar, or does nothing when it was made for a writer
// that is not a terminal (a file, a pipe, a test's buffer) or made Quiet.
type Progress struct {
	bar *progressbar.ProgressBar
}

// Quiet is a Progress that draws nothing.
var Quiet = &Progress{}

// NewProgress is a bar of total articles on w when w is a terminal, else Quiet.
func NewProgress(w io.Writer, total int) *Progress {
	f, ok := w.(*os.File)
	if !ok || !IsTerminal(f) {
		return Quiet
	}
	return &Progress{bar: progressbar.NewOptions(total,
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

// Update is the load.Options.Progress callback.
func (p *Progress) Update(st load.Progress) {
	if p.bar == nil {
		return
	}
	p.bar.Set(st.Done)
	p.bar.Describe(fmt.Sprintf("articles (relationships +%d)", st.Counters.RelationshipsCreated))
}

// Finish clears the bar.
func (p *Progress) Finish() {
	if p.bar != nil {
		p.bar.Clear()
	}
}
