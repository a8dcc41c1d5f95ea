package graph

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date precisions, by the length of the ISO form ResolveDate returns.
const (
	DayPrecision   = "day"   // 2016-02-27
	WeekPrecision  = "week"  // 2016-W08 (ISO week)
	MonthPrecision = "month" // 2016-02
	YearPrecision  = "year"  // 2016
)

// Precision returns the precision of a date ResolveDate returned.
func Precision(iso string) string {
	switch {
	case strings.Contains(iso, "-W"):
		return WeekPrecision
	case len(iso) == 10:
		return DayPrecision
	case len(iso) == 7:
		return MonthPrecision
	case len(iso) == 4:
		return YearPrecision
	}
	return ""
}

var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// dateFiller are words around a date expression that do not change what it denotes.
var dateFiller = map[string]bool{
	"on": true, "in": true, "since": true, "from": true, "by": true, "until": true, "till": true,
	"of": true, "the": true, "at": true, "during": true, "as": true, "early": true, "earlier": true,
	"late": true, "later": true, "mid": true, "around": true, "about": true, "before": true, "after": true,
	"st": true, "nd": true, "rd": true, "th": true,
}

// ResolveDate resolves a date expression against the publication date (ISO, may be empty)
// and returns an ISO date whose length gives its precision: 2016-02-27 (day), 2016-W08
// (ISO week), 2016-02 (month) or 2016 (year). It understands absolute dates
// ("27 February 2016", "February 27", "Sept. 2014", "2016-02-27", "2014"), weekdays
// ("Saturday": the latest such day on or before publication; "next Saturday": the first
// after it), and relative expressions ("today", "yesterday", "tomorrow", "last/this/next
// week|month|year", "earlier this month"). A day and month without a year take the year
// that puts the date closest to publication. Words like "since", "on", "early" are ignored.
// It returns false when it cannot resolve the expression.
func ResolveDate(text, published string) (string, bool) {
	d, ok := resolveDate(text, published)
	if ok && Precision(d) == "" {
		// Arithmetic on a publication date at the edge of the calendar (year 0 or 9999)
		// can leave the four-digit years ISO dates have; such a date is not resolved.
		return "", false
	}
	return d, ok
}

func resolveDate(text, published string) (string, bool) {
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(text)); err == nil {
		return t.Format("2006-01-02"), true
	}
	ws := dateWords(text)
	if len(ws) == 0 {
		return "", false
	}
	p, ok := parseDateWords(ws)
	if !ok {
		return "", false
	}
	if d, ok, done := p.absolute(); done {
		return d, ok
	}
	pub, err := time.Parse("2006-01-02", published)
	if published == "" || err != nil {
		return "", false
	}
	return p.relativeTo(pub)
}

// dateWords returns the lower-case words of a date expression, ordinals without their
// suffix ("27th" → "27"), filler words ("since", "on", "early") left out.
func dateWords(text string) []string {
	var ws []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if n := strings.TrimRight(w, "stndrh"); n != w && n != "" && isDigits(n) {
			w = n
		}
		if !dateFiller[w] {
			ws = append(ws, w)
		}
	}
	return ws
}

// dateParts are the parts a date expression names; zero when it does not name them.
type dateParts struct {
	day, year int
	month     time.Month
	weekday   time.Weekday // -1 for none
	rel       string       // last, this, next
	unit      string       // day, week, month, year, weekend
}

// parseDateWords reads the words of a date expression into its parts; ok is false when a
// word is no part of a date.
func parseDateWords(ws []string) (p dateParts, ok bool) {
	p.weekday = -1
	for _, w := range ws {
		switch {
		case isDigits(w):
			n, _ := strconv.Atoi(w)
			switch {
			case len(w) == 4 && n >= 1900 && n <= 2200:
				p.year = n
			case n >= 1 && n <= 31 && p.day == 0:
				p.day = n
			default:
				return p, false
			}
		case monthNames[w] != 0:
			p.month = monthNames[w]
		case w == "today" || w == "tonight":
			p.rel, p.unit = "this", "day"
		case w == "yesterday":
			p.rel, p.unit = "last", "day"
		case w == "tomorrow":
			p.rel, p.unit = "next", "day"
		case w == "last" || w == "past" || w == "previous" || w == "this" || w == "next" || w == "coming":
			p.rel = map[string]string{"past": "last", "previous": "last", "coming": "next"}[w]
			if p.rel == "" {
				p.rel = w
			}
		case w == "week" || w == "month" || w == "year" || w == "weekend":
			p.unit = w
		default:
			wd, ok := weekdayNames[w]
			if !ok {
				return p, false
			}
			p.weekday = wd
		}
	}
	return p, true
}

