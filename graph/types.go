package graph

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// identPattern is what a label or relationship type must look like before it reaches Cypher.
var (
	labelPattern   = regexp.MustCompile(`^[A-Z][A-Za-z0-9]{0,63}$`)
	relTypePattern = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,63}$`)
)

// ErrBadIdentifier is returned for a type name that cannot become a label or relationship type.
var ErrBadIdentifier = fmt.Errorf("not a valid type name")

// words splits a type name written in any common style (SpokeWith, spoke-with, SPOKE_WITH,
// spoke with) into lower-case words.
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '-' || r == '_' || r == ' ' || r == '.' || r == '/':
			flush()
		case unicode.IsUpper(r):
			// A new word starts at an upper-case letter after a lower-case one or a digit,
			// or before a lower-case one in a run of capitals (HTTPServer → http server).
			if len(cur) > 0 {
				prev := rs[i-1]
				nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
				if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
					flush()
				}
			}
			cur = append(cur, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		default:
			// Anything else cannot be part of a type name; it splits words and is checked below.
			flush()
			out = append(out, "\x00")
		}
	}
	flush()
	return out
}

// Label turns an annotation's entity type into a node label: person, Person, PERSON → Person;
// armed-group, ArmedGroup → ArmedGroup. Names that cannot be made safe are refused.
func Label(typ string) (string, error) {
	ws := words(typ)
	var b strings.Builder
	for _, w := range ws {
		if w == "\x00" {
			return "", fmt.Errorf("entity type %q: %w (use letters, digits, - or _)", typ, ErrBadIdentifier)
		}
		r := []rune(w)
		b.WriteString(strings.ToUpper(string(r[0])) + string(r[1:]))
	}
	l := b.String()
	if alias, ok := labelAliases[l]; ok {
		l = alias
	}
	if !labelPattern.MatchString(l) {
		return "", fmt.Errorf("entity type %q: %w (use ASCII letters and digits, starting with a letter)", typ, ErrBadIdentifier)
	}
	return l, nil
}

// RelType turns an annotation's relation type into a relationship type: SpokeWith,
// spoke-with, SPOKE_WITH → SPOKE_WITH. Names that cannot be made safe are refused.
func RelType(typ string) (string, error) {
	ws := words(typ)
	for _, w := range ws {
		if w == "\x00" {
			return "", fmt.Errorf("relation type %q: %w (use letters, digits, - or _)", typ, ErrBadIdentifier)
		}
	}
	t := strings.ToUpper(strings.Join(ws, "_"))
	if !relTypePattern.MatchString(t) {
		return "", fmt.Errorf("relation type %q: %w (use ASCII letters, digits and _, starting with a letter)", typ, ErrBadIdentifier)
	}
	return t, nil
}

// mutual are the relationship types that say the same of both ends: "A met with B" is
// "B met with A". An annotated relation of one of them between two actors goes from the
// smaller key to the larger, as the pairwise edges derived from events do, so that
// articles that name the two in either order add to one edge.
var mutual = map[string]bool{
	"SPOKE_WITH": true, "MET_WITH": true, "NEGOTIATED_WITH": true, "NEGOTIATED": true,
	"COOPERATES_WITH": true, "COOPERATES": true, "COOPERATES_MILITARILY": true, "ALLIED_WITH": true,
	"FIGHTS": true, "EXCHANGED_PRISONERS": true, "ESTABLISHED_TIES": true, "RESTORED_TIES": true,
}

// Mutual reports whether a relationship type says the same of both its ends (and so has
// no direction of its own: see mutual).
func Mutual(relType string) bool { return mutual[relType] }

// labelAliases maps spellings of one idea to the label the project's queries use.
var labelAliases = map[string]string{
	"Country":      "State",
	"Nation":       "State",
	"Gpe":          "State",
	"Organization": "Organisation",
	"Org":          "Organisation",
	"Per":          "Person",
	"Militia":      "ArmedGroup",
	"Armedgroup":   "ArmedGroup",
	"Military":     "ArmedForce",
	"Army":         "ArmedForce",
	"Truce":        "Ceasefire",
	"Negotiation":  "Talks",
	"Negotiations": "Talks",
}

// eventLabels are the labels whose nodes are events, not actors.
var eventLabels = map[string]bool{
	"Event": true, "Ceasefire": true, "Talks": true, "Agreement": true, "Meeting": true,
	"Summit": true, "Attack": true, "Strike": true, "Visit": true, "Sanctions": true,
	"Election": true, "Proposal": true, "Conference": true, "Treaty": true, "Call": true,
}

// IsEventLabel reports whether nodes with the label are events.
func IsEventLabel(label string) bool { return eventLabels[label] }

// IsDateLabel reports whether mentions with the label are dates (attached to events, not nodes).
func IsDateLabel(label string) bool {
	return label == "Date" || label == "Time" || label == "Timex" || label == "Timex3"
}

// Coding is how event coders classify a relationship type: CAMEO code and Goldstein score
// (from GDELT's lookup table), PLOVER category and GDELT QuadClass
// (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
type Coding struct {
	CAMEO     string
	Goldstein float64
	PLOVER    string
	QuadClass int
	// Family groups types for queries: consult, cooperate, conflict, role, other.
	Family string
}

// Codings is the one table of event codes for relationship types. CAMEO codes and their
// Goldstein scores follow GDELT's CAMEO lookup tables; PLOVER categories follow the
// PLOVER project's CAMEO-to-PLOVER table of 2021 (05x diplomatic cooperation is SUPPORT,
// 11x ACCUSE, 161 SANCTION). Ties established carry CAMEO 054 and ties restored 050, as
// the CAMEO verb dictionary codes "establish / restore diplomatic relations".
var Codings = map[string]Coding{
	"SPOKE_WITH":                    {"041", 1.0, "CONSULT", 1, "consult"},
	"PHONED":                        {"041", 1.0, "CONSULT", 1, "consult"},
	"CONSULTED":                     {"040", 1.0, "CONSULT", 1, "consult"},
	"MET":                           {"044", 2.5, "CONSULT", 1, "consult"},
	"MET_WITH":                      {"044", 2.5, "CONSULT", 1, "consult"},
	"VISITED":                       {"042", 1.9, "CONSULT", 1, "consult"},
	"HOSTED":                        {"043", 2.8, "CONSULT", 1, "consult"},
	"NEGOTIATED":                    {"046", 7.0, "CONSULT", 1, "consult"},
	"NEGOTIATED_WITH":               {"046", 7.0, "CONSULT", 1, "consult"},
	"MEDIATED":                      {"045", 5.0, "CONSULT", 1, "consult"},
	"PARTICIPATED_IN":               {"", 0, "", 0, "role"},
	"PROPOSED_COOPERATION":          {"0312", 5.2, "AGREE", 1, "cooperate"},
	"PROPOSED":                      {"0312", 5.2, "AGREE", 1, "cooperate"},
	"PROPOSED_MILITARY_COOPERATION": {"0312", 5.2, "AGREE", 1, "cooperate"},
	"COOPERATES_MILITARILY":         {"062", 7.4, "COOPERATE", 2, "cooperate"},
	"COOPERATES":                    {"062", 7.4, "COOPERATE", 2, "cooperate"},
	"COOPERATES_WITH":               {"062", 7.4, "COOPERATE", 2, "cooperate"},
	"ALLIED_WITH":                   {"062", 7.4, "COOPERATE", 2, "cooperate"},
	"SUPPORTS":                      {"062", 7.4, "COOPERATE", 2, "cooperate"},
	"BACKED":                        {"0871", 9.0, "RETREAT", 2, "cooperate"},
	"DECLARED":                      {"0871", 9.0, "RETREAT", 2, "cooperate"},
	"DECLARED_CEASEFIRE":            {"0871", 9.0, "RETREAT", 2, "cooperate"},
	"DECLARED_TRUCE":                {"0871", 9.0, "RETREAT", 2, "cooperate"},
	"SIGNED":                        {"057", 8.0, "SUPPORT", 1, "cooperate"},
	"PRAISED":                       {"051", 3.4, "SUPPORT", 1, "cooperate"},
	"RECOGNISED":                    {"054", 6.0, "SUPPORT", 1, "cooperate"},
	"ESTABLISHED_TIES":              {"054", 6.0, "SUPPORT", 1, "cooperate"},
	"RESTORED_TIES":                 {"050", 3.5, "SUPPORT", 1, "cooperate"},
	"RELEASED":                      {"0841", 7.0, "RETREAT", 2, "cooperate"},
	"EXCHANGED_PRISONERS":           {"0841", 7.0, "RETREAT", 2, "cooperate"},
	"URGED":                         {"020", 3.0, "REQUEST", 1, "consult"},
	"SEVERED_TIES":                  {"161", -4.0, "SANCTION", 3, "conflict"},
	"DETAINED":                      {"173", -5.0, "COERCE", 4, "conflict"},
	"FIGHTS":                        {"190", -10.0, "ASSAULT", 4, "conflict"},
	"ATTACKS":                       {"190", -10.0, "ASSAULT", 4, "conflict"},
	"ATTACKED":                      {"190", -10.0, "ASSAULT", 4, "conflict"},
	"BOMBED":                        {"195", -10.0, "ASSAULT", 4, "conflict"},
	"STRUCK":                        {"195", -10.0, "ASSAULT", 4, "conflict"},
	"AIR_STRIKE_ON":                 {"195", -10.0, "ASSAULT", 4, "conflict"},
	"KILLED":                        {"190", -10.0, "ASSAULT", 4, "conflict"},
	"VIOLATED":                      {"196", -9.5, "ASSAULT", 4, "conflict"},
	"SANCTIONED":                    {"163", -6.5, "COERCE", 4, "conflict"},
	"THREATENED":                    {"130", -4.4, "THREATEN", 3, "conflict"},
	"CRITICISED":                    {"111", -2.0, "ACCUSE", 3, "conflict"},
	"ACCUSED":                       {"112", -2.0, "ACCUSE", 3, "conflict"},
	"REFUSED":                       {"120", -4.0, "REJECT", 3, "conflict"},
	"SUSPENDED":                     {"164", -7.0, "REJECT", 3, "conflict"},
	"HALTED_TALKS":                  {"164", -7.0, "REJECT", 3, "conflict"},
	"HALTED_NEGOTIATIONS":           {"164", -7.0, "REJECT", 3, "conflict"},
	"EXCLUDED_FROM":                 {"", 0, "", 0, "role"},
	"HOLDS_ROLE":                    {"", 0, "", 0, "role"},
	// Role edges from an event's arguments to the event (see RoleType): no code of their own.
	"AGENT_OF":    {"", 0, "", 0, "role"},
	"TARGET_OF":   {"", 0, "", 0, "role"},
	"LOCATION_OF": {"", 0, "", 0, "role"},
	"THEME_OF":    {"", 0, "", 0, "role"},
	"TIME_OF":     {"", 0, "", 0, "role"},
}

// CodingOf returns the coding of a relationship type, if the table has one.
func CodingOf(relType string) (Coding, bool) {
	c, ok := Codings[relType]
	return c, ok
}
