// Command gencameo derives the annotator's dictionary dict/cameo-verbs.tsv from the CAMEO
// verb-pattern dictionary of PETRARCH2 (Open Event Data Alliance, MIT licence): the verb
// synonym sets of the CAMEO codes that dipgraph's scheme has a relation for, inflected,
// with the sides of their arguments. The output keeps the dictionary's licence notice.
//
//	go run ./internal/gencameo -in ../../../shared/data/petrarch2/CAMEO.verbpatterns.150430.txt -out dict/cameo-verbs.tsv
//
// CAMEO's synonym sets come from WordNet and are broad ("MEET_PEOPLE" holds FACE and
// CONFRONT; "PHYSICAL_CONFLICT" holds HIT and MATCH): the table below names, per relation,
// the blocks taken and the verbs of a block left out because in news they mostly mean
// something else. The dictionary's phrase patterns ("* DIPLOMATIC TIES", "* RELATIONS")
// give the objects of the verbs of diplomatic ties.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// frame says which phrases a verb gives and where their arguments are.
type frame int

const (
	active   frame = 1 << iota // X verbed Y
	passive                    // Y was verbed by X ("verbed by": R L)
	with                       // X verbed with Y; X and Y verbed
	object                     // X verbed <object> with Y; X and Y verbed <object>
	onTarget                   // X verbed on/against Y
)

// pick is one relation's share of a CAMEO block.
type pick struct {
	rel    string
	block  string
	only   []string // the block's verbs taken (none: all but skip)
	skip   []string
	frames frame
	code   string // the code of the block's patterns that give objects (object frame)
}

var picks = []pick{
	{rel: "SpokeWith", block: "CALL", only: []string{"TELEPHONE", "PHONE"}, frames: active},
	{rel: "SpokeWith", block: "CONFER", only: []string{"CONFER", "CONVERSE", "TALK", "SPEAK", "CONSULT"}, frames: with},
	{rel: "MetWith", block: "MEET_PEOPLE", only: []string{"MEET"}, frames: with},
	{rel: "Hosted", block: "HOST", frames: active | passive},
	{rel: "Mediated", block: "BARGAIN", only: []string{"BROKER"}, frames: active | passive},
	{rel: "Mediated", block: "COMPROMISE", only: []string{"MEDIATE", "INTERCEDE"}, frames: active | passive},
	{rel: "Praised", block: "ACCLAIM", only: []string{"APPLAUD", "ACCLAIM", "COMMEND", "COMPLIMENT", "EXTOL", "CONGRATULATE", "PRAISE", "HAIL", "SALUTE"}, frames: active | passive},
	{rel: "Praised", block: "LAUD", only: []string{"LAUD"}, frames: active | passive},
	{rel: "Praised", block: "THANK", frames: active},
	{rel: "Urged", block: "CALLED_FOR", only: []string{"CALL_ON", "CALL_UPON", "URGE"}, frames: active},
	{rel: "Urged", block: "DEMAND", only: []string{"EXHORT", "PRESS"}, frames: active},
	{rel: "Urged", block: "APPEAL", only: []string{"IMPLORE"}, frames: active},
	{rel: "Criticised", block: "DENOUNCE", skip: []string{"CANE", "FLOG", "LECTURE", "DRESS_DOWN", "REPROBATE", "REMONSTRATE", "RIDICULE", "SCORN"}, frames: active | passive},
	{rel: "Criticised", block: "DEPLORE", only: []string{"DEPLORE"}, frames: active},
	{rel: "Criticised", block: "DENIGRATE", frames: active},
	{rel: "Criticised", block: "BLAME", only: []string{"ACCUSE", "BLAME", "CONDEMN", "FAULT"}, frames: active | passive},
	{rel: "Criticised", block: "DISAPPROVE", only: []string{"DECRY"}, frames: active},
	{rel: "Detained", block: "APPREHEND", only: []string{"APPREHEND", "ARREST", "CAPTURE"}, frames: active | passive},
	{rel: "Detained", block: "CONFINE", only: []string{"IMPRISON", "INCARCERATE", "JAIL", "DETAIN"}, frames: active | passive},
	{rel: "Released", block: "RELEASE", only: []string{"RELEASE", "FREE", "SET_FREE"}, frames: active | passive},
	{rel: "Attacks", block: "PHYSICAL_CONFLICT", only: []string{"ASSAIL", "ASSAULT", "ATTACK", "STRIKE", "STORM"}, frames: active | passive},
	{rel: "Attacks", block: "EXPLOSIVE_DESTRUCTION", only: []string{"BOMBARD", "BOMB"}, frames: active | passive},
	{rel: "Attacks", block: "SHELL", frames: active | passive},
	{rel: "Attacks", block: "RAID", only: []string{"RAID"}, frames: active | passive},
	{rel: "Attacks", block: "POUND", only: []string{"POUND"}, frames: active | passive},
	{rel: "Attacks", block: "AMBUSH", frames: active | passive},
	{rel: "Attacks", block: "BESIEGE", frames: active | passive},
	{rel: "Attacks", block: "INVADE", only: []string{"INVADE"}, frames: active | passive},
	{rel: "Fights", block: "PHYSICAL_CONFLICT", only: []string{"BATTLE", "COMBAT", "FIGHT", "CLASH", "SKIRMISH"}, frames: with},
	{rel: "Fights", block: "PHYSICAL_CONFLICT", only: []string{"WAGE_WAR"}, frames: onTarget},
	{rel: "Sanctioned", block: "BLACKLIST", frames: active | passive},
	{rel: "SeveredTies", block: "SEVER", only: []string{"SEVER", "CUT"}, frames: object, code: "161"},
	{rel: "RestoredTies", block: "RE_ESTABLISH", only: []string{"REESTABLISH", "RESTORE"}, frames: object, code: "050"},
	{rel: "EstablishedTies", block: "ENACT", only: []string{"ESTABLISH"}, frames: object, code: "054"},
	{rel: "Signed", block: "SIGN", only: []string{"SIGN"}, frames: active | passive},
}