// absolute returns the date when the parts name it without the publication date (a
// year with a month and perhaps a day, or a bare year); done is false when they do not.
func (p dateParts) absolute() (date string, ok, done bool) {
	switch {
	case p.year != 0 && p.month != 0 && p.day != 0:
		t := time.Date(p.year, p.month, p.day, 0, 0, 0, 0, time.UTC)
		if t.Day() != p.day {
			return "", false, true
		}
		return t.Format("2006-01-02"), true, true
	case p.year != 0 && p.month != 0:
		return fmt.Sprintf("%04d-%02d", p.year, int(p.month)), true, true
	case p.year != 0 && p.day == 0 && p.weekday < 0 && p.unit == "":
		return fmt.Sprintf("%04d", p.year), true, true
	}
	return "", false, false
}

// relativeTo resolves the parts against the publication date.
func (p dateParts) relativeTo(pub time.Time) (string, bool) {
	switch {
	case p.month != 0 && p.day != 0:
		return nearestDay(pub, p.month, p.day)
	case p.month != 0:
		return nearestMonth(pub, p.month), true
	case p.weekday >= 0:
		return weekdayNear(pub, p.weekday, p.rel).Format("2006-01-02"), true
	case p.unit != "":
		return unitNear(pub, p.unit, p.rel), true
	}
	return "", false
}

// nearestDay returns the date of the day and month in the year that puts it closest to
// pub; false when no year has that day.
func nearestDay(pub time.Time, month time.Month, day int) (string, bool) {
	best := time.Time{}
	for _, y := range []int{pub.Year() - 1, pub.Year(), pub.Year() + 1} {
		t := time.Date(y, month, day, 0, 0, 0, 0, time.UTC)
		if t.Day() != day {
			continue
		}
		if best.IsZero() || absDur(t.Sub(pub)) < absDur(best.Sub(pub)) {
			best = t
		}
	}
	if best.IsZero() {
		return "", false
	}
	return best.Format("2006-01-02"), true
}

// nearestMonth returns the month in the year that puts it closest to pub.
func nearestMonth(pub time.Time, month time.Month) string {
	best, bestDist := "", 13
	for _, y := range []int{pub.Year() - 1, pub.Year(), pub.Year() + 1} {
		d := abs((y*12 + int(month)) - (pub.Year()*12 + int(pub.Month())))
		if d < bestDist {
			best, bestDist = fmt.Sprintf("%04d-%02d", y, int(month)), d
		}
	}
	return best
}

// weekdayNear returns the latest such weekday on or before pub ("last": before it), or
// with rel "next" the first after it.
func weekdayNear(pub time.Time, weekday time.Weekday, rel string) time.Time {
	diff := int(pub.Weekday() - weekday)
	if rel == "next" {
		diff = -int((weekday - pub.Weekday() + 7) % 7)
		if diff == 0 {
			diff = -7
		}
	} else {
		diff = (diff + 7) % 7
		if rel == "last" && diff == 0 {
			diff = 7
		}
	}
	return pub.AddDate(0, 0, -diff)
}

// unitNear returns the day, ISO week, month or year rel (last, this, next) names.
func unitNear(pub time.Time, unit, rel string) string {
	off := map[string]int{"last": -1, "this": 0, "next": 1, "": 0}[rel]
	switch unit {
	case "day":
		return pub.AddDate(0, 0, off).Format("2006-01-02")
	case "week", "weekend":
		y, w := pub.AddDate(0, 0, 7*off).ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case "month":
		t := time.Date(pub.Year(), pub.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
		return t.Format("2006-01")
	}
	return fmt.Sprintf("%04d", pub.Year()+off) // year
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
