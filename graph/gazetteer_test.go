package graph

import (
	"regexp"
	"strings"
	"testing"
)

func TestBuiltinGazetteerIsConsistent(t *testing.T) {
	g := BuiltinGazetteer()
	hand, dict := 0, 0
	for _, a := range g.Actors {
		if a.Source == "" {
			hand++
		} else {
			dict++
		}
	}
	if hand < 200 {
		t.Errorf("the built-in gazetteer has %d hand-curated actors, want at least 200", hand)
	}
	if dict < 15000 {
		t.Errorf("the built-in gazetteer has %d actors from the dictionaries, want at least 15,000", dict)
	}
	qidPattern := regexp.MustCompile(`^Q[1-9][0-9]*$`)
	datePattern := regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	keys, qids, ids := map[string]string{}, map[string]string{}, map[string]bool{}
	// names maps a folded name to the hand-curated actors using it, people and others
	// apart: a name shared by two actors of one kind would make lookups a guess. The
	// dictionaries' entries may share names among themselves (two George Bushes; the
	// article's date tells them apart) but not with a hand-curated entry.
	names := map[string]map[string]bool{}
	kindOf := func(a *Actor) string {
		if a.Type == "Person" {
			return "person"
		}
		return "actor"
	}
	allNames := func(a *Actor) []string {
		return append(append(append([]string{a.Name}, a.Aliases...), a.Adjectives...), a.Capitals...)
	}
	for _, a := range g.Actors {
		if ids[a.ID] {
			t.Errorf("id %s is used twice", a.ID)
		}
		ids[a.ID] = true
		if other, ok := keys[a.Key()]; ok {
			t.Errorf("%s and %s have the same key %s", a.ID, other, a.Key())
		}
		keys[a.Key()] = a.ID
		if a.QID != "" {
			if !qidPattern.MatchString(a.QID) {
				t.Errorf("%s: bad QID %q", a.ID, a.QID)
			}
			if other, ok := qids[a.QID]; ok {
				t.Errorf("%s and %s share QID %s", a.ID, other, a.QID)
			}
			qids[a.QID] = a.ID
		}
		if a.Source == "" {
			for _, n := range allNames(a) {
				k := kindOf(a) + "|" + NormName(n)
				if names[k] == nil {
					names[k] = map[string]bool{}
				}
				names[k][a.ID] = true
			}
		}
		for _, r := range a.Roles {
			if _, ok := g.ByID(r.Of); !ok && (a.Source == "" || r.Of != "") {
				t.Errorf("%s: role %q of unknown actor %q", a.ID, r.Title, r.Of)
			}
			for _, d := range []string{r.Since, r.Until} {
				if d != "" && !datePattern.MatchString(d) {
					t.Errorf("%s: role %q has a bad date %q", a.ID, r.Title, d)
				}
			}
			if r.Since != "" && r.Until != "" && r.Since > r.Until {
				t.Errorf("%s: role %q ends before it starts", a.ID, r.Title)
			}
		}
	}
	for k, ids := range names {
		if len(ids) > 1 {
			var l []string
			for id := range ids {
				l = append(l, id)
			}
			t.Errorf("name %q is shared by %s", strings.SplitN(k, "|", 2)[1], strings.Join(l, ", "))
		}
	}
	for _, a := range g.Actors {
		if a.Source == "" {
			continue
		}
		for _, n := range allNames(a) {
			if h := names[kindOf(a)+"|"+NormName(n)]; h != nil {
				t.Errorf("%s (%s) uses the name %q of the hand-curated %v", a.ID, a.Source, n, h)
			}
		}
	}
}

func TestGazetteerLookup(t *testing.T) {
	g := BuiltinGazetteer()
	tests := []struct {
		name, label, want string // want: actor id, "" for none
	}{
		{"Moscow", "State", "russia"},
		{"the Kremlin", "State", "russia"},
		{"Moscow", "Location", ""}, // a capital is a place where it is annotated as one
		{"Russian", "State", "russia"},
		{"Russian", "Person", ""},
		{"Daesh", "ArmedGroup", "islamic-state"},
		{"ISIL", "", "islamic-state"},
		{"Sergei Lavrov", "Person", "sergey-lavrov"},
		{"Lavrov", "Person", "sergey-lavrov"},
		{"Lavrov", "State", ""},
		{"Washington", "State", "united-states"},
		{"Türkiye", "State", "turkey"},
		{"Jabhat al-Nusra", "ArmedGroup", "al-nusra-front"},
	}
	for _, tt := range tests {
		a, ok := g.Lookup(tt.name, tt.label)
		got := ""
		if ok {
			got = a.ID
		}
		if got != tt.want {
			t.Errorf("Lookup(%q, %q) = %q, want %q", tt.name, tt.label, got, tt.want)
		}
	}
}

