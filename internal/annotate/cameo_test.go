package annotate

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const cameoVerbs = "../../../shared/data/petrarch2/CAMEO.verbpatterns.150430.txt"

// TestCameoVerbsKeepLicence checks that the dictionary derived from the CAMEO verb
// dictionary carries its MIT notice.
func TestCameoVerbsKeepLicence(t *testing.T) {
	b, err := os.ReadFile("dict/cameo-verbs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The MIT License (MIT)", "Copyright (c) 2015 Open Event Data Alliance", "Permission is hereby granted"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("dict/cameo-verbs.tsv lacks %q of the source's licence", want)
		}
	}
}

// TestCameoVerbsAreGenerated regenerates dict/cameo-verbs.tsv from the CAMEO dictionary and
// compares it with the committed file, so the two stay in step.
func TestCameoVerbsAreGenerated(t *testing.T) {
	if _, err := os.Stat(cameoVerbs); err != nil {
		t.Skipf("skipped: the CAMEO verb dictionary is not beside this clone (%s); the committed dict/cameo-verbs.tsv is used as is", cameoVerbs)
	}
	if testing.Short() {
		t.Skip("skipped in -short: builds and runs internal/gencameo")
	}
	out := filepath.Join(t.TempDir(), "cameo-verbs.tsv")
	cmd := exec.Command("go", "run", "./internal/gencameo", "-in", cameoVerbs, "-out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gencameo: %v\n%s", err, msg)
	}
	got, _ := os.ReadFile(out)
	want, _ := os.ReadFile("dict/cameo-verbs.tsv")
	if !bytes.Equal(got, want) {
		t.Errorf("dict/cameo-verbs.tsv is not what internal/gencameo writes now; run go generate ./internal/annotate")
	}
	if n := strings.Count(string(got), "\nverb\t"); n < 300 {
		t.Errorf("only %d triggers derived from the CAMEO dictionary", n)
	}
}