type verb struct {
	base  string   // lower case, words joined by spaces
	forms []string // irregular forms given in braces
}

type block struct {
	verbs    []verb
	patterns []string // "- * WORDS [CODE]" with only words after the verb: "WORDS CODE"
}

var (
	headRE    = regexp.MustCompile(`^---\s+(\S+)`)
	patternRE = regexp.MustCompile(`^-\s+(?:%\s+)?\*\s+([A-Z_ ]+?)(?:\s+WITH)?(?:\s+\+)?\s*\[([0-9]+)[:\]]`)
)

func parse(path string) (map[string]*block, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	blocks := map[string]*block{}
	var cur *block
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := headRE.FindStringSubmatch(line); m != nil {
			cur = &block{}
			blocks[m[1]] = cur
			continue
		}
		if cur == nil || line == "" || line[0] == '#' || line[0] == '&' {
			continue
		}
		if line[0] == '-' {
			if m := patternRE.FindStringSubmatch(line); m != nil {
				cur.patterns = append(cur.patterns, m[1]+" "+m[2])
			}
			continue
		}
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		var forms []string
		if i := strings.Index(line, "{"); i >= 0 {
			j := strings.Index(line, "}")
			if j > i {
				for _, w := range strings.Fields(line[i+1 : j]) {
					forms = append(forms, words(w))
				}
			}
			line = line[:i]
		}
		if i := strings.Index(line, "["); i >= 0 {
			line = line[:i]
		}
		w := strings.TrimSpace(line)
		if w == "" || strings.Contains(w, "RE_+") {
			continue
		}
		cur.verbs = append(cur.verbs, verb{base: words(w), forms: forms})
	}
	return blocks, sc.Err()
}

// words turns a dictionary token (+WAGE_WAR) into lower-case words (wage war).
func words(w string) string {
	return strings.ToLower(strings.TrimSpace(strings.ReplaceAll(strings.TrimLeft(w, "+"), "_", " ")))
}

