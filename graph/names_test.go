package graph

import (
	"strings"
	"testing"
)

func TestParseTitled(t *testing.T) {
	g := BuiltinGazetteer()
	tests := []struct {
		text                string
		name, title, ofName string
	}{
		{"US Secretary of State John Kerry", "John Kerry", "Secretary of State", "United States"},
		{"Russian Foreign Minister Sergey Lavrov", "Sergey Lavrov", "Foreign Minister", "Russia"},
		{"Syrian Foreign Minister Walid Muallem", "Walid Muallem", "Foreign Minister", "Syria"},
		{"Russia's foreign minister, Sergei Lavrov", "Sergei Lavrov", "Foreign Minister", "Russia"},
		{"Walid Muallem, Syria’s foreign minister", "Walid Muallem", "Foreign Minister", "Syria"},
		{"Minister of Foreign Affairs of Syria Walid Muallem", "Walid Muallem", "Foreign Minister", "Syria"},
		{"UN Special Envoy for Syria Staffan de Mistura", "Staffan de Mistura", "Special Envoy for Syria", "United Nations"},
		{"President Barack Obama", "Barack Obama", "President", ""},
		{"Special Envoy for Syria Staffan de Mistura", "Staffan de Mistura", "Special Envoy for Syria", ""},
		{"Syria's UN envoy, Bashar al-Jaafari", "Bashar al-Jaafari", "Envoy", "Syria"},
		{"Ambassador to the UN Bashar al-Jaafari", "Bashar al-Jaafari", "Ambassador to United Nations", ""},
		{"the US secretary of state", "", "Secretary of State", "United States"},
		{"Mr Kerry", "Kerry", "", ""},
		{"Mullah Akhtar Mansour", "Akhtar Mansour", "", ""},
		{"Sheikh Tamim bin Hamad Al Thani", "Tamim bin Hamad Al Thani", "", ""},
		{"Sultan Qaboos bin Said", "Qaboos bin Said", "Sultan", ""},
		{"Mr. de Mistura", "de Mistura", "", ""},
		{"a Syrian pilot", "a Syrian pilot", "", ""},
		{"John Kerry", "John Kerry", "", ""},
		{"Jordan Peterson", "Jordan Peterson", "", ""},
		// A description in lower case, or with a title word the owner of which is unknown,
		// comes off an unknown name; the name's own particles stay.
		{"poet Jane Roe", "Jane Roe", "", ""},
		{"Acme sales chief Juan de la Cruz", "Juan de la Cruz", "", ""},
		{"Harbour Minister Ali bin Omar", "Ali bin Omar", "", ""},
		{"hotel owner Abu Mahdi al-Rawi", "Abu Mahdi al-Rawi", "", ""},
		{"a retired teacher", "a retired teacher", "", ""},
		{"Martin Luther King", "Martin Luther King", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := g.parseTitled(tt.text)
			of := ""
			if got.ofAct != nil {
				of = got.ofAct.Name
			}
			if got.name != tt.name || got.title != tt.title || of != tt.ofName {
				t.Errorf("parseTitled(%q) = name %q, title %q, of %q; want %q, %q, %q", tt.text, got.name, got.title, of, tt.name, tt.title, tt.ofName)
			}
		})
	}
}

func TestRefersTo(t *testing.T) {
	tests := []struct {
		short, full string
		want        bool
	}{
		{"Kerry", "John Kerry", true},
		{"de Mistura", "Staffan de Mistura", true},
		{"Assad", "Bashar al-Assad", true},
		{"al-Assad", "Bashar al-Assad", true},
		{"Muallem", "Walid Muallem", true},
		{"Çavuşoglu", "Mevlüt Çavuşoğlu", true},
		{"John", "John Kerry", false}, // a first name is not a reference
		{"John Kerry", "John Kerry", false},
		{"Kerr", "John Kerry", false},
		{"Kim", "Kim Jong Un", true},                // family name first
		{"Tamim", "Tamim bin Hamad Al Thani", true}, // given name, with a patronymic
		{"Bashar", "Bashar al-Assad", false},        // two words, no patronymic
		{"Jong", "Kim Jong Un", false},
		{"", "John Kerry", false},
	}
	for _, tt := range tests {
		if got := refersTo(tt.short, tt.full); got != tt.want {
			t.Errorf("refersTo(%q, %q) = %v, want %v", tt.short, tt.full, got, tt.want)
		}
	}
}

