// Package graph is dipgraph's model of diplomatic news: it resolves the mentions of an
// annotated article (ingest.Article) to one entity per real-world actor, turns relations
// and events into typed relationships with evidence, and merges articles into one graph.
//
// It is pure: no I/O beyond the readers it is given (the gazetteer), no globals that
// change. Builder.Build makes one article's contribution (ArticleGraph), which a store
// writes or retracts as a unit; Merge combines contributions as the store does, and where
// articles disagree (a display name, a property) the article with the smallest id wins,
// so its result does not depend on the order of the articles. SCHEMA.md holds this documentation as Markdown for the README.
//
// # Nodes
//
//   - :Article — one ingested article: id, title, source, url, published (ISO date), path,
//     fingerprint. Linked to what it mentions by (:Article)-[:MENTIONS {count, forms}]->(:Entity).
//   - :Entity — every actor and every event, keyed by key, with name (canonical display
//     name), qid (Wikidata id, when known), aliases (every surface form seen, titles
//     stripped), mentions (count over articles), alt_names (names the gazetteer knows).
//   - Actors add one label from the annotation type: State, Person, Organisation,
//     ArmedGroup, ArmedForce, Government, Opposition, Coalition, Location, … (Country and GPE
//     become State, Organization Organisation, Militia ArmedGroup; see Label).
//   - Events add :Event and their type: Ceasefire, Talks, Meeting, Attack, Proposal, …
//     (see IsEventLabel), and carry date when one is known.
//
// Dates are not nodes; they become date properties.
//
// # Keys
//
// The first rule that applies gives a node its key:
//
//  1. wikidata:Q… from a Wikidata normalisation (brat N line) or the gazetteer's QID:
//     "IS", "ISIL", "Daesh" are wikidata:Q2429253.
//  2. <db>:<id> from another normalisation (dipgraph:syria-ceasefire-2016), the way to
//     tie an event across articles by hand.
//  3. A gazetteer actor without QID: lower-case type and folded canonical name
//     ("Sergei Lavrov", "Lavrov" → person:sergey lavrov).
//  4. Within one article, a short form refers to a fuller name: a person's surname or
//     final words ("Kerry", "Mr de Mistura") back to an earlier name, or forward when
//     nothing else identifies a bare surname; an acronym ("ISSG") back to an organisation;
//     brat Equiv lines join mentions too.
//  5. Otherwise lower-case type and folded name (opposition:syrian opposition).
//  6. A description rather than a name — starting with "a", "an", "another", "other",
//     "some" or a number, or without any capital letter — is the article's own:
//     person:<article>:a syrian pilot.
//
// Folding (NormName) ignores case, accents (ü, ş, ß → ss), apostrophes and full stops
// ("U.S." = "US", "Da’esh" = "Daesh"), other punctuation and dashes, and a leading "the".
//
// Person mentions are taken apart first: "US Secretary of State John Kerry" is the person
// John Kerry, who HOLDS_ROLE Secretary of State of the United States; a title alone ("the US
// secretary of state") is whoever the gazetteer says held the office on the publication
// date (open-ended offices only up to Gazetteer.AsOf), else a person of that article only; "former", "ex-" and "late" titles state no office, and possessives ("Russia’s")
// are no part of a name. Nationality adjectives and capitals stand for their state where
// annotated as one ("Russian", "Moscow", "the Kremlin" typed State are Russia), never
// where typed Location.
//
// Events: a normalisation on the trigger or the E line gives the key (rules 1–2). Else,
// when the event has a Time argument that resolves to a date and an argument other than
// time and place, the key is <type>:<date>:<hash>, hash being the first 12 hex digits of
// the SHA-256 of the sorted lines ROLE_TYPE=key of its arguments: the same talks, on the
// same day, with the same participants in any order are one node across articles. Else
// the event is the article's own: <type>:<article>:<folded trigger> (and :<trigger id> when
// two E lines of the article share their trigger words).
//
// # Relationships
//
// Every relationship has a status (asserted, negated, proposed, speculated; from brat
// attributes Negation, Speculation, Proposed, or a valued Status or Assertion) that is
// part of its identity, and evidence: one entry per mention with article, publication
// date, sentence index, argument spans in code points ("0-10;42-55"), sentence text, the
// resolved date and, for derived edges, the event it came from. Stores add articles,
// article_count, mention_count, first_seen, last_seen, and the coding of the type from
// Codings (cameo, goldstein, plover, quad_class, family).
//
//   - Annotated relations (brat R): SpokeWith → SPOKE_WITH, Fights → FIGHTS,
//     ExcludedFrom → EXCLUDED_FROM, … from Arg1 to Arg2.
//   - Role edges (brat E), from each argument to the :Event (Rel.Role keeps the role as
//     annotated, "Backer2"; stores leave it out, since two articles may word it
//     differently): BACKED (Backer, Sponsor, Guarantor), EXCLUDED_FROM (Excluded),
//     PARTICIPATED_IN (Participant, Party), AGENT_OF, TARGET_OF, LOCATION_OF, PROPOSED,
//     MEDIATED, HOSTED, and <ROLE>_OF for any other role (see RoleType).
//   - Derived edges: ATTACKS from each agent to each target of an Attack or Strike;
//     NEGOTIATED between the participants of Talks, MET_WITH of a Meeting, Summit,
//     Conference or Visit, SPOKE_WITH of a Call — pairwise, from the smaller key to the
//     larger, since they have no direction of their own. They carry the event's status and
//     date. A ceasefire needs nothing derived: its role edges are BACKED and EXCLUDED_FROM.
//   - HOLDS_ROLE {title, since, until} from a person to the state or organisation of an
//     office named in a mention; since and until come from the gazetteer when it knows the
//     office, the evidence is dated by publication; the title is part of the edge's
//     identity (Rel.ID), so two offices of one state are two edges.
//
// # Dates
//
// Date mentions (types Date, Time, Timex) are resolved against the publication date by
// ResolveDate: "27 February" (the closest such day), "Saturday" (the latest on or before
// publication), "yesterday", "last month", "earlier this month", "next week" (ISO week),
// "September 2014", "2015". An event's date is that of its Time argument, else the nearest
// date in its trigger's sentence. An evidence entry's date is its event's, else the nearest
// date in its sentence, else that of a dated event it links to. The rel's date is the
// earliest evidence date. Nothing is dated where no date is written.
//
// # Gazetteer
//
// The built-in gazetteer has two parts, both embedded and both one JSON object a line
// (see Actor and gazetteer.jsonl's header): the hand-curated entries of gazetteer.jsonl
// (states with adjectives and capitals, organisations, armed groups, people with dated
// offices and Wikidata ids), and some 25,900 actors derived from the PETRARCH2/Phoenix
// actor dictionaries (phoenix-actors.jsonl.gz, MIT licence in phoenix-actors.LICENSE;
// internal/phoenix converts them) with CAMEO codes, countries and some 26,500 dated roles.
// A hand-curated entry replaces the dictionary entry with its id and wins ties between
// names. Gazetteer.Load adds a user's file of the same format; an entry with an existing
// id replaces it.
//
// Names are looked up as of the article's date (LookupOn): when actors share a name, the
// one of the mention's type wins, then one that held a role on that date ("George Bush"
// is the father in 1991 and the son in 2003), then a hand-curated one. A bare title names
// whoever held the office that day (Holder), up to the as-of date of the file the holder
// came from. Explain gives the reasons; `dipgraph gazetteer lookup` prints them.
package graph
