package graph

import "testing"

// A name typed with composed accents and the same name with decomposed ones (as macOS and
// some converters write them) must fold to one key, or one person becomes two nodes.
func TestNormNameIsTheSameForNFCAndNFD(t *testing.T) {
	nfc, nfd := NormName("Ren\u00e9 M\u00fcller"), NormName("Rene\u0301 Mu\u0308ller")
	if nfc != nfd || nfc != "rene muller" {
		t.Errorf("NFC folds to %q, NFD to %q; want both %q", nfc, nfd, "rene muller")
	}
}
