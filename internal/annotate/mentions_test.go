package annotate

import (
	"slices"
	"testing"
)

// TestEntityRules checks the rules of mentions.go and the data of places/ on short texts.
func TestEntityRules(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		not      []string
	}{
		{
			name:     "a city from GeoNames, alone and with a place noun after it",
			text:     "Fighting spread to Serekunda. Troops shelled villages in the Batken region. Riots broke out in Xuan Loc province.",
			mentions: []string{"Location:Serekunda", "Location:Batken region", "Location:Xuan Loc province"},
		},
		{
			name:     "states the Phoenix dictionaries mistype",
			text:     "Kosovo and North Macedonia signed the accord. The Macedonian foreign minister praised Pristina.",
			mentions: []string{"State:Kosovo", "State:North Macedonia", "State:Pristina"},
		},
		{
			name:     "a body named by its head word, with a known place inside",
			text:     "Leaders met at a summit of the Shanghai Cooperation Organisation. The National Legislative Assembly named him prime minister.",
			mentions: []string{"Organisation:Shanghai Cooperation Organisation", "Government:National Legislative Assembly"},
			not:      []string{"Location:Shanghai"},
		},
		{
			name:     "a name whose last word stands alone later is a person",
			text:     "Jammeh refused to hand over power to Adama Barrow, who won the election. Barrow was sworn in.",
			mentions: []string{"Person:Adama Barrow", "Person:Barrow"},
		},
		{
			name: "a capitalised pair that never recurs is not a person",
			text: "The talks were held at Blue House, officials said.",
			not:  []string{"Person:Blue House"},
		},
		{
			name:     "a name listed with a person",
			text:     "Nikos Kotzias and Foreign Minister Nikola Dimitrov signed the deal.",
			mentions: []string{"Person:Nikos Kotzias", "Person:Foreign Minister Nikola Dimitrov"},
		},
		{
			name:     "an alias after known as",
			text:     "President Mohamed Abdullahi Mohamed, known as Farmaajo, faced pressure.",
			mentions: []string{"Person:President Mohamed Abdullahi Mohamed", "Person:Farmaajo"},
		},
		{
			name:     "a description with a title after a name",
			text:     "Nairobi backs Ahmed Madobe, the president of the southern state of Jubaland.",
			mentions: []string{"Person:Ahmed Madobe"},
		},
		{
			name:     "the opposition named, and opposition groups",
			text:     "Soldiers cleared the camps of the opposition People's Democratic Reform Committee. Supporters of the opposition coalition celebrated.",
			mentions: []string{"Opposition:People's Democratic Reform Committee", "Opposition:opposition coalition"},
			not:      []string{"Opposition:opposition"},
		},
		{
			name:     "a place after Lake or Mount",
			text:     "The deal was signed on the shores of Lake Prespa.",
			mentions: []string{"Location:Lake Prespa"},
		},
		{
			name:     "armed forces and governments by their group nouns",
			text:     "Kyrgyz border guards opened fire, riot police fired tear gas and the new government asked for help.",
			mentions: []string{"ArmedForce:Kyrgyz border guards", "ArmedForce:riot police", "Government:new government"},
		},
		{
			name:     "a state's force after its possessive, and the army as a subject",
			text:     "Russia's air force struck targets. The army said it had retaken the town. The army base was empty.",
			mentions: []string{"State:Russia", "ArmedForce:air force", "ArmedForce:army"},
		},
		{
			name:     "forces named: a paramilitary's name is an armed group's, the word left out",
			text:     "Sudan's paramilitary Rapid Support Forces clashed with the Syrian Democratic Forces.",
			mentions: []string{"ArmedGroup:Rapid Support Forces", "ArmedGroup:Syrian Democratic Forces"},
		},
		{
			name:     "an acronym of a name with a possessive, next to another name",
			text:     "The government of Ethiopia and the Tigray People's Liberation Front (TPLF) signed a truce.",
			mentions: []string{"State:Ethiopia", "ArmedGroup:Tigray People's Liberation Front", "ArmedGroup:TPLF"},
		},
		{
			name:     "a known person's name goes on after a particle; a family name written first",
			text:     "Emir Tamim bin Hamad Al Thani hosted Kim Jong Un. Kim thanked him.",
			mentions: []string{"Person:Emir Tamim bin Hamad Al Thani", "Person:Kim Jong Un"},
		},
		{
			name:     "former before a titled name; a place noun ends a place; an acronym is no city",
			text:     "Former envoys and former Kenyan President Uhuru Kenyatta met near the Second Thomas Shoal. The OAS met in Port-au-Prince.",
			mentions: []string{"Person:former Kenyan President Uhuru Kenyatta", "Location:Second Thomas Shoal", "Location:Port-au-Prince"},
			not:      []string{"Location:OAS"},
		},
		{
			name:     "regions from the hand-written list",
			text:     "Fighting resumed in Tigray and around Nagorno-Karabakh, and shells fell in the Donbas.",
			mentions: []string{"Location:Tigray", "Location:Nagorno-Karabakh", "Location:Donbas"},
		},
		{
			name:     "a town's name inside a titled name; titles of spokespeople and councillors",
			text:     "Vietnamese Foreign Minister Pham Binh Minh spoke with Chinese State Councillor Yang Jiechi. Foreign ministry spokeswoman Hua Chunying urged calm.",
			mentions: []string{"Person:Vietnamese Foreign Minister Pham Binh Minh", "Person:Chinese State Councillor Yang Jiechi", "Person:Foreign ministry spokeswoman Hua Chunying"},
		},
		{
			name:     "the government or the authorities as a subject; forces led by a state",
			text:     "Russian-led troops arrived. The government had asked for help, and the authorities said order was restored.",
			mentions: []string{"ArmedForce:Russian-led troops", "Government:government", "Government:authorities"},
		},
		{
			name: "the government before a noun is no mention",
			text: "Troops guarded the government buildings and the army base.",
			not:  []string{"Government:government", "ArmedForce:army"},
		},
		{
			name:     "the place visited is a Location; the government by itself is a mention (fifth round)",
			text:     "Modi visited Beijing. Beijing criticised Washington. Talks between the government and the rebels opened.",
			mentions: []string{"Location:Beijing", "State:Beijing", "Government:government"},
		},
		{
			name:     "an office listed as an actor is a title before a name; a description after the and a nationality",
			text:     "Ankara hosted US Vice President Kamala Harris. Iran freed the French film director Jean Dupont.",
			mentions: []string{"Person:US Vice President Kamala Harris", "Person:French film director Jean Dupont"},
			not:      []string{"Government:US Vice President"},
		},
		{
			name:     "a name that calls itself, an acronym in another language, a liberation front, a site noun",
			text:     "The junta, which calls itself the Supreme Council for Unity, met FARC rebels. Colombia's Revolutionary Armed Forces of Colombia (FARC) and the Moro Islamic Liberation Front fired at Bagram air base.",
			mentions: []string{"Government:Supreme Council for Unity", "ArmedGroup:Moro Islamic Liberation Front", "Location:Bagram air base"},
		},
		{
			name:     "councils, committees and forces typed by their words",
			text:     "The Transitional Military Council met the Arab League Council. The National Security Committee detained him. The Indian Air Force struck.",
			mentions: []string{"Government:Transitional Military Council", "Government:National Security Committee", "ArmedForce:Indian Air Force"},
		},
		{
			name: "acronyms defined in brackets (eighth round): a place after in inside the name, an acronym in another language used again, " +
				"letters out of order for an armed group, a description before the name",
			text: "The rebels of the Front for Unity and Peace in Chad (FPLT) crossed from Niger. FPLT said it would fight on. " +
				"The Moro Islamic Liberation Front (FMIL) signed. Later FMIL fighters left. The paramilitary Border Guard Forces (BGF) fired. BGF troops withdrew.",
			mentions: []string{"ArmedGroup:Front for Unity and Peace in Chad", "ArmedGroup:FPLT", "ArmedGroup:FMIL", "ArmedForce:BGF"},
			not:      []string{"Location:Chad"},
		},
		{
			name:     "a capital after officials in stands for its state (ninth round), a capital after in alone is a place",
			text:     "Officials in Nairobi and Kampala said the talks went well. Diplomats in Lima agreed. The envoy arrived in Quito.",
			mentions: []string{"State:Nairobi", "State:Kampala", "State:Lima", "Location:Quito"},
			not:      []string{"Location:Nairobi", "Location:Kampala", "Location:Lima"},
		},
		{
			name:     "an armed group's forces are the group, named alone (ninth round); a state's stay a force",
			text:     "Houthi forces seized the port while the Syrian army shelled the town.",
			mentions: []string{"ArmedGroup:Houthi", "ArmedForce:Syrian army"},
			not:      []string{"ArmedForce:Houthi forces", "ArmedGroup:Houthi forces"},
		},
		{
			name:     "an acronym whose letters are not the name's, used once, defines nothing",
			text:     "The Front for Unity and Peace in Chad (FPLT) crossed from Niger. The Alliance for Renewal (XRZ) met.",
			mentions: []string{"Location:Chad"},
			not:      []string{"ArmedGroup:Front for Unity and Peace in Chad", "ArmedGroup:FPLT", "Organisation:XRZ"},
		},
		{
			name:     "a diplomat or official without a name is no person (eighth round); with a name the description stays",
			text:     "Chile expelled a senior Peruvian diplomat. A Mapuche official said talks would go on. The Peruvian diplomat Ana Ruiz left.",
			mentions: []string{"State:Chile", "Person:Peruvian diplomat Ana Ruiz"},
			not:      []string{"Person:Peruvian diplomat", "Person:Mapuche official", "Person:official", "Person:diplomat"},
		},
		{
			name: "a council's name goes on over for or on and unknown capitalised words; a state's council is its government (eighth round)",
			text: "Peru's National Water Commission met. The Federal Committee for Border Affairs said so. " +
				"The Defence Council on Monday met. The Regional Commission of Chile met.",
			mentions: []string{"Government:National Water Commission", "Organisation:Federal Committee for Border Affairs", "Date:Monday", "State:Chile"},
			not:      []string{"Organisation:National Water Commission", "Organisation:Federal Committee", "Government:Defence Council on Monday"},
		},
		{
			name: "a state or capital named as a place: after a direction word, a verb of crossing, moving to or from, a list after a place (seventh round)",
			text: "Shells fell in southern Peru. Rebels entered Bolivia and marched on La Paz. Chile withdrew its envoys from Ecuador. " +
				"The talks were held in Lima and Quito. A plane landed at a Santiago airport.",
			mentions: []string{"Location:Peru", "Location:Bolivia", "Location:La Paz", "Location:Ecuador", "Location:Quito", "Location:Santiago"},
			not:      []string{"State:Peru", "State:Bolivia", "State:Ecuador", "State:Quito", "Location:Chile"},
		},
		{
			name:     "a plural nationality noun before an unknown name is no part of it (seventh round)",
			text:     "Peru freed Chileans Jane Roe and John Poe. Roe, a teacher, and Poe, a cook, flew home.",
			mentions: []string{"Person:Jane Roe", "Person:John Poe"},
			not:      []string{"Person:Chileans Jane Roe", "Person:Chileans"},
		},
		{
			name:     "a state that acts stays a State",
			text:     "Peru left the talks. Bolivia urged Chile to return to talks. The deal, leaving Ecuador isolated, was signed.",
			mentions: []string{"State:Peru", "State:Bolivia", "State:Chile", "State:Ecuador"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := mentionList(annotateText(t, tc.text))
			for _, m := range tc.mentions {
				if !slices.Contains(ms, m) {
					t.Errorf("mention %s not found; got %v", m, ms)
				}
			}
			for _, m := range tc.not {
				if slices.Contains(ms, m) {
					t.Errorf("unexpected mention %s; got %v", m, ms)
				}
			}
		})
	}
}

