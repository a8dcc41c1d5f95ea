package annotate

import "strings"

// schema gives, for each relation of examples/annotation.conf, the entity types its two
// arguments accept. The annotator binds a verb only to mentions of these types; a test
// checks the table against the annotation.conf file.
var schema = map[string][2]typeSet{}

// typeSet is a set of entity types.
type typeSet map[string]bool

func types(s string) typeSet {
	t := typeSet{}
	for _, x := range strings.Split(s, "|") {
		t[x] = true
	}
	return t
}

func init() {
	for _, r := range []struct{ name, a1, a2 string }{
		{"SpokeWith", "Person|State|Government|Organisation|Opposition|ArmedGroup", "Person|State|Government|Organisation|Opposition|ArmedGroup"},
		{"MetWith", "Person|State|Government|Organisation|Opposition|ArmedGroup", "Person|State|Government|Organisation|Opposition|ArmedGroup"},
		{"Visited", "Person|State|Government|Organisation", "State|Location|Organisation"},
		{"Hosted", "Person|State|Government|Organisation", "Person|State|Government|Organisation|Meeting|Summit|Talks"},
		{"Negotiated", "Person|State|Government|Organisation|Opposition|ArmedGroup", "Person|State|Government|Organisation|Opposition|ArmedGroup"},
		{"Mediated", "Person|State|Government|Organisation", "Person|State|Government|Organisation|Opposition|ArmedGroup|Talks|Agreement|Ceasefire|Meeting"},
		{"EstablishedTies", "State|Government", "State|Government"},
		{"RestoredTies", "State|Government", "State|Government"},
		{"SeveredTies", "State|Government", "State|Government"},
		{"Recognised", "Person|State|Government|Organisation", "State|Government|Opposition|ArmedGroup|Person"},
		{"Praised", "Person|State|Government|Organisation|Opposition|ArmedGroup", "Person|State|Government|Organisation|Opposition|ArmedGroup|Agreement|Ceasefire|Talks|Summit|Meeting"},
		{"Urged", "Person|State|Government|Organisation", "Person|State|Government|Organisation|Opposition|ArmedGroup"},
		{"ProposedCooperation", "Person|State|Government", "Person|State|Government"},
		{"CooperatesWith", "Person|State|Government|Organisation|ArmedForce|Coalition", "Person|State|Government|Organisation|ArmedForce|Coalition"},
		{"Backed", "Person|State|Government|Organisation", "Ceasefire|Agreement|Talks|Proposal|Person|Government|Opposition|ArmedGroup"},
		{"Fights", "State|Government|ArmedGroup|ArmedForce|Coalition|Opposition", "State|Government|ArmedGroup|ArmedForce|Coalition|Opposition"},
		{"Attacks", "State|Government|ArmedGroup|ArmedForce|Coalition|Opposition", "State|Government|ArmedGroup|ArmedForce|Coalition|Opposition|Location"},
		{"Killed", "State|Government|ArmedGroup|ArmedForce|Coalition|Opposition", "Person|Location"},
		{"Sanctioned", "State|Government|Organisation", "State|Government|Organisation|Person"},
		{"Criticised", "Person|State|Government|Organisation|Opposition|ArmedGroup", "Person|State|Government|Organisation|Opposition|ArmedGroup|Agreement|Attack|Sanctions|Talks|Ceasefire|Proposal"},
		{"Detained", "State|Government|ArmedGroup|ArmedForce|Opposition", "Person"},
		{"Released", "State|Government|ArmedGroup|ArmedForce|Opposition", "Person"},
		{"ExchangedPrisoners", "State|Government|ArmedGroup|Opposition", "State|Government|ArmedGroup|Opposition"},
		{"Refused", "Person|State|Government|Organisation|Opposition", "Talks|Proposal|Agreement|Ceasefire"},
		{"Suspended", "Person|State|Government|Organisation|Opposition", "Talks|Agreement|Ceasefire"},
		{"ExcludedFrom", "ArmedGroup|State|Government|Organisation|Opposition", "Ceasefire|Agreement|Talks"},
		{"Signed", "Person|State|Government|Organisation|Opposition|ArmedGroup", "Agreement|Ceasefire"},
		{"ParticipatedIn", "Person|State|Government|Organisation|Opposition|ArmedGroup", "Talks|Meeting|Summit|Agreement|Ceasefire"},
		{"HoldsRole", "Person", "State|Government|Organisation|ArmedGroup|Opposition"},
	} {
		schema[r.name] = [2]typeSet{types(r.a1), types(r.a2)}
	}
}

// eventTypes are the entity types that name events rather than actors.
var eventTypes = typeSet{"Ceasefire": true, "Talks": true, "Agreement": true, "Meeting": true,
	"Summit": true, "Attack": true, "Sanctions": true, "Proposal": true}
