package phoenix

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// ActorFiles are the actor dictionaries the converter reads, in this order.
var ActorFiles = []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"}

// Other files the converter reads: ordinary words come from the verb and agent
// dictionaries, phrases that are no actors from the discard list.
const (
	VerbFile    = "CAMEO.verbpatterns.150430.txt"
	AgentFile   = "Phoenix.agents.txt"
	DiscardFile = "Phoenix.discards.txt"
	LicenseFile = "LICENSE"
)

// Input is what the converter reads from a dictionary folder.
type Input struct {
	Records  []Record
	BadDates []BadDate
	// Words are ordinary English words (folded, lower case): the words of the verb and
	// agent dictionaries. A one-word alias that is one of them is dropped.
	Words map[string]bool
	// Discards are phrases (folded) that look like actors but are not.
	Discards map[string]bool
	// AsOf is the date of the country dictionary's source (CountryInfo.YYMMDD).
	AsOf string
	// License is the text of the dictionaries' licence.
	License string
}

var countryInfoDate = regexp.MustCompile(`CountryInfo\.(\d{6})`)

// ReadDir reads the dictionaries in dir (a copy of petrarch2's data/dictionaries with its
// LICENSE).
func ReadDir(dir string) (*Input, error) {
	in := &Input{Words: map[string]bool{}, Discards: map[string]bool{}}
	lic, err := os.ReadFile(filepath.Join(dir, LicenseFile))
	if err != nil {
		return nil, fmt.Errorf("read the dictionaries' licence: %w", err)
	}
	in.License = strings.TrimSpace(string(lic))
	for _, f := range ActorFiles {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		if in.AsOf == "" {
			if m := countryInfoDate.FindSubmatch(b); m != nil {
				in.AsOf, _ = isoDate(string(m[1]))
			}
		}
		recs, bad, err := Parse(strings.NewReader(string(b)), f)
		if err != nil {
			return nil, err
		}
		in.Records = append(in.Records, recs...)
		in.BadDates = append(in.BadDates, bad...)
	}
	for _, f := range []string{VerbFile, AgentFile} {
		if err := readWords(filepath.Join(dir, f), in.Words); err != nil {
			return nil, err
		}
	}
	if err := readDiscards(filepath.Join(dir, DiscardFile), in.Discards); err != nil {
		return nil, err
	}
	return in, nil
}

func readWords(path string, into map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		for _, w := range strings.FieldsFunc(line, func(r rune) bool { return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') }) {
			if len(w) >= 2 {
				into[strings.ToLower(w)] = true
			}
		}
	}
	return sc.Err()
}

func readDiscards(path string, into map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return scanDiscards(f, into)
}

func scanDiscards(r io.Reader, into map[string]bool) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "+"))
		if k := graph.NormName(strings.ReplaceAll(line, "_", " ")); k != "" {
			into[k] = true
		}
	}
	return sc.Err()
}

// Stats says what a conversion kept and dropped.
type Stats struct {
	Records, Actors int
	ByType          map[string]int
	Roles           int // dated roles
	Offices         int // roles with an office title from the dictionary's own headings
	Merged          int // records of an actor listed twice, merged into one
	Descriptions    int // entries that describe an office or a group ("US secretary of defense"), dropped
	Discarded       int // entries on the discard list, dropped
	DroppedAliases  int // aliases that are ordinary words, given names, too short, or another actor's
	Hand            int // entries that a hand-curated entry replaces
	BadDates        int
}

func (s Stats) String() string {
	var types []string
	for t, n := range s.ByType {
		types = append(types, fmt.Sprintf("%s %d", t, n))
	}
	sort.Strings(types)
	return fmt.Sprintf("%d records → %d actors (%s); %d dated roles (%d with an office title); %d merged, %d office or group descriptions and %d discards dropped; %d aliases dropped; %d replaced by hand-curated entries; %d unreadable dates",
		s.Records, s.Actors, strings.Join(types, ", "), s.Roles, s.Offices, s.Merged, s.Descriptions, s.Discarded, s.DroppedAliases, s.Hand, s.BadDates)
}
