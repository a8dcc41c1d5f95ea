package phoenix

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
)

const sharedDir = "../../../shared/data/petrarch2"

// readShared reads the dictionaries beside the repository, or skips the test.
func readShared(t *testing.T) *Input {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedDir, ActorFiles[0])); err != nil {
		t.Skipf("the Phoenix dictionaries are not beside the repository (%s: %v); the committed data is checked where they are", sharedDir, err)
	}
	in, err := ReadDir(sharedDir)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func convertGzip(t *testing.T, in *Input) []byte {
	t.Helper()
	actors, _ := Convert(in, graph.HandGazetteer())
	var buf bytes.Buffer
	if err := WriteGzip(&buf, actors, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestConvertIsDeterministic converts the dictionaries twice, each from a fresh read.
func TestConvertIsDeterministic(t *testing.T) {
	a := convertGzip(t, readShared(t))
	b := convertGzip(t, readShared(t))
	if !bytes.Equal(a, b) {
		t.Fatal("two conversions of the same dictionaries differ")
	}
}

// TestCommittedDataIsFresh checks that the committed actors and their licence notice are
// what the converter makes of the dictionaries today (rerun `go generate ./graph` if not).
func TestCommittedDataIsFresh(t *testing.T) {
	in := readShared(t)
	committed, err := os.ReadFile(filepath.Join("../..", graph.PhoenixFile))
	if err != nil {
		t.Fatal(err)
	}
	// Compare the text: gzip's bytes may change with the Go version, the content may not.
	got, want := gunzip(t, committed), gunzip(t, convertGzip(t, in))
	if got != want {
		gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := 0; i < min(len(gl), len(wl)); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs from a fresh conversion at line %d (run `go generate ./graph`):\ncommitted: %.200s\nfresh:     %.200s", graph.PhoenixFile, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s has %d lines, a fresh conversion %d (run `go generate ./graph`)", graph.PhoenixFile, len(gl), len(wl))
	}
	var header []string
	for _, l := range strings.Split(got, "\n") {
		if c, ok := strings.CutPrefix(l, "//"); ok {
			header = append(header, strings.TrimPrefix(c, " "))
		}
	}
	if !strings.Contains(strings.Join(header, "\n"), in.License) {
		t.Error("the committed actors do not carry the dictionaries' licence notice")
	}
	lic, err := os.ReadFile("../../graph/phoenix-actors.LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lic), in.License) {
		t.Error("graph/phoenix-actors.LICENSE does not hold the dictionaries' licence")
	}
}

// TestConvertWholeDictionaries checks what the conversion of the real dictionaries holds.
func TestConvertWholeDictionaries(t *testing.T) {
	in := readShared(t)
	actors, st := Convert(in, graph.HandGazetteer())
	t.Log(st)
	if st.Actors < 15000 {
		t.Errorf("%d actors, want at least 15,000", st.Actors)
	}
	if st.Roles < 15000 {
		t.Errorf("%d dated roles, want at least 15,000", st.Roles)
	}
	if in.AsOf != "2014-01-30" {
		t.Errorf("as-of %q, want 2014-01-30 (CountryInfo.140130)", in.AsOf)
	}
	byID := map[string]*graph.Actor{}
	for _, a := range actors {
		byID[a.ID] = a
	}
	if a := byID["john-kerry"]; a == nil || a.Cameo != "USAGOV" || a.Country != "USA" {
		t.Errorf("John Kerry: %+v, want the hand-curated id with CAMEO USAGOV", a)
	}
	if a := byID["george-w-bush"]; a == nil || len(a.Roles) == 0 {
		t.Errorf("George W. Bush: %+v", a)
	} else if r := a.Roles[len(a.Roles)-1]; r.Title != "President" || r.Since != "2001-01-20" || r.Until != "2009-01-20" || r.Of != "united-states" {
		t.Errorf("George W. Bush's last role: %+v, want President of united-states 2001-01-20 to 2009-01-20", r)
	}
	if a := byID["taliban"]; a == nil || a.Type != "ArmedGroup" {
		t.Errorf("Taliban: %+v, want an ArmedGroup", a)
	}
}

func TestParse(t *testing.T) {
	dict := `# header
AFGHANISTAN_  [AFG]
+AFGHAN_
+KABUL_

# Presidents
HAMID_KARZAI_  # CountryInfo.txt
+PRESIDENT_KARZAI
	[AFGELI 570101-011222]
	[AFGGOV >011222] # President
	[AFGGOV 2004017-20061201]
US_SECRETARY_OF_DEFENSE_
+US_DEFENSE_SECRETARY_
	[USAGOVMIL]
BAN_KI-MOON [IGOUNO >20070101] [KORGOVBUS 040117-061201]
`
	recs, bad, err := Parse(strings.NewReader(dict), ActorFiles[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4: %+v", len(recs), recs)
	}
	k := recs[1]
	if k.Phrase != "HAMID_KARZAI_" || k.Section != "Presidents" || k.Comment != "CountryInfo.txt" || len(k.Synonyms) != 1 {
		t.Errorf("Karzai: %+v", k)
	}
	want := []Code{{Code: "AFGELI", Since: "1957-01-01", Until: "2001-12-22"}, {Code: "AFGGOV", Since: "2001-12-22", Comment: "President"}, {Code: "AFGGOV"}}
	if len(k.Codes) != len(want) {
		t.Fatalf("Karzai's codes: %+v", k.Codes)
	}
	for i := range want {
		if k.Codes[i] != want[i] {
			t.Errorf("code %d: %+v, want %+v", i, k.Codes[i], want[i])
		}
	}
	if len(bad) != 1 || bad[0].Line != 11 {
		t.Errorf("bad dates: %+v, want the one on line 11", bad)
	}
	if b := recs[3]; len(b.Codes) != 2 || b.Codes[1].Since != "2004-01-17" {
		t.Errorf("codes on the phrase's line: %+v", b.Codes)
	}
	in := &Input{Records: recs, Words: map[string]bool{}, Discards: map[string]bool{}}
	actors, st := Convert(in, nil)
	names := map[string]*graph.Actor{}
	for _, a := range actors {
		names[a.Name] = a
	}
	if st.Descriptions != 1 || names["US Secretary of Defense"] != nil {
		t.Errorf("the office description was kept: %+v", st)
	}
	if a := names["Hamid Karzai"]; a == nil || a.Type != "Person" || a.Country != "AFG" || len(a.Aliases) != 1 || a.Aliases[0] != "Karzai" {
		t.Errorf("Karzai: %+v", a)
	} else if a.Roles[1].Title != "President" || a.Roles[1].Of != "afghanistan" {
		t.Errorf("Karzai's roles: %+v", a.Roles)
	}
	if a := names["Ban Ki-moon"]; a == nil || a.Type != "Person" {
		t.Errorf("Ban Ki-moon: %+v", a)
	}
	if a := names["Afghanistan"]; a == nil || a.Type != "State" || len(a.Adjectives) != 1 || len(a.Capitals) != 1 {
		t.Errorf("Afghanistan: %+v", a)
	}
}

func TestProperCase(t *testing.T) {
	for in, want := range map[string]string{
		"BASHAR_AL-ASSAD_":               "Bashar al-Assad",
		"U.S._STATE_DEPARTMENT":          "U.S. State Department",
		"ROBERT_S._MCNAMARA_":            "Robert S. McNamara",
		"ABU_NIDAL_ORGANIZATION":         "Abu Nidal Organization",
		"ANIMAL_LIBERATION_FRONT_(ALF)":  "Animal Liberation Front (ALF)",
		"JAMES_A._BAKER_III":             "James A. Baker III",
		"STAFFAN_DE_MISTURA":             "Staffan de Mistura",
		"UNITED_NATIONS_CHILDREN'S_FUND": "United Nations Children's Fund",
		"ANSF":                           "ANSF",
		"MAZAR-I-SHARIF_":                "Mazar-i-Sharif",
	} {
		if got := properCase(words(in), false); got != want {
			t.Errorf("properCase(%s) = %q, want %q", in, got, want)
		}
	}
	if got := properCase(words("KIM_DAE-JUNG"), true); got != "Kim Dae-jung" {
		t.Errorf("Korean name: %q", got)
	}
}
