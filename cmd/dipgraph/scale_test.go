package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// scaleOut keeps the full-size inputs of TestScale in a folder, to measure the built
// command on them (go test ./cmd/dipgraph -run TestScale -scale-out /tmp/scale).
var scaleOut = flag.String("scale-out", "", "write the full-size inputs of TestScale into `DIR` and stop")

// syllables spell made-up names: each number gets its own word.
var syllables = []string{"ba", "ko", "ri", "mu", "te", "la", "si", "no", "ve", "du"}

// madeUpWord returns a capitalised word that no other (lead, i) gives.
func madeUpWord(lead string, i int) string {
	var b strings.Builder
	b.WriteString(strings.ToUpper(lead[:1]) + lead[1:])
	for _, c := range fmt.Sprint(i) {
		b.WriteString(syllables[c-'0'])
	}
	return b.String()
}

// annWriter writes a generated brat article: its text and its annotations, with offsets.
type annWriter struct {
	text    strings.Builder
	ann     strings.Builder
	t, r, e int
}

// ent adds s to the text as a mention of typ and returns its id.
func (w *annWriter) ent(typ, s string) string {
	w.t++
	start := w.text.Len() // ASCII only: bytes are code points
	w.text.WriteString(s)
	fmt.Fprintf(&w.ann, "T%d\t%s %d %d\t%s\n", w.t, typ, start, w.text.Len(), s)
	return fmt.Sprintf("T%d", w.t)
}

func (w *annWriter) say(s string) { w.text.WriteString(s) }

// group writes sentence k: eight mentions, a relation and an event.
func (w *annWriter) group(k int) {
	first, last := madeUpWord("ka", k), madeUpWord("lo", k)
	o1, o2, o3 := madeUpWord("ne", k), madeUpWord("pa", k), madeUpWord("so", k)
	w.ent("Person", last)
	w.say(" arrived. ")
	fl := w.ent("Person", first+" "+last)
	w.say(" of the ")
	org := w.ent("Organisation", o1+" "+o2+" "+o3)
	w.say(" (")
	w.ent("Organisation", strings.ToUpper(o1[:1]+o2[:1]+o3[:1]))
	w.say(") met officials of ")
	ru := w.ent("State", "Russia")
	w.say(" on ")
	w.ent("Date", "3 May 2016")
	w.say(" for ")
	talks := w.ent("Meeting", "talks")
	w.say("; ")
	w.ent("Person", last)
	w.say(" spoke well of them.\n")
	w.r++
	fmt.Fprintf(&w.ann, "R%d\tSpokeWith Arg1:%s Arg2:%s\n", w.r, fl, ru)
	w.e++
	fmt.Fprintf(&w.ann, "E%d\tMeeting:%s Participant:%s Participant2:%s\n", w.e, talks, fl, org)
}

// manyMentions writes the brat article dir/many-mentions with at least n mentions and
// returns the path of its .txt.
func manyMentions(t testing.TB, dir string, n int) string {
	t.Helper()
	w := &annWriter{}
	for k := 0; w.t < n; k++ {
		w.group(k)
	}
	base := filepath.Join(dir, "many-mentions")
	writeFile(t, base+".txt", w.text.String())
	writeFile(t, base+".ann", w.ann.String())
	writeFile(t, base+".meta.json", `{"id": "many-mentions", "published": "2016-05-04"}`)
	return base + ".txt"
}

// manyTasks writes a Label Studio export dir/many-tasks.json of n tasks, two sentences
// each, and returns its path. Every task names the same two ministers and states, so the
// relationships between them gather evidence from every article.
func manyTasks(t testing.TB, dir string, n int) string {
	t.Helper()
	type value struct {
		Start  int      `json:"start"`
		End    int      `json:"end"`
		Text   string   `json:"text"`
		Labels []string `json:"labels"`
	}
	type result struct {
		ID       string   `json:"id,omitempty"`
		Type     string   `json:"type"`
		FromName string   `json:"from_name,omitempty"`
		ToName   string   `json:"to_name,omitempty"`
		Value    *value   `json:"value,omitempty"`
		FromID   string   `json:"from_id,omitempty"`
		ToID     string   `json:"to_id,omitempty"`
		Labels   []string `json:"labels,omitempty"`
	}
	type task struct {
		ID          int            `json:"id"`
		Data        map[string]any `json:"data"`
		Annotations []struct {
			ID     int      `json:"id"`
			Result []result `json:"result"`
		} `json:"annotations"`
	}
	var buf bytes.Buffer
	buf.WriteString("[\n")
	enc := json.NewEncoder(&buf)
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		var text strings.Builder
		var rs []result
		ent := func(typ, s string) string {
			id := fmt.Sprintf("m%d", len(rs)+1)
			start := text.Len()
			text.WriteString(s)
			rs = append(rs, result{ID: id, Type: "labels", FromName: "label", ToName: "text",
				Value: &value{Start: start, End: text.Len(), Text: s, Labels: []string{typ}}})
			return id
		}
		other := madeUpWord("ve", i) + " " + madeUpWord("ta", i)
		k := ent("Person", "John Kerry")
		text.WriteString(" called ")
		l := ent("Person", "Sergey Lavrov")
		text.WriteString(" about ")
		o := ent("Person", other)
		text.WriteString(". ")
		us := ent("State", "United States")
		text.WriteString(" and ")
		ru := ent("State", "Russia")
		text.WriteString(" agreed to talk again.")
		rs = append(rs,
			result{Type: "relation", FromID: k, ToID: l, Labels: []string{"SpokeWith"}},
			result{Type: "relation", FromID: us, ToID: ru, Labels: []string{"SpokeWith"}},
			result{Type: "relation", FromID: k, ToID: o, Labels: []string{"SpokeWith"}})
		tk := task{ID: i + 1, Data: map[string]any{
			"id": fmt.Sprintf("call-%06d", i), "text": text.String(),
			"published": day.AddDate(0, 0, i%900).Format("2006-01-02"),
		}}
		tk.Annotations = append(tk.Annotations, struct {
			ID     int      `json:"id"`
			Result []result `json:"result"`
		}{ID: i + 1, Result: rs})
		if i > 0 {
			buf.WriteString(",")
		}
		if err := enc.Encode(tk); err != nil {
			t.Fatal(err)
		}
	}
	buf.WriteString("]\n")
	p := filepath.Join(dir, "many-tasks.json")
	writeFile(t, p, buf.String())
	return p
}

