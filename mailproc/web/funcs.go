package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// funcs are the helpers templates use; dates are shown in c.loc.
func (c *console) funcs() template.FuncMap {
	return template.FuncMap{
		"when":        c.when,
		"day":         c.day,
		"iso":         func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"dueWords":    c.dueWords,
		"join":        func(xs []string) string { return strings.Join(xs, ", ") },
		"joinReasons": func(rs []cases.Reason) string { return cases.Join(rs, ", ") },
		"caseURL":     func(id string) string { return "/cases/" + url.PathEscape(id) },
		"isLetter":    func(s cases.ReplyState) bool { return s == cases.ReplyToPost || s == cases.ReplyPosted },
		"letterURL": func(id string, i int, ext string) string {
			return "/cases/" + url.PathEscape(id) + "/letter" + ext + "?n=" + strconv.Itoa(i+1)
		},
		"caseLink": caseURL,
		"previewLink": func(id string, template cases.Template, back string) string {
			return caseURL(id, back) + "&template=" + url.QueryEscape(string(template))
		},
		"fileURL": func(id string, i int, part string) string {
			return fmt.Sprintf("/cases/%s/messages/%d/attachments/%s", url.PathEscape(id), i+1, url.PathEscape(part))
		},
		"reasonLabel": func(code cases.Reason) string { return cases.ReasonOf(code).Label },
		"kindWords":   func(k cases.Kind) string { return cases.KindOf(k).Words },
		"reported":    cases.ReportedAs,
		"size":        size,
		"pageWords":   pageWords,
		"aCase":       func(k cases.Kind) string { return sentence(cases.ACase(k)) },
		"stateWords":  stateWords,
		"fieldRow": func(label, value, cause string) struct{ Label, Value, Cause string } {
			return struct{ Label, Value, Cause string }{label, value, cause}
		},
	}
}

// size says a number of bytes for people: "812 bytes", "1.5 KB", "2.3 MB".
func size(n int64) string {
	switch {
	case n < 1000:
		return plural(int(n), "byte")
	case n < 1000*1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// stateWords says a case's state for people.
func stateWords(s cases.State) string {
	w, ok := map[cases.State]string{
		cases.Review: "with staff (review)", cases.AwaitingStaff: "with staff", cases.AwaitingRequester: "waiting on the requester",
		cases.Answered: "answered", cases.Done: "done", cases.Dismissed: "dismissed",
	}[s]
	if !ok {
		return string(s)
	}
	return w
}

// when shows a moment to the minute, or a dash for none.
func (c *console) when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(c.loc).Format("2006-01-02 15:04 MST")
}

// day shows a moment's date, or a dash for none.
func (c *console) day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(c.loc).Format("2006-01-02")
}

// dueWords says in words where a due date stands: "overdue by 3 days",
// "due today", "due in 4 days".
func (c *console) dueWords(due time.Time, overdue bool) string {
	if due.IsZero() {
		return "no legal due date"
	}
	days := cases.CalendarDays(c.now().In(c.loc), due.In(c.loc))
	switch {
	case overdue && days >= 0:
		return "overdue"
	case overdue:
		return "overdue by " + plural(-days, "day")
	case days == 0:
		return "due today"
	case days < 0:
		return "due " + plural(-days, "day") + " ago"
	default:
		return "due in " + plural(days, "day")
	}
}

// plural writes "1 day", "3 days".
func plural(n int, unit string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", unit)
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// sentence starts words with a capital letter.
func sentence(words string) string {
	if words == "" {
		return ""
	}
	return strings.ToUpper(words[:1]) + words[1:]
}
