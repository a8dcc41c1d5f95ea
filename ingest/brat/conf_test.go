package brat_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

const diplomacyConf = `# Types for diplomatic news.
[entities]
!Actor
	State
	Organisation
		ArmedGroup
	Person
Date

[relations]
SpokeWith	Arg1:Person, Arg2:Person
Fights	Arg1:Actor, Arg2:ArmedGroup
Fights	Arg1:State, Arg2:State
Alias	Arg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive
<OVERLAP>	Arg1:Person, Arg2:Person, <OVL-TYPE>:contain
ENTITY-NESTING	Arg1:Person, Arg2:State

[events]
<PARTY>=State|Organisation|Person
Ceasefire|Truce	Backer*:<PARTY>, Excluded*:ArmedGroup, Time?:Date
----------
Talks	Participant{2-5}:<PARTY>
Report	Reporter:Person, Event:<EVENT>

[attributes]
Negation	Arg:<EVENT>
Confidence	Arg:<EVENT>|<RELATION>, Value:High|Neutral|Low
Individual	Arg:Person

[labels]
this section is not ours
`

func TestReadAnnotationConfig(t *testing.T) {
	c, err := brat.ReadConfig(strings.NewReader(diplomacyConf), "annotation.conf")
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if got := c.Entities["ArmedGroup"]; got == nil || got.Parent != "Organisation" || c.Entities["Organisation"].Parent != "Actor" {
		t.Errorf("hierarchy: ArmedGroup = %+v", got)
	}
	if !c.Entities["Actor"].Abstract || c.Entities["State"].Abstract {
		t.Errorf("abstract: Actor %v, State %v", c.Entities["Actor"].Abstract, c.Entities["State"].Abstract)
	}
	if c.Entities["Date"].Parent != "" {
		t.Errorf("Date parent = %q, want top level", c.Entities["Date"].Parent)
	}
	cf := c.Events["Ceasefire"]
	wantArgs := []brat.ArgDecl{
		{Role: "Backer", Types: []string{"State", "Organisation", "Person"}, Min: 0, Max: -1},
		{Role: "Excluded", Types: []string{"ArmedGroup"}, Min: 0, Max: -1},
		{Role: "Time", Types: []string{"Date"}, Min: 0, Max: 1},
	}
	if cf == nil || !reflect.DeepEqual(cf.Args, wantArgs) || !reflect.DeepEqual(cf.Aliases, []string{"Truce"}) {
		t.Errorf("Ceasefire = %+v", cf)
	}
	if got := c.Events["Talks"].Args[0]; got.Min != 2 || got.Max != 5 {
		t.Errorf("Talks Participant count = %d-%d, want 2-5", got.Min, got.Max)
	}
	if got := c.Relations["Fights"].Args[0].Types; !reflect.DeepEqual(got, []string{"Actor", "State"}) {
		t.Errorf("Fights Arg1 types merged over two lines = %v", got)
	}
	if c.Relations["<OVERLAP>"] != nil || c.Relations["ENTITY-NESTING"] != nil {
		t.Errorf("editor-only lines were kept as relations")
	}
	if got := c.Attributes["Confidence"]; !reflect.DeepEqual(got.Values, []string{"High", "Neutral", "Low"}) || !reflect.DeepEqual(got.Targets, []string{"<EVENT>", "<RELATION>"}) {
		t.Errorf("Confidence = %+v", got)
	}
}

