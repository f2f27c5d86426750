package jobs

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/report"
	"github.com/mailproc/mailproc/mailproc/store"
)

// monthCases puts n cases received over three months (February to April
// 2026), each with a text, a sent reply and its history; every third
// was acted on by staff (a report counts it as reviewed), every fifth is
// still open.
func monthCases(t testing.TB, n int) (*Scheduler, *store.Store) {
	t.Helper()
	st := openStore(t)
	start := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	err := st.Update(func(tx *store.Tx) error {
		for i := range n {
			at := start.Add(time.Duration(i) * 89 * 24 * time.Hour / time.Duration(n))
			id := fmt.Sprintf("C-2026-%04d", i+1)
			mid := fmt.Sprintf("req-%d@example.org", i)
			c := &cases.Case{ID: id, Kind: cases.California, State: cases.Done, Channel: cases.ChannelEmail, Email: "jane@example.org",
				Received: at, Year: 2026, Due: at.AddDate(0, 0, 45), Outcome: "disclosed", Answered: at.Add(time.Minute),
				Messages: []cases.Message{{Key: "mid:" + mid, MessageID: mid, Received: at, From: "Jane <jane@example.org>",
					Subject: "California privacy request", Text: strings.Repeat("Please disclose what you hold about me. ", 50), Action: "reply"}},
				Replies: []cases.Reply{{Template: "california-disclosure", MessageID: id + ".r@cooper.example", To: "jane@example.org",
					State: cases.ReplySent, Actor: cases.ActorDaemon, PlannedAt: at, SentAt: at.Add(time.Minute), Answer: true}}}
			c.Log(at, cases.ActorDaemon, "received", "<"+mid+">")
			c.Log(at.Add(time.Minute), cases.ActorDaemon, "reply sent", "california-disclosure")
			if i%3 == 0 {
				c.Log(at.Add(time.Hour), "alice", "note", "checked")
			}
			if i%5 == 0 {
				c.State, c.Outcome, c.Answered = cases.Review, "", time.Time{}
			}
			if err := tx.PutCase(c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	now := time.Date(2026, 5, 2, 9, 0, 0, 0, time.UTC)
	d, err := New(Options{Config: &cfg, Store: st, Cases: noCases{}, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return d, st
}

// TestMonthReportAsFromWholeCases: the month's report, built from the
// cases' heads and the history of the month's cases only, is the report
// built from every case read whole.
func TestMonthReportAsFromWholeCases(t *testing.T) {
	d, st := monthCases(t, 90)
	var all []cases.Case
	err := st.View(func(tx *store.Tx) error {
		return tx.ForEachCase(func(c *cases.Case) error {
			for i := range c.Messages {
				c.Messages[i].Text, c.Messages[i].From, c.Messages[i].Subject = "", "", ""
			}
			all = append(all, *c)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.MonthReport(2026, time.March)
	if err != nil {
		t.Fatal(err)
	}
	want := report.Build(all, 2026, time.March, d.cfg.Location(), d.now(), d.cfg.Company.Name)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MonthReport:\n%+v\nfrom whole cases:\n%+v", got, want)
	}
	reviewed := 0
	for _, l := range got.Cases {
		if l.Reviewed {
			reviewed++
		}
	}
	if reviewed == 0 || reviewed == len(got.Cases) {
		t.Errorf("report of %d cases, %d reviewed: the fixture should have both", len(got.Cases), reviewed)
	}
}

// BenchmarkMonthReport builds a month's report from a store of 3,000
// cases over three months.
func BenchmarkMonthReport(b *testing.B) {
	d, _ := monthCases(b, 3000)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := d.MonthReport(2026, time.March); err != nil {
			b.Fatal(err)
		}
	}
}

// marchReport is the report of March 2026 over monthCases(t, n).
func marchReport(t *testing.T, n int) report.Report {
	t.Helper()
	d, _ := monthCases(t, n)
	r, err := d.MonthReport(2026, time.March)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestWriteReportFiles: the three files are written whole, readable by
// the group only, with no temporary file left (that a failed write leaves
// the earlier file is atomicfile's, TestWrite).
func TestWriteReportFiles(t *testing.T) {
	r := marchReport(t, 60)
	dir := t.TempDir()
	paths, err := WriteReport(r, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Fatalf("WriteReport wrote %v, want three files", paths)
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || fi.Size() == 0 || fi.Mode().Perm() != 0o640 {
			t.Errorf("%s: %v, %v; want a non-empty file, mode 0640", p, fi, err)
		}
	}
	var html, csv bytes.Buffer
	r.WriteHTML(&html)
	r.WriteCSV(&csv)
	for p, want := range map[string][]byte{paths[0]: html.Bytes(), paths[1]: csv.Bytes()} {
		if got, _ := os.ReadFile(p); !bytes.Equal(got, want) {
			t.Errorf("%s holds %d bytes, want the %d rendered", p, len(got), len(want))
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("the folder holds %d entries, want the 3 reports and no temporary file", len(entries))
	}
}

// TestWriteReportFormats: the formats named are written, in their order;
// an unknown one is refused before any file is written.
func TestWriteReportFormats(t *testing.T) {
	r := marchReport(t, 10)
	dir := t.TempDir()
	paths, err := WriteReport(r, dir, "json", "csv")
	if err != nil || len(paths) != 2 || filepath.Ext(paths[0]) != ".json" || filepath.Ext(paths[1]) != ".csv" {
		t.Fatalf("WriteReport(json, csv) = %v, %v; want the two files, in that order", paths, err)
	}
	other := t.TempDir()
	if _, err := WriteReport(r, other, "csv", "pdf"); err == nil || !strings.Contains(err.Error(), `"pdf"`) {
		t.Errorf("WriteReport(csv, pdf) = %v, want an error naming pdf", err)
	}
	if entries, _ := os.ReadDir(other); len(entries) != 0 {
		t.Errorf("after a refused format the folder holds %d files, want none", len(entries))
	}
}
