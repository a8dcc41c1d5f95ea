package graph

import (
	"math/rand/v2"
	"testing"
)

// TestNormNameFoldsAccents: a name written with its accents and the same name typed
// without them are one key, in the scripts news transliterates into Latin letters.
func TestNormNameFoldsAccents(t *testing.T) {
	for _, c := range []struct{ accented, plain string }{
		// Turkish: dotless and dotted i, cedillas, breves.
		{"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"},
		{"İstanbul", "Istanbul"},
		{"Kemal Kılıçdaroğlu", "Kemal Kilicdaroglu"},
		{"Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"},
		{"Şanlıurfa", "Sanliurfa"},
		// Vietnamese: stacked diacritics, horned letters, the barred d.
		{"Nguyễn Xuân Phúc", "Nguyen Xuan Phuc"},
		{"Võ Văn Thưởng", "Vo Van Thuong"},
		{"Phạm Bình Minh", "Pham Binh Minh"},
		{"Đà Nẵng", "Da Nang"},
		{"Nguyễn Phú Trọng", "Nguyen Phu Trong"},
		{"Hồ Chí Minh", "Ho Chi Minh"},
		// Cyrillic names transliterated with diacritics (ISO 9, scholarly, Ukrainian).
		{"Taras Ševčenko", "Taras Sevcenko"},
		{"Volodymyr Zelenskyĭ", "Volodymyr Zelenskyi"},
		{"Volodymyr Zelens'kyi", "Volodymyr Zelenskyi"},
		{"Vitalij Kličko", "Vitalij Klicko"},
		{"Sergej Šojgu", "Sergej Sojgu"},
		{"Aljaksandr Łukašenka", "Aljaksandr Lukasenka"},
		// Polish, Nordic, German, Romanian, Czech, Hausa.
		{"Lech Wałęsa", "Lech Walesa"},
		{"Jens Støre", "Jens Store"},
		{"Lars Løkke Rasmussen", "Lars Lokke Rasmussen"},
		{"Ærø", "Aero"},
		{"Straße", "Strasse"},
		{"Klaus Iohannis of Țara Românească", "Klaus Iohannis of Tara Romaneasca"},
		{"Miloš Zeman", "Milos Zeman"},
		{"Ɗanjuma", "Danjuma"},
		// Composed and decomposed forms of the same letters.
		{"Nguye\u0302\u0303n", "Nguyen"},
		{"Erdog\u0306an", "Erdogan"},
	} {
		if a, p := NormName(c.accented), NormName(c.plain); a != p {
			t.Errorf("NormName(%q) = %q, NormName(%q) = %q; want equal", c.accented, a, c.plain, p)
		}
	}
}

// TestNormNameKeepsOtherScripts: folding removes accents from Latin letters only; the
// letters of other scripts are distinct letters, and names keyed on them keep their keys.
func TestNormNameKeepsOtherScripts(t *testing.T) {
	for _, c := range [][2]string{
		{"Зеленский", "Зеленскии"}, // й is not и
		{"Алёна", "Алена"},         // ё is written as е, but folding it would change keys
		{"Αθήνα", "Αθηνα"},         // Greek tonos
	} {
		if NormName(c[0]) == NormName(c[1]) {
			t.Errorf("NormName folds %q and %q together", c[0], c[1])
		}
	}
}

func TestFoldLetter(t *testing.T) {
	for _, c := range []struct{ in, want rune }{
		{'ğ', 'g'}, {'ı', 'i'}, {'İ', 'I'}, {'ş', 's'}, {'ç', 'c'},
		{'ệ', 'e'}, {'ở', 'o'}, {'ư', 'u'}, {'ơ', 'o'}, {'đ', 'd'}, {'Đ', 'D'}, {'ậ', 'a'},
		{'ł', 'l'}, {'Ł', 'L'}, {'ø', 'o'}, {'Ø', 'O'}, {'š', 's'}, {'ž', 'z'}, {'č', 'c'},
		{'a', 'a'}, {'ß', 'ß'}, {'й', 'й'}, {'ά', 'ά'}, {'م', 'م'}, {'-', '-'},
	} {
		if got := FoldLetter(c.in); got != c.want {
			t.Errorf("FoldLetter(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNormASCIIIsNormUnicode: the byte-by-byte path NormName takes for ASCII names folds
// every ASCII string as the rune-by-rune path does.
func TestNormASCIIIsNormUnicode(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, s := range []string{"", " ", "the", "The ", "the the", "U.S.", "Ash-Sham's", "  Al-Nusra  Front ", "the 'x'", "a`b"} {
		if a, u := normASCII(s), normUnicode(s); a != u {
			t.Errorf("%q: ASCII path %q, rune path %q", s, a, u)
		}
	}
	b := make([]byte, 12)
	for range 200000 {
		n := r.IntN(len(b))
		for i := range n {
			b[i] = byte(r.IntN(0x80))
		}
		s := string(b[:n])
		if a, u := normASCII(s), normUnicode(s); a != u {
			t.Fatalf("%q: ASCII path %q, rune path %q", s, a, u)
		}
	}
}

// TestTransliterationsResolveToOnePerson: the spellings of a Cyrillic name news uses,
// with or without diacritics, find the same actor.
func TestTransliterationsResolveToOnePerson(t *testing.T) {
	g := BuiltinGazetteer()
	want, ok := g.Lookup("Volodymyr Zelensky", "Person")
	if !ok {
		t.Fatal("Volodymyr Zelensky is not in the gazetteer")
	}
	for _, name := range []string{"Zelenskyy", "Zelenskyi", "Zelenskiy", "Volodymyr Zelenskyĭ", "Volodymyr Zelens'kyi", "Volodymyr Zelenskyy"} {
		if got, ok := g.Lookup(name, "Person"); !ok || got != want {
			t.Errorf("%q resolves to %v, want %s", name, got, want.ID)
		}
	}
}