func TestGazetteerHolder(t *testing.T) {
	g := BuiltinGazetteer()
	if g.AsOf == "" {
		t.Fatal("the built-in gazetteer has no as-of date")
	}
	us, _ := g.ByID("united-states")
	ru, _ := g.ByID("russia")
	tests := []struct {
		title string
		of    *Actor
		date  string
		want  string
	}{
		{"Secretary of State", us, "2016-02-22", "john-kerry"},
		{"secretary of state", us, "2019-01-01", "mike-pompeo"},
		{"Secretary of State", us, "2012-06", "hillary-clinton"},
		{"Minister of Foreign Affairs", ru, "2016-04-24", "sergey-lavrov"},
		{"President", ru, "2010-01-01", "dmitry-medvedev"},
		{"President", ru, "2016-01-01", "vladimir-putin"},
		{"President", us, "1990-01-01", ""},
		{"Ambassador to United Nations", ru, "2020-03", "vasily-nebenzya"},
		{"Ambassador to the United Nations", ru, "2016-12-01", "vitaly-churkin"},
		{"Secretary of State", us, "", ""},
		{"Secretary of State", us, "2025-06", "marco-rubio"},
		{"Secretary of State", us, "2026-01", ""}, // after the gazetteer's as-of date: unchecked
	}
	for _, tt := range tests {
		a, _, ok := g.Holder(tt.title, tt.of, tt.date)
		got := ""
		if ok {
			got = a.ID
		}
		if got != tt.want {
			t.Errorf("Holder(%q, %s, %q) = %q, want %q", tt.title, tt.of.ID, tt.date, got, tt.want)
		}
	}
}

// TestTitleOnlyMention follows a bare title from the mention to the office holder.
func TestTitleOnlyMention(t *testing.T) {
	g := BuiltinGazetteer()
	tt := g.parseTitled("the Russian ambassador to the UN")
	if tt.name != "" || tt.ofAct == nil || tt.ofAct.ID != "russia" {
		t.Fatalf("parseTitled = %+v", tt)
	}
	for date, want := range map[string]string{"2016-12-01": "vitaly-churkin", "2020-03": "vasily-nebenzya"} {
		if a, _, ok := g.Holder(tt.title, tt.ofAct, date); !ok || a.ID != want {
			t.Errorf("Holder(%q, russia, %s) = %v, want %s", tt.title, date, a, want)
		}
	}
}

func TestGazetteerOverride(t *testing.T) {
	g := BuiltinGazetteer()
	n := len(g.Actors)
	before := g.Digest()
	if again := g.Digest(); again != before {
		t.Fatalf("Digest changed without a change: %s, then %s", before, again)
	}
	user := `// my actors
{"id":"russia","qid":"Q159","type":"State","name":"Russian Federation","aliases":["RF"],"capitals":["Moscow"]}
{"id":"my-militia","type":"armed-group","name":"Brigade of the North","aliases":["the Northern Brigade"]}
`
	if err := g.Load(strings.NewReader(user), "user.jsonl"); err != nil {
		t.Fatal(err)
	}
	if len(g.Actors) != n+1 {
		t.Errorf("%d actors after an override and an addition, want %d", len(g.Actors), n+1)
	}
	if after := g.Digest(); after == before || after != fresh(t, user).Digest() {
		t.Errorf("Digest after Load: %s (before: %s); a gazetteer loaded with the same entries from the start: %s", after, before, fresh(t, user).Digest())
	}
	if a, ok := g.Lookup("RF", "State"); !ok || a.Name != "Russian Federation" {
		t.Errorf("the overriding entry is not used: %v", a)
	}
	if _, ok := g.Lookup("the Kremlin", "State"); ok {
		t.Error("a name of the replaced entry still resolves")
	}
	if a, ok := BuiltinGazetteer().Lookup("the Kremlin", "State"); !ok || a.ID != "russia" || BuiltinGazetteer().Digest() != before {
		t.Error("an override in one gazetteer changed the built-in one that others get")
	}
	if a, ok := g.Lookup("Northern Brigade", "ArmedGroup"); !ok || a.Key() != "armedgroup:brigade of the north" {
		t.Errorf("user entry: got %v", a)
	}
	err := g.Load(strings.NewReader("{\"id\":\"x\",\"type\":\"State\"}\n"), "bad.jsonl")
	if err == nil || !strings.HasPrefix(err.Error(), "bad.jsonl:1: ") {
		t.Errorf("a bad entry gave %v, want a bad.jsonl:1: error", err)
	}
	err = g.Load(strings.NewReader("{\"id\":\"x\",\"type\":\"State\",\"name\":\"X\",\"colour\":\"red\"}\n"), "bad.jsonl")
	if err == nil {
		t.Error("an unknown field was accepted")
	}
}

// fresh returns the built-in gazetteer with the user entries loaded, its digest never taken before.
func fresh(t *testing.T, user string) *Gazetteer {
	t.Helper()
	g := BuiltinGazetteer()
	if err := g.Load(strings.NewReader(user), "user.jsonl"); err != nil {
		t.Fatal(err)
	}
	return g
}
