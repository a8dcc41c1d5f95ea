// Package phoenix converts the PETRARCH2/Phoenix actor dictionaries (the open event-data
// coders' lists of states, people, organisations and armed groups with their CAMEO codes)
// into dipgraph's gazetteer format, for graph.BuiltinGazetteer to embed. `dipgraph
// gazetteer build` runs it; `go generate ./graph` rebuilds the shipped file from
// ../shared/data/petrarch2 and then its compiled form (graph/phoenix-actors.bin.gz, what
// the gazetteer loads), and tests check that the committed files are what a fresh
// conversion gives.
//
// What it makes of an entry (Parse reads the file format of the dictionaries' own
// documentation: a primary phrase, "+" synonyms, "[CODE dates]" restrictions):
//
//   - Type. A country's own entry ("AFGHANISTAN_ [AFG]") is a State; an entry with a
//     CountryInfo note, a dated role with a sector, an elite's code or a titled synonym
//     ("LADY_ASHTON") is a Person unless its name has an organisation word; a country's
//     territory (GBRFLK) is a Location; the non-state armed groups' file gives ArmedGroups;
//     otherwise the code's sectors decide (REB, INS, SEP, IMG → ArmedGroup; MIL →
//     ArmedForce; OPP → Opposition; CCCGOV → Government; else Organisation). Entries that
//     describe an office or a group ("US_SECRETARY_OF_DEFENSE", "UN_ENVOY") are no actors
//     and are dropped.
//   - Names. Upper-case phrases become proper case with care for particles (al-Assad, de
//     Mistura), acronyms (U.S., ANSF, UNHCR), Mc and O' names, regnal numbers and Korean
//     given names (Kim Dae-jung); titles come off people's names (PRESIDENT_BUSH → Bush).
//   - Aliases, guarded: dropped when they are ordinary English words (the words of the verb
//     and agent dictionaries), on the discard list, shorter than four letters (acronyms
//     aside), a person's bare surname without a title, an organisation word on a person,
//     an office title on a body, a name that shares no telling word or initials with a
//     body's name (the dictionaries file other bodies under one code), or a name of a
//     hand-curated actor. A state's aliases split into aliases, nationality adjectives
//     and metonyms (cities and regions) by how they relate to its name.
//   - Codes. The undated code is the actor's CAMEO code; its first three letters, when they
//     name a country, its country. Each dated code becomes a role {title, of, since, until,
//     code}: the title from the code's sectors (USAGOVMIL → "Government (military)"), or an
//     office title where the dictionary heads a list of holders ("# U.S. Secretaries of
//     State") and the role is the entry's one government role, or the one its note names.
//     Two-digit years up to 20 are 20YY. The as-of date is the CountryInfo file's
//     (2014-01-30): open-ended roles are not taken to hold after it.
//   - Identity. One actor listed twice (same type, name and country) is merged; people of
//     one name in different countries are told apart by a qualifier in their key. An entry
//     that names a hand-curated actor of graph/gazetteer.jsonl takes its id, so that the
//     hand-curated entry replaces it when both load.
//
// The output is sorted by id and written with the dictionaries' MIT notice in its header,
// gzip'd without a name or time, so that the same dictionaries give the same bytes.
package phoenix
