package bench

import (
	"bytes"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
)

var testBase = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func TestMix(t *testing.T) {
	tests := []struct {
		n    int
		want [numCategories]int
	}{
		{10000, [numCategories]int{5000, 2500, 1200, 300, 700, 150, 150}},
		{2000, [numCategories]int{1000, 500, 240, 60, 140, 30, 30}},
		{7, [numCategories]int{4, 1, 1, 0, 0, 0, 1}},
	}
	for _, tt := range tests {
		got, sum := Mix(tt.n), 0
		for _, k := range got {
			sum += k
		}
		if got != tt.want || sum != tt.n {
			t.Errorf("Mix(%d) = %v (sum %d), want %v", tt.n, got, sum, tt.want)
		}
	}
}

func TestGeneratorIsDeterministic(t *testing.T) {
	a, b := NewGenerator(7, 50, testBase), NewGenerator(7, 50, testBase)
	other := NewGenerator(8, 50, testBase)
	differs := false
	for i := range 50 {
		ma, mb := a.Message(i), b.Message(i)
		if !bytes.Equal(ma.Raw, mb.Raw) || ma.Category != mb.Category {
			t.Fatalf("message %d differs between two generators of seed 7", i)
		}
		differs = differs || !bytes.Equal(ma.Raw, other.Message(i).Raw)
	}
	if !differs {
		t.Error("seeds 7 and 8 made the same messages, want different ones")
	}
}

// TestCategoriesDecideAsLabelled checks that mailproc's own decision
// agrees with every category the generator claims.
func TestCategoriesDecideAsLabelled(t *testing.T) {
	want := map[Category]struct {
		kind     cases.Kind
		action   decide.Action
		template cases.Template
	}{
		Unrelated:            {cases.Other, decide.Ignore, ""},
		UnrelatedAttachment:  {cases.Other, decide.Ignore, ""},
		California:           {cases.California, decide.Reply, decide.CaliforniaDisclosure},
		CaliforniaIncomplete: {cases.California, decide.Reply, decide.CaliforniaIncomplete},
		Coppa:                {cases.Coppa, decide.Reply, decide.CoppaReceived},
		AutomatedRequest:     {cases.Automated, decide.Review, ""},
		AutomatedOther:       {cases.Automated, decide.Ignore, ""},
	}
	g := NewGenerator(1, 400, testBase)
	for i := range g.Len() {
		m := g.Message(i)
		d := decide.Decide(decide.Input{Msg: parse.Parse(m.Raw, parse.Limits{}), Size: int64(len(m.Raw))})
		w := want[m.Category]
		if d.Kind != w.kind || d.Action != w.action || d.Template != w.template {
			t.Errorf("Decide(message %d, %s) = %s %s %q %v, want %s %s %q", i, m.Category,
				d.Kind, d.Action, d.Template, d.Reasons, w.kind, w.action, w.template)
		}
	}
}

func TestAttachmentSizes(t *testing.T) {
	g := NewGenerator(3, 300, testBase)
	seen := 0
	for i := range g.Len() {
		if g.Category(i) != UnrelatedAttachment {
			continue
		}
		seen++
		// base64 of 100–500 KB in 76-character lines, plus the text and headers.
		const least, most = 100 * 1024 * 4 / 3, 500*1024*4/3*78/76 + 16*1024
		if n := len(g.Message(i).Raw); n < least || n > most {
			t.Errorf("len(message %d) = %d, want the base64 of 100–500 KB", i, n)
		}
	}
	if seen == 0 {
		t.Fatal("no message with an attachment among 300")
	}
}

func TestLatencyRequestIsAnsweredWithDisclosure(t *testing.T) {
	for i := range 5 {
		m := LatencyRequest(1, i, testBase)
		d := decide.Decide(decide.Input{Msg: parse.Parse(m.Raw, parse.Limits{}), Size: int64(len(m.Raw))})
		if d.Action != decide.Reply || d.Template != decide.CaliforniaDisclosure {
			t.Errorf("Decide(LatencyRequest(%d)) = %s %q %v, want reply %s", i, d.Action, d.Template, d.Missing, decide.CaliforniaDisclosure)
		}
	}
	if a, b := LatencyRequest(1, 0, testBase), LatencyRequest(1, 1, testBase); a.MessageID == b.MessageID {
		t.Errorf("LatencyRequest 0 and 1 share Message-ID %s", a.MessageID)
	}
}
