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
	var pub time.Time
	havePub := false
	if published != "" {
		if t, err := time.Parse("2006-01-02", published); err == nil {
			pub, havePub = t, true
		}
	}
	if t, err := time.Parse("2006-01-02", strings.TrimSpace(text)); err == nil {
		return t.Format("2006-01-02"), true
	}
	var ws []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		// "27th" → "27"
		if n := strings.TrimRight(w, "stndrh"); n != w && n != "" && isDigits(n) {
			w = n
		}
		if !dateFiller[w] {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 {
		return "", false
	}
	var (
		day, year int
		month     time.Month
		weekday   = time.Weekday(-1)
		rel       string // last, this, next
		unit      string // day, week, month, year
	)
	for _, w := range ws {
		switch {
		case isDigits(w):
			n, _ := strconv.Atoi(w)
			switch {
			case len(w) == 4 && n >= 1900 && n <= 2200:
				year = n
			case n >= 1 && n <= 31 && day == 0:
				day = n
			default:
				return "", false
			}
		case monthNames[w] != 0:
			month = monthNames[w]
		case w == "today" || w == "tonight":
			rel, unit = "this", "day"
		case w == "yesterday":
			rel, unit = "last", "day"
		case w == "tomorrow":
			rel, unit = "next", "day"
		case w == "last" || w == "past" || w == "previous" || w == "this" || w == "next" || w == "coming":
			rel = map[string]string{"past": "last", "previous": "last", "coming": "next"}[w]
			if rel == "" {
				rel = w
			}
		case w == "week" || w == "month" || w == "year" || w == "weekend":
			unit = w
		default:
			if wd, ok := weekdayNames[w]; ok {
				weekday = wd
				continue
			}
			return "", false
		}
	}
	switch {
	case year != 0 && month != 0 && day != 0:
		t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
		if t.Day() != day {
			return "", false
		}
		return t.Format("2006-01-02"), true
	case year != 0 && month != 0:
		return fmt.Sprintf("%04d-%02d", year, int(month)), true
	case year != 0 && day == 0 && weekday < 0 && unit == "":
		return fmt.Sprintf("%04d", year), true
	}
	if !havePub {
		return "", false
	}
	switch {
	case month != 0 && day != 0:
		// The year that puts the date closest to publication.
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
	case month != 0:
		best, bestDist := "", 13
		for _, y := range []int{pub.Year() - 1, pub.Year(), pub.Year() + 1} {
			d := abs((y*12 + int(month)) - (pub.Year()*12 + int(pub.Month())))
			if d < bestDist {
				best, bestDist = fmt.Sprintf("%04d-%02d", y, int(month)), d
			}
		}
		return best, true
	case weekday >= 0:
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
		return pub.AddDate(0, 0, -diff).Format("2006-01-02"), true
	case unit != "":
		off := map[string]int{"last": -1, "this": 0, "next": 1, "": 0}[rel]
		switch unit {
		case "day":
			return pub.AddDate(0, 0, off).Format("2006-01-02"), true
		case "week", "weekend":
			y, w := pub.AddDate(0, 0, 7*off).ISOWeek()
			return fmt.Sprintf("%04d-W%02d", y, w), true
		case "month":
			t := time.Date(pub.Year(), pub.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
			return t.Format("2006-01"), true
		case "year":
			return fmt.Sprintf("%04d", pub.Year()+off), true
		}
	}
	return "", false
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