// bigText writes a brat article dir/big-text of at least size bytes: the same paragraph
// again and again, with its mentions annotated every hundredth time.
func bigText(t testing.TB, dir string, size int) string {
	t.Helper()
	w := &annWriter{}
	for k := 0; w.text.Len() < size; k++ {
		if k%100 == 0 {
			w.group(k)
			continue
		}
		w.say(fmt.Sprintf("Paragraph %d says nothing anyone annotated, at some length, to fill the article up. ", k))
		w.say("Nothing here names anyone; it only takes room.\n")
	}
	base := filepath.Join(dir, "big-text")
	writeFile(t, base+".txt", w.text.String())
	writeFile(t, base+".ann", w.ann.String())
	return base + ".txt"
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// timeRun runs dipgraph in-process with output discarded, best of tries, and fails on a
// non-zero exit.
func timeRun(t *testing.T, tries int, args ...string) time.Duration {
	t.Helper()
	best := time.Duration(0)
	for i := 0; i < tries; i++ {
		var errb bytes.Buffer
		start := time.Now()
		code := run(append([]string{"dipgraph"}, args...), strings.NewReader(""), io.Discard, &errb)
		took := time.Since(start)
		if code != 0 {
			t.Fatalf("dipgraph %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
		}
		if best == 0 || took < best {
			best = took
		}
	}
	return best
}

// TestScale runs ingest --dry-run and export on one article with many mentions and on a
// Label Studio export with many tasks, at n and 4n: linear work takes about 4 times as
// long, quadratic work 16 times. The ratio allowed (10) leaves room for a noisy machine.
func TestScale(t *testing.T) {
	mentions, tasks := 200_000, 20_000
	if *scaleOut != "" {
		if err := os.MkdirAll(*scaleOut, 0o755); err != nil {
			t.Fatal(err)
		}
		manyMentions(t, *scaleOut, mentions)
		manyTasks(t, *scaleOut, tasks)
		bigText(t, *scaleOut, 50<<20)
		t.Skipf("inputs written to %s", *scaleOut)
	}
	// The full sizes are measured on the built command (-scale-out); here, under the race
	// detector of make test, a quarter of them shows the growth as well.
	mentions, tasks = 48_000, 4_800
	cmds := [][]string{{"ingest", "--dry-run"}, {"export", "--format", "json"}}
	if testing.Short() {
		// Quadratic resolution already took 16 times as long from 2,500 to 10,000 mentions.
		mentions, tasks = 10_000, 1_000
		cmds = cmds[:1]
	}
	cases := []struct {
		name string
		gen  func(testing.TB, string, int) string
		n    int
	}{
		{"mentions in one article", manyMentions, mentions},
		{"tasks in one Label Studio export", manyTasks, tasks},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			small := tc.gen(t, t.TempDir(), tc.n/4)
			large := tc.gen(t, t.TempDir(), tc.n)
			for _, cmd := range cmds {
				ts := timeRun(t, 3, append(cmd, small)...)
				tl := timeRun(t, 3, append(cmd, large)...)
				ratio := float64(tl) / float64(ts)
				t.Logf("%s: %d: %s, %d: %s (×%.1f)", strings.Join(cmd, " "), tc.n/4, ts.Round(time.Millisecond), tc.n, tl.Round(time.Millisecond), ratio)
				if ratio > 10 {
					t.Errorf("%s: 4 times the input took %.1f times as long (%s against %s): worse than linear",
						strings.Join(cmd, " "), ratio, tl.Round(time.Millisecond), ts.Round(time.Millisecond))
				}
			}
		})
	}
}