// inflect returns the -s, -ed and -ing forms of the first word of a (multi-word) verb, or
// the irregular forms the dictionary gives.
func inflect(v verb) (s, past []string, ing string) {
	head, rest, _ := strings.Cut(v.base, " ")
	if rest != "" {
		rest = " " + rest
	}
	if len(v.forms) > 0 {
		for _, f := range v.forms {
			fh, _, _ := strings.Cut(f, " ")
			switch {
			case strings.HasSuffix(fh, "ing"):
				ing = fh + rest
			case strings.HasSuffix(fh, "s") && !strings.HasSuffix(fh, "ss"):
				s = append(s, fh+rest)
			default:
				past = append(past, fh+rest)
			}
		}
		if len(s) == 0 {
			s = append(s, suffixS(head)+rest)
		}
		if len(past) == 0 {
			past = append(past, suffixEd(head)+rest)
		}
		if ing == "" {
			ing = suffixIng(head) + rest
		}
		return s, past, ing
	}
	return []string{suffixS(head) + rest}, []string{suffixEd(head) + rest}, suffixIng(head) + rest
}

func suffixS(w string) string {
	switch {
	case strings.HasSuffix(w, "y") && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "x"):
		return w + "es"
	}
	return w + "s"
}

// nouns are inflected forms that news uses mostly as nouns ("the talks", "air strikes").
var nouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`attacks strikes bombs raids shells talks meets meeting thanks
		arrests releases calls fights fighting clashes battles assaults ambushes pounds signs hosts
		storms combats skirmishes blacklists presses bombing shelling signing`) {
		nouns[w] = true
	}
}

// irregularPast holds the verbs whose past is their bare form.
var irregularPast = map[string]bool{"set": true, "cut": true, "put": true, "hit": true}

func suffixEd(w string) string {
	switch {
	case irregularPast[w]:
		return w
	case strings.HasSuffix(w, "e"):
		return w + "d"
	case strings.HasSuffix(w, "y") && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ied"
	}
	return w + "ed"
}

func suffixIng(w string) string {
	if irregularPast[w] {
		return w + w[len(w)-1:] + "ing"
	}
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") {
		return w[:len(w)-1] + "ing"
	}
	return w + "ing"
}

func main() {
	in := flag.String("in", "", "the CAMEO verb-pattern file (CAMEO.verbpatterns.150430.txt)")
	out := flag.String("out", "", "the dictionary to write")
	flag.Parse()
	if *in == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gencameo -in CAMEO.verbpatterns.150430.txt -out dict/cameo-verbs.tsv")
		os.Exit(2)
	}
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencameo:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	blocks, err := parse(in)
	if err != nil {
		return err
	}
	irregular := irregularForms(blocks)
	w := &triggerWriter{seen: map[string]bool{}}
	for _, p := range picks {
		b := blocks[p.block]
		if b == nil {
			return fmt.Errorf("block %s is not in %s", p.block, in)
		}
		taken := 0
		for _, v := range b.verbs {
			if !wanted(p, v.base) {
				continue
			}
			taken++
			if len(v.forms) == 0 {
				v.forms = irregular[v.base]
			}
			w.verb(p, b, v)
		}
		if taken == 0 {
			return fmt.Errorf("block %s has none of the verbs %v", p.block, p.only)
		}
	}
	head := licence(in)
	return os.WriteFile(out, []byte(head+strings.Join(w.lines, "\n")+"\n"), 0o644)
}

// irregularForms returns the irregular forms given for a verb in one block: they hold for
// it in every block.
func irregularForms(blocks map[string]*block) map[string][]string {
	irregular := map[string][]string{}
	for _, b := range blocks {
		for _, v := range b.verbs {
			if len(v.forms) > 0 {
				irregular[v.base] = v.forms
			}
		}
	}
	return irregular
}

