package cases

import "time"

// Answer periods, in days counted from the day after receipt.
const (
	// CaliforniaDays is the answer period of Cal. Civ. Code § 1798.83(b).
	CaliforniaDays = 30
	// CoppaDays is the target for a coppa request when [coppa]
	// target_days sets none (SPEC §7).
	CoppaDays = 30
	// OtherDays is the due date staff have for mail that may be a request
	// (kind other: a near miss, an ambiguous subject), as long as
	// california's.
	OtherDays = CaliforniaDays
)

// Due returns the last moment of the day by which a request received at
// received must be answered, counting days from the day after receipt in
// the company's time zone: received on 3 March, 30 days, due 2 April 23:59:59.
func Due(received time.Time, days int, loc *time.Location) time.Time {
	r := received.In(loc)
	last := time.Date(r.Year(), r.Month(), r.Day()+days, 0, 0, 0, 0, loc)
	return last.AddDate(0, 0, 1).Add(-time.Second)
}

// Year returns the company's calendar year of a moment.
func Year(t time.Time, loc *time.Location) int {
	return t.In(loc).Year()
}

// CalendarDays counts the days from the date of from to the date of to,
// each read in its own zone as on a wall calendar (so a change of
// daylight saving time between them does not shift it); negative when
// to's date comes first.
func CalendarDays(from, to time.Time) int {
	a := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}
