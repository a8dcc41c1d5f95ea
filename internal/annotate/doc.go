// Package annotate annotates raw news text for dipgraph: it finds the actors, places, dates
// and diplomatic events an article mentions and the relations between them, and returns
// them as brat-style annotations in an ingest.Article, ready for graph.Builder or for a
// person to review in brat.
//
// It works like the dictionary-based political event coders (PETRARCH and its kin): no
// model, no network, the same output for the same input. Three steps run per article:
//
//  1. Tokens are matched in one pass against a token trie built from the actor gazetteer
//     (graph.Gazetteer: names, aliases, nationality adjectives, capitals) and from the
//     annotator's own dictionaries (dict/*.tsv, dict/*.jsonl, embedded; users add more with
//     Annotator.LoadDictionary). At each token the longest match wins, separately for
//     names and for verb phrases, so "sanctions on" can trigger a relation while
//     "sanctions" is still a Sanctions mention.
//  2. Patterns combine matches into mentions: a title before a name ("Russian counterpart
//     Sergey Lavrov", "President Raul Castro" even for a name no dictionary knows), an
//     actor before a group head ("Syrian army", "US-led coalition"), dates, capitals as
//     places after a locative preposition, and surnames of people named in full elsewhere.
//     Names no dictionary knows come from titles, appositions ("Paul Whelan, a former
//     Marine"), acronyms defined in brackets, group nouns ("the M23 rebel group") and
//     locative prepositions and place nouns ("near Debaltseve", "the Galwan Valley");
//     "he", "she" and "the minister" stand for a person named shortly before, "It" opening
//     a sentence for an actor of the sentence before, and an object pronoun after a verb
//     ("recognised it") for the nearest mention the relation accepts. README.md lists the
//     rules.
//  3. Within each sentence, every verb phrase binds its arguments: the nearest mention on
//     the side the dictionary names whose type the relation accepts (the schema of
//     examples/annotation.conf), extended to a whole list ("A, B, C and D" gives four
//     relations). Passives take their agents after "by"; a verb after "and" shares the
//     subject of the verb before; a denial ("denied any role in") states no event after it.
//     A verb phrase may have a gap ("exchanged … prisoners"); event nouns take their agent
//     after "by" or before "'s" ("the release of X by Y", "Kyiv's release of X"); a subject
//     is looked for before a relative clause closed by a comma ("A, who …, welcomed").
//     Cues before the verb ("would", "expected to", "not") set Speculation or Negation;
//     proposal verbs set Proposed. Besides the hand-written verbs, dict/cameo-verbs.tsv
//     holds verbs derived from the CAMEO verb dictionary (internal/gencameo).
//
// The package is pure: no I/O beyond the readers handed to it, no globals but the default
// annotator built once from embedded data.
package annotate