// triggerWriter collects the trigger lines; the first relation to claim a phrase keeps it.
type triggerWriter struct {
	lines []string
	seen  map[string]bool
}

func (w *triggerWriter) emit(phrase, rel, a1, a2 string) {
	if w.seen[phrase] {
		return
	}
	w.seen[phrase] = true
	w.lines = append(w.lines, strings.Join([]string{"verb", phrase, rel, a1, a2}, "\t"))
}

// verb writes the triggers of verb v of block b in the frames pick p asks for.
func (w *triggerWriter) verb(p pick, b *block, v verb) {
	s, past, ing := inflect(v)
	// The bare form is left out (in news it is mostly an infinitive after "to" or
	// "will", or a noun), and so are -s and -ing forms that are nouns too.
	var all []string
	for _, f := range s {
		if !nouns[f] {
			all = append(all, f)
		}
	}
	all = append(all, past...)
	if !nouns[ing] {
		all = append(all, ing)
	}
	switch {
	case p.frames&object != 0:
		// "agreed to restore diplomatic relations": the bare form is a verb here.
		w.objectFrames(p, b, append([]string{v.base}, all...))
	case p.frames&with != 0:
		for _, f := range all {
			w.emit(f+" with", p.rel, "L", "R")
		}
		for _, f := range past {
			w.emit(f, p.rel, "L", "G") // "Kerry and Lavrov spoke"
		}
	case p.frames&onTarget != 0:
		for _, f := range all {
			w.emit(f+" on", p.rel, "L", "R")
			w.emit(f+" against", p.rel, "L", "R")
		}
	}
	if p.frames&active != 0 {
		for _, f := range all {
			w.emit(f, p.rel, "L", "R")
		}
	}
	if p.frames&passive != 0 {
		for _, f := range past {
			w.emit(f+" by", p.rel, "R", "L")
		}
	}
}

// objectFrames writes a verb's forms with the objects of its block's patterns for the
// pick's code that name ties or relations ("restore diplomatic relations with").
func (w *triggerWriter) objectFrames(p pick, b *block, forms []string) {
	for _, pat := range b.patterns {
		i := strings.LastIndex(pat, " ")
		if pat[i+1:] != p.code {
			continue
		}
		obj := words(pat[:i])
		if strings.ContainsAny(obj, "&%$^") || !strings.Contains(obj, "ties") && !strings.Contains(obj, "relations") {
			continue
		}
		for _, f := range forms {
			w.emit(f+" "+obj+" with", p.rel, "L", "R")
			w.emit(f+" "+obj, p.rel, "L", "G")
		}
	}
}

func wanted(p pick, base string) bool {
	up := strings.ToUpper(strings.ReplaceAll(base, " ", "_"))
	for _, s := range p.skip {
		if s == up {
			return false
		}
	}
	if len(p.only) == 0 {
		return true
	}
	for _, s := range p.only {
		if s == up {
			return true
		}
	}
	return false
}

// licence returns the header of the derived file: where it comes from and the MIT notice
// of the CAMEO dictionary, copied from the file's own header.
func licence(in string) string {
	data, err := os.ReadFile(in)
	if err != nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("# dipgraph annotator dictionary (tab-separated), generated by internal/gencameo: do not edit.\n")
	b.WriteString("# Relation triggers derived from the CAMEO verb-pattern dictionary of PETRARCH2\n")
	b.WriteString("# (CAMEO.verbpatterns.150430.txt): its verb synonym sets for the CAMEO codes that\n")
	b.WriteString("# dipgraph's scheme has a relation for, inflected. Hand-written triggers in verbs.tsv\n")
	b.WriteString("# win over these. The source dictionary's licence:\n#\n")
	in2 := false
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "# The MIT License") {
			in2 = true
		}
		if in2 {
			if !strings.HasPrefix(line, "#") || strings.HasPrefix(line, "# LAST UPDATE") {
				break
			}
			b.WriteString(strings.TrimRight(line, " \r") + "\n")
		}
	}
	b.WriteString("\n")
	return b.String()
}
