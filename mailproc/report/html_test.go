package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// html writes r as HTML.
func html(t *testing.T, r Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteHTML(&b); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	return b.String()
}

func TestHTMLEscapesCaseText(t *testing.T) {
	loc := pacific(t)
	evil := `<script>alert("x")</script>`
	c := cases.Case{ID: "ID" + evil, Kind: cases.California, Channel: "email" + evil, State: cases.Dismissed,
		Outcome: cases.Outcome("dismissed: " + evil), Received: at(t, loc, "2025-03-10 10:00")}
	page := html(t, Build([]cases.Case{c}, 2025, time.March, loc, at(t, loc, fixtureNow), `Evil "</style><script>x</script>`))
	if strings.Contains(strings.ToLower(page), "<script") {
		t.Errorf("WriteHTML let a <script> from case text through")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Errorf("WriteHTML does not show the case text escaped")
	}
	if strings.Count(page, "</style>") != 1 {
		t.Errorf("WriteHTML: the company name closed the style element")
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	page := html(t, marchReport(t))
	fetches := regexp.MustCompile(`(?i)<script|<link|<img|<iframe|<object|<embed|\ssrc=|@import|url\(|@font-face|href="(?:https?:)?//`)
	if m := fetches.FindAllString(page, -1); len(m) > 0 {
		t.Errorf("the page refers to outside resources: %q", m)
	}
	if n := strings.Count(page, "<style>"); n != 1 {
		t.Errorf("the page has %d style elements, want 1 inline", n)
	}
}

func TestHTMLParts(t *testing.T) {
	page := html(t, marchReport(t))
	want := []string{
		"<title>Cooper · Privacy request compliance report · March 2025</title>",
		`@page`, `size: auto`, `break-inside: avoid`,
		`id="chart-per-day"`, `id="chart-outcomes"`, `id="chart-days"`,
		`class="deadline"`, "30-day deadline",
		"Reasons for denial", "not-california", "could not verify the parent",
		`<td class="id">2025-0014</td>`, `<td class="id">2025-0002</td>`,
		`<li id="note-overdue" value="12">`, `<li id="note-notcovered" value="6">`,
	}
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	for _, m := range metrics() {
		if !strings.Contains(page, ">"+m.label+"<sup>") {
			t.Errorf("the summary lacks the row %q", m.label)
		}
	}
	if strings.Contains(page, "2025-0015") {
		t.Errorf("the page shows 2025-0015, received in April")
	}
}

func TestHTMLEmptyMonth(t *testing.T) {
	loc := pacific(t)
	page := html(t, Build(nil, 2025, time.February, loc, at(t, loc, fixtureNow), "Cooper"))
	for _, w := range []string{"No cases were received in February 2025.", "No case of this month has been answered yet.",
		"No request received this month was denied.", "No case was received this month."} {
		if !strings.Contains(page, w) {
			t.Errorf("the page of an empty month lacks %q", w)
		}
	}
}

func TestHTMLOfZeroReport(t *testing.T) {
	if page := html(t, Report{}); !strings.Contains(page, "</html>") {
		t.Errorf("WriteHTML(Report{}) wrote no whole page")
	}
}

func TestChartsHaveBars(t *testing.T) {
	r := marchReport(t)
	for _, c := range []chart{r.perDayChart(), r.outcomesChart(), r.answerChart()} {
		total := 0.0
		for _, b := range c.Rects {
			if !strings.HasPrefix(b.Class, "k-") || b.W <= 0 || b.H <= 0 {
				t.Errorf("%s: bar %+v is not a kind's bar of positive size", c.ID, b)
			}
			total += b.H * b.W
		}
		if total == 0 {
			t.Errorf("%s has no bars", c.ID)
		}
	}
}
