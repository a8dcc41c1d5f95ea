package graph

import "testing"

func TestResolveDate(t *testing.T) {
	const pub = "2016-04-24" // a Sunday
	tests := []struct {
		text, published, want string
	}{
		{"27 February", pub, "2016-02-27"},
		{"since 27 February", pub, "2016-02-27"},
		{"February 27th", pub, "2016-02-27"},
		{"Saturday, 27 February", "2016-02-22", "2016-02-27"},
		{"27 February 2015", pub, "2015-02-27"},
		{"15 December", "2016-01-10", "2015-12-15"}, // the closest year, not the publication's
		{"3 January", "2015-12-28", "2016-01-03"},
		{"September 2014", pub, "2014-09"},
		{"Sept. 2014", pub, "2014-09"},
		{"in September", pub, "2016-09"}, // five months ahead is closer than seven back
		{"in November", pub, "2015-11"},
		{"in May", pub, "2016-05"},
		{"2015", pub, "2015"},
		{"2016-02-27", "", "2016-02-27"},
		{"Saturday", pub, "2016-04-23"},
		{"on Sunday", pub, "2016-04-24"},
		{"last Sunday", pub, "2016-04-17"},
		{"next Monday", pub, "2016-04-25"},
		{"Monday", "2016-02-22", "2016-02-22"},
		{"yesterday", pub, "2016-04-23"},
		{"today", pub, "2016-04-24"},
		{"tomorrow", pub, "2016-04-25"},
		{"Last month", pub, "2016-03"},
		{"earlier this month", pub, "2016-04"},
		{"next month", "2016-12-05", "2017-01"},
		{"last year", pub, "2015"},
		{"next week", pub, "2016-W17"},
		{"last week", pub, "2016-W15"},
	}
	for _, tt := range tests {
		t.Run(tt.text+"@"+tt.published, func(t *testing.T) {
			got, ok := ResolveDate(tt.text, tt.published)
			if !ok || got != tt.want {
				t.Errorf("ResolveDate(%q, %q) = %q, %v; want %q", tt.text, tt.published, got, ok, tt.want)
			}
		})
	}
}

func TestResolveDateRefuses(t *testing.T) {
	for _, tt := range []struct{ text, published string }{
		{"Saturday", ""},              // relative, and nothing to resolve it against
		{"27 February", ""},           // no year
		{"a day after", "2016-04-24"}, // not a date
		{"31 February 2016", ""},      // no such day
		{"the spring", "2016-04-24"},
		{"", "2016-04-24"},
	} {
		if got, ok := ResolveDate(tt.text, tt.published); ok {
			t.Errorf("ResolveDate(%q, %q) = %q, want no date", tt.text, tt.published, got)
		}
	}
}

func TestPrecision(t *testing.T) {
	for iso, want := range map[string]string{"2016-02-27": DayPrecision, "2016-W08": WeekPrecision, "2016-02": MonthPrecision, "2016": YearPrecision, "x": ""} {
		if got := Precision(iso); got != want {
			t.Errorf("Precision(%q) = %q, want %q", iso, got, want)
		}
	}
}
