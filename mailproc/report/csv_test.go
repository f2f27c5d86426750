package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// csvSections writes r as CSV and splits it at the empty line into its two
// sections, each read as CSV.
func csvSections(t *testing.T, r Report) (caseRows, summaryRows [][]string) {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	parts := strings.Split(b.String(), "\r\n\r\n")
	if len(parts) != 2 {
		t.Fatalf("CSV has %d sections separated by an empty line, want 2", len(parts))
	}
	read := func(s string) [][]string {
		rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
		if err != nil {
			t.Fatalf("read CSV section: %v", err)
		}
		return rows
	}
	return read(parts[0]), read(parts[1])
}

// TestCSVSummaryFromCaseRows recomputes every count of the summary section
// from the marks of the case section, as an auditor would.
func TestCSVSummaryFromCaseRows(t *testing.T) {
	caseRows, summaryRows := csvSections(t, marchReport(t))
	header := caseRows[0]
	col := func(name string) int {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("case section has no column %q: %v", name, header)
		}
		return i
	}
	recount := func(group, channel string, counts func(row []string) bool) int {
		n := 0
		for _, row := range caseRows[1:] {
			if groupOf(row[col("kind")]) == group && (channel == ChannelAll || row[col("channel")] == channel) && counts(row) {
				n++
			}
		}
		return n
	}
	marked := func(name string) func([]string) bool {
		return func(row []string) bool { return row[col(name)] == "1" }
	}
	byMetric := map[string]func([]string) bool{
		"received":                 func([]string) bool { return true },
		"answered":                 func(row []string) bool { return row[col("answered")] != "" },
		"complied":                 marked("complied"),
		"denied":                   marked("denied"),
		"incomplete":               marked("incomplete"),
		"repeats":                  marked("repeat"),
		"reviewed":                 marked("reviewed"),
		"dismissed":                marked("dismissed"),
		"done":                     marked("done"),
		"open":                     marked("open"),
		"overdue":                  marked("overdue"),
		"answered_within_deadline": marked("within_deadline"),
	}
	checked := 0
	for _, row := range summaryRows[1:] {
		section, group, channel, metric, value := row[0], row[1], row[2], row[3], row[4]
		counts, ok := byMetric[metric]
		if section != "summary" || !ok {
			continue
		}
		if want := strconv.Itoa(recount(group, channel, counts)); value != want {
			t.Errorf("summary %s/%s/%s = %s, recounted from the case rows %s", group, channel, metric, value, want)
		}
		checked++
	}
	if want := len(byMetric) * 4 * 3; checked != want {
		t.Errorf("checked %d summary counts, want %d", checked, want)
	}
}

func TestCSVShape(t *testing.T) {
	r := marchReport(t)
	caseRows, summaryRows := csvSections(t, r)
	if got := strings.Join(caseRows[0], ","); got != strings.Join(caseColumns(), ",") {
		t.Errorf("case header = %s", got)
	}
	if len(caseRows) != len(r.Cases)+1 {
		t.Errorf("case rows = %d, want %d and a header", len(caseRows)-1, len(r.Cases))
	}
	if got := strings.Join(summaryRows[0], ","); got != "section,kind,channel,metric,value" {
		t.Errorf("summary header = %s", got)
	}
	want := [][]string{
		{"report", "", "", "month", "2025-03"},
		{"summary", "california", "all", "share_within_deadline", "0.875"},
		{"not_covered_reason", "california", "all", "not a California resident", "1"},
		{"denial_reason", "california", "all", "identity not verified", "1"},
		{"summary", "coppa", "email", "days_median", ""},
		{"denial_reason", "california", "all", "not-california", "1"},
	}
	for _, w := range want {
		if !slices.ContainsFunc(summaryRows, func(row []string) bool { return slices.Equal(row, w) }) {
			t.Errorf("summary section lacks the row %q", strings.Join(w, ","))
		}
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	loc := pacific(t)
	c := cases.Case{ID: "F", Kind: cases.California, State: cases.Dismissed, Outcome: "dismissed: =HYPERLINK(\"http://x\")",
		Received: at(t, loc, "2025-03-10 10:00")}
	r := Build([]cases.Case{c}, 2025, time.March, loc, at(t, loc, fixtureNow), "+Cooper")
	caseRows, summaryRows := csvSections(t, r)
	if got := caseRows[1][slices.Index(caseColumns(), "denial_reason")]; got != "'=HYPERLINK(\"http://x\")" {
		t.Errorf("denial_reason cell = %q, want it prefixed with '", got)
	}
	if got := summaryRows[1][4]; got != "'+Cooper" {
		t.Errorf("company cell = %q, want '+Cooper", got)
	}
}

// TestCSVPrivacyFromCaseRows recomputes the privacy section's counts per
// law and right from the case rows' law, rights and marks.
func TestCSVPrivacyFromCaseRows(t *testing.T) {
	caseRows, summaryRows := csvSections(t, marchReport(t))
	header := caseRows[0]
	col := func(name string) int { return slices.Index(header, name) }
	counts := map[string]func([]string) bool{
		"received":                 func([]string) bool { return true },
		"answered":                 func(row []string) bool { return row[col("answered")] != "" },
		"answered_within_deadline": func(row []string) bool { return row[col("within_deadline")] == "1" },
		"overdue":                  func(row []string) bool { return row[col("overdue")] == "1" },
	}
	recount := func(law, right string, ok func([]string) bool) int {
		n := 0
		for _, row := range caseRows[1:] {
			rights := strings.Fields(row[col("rights")])
			in := right == RightAll || right == RightUnclear && len(rights) == 0 || slices.Contains(rights, right)
			if row[col("kind")] == "privacy" && row[col("law")] == law && in && ok(row) {
				n++
			}
		}
		return n
	}
	checked := 0
	for _, row := range summaryRows[1:] {
		if row[0] != "privacy" || counts[row[3]] == nil {
			continue
		}
		if want := strconv.Itoa(recount(row[1], row[2], counts[row[3]])); row[4] != want {
			t.Errorf("privacy %s/%s/%s = %s, recounted from the case rows %s", row[1], row[2], row[3], row[4], want)
		}
		checked++
	}
	if want := len(counts) * 3 * len(rightOrder()); checked != want {
		t.Errorf("checked %d privacy counts, want %d", checked, want)
	}
}