func TestAcronymOf(t *testing.T) {
	if !acronymOf("ISSG", "International Syria Support Group") {
		t.Error("ISSG is the acronym of International Syria Support Group")
	}
	if !acronymOf("HNC", "the High Negotiations Committee") {
		t.Error("HNC is the acronym of the High Negotiations Committee")
	}
	if acronymOf("Issg", "International Syria Support Group") || acronymOf("UN", "United States") {
		t.Error("acronymOf accepted a non-acronym")
	}
}

func TestNormName(t *testing.T) {
	groups := [][]string{
		{"Da'esh", "Daesh", "DA’ESH", "daʼesh"},
		{"Al-Nusra Front", "al Nusra  Front", "The Al–Nusra Front"},
		{"Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", "MEVLÜT ÇAVUŞOĞLU"},
		{"U.S.", "US", "u.s."},
		{"Élysée", "Elysee"},
		{"Straße", "Strasse"},
	}
	for _, g := range groups {
		for _, s := range g[1:] {
			if NormName(s) != NormName(g[0]) {
				t.Errorf("NormName(%q) = %q, NormName(%q) = %q; want equal", s, NormName(s), g[0], NormName(g[0]))
			}
		}
	}
	if NormName("Iran") == NormName("Iraq") {
		t.Error("NormName folds distinct names together")
	}
}

func TestCanonicalTitle(t *testing.T) {
	for _, s := range []string{"Minister of Foreign Affairs", "foreign minister", "Foreign Affairs Minister"} {
		if got := canonicalTitle(s); got != "Foreign Minister" {
			t.Errorf("canonicalTitle(%q) = %q", s, got)
		}
	}
	if got := canonicalTitle("Grand Vizier"); !strings.EqualFold(got, "Grand Vizier") {
		t.Errorf("an unknown title changed: %q", got)
	}
}

func TestParseTitledFormer(t *testing.T) {
	g := BuiltinGazetteer()
	for _, text := range []string{"former US Secretary of State John Kerry", "Syria's former foreign minister, Walid Muallem", "ex-President Barack Obama"} {
		got := g.parseTitled(text)
		if !got.former || got.title == "" {
			t.Errorf("parseTitled(%q) = %+v, want a former title", text, got)
		}
	}
	if got := g.parseTitled("acting Foreign Minister Walid Muallem"); got.former || got.name != "Walid Muallem" || got.title != "Foreign Minister" {
		t.Errorf("acting: got %+v", got)
	}
}

// refersTo reports whether short is a surname or other shorter form of full (the words of
// the short form end the full name: "Kerry", "de Mistura", "al-Assad"), or the first word
// in use of a fuller name: the plain statement of what nameIndex finds, for its tests.
func refersTo(short, full string) bool {
	s, f := NormName(short), NormName(full)
	if refersToNorm(s, f) {
		return true
	}
	w, ok := firstWordInUse(full, f)
	return ok && s == w
}

func TestWithoutAreaNoun(t *testing.T) {
	for in, want := range map[string]string{
		"North Kivu province": "North Kivu", "Kanem region": "Kanem", "Rakhine State": "Rakhine State",
		"the region": "the region", "Kivu": "Kivu", "Aleppo governorate": "Aleppo",
	} {
		if got := withoutAreaNoun(in); got != want {
			t.Errorf("withoutAreaNoun(%q) = %q, want %q", in, got, want)
		}
	}
}
