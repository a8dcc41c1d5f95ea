// Package report writes an actor's brief: one self-contained HTML page (inline CSS and
// SVG, nothing fetched when it is opened) with the actor's bloc and scores from the
// latest analysis, its partners and adversaries ranked by articles, a chart of its
// monthly Goldstein balance with its main counterparts (drawn by gonum/plot), the roles it
// holds or that are held at it, and the sentences that state its relationships, each
// linked to its article.
//
// All it reads about relationships and evidence goes through the saved queries (Source),
// so a change in how evidence is stored reaches the brief through them.
package report