func TestReadAnnotationConfigPublic(t *testing.T) {
	ingesttest.NeedPublicData(t)
	for _, dir := range []string{"news", "BioNLP-ST_2011_GE", "BioNLP-ST_2011_EPI"} {
		p := filepath.Join(ingesttest.PublicData, dir, brat.ConfFileName)
		c, err := brat.LoadConfig(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if len(c.Entities) == 0 || len(c.Events) == 0 || len(c.Relations) == 0 || len(c.Attributes) == 0 {
			t.Errorf("%s: a section came out empty: %d entities, %d events, %d relations, %d attributes", p, len(c.Entities), len(c.Events), len(c.Relations), len(c.Attributes))
		}
	}
	c, err := brat.LoadConfig(filepath.Join(ingesttest.PublicData, "news", brat.ConfFileName))
	if err != nil {
		t.Fatal(err)
	}
	if m := c.Events["Marry"]; m == nil || m.Parent != "Life" || m.Args[0].Min != 2 || m.Args[0].Max != 2 {
		t.Errorf("news Marry = %+v", m)
	}
	if l := c.Events["Life"]; l == nil || !l.Abstract {
		t.Errorf("news Life should be abstract: %+v", l)
	}
	if d := c.Events["Die"]; d == nil || !reflect.DeepEqual(d.Args[1].Types, []string{"Person", "Organization", "GPE"}) {
		t.Errorf("news Die Agent-Arg macro not expanded: %+v", d)
	}
}

func TestBadAnnotationConfig(t *testing.T) {
	tests := []struct {
		name, conf string
		want       []string
	}{
		{"undeclared argument type", "[entities]\nPerson\n[relations]\nLocated\tArg1:Person, Arg2:City\n",
			[]string{"annotation.conf:4: Located: argument Arg2 has type City, which is not declared"}},
		{"argument without type", "[entities]\nPerson\n[events]\nMeet\tParticipant, Place:Person\n",
			[]string{`annotation.conf:4: Meet: expected ROLE:TYPE, got "Participant"`}},
		{"injection in a type name", "[entities]\nPerson`) DETACH DELETE n //\n",
			[]string{"annotation.conf:2: type \"Person`)\" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter"}},
		{"injection in a role", "[entities]\nPerson\n[events]\nMeet\tWho'}:Person\n",
			[]string{`annotation.conf:4: Meet: role "Who'}" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter`}},
		{"duplicate entity", "[entities]\nPerson\nState\nPerson\n",
			[]string{"annotation.conf:4: type Person declared twice in [entities] (first on line 2)"}},
		{"attribute without Arg", "[entities]\nPerson\n[attributes]\nNegation\tValue:Yes|No\n",
			[]string{"annotation.conf:4: attribute Negation: missing Arg:TYPE (what it may mark)"}},
		{"reserved macro", "[events]\n<EVENT>=Person\n",
			[]string{"annotation.conf:2: macro <EVENT> redefines a reserved name"}},
		{"bad count", "[entities]\nPerson\n[events]\nMeet\tWho{5-2}:Person\n",
			[]string{`annotation.conf:4: Meet: bad argument count in "Who{5-2}"`}},
		{"empty", "# nothing yet\n",
			[]string{"annotation.conf: declares no types: add [entities], [relations], [events] or [attributes] sections, or remove the file"}},
		{"entity and event at once", "[entities]\nTalks\n[events]\nTalks\tWho:Talks\n",
			[]string{"annotation.conf:4: type Talks is declared both as an entity (line 2) and as an event"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := brat.ReadConfig(strings.NewReader(tc.conf), "annotation.conf")
			var got []string
			if pes, ok := err.(ingest.ParseErrors); ok {
				for _, e := range pes {
					got = append(got, e.Error())
				}
			} else if err != nil {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

const callText = "Kerry called Lavrov. Russia and the US back a truce that leaves out IS. Talks with Assad stalled on Saturday."

// TestValidateAgainstConfig checks annotations against a declared annotation.conf, found in
// a parent folder as brat finds it.
func TestValidateAgainstConfig(t *testing.T) {
	off := func(s string) string {
		i := strings.Index(callText, s)
		return strconv.Itoa(i) + " " + strconv.Itoa(i+len(s)) + "\t" + s
	}
	tests := []struct {
		name, ann string
		want      []string
	}{
		{"all declared", "T1\tPerson " + off("Kerry") + "\nT2\tPerson " + off("Lavrov") + "\nR1\tSpokeWith Arg1:T1 Arg2:T2\t\n" +
			"T3\tState " + off("Russia") + "\nT4\tState " + off("US") + "\nT5\tArmedGroup " + off("IS") + "\nT6\tCeasefire " + off("truce") +
			"\nE1\tCeasefire:T6 Backer:T3 Backer2:T4 Excluded:T5\nA1\tConfidence E1 High\nA2\tNegation E1\nR2\tFights Arg1:T3 Arg2:T5\n" +
			"A3\tIndividual T1\n*\tAlias T1 T2\n", nil},
		{"undeclared and abstract types", "T1\tDiplomat " + off("Kerry") + "\nT2\tActor " + off("Lavrov") + "\nR1\tMet Arg1:T1 Arg2:T2\n",
			[]string{
				"sub/a.ann:1: T1: type Diplomat is not declared in annotation.conf",
				"sub/a.ann:2: T2: type Actor is abstract in annotation.conf (marked !) and cannot be annotated",
				"sub/a.ann:3: relation R1: type Met is not declared in [relations] of annotation.conf",
			}},
		{"argument types", "T1\tPerson " + off("Kerry") + "\nT2\tState " + off("Russia") + "\nR1\tSpokeWith Arg1:T1 Arg2:T2\n" +
			"R2\tFights Arg1:T1 Arg2:T2\n",
			[]string{
				"sub/a.ann:3: relation R1: Arg2:T2 has type State, but SpokeWith Arg2 takes Person",
				"sub/a.ann:4: relation R2: Fights takes (Arg1:Actor, Arg2:ArmedGroup) or (Arg1:State, Arg2:State), got (Arg1:Person, Arg2:State)",
			}},
		{"event roles and counts", "T1\tPerson " + off("Assad") + "\nT2\tTalks " + off("Talks") + "\nE1\tTalks:T2 Participant:T1 Host:T1\n" +
			"T3\tCeasefire " + off("truce") + "\nE2\tCeasefire:T3 Time:T1 Time2:T1\nT4\tReport " + off("called") + "\nE3\tReport:T4 Reporter:T1 Event:T3\n",
			[]string{
				"sub/a.ann:3: event E1: role Host is not declared for Talks in annotation.conf",
				"sub/a.ann:3: event E1: Talks needs Participant (at least 2), found 1",
				"sub/a.ann:5: event E2: Time:T1 has type Person, but Ceasefire Time takes Date",
				"sub/a.ann:5: event E2: Time2:T1 has type Person, but Ceasefire Time takes Date",
				"sub/a.ann:5: event E2: Ceasefire takes Time at most 1 times, found 2",
				"sub/a.ann:7: event E3: Event:T3 has type Ceasefire, but Report Event takes <EVENT>",
			}},
		{"attributes", "T1\tPerson " + off("Kerry") + "\nT2\tTalks " + off("Talks") + "\nE1\tTalks:T2 Participant:T1 Participant2:T1\n" +
			"A1\tConfidence E1 Certain\nA2\tNegation E1 Yes\nA3\tConfidence E1\nA4\tNegation T1\nA5\tSarcasm E1\nT3\tState " + off("Russia") + "\nA6\tIndividual T3\n",
			[]string{
				`sub/a.ann:4: attribute A1: Confidence value "Certain" is not one of High|Neutral|Low`,
				`sub/a.ann:5: attribute A2: Negation is binary and takes no value, got "Yes"`,
				"sub/a.ann:6: attribute A3: Confidence needs a value (High|Neutral|Low)",
				"sub/a.ann:7: attribute A4: Negation cannot mark T1 (a Person); it takes <EVENT>",
				"sub/a.ann:8: attribute A5: Sarcasm is not declared in [attributes] of annotation.conf",
				"sub/a.ann:10: attribute A6: Individual cannot mark T3 (a State); it takes Person",
			}},
		{"trigger types", "T1\tPerson " + off("Kerry") + "\nE1\tTalks:T1 Participant:T1 Participant2:T1\nT2\tTalks " + off("Talks") + "\nE2\tCeasefire:T2\n",
			[]string{
				"sub/a.ann:1: T1: trigger type Person is declared in [entities], not [events]",
				"sub/a.ann:2: event E1: type Talks differs from the type Person of its trigger T1",
				"sub/a.ann:4: event E2: type Ceasefire differs from the type Talks of its trigger T2",
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ingesttest.WriteFiles(t, dir, map[string]string{brat.ConfFileName: diplomacyConf, "sub/a.txt": callText, "sub/a.ann": tc.ann})
			got, _ := ingesttest.Problems(t, dir, []string{"sub"}, ingest.Options{Readers: readers.All()})
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestConfigForJSONFormats: a configuration given in Options governs native and Label
// Studio articles too.
func TestConfigForJSONFormats(t *testing.T) {
	dir := t.TempDir()
	ingesttest.WriteFiles(t, dir, map[string]string{
		"schema/annotation.conf": diplomacyConf,
		"a.jsonl": `{"id":"a","text":"Kerry called Lavrov.","mentions":[{"id":"m1","type":"Person","quote":"Kerry"},{"id":"m2","type":"Minister","quote":"Lavrov"}],` +
			`"relations":[{"id":"r1","type":"SpokeWith","from":"m1","to":"m2"}]}` + "\n",
		"b.json": `[{"data":{"text":"Kerry called Lavrov.","id":"b"},"annotations":[{"result":[{"id":"x","type":"labels","value":{"start":0,"end":5,"labels":["Diplomat"]}}]}]}]`,
	})
	got, _ := ingesttest.Problems(t, dir, []string{"a.jsonl", "b.json"}, ingest.Options{Config: "schema/annotation.conf"})
	want := []string{
		"a.jsonl:1: m2: type Minister is not declared in schema/annotation.conf",
		"a.jsonl:1: relation r1: Arg2:m2 has type Minister, but SpokeWith Arg2 takes Person",
		"b.json:1: x: type Diplomat is not declared in schema/annotation.conf",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Discovery looks annotation.conf up once per folder; every pair must still get the file
// nearest to it, and a folder without one the one above it.
func TestDiscoveryGivesEachFolderItsNearestConfig(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("annotation.conf", diplomacyConf)
	write("own/annotation.conf", diplomacyConf)
	for _, stem := range []string{"a", "b", "own/c", "own/d", "plain/e", "plain/f"} {
		write(stem+".txt", "Kerry met Lavrov.")
		write(stem+".ann", "T1\tPerson 0 5\tKerry\n")
	}
	srcs, _, err := ingest.Discover([]string{root}, ingest.Options{Readers: readers.All(), Format: brat.Format})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range srcs {
		rel, _ := filepath.Rel(root, s.Path)
		conf, err := filepath.Abs(s.Config)
		if err != nil {
			t.Fatal(err)
		}
		got[rel], _ = filepath.Rel(root, conf)
	}
	want := map[string]string{
		"a.ann": "annotation.conf", "b.ann": "annotation.conf",
		"own/c.ann": "own/annotation.conf", "own/d.ann": "own/annotation.conf",
		"plain/e.ann": "annotation.conf", "plain/f.ann": "annotation.conf",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("configs = %v, want %v", got, want)
	}
}
