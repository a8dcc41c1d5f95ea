package annotate

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugPrint(t *testing.T) {
	f := os.Getenv("DBG")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	a, err := Article(string(b), Meta{ID: "x"})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(a.Annotations)
}