// TestModifierBeforeHyphen checks that an armed group's name before a hyphen ("the
// Zamba-led militia") is no use of it.
func TestModifierBeforeHyphen(t *testing.T) {
	ms := mentionList(annotateText(t, "Zamba fighters left. The Zamba-led militia withdrew."))
	n := 0
	for _, m := range ms {
		if m == "ArmedGroup:Zamba" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d mentions ArmedGroup:Zamba, want 1 (not the one before -led); got %v", n, ms)
	}
}

// TestGroupOfAPeople checks that a group named by a people keeps its noun ("Kurdish
// fighters"), with "forces" too, and that the people's name alone is no group.
func TestGroupOfAPeople(t *testing.T) {
	ms := mentionList(annotateText(t, "Kurdish fighters attacked a town. Tuareg forces withdrew. The Kurdish-led militia fought on."))
	for _, want := range []string{"ArmedGroup:Kurdish fighters", "ArmedGroup:Tuareg forces"} {
		if !slices.Contains(ms, want) {
			t.Errorf("mention %s not found; got %v", want, ms)
		}
	}
	for _, not := range []string{"ArmedGroup:Kurdish", "ArmedForce:Tuareg forces"} {
		if slices.Contains(ms, not) {
			t.Errorf("unexpected mention %s; got %v", not, ms)
		}
	}
}
