package reply

import (
	"strings"
	"testing"
)

// TestSentences: every fixed sentence is long, and stands as it is in a
// reply rendered from the templates (white space folded), so that a
// returned reply is recognised by it.
func TestSentences(t *testing.T) {
	set, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	sentences := set.Sentences()
	if len(sentences) < len(Names) {
		t.Fatalf("Sentences() = %d sentences, want at least one per template", len(sentences))
	}
	var rendered []string
	byPost := fullSample()
	byPost.ByPost = true
	for _, d := range []Data{fullSample(), sparseSample(), byPost} {
		for _, name := range Names {
			r, err := set.Render(name, d)
			if err != nil {
				t.Fatal(err)
			}
			rendered = append(rendered, strings.Join(strings.Fields(r.Text), " "))
		}
	}
	all := strings.Join(rendered, "\n")
	for _, s := range sentences {
		if n := len(strings.Fields(s)); n < minSentenceWords {
			t.Errorf("sentence %q has %d words, want at least %d", s, n, minSentenceWords)
		}
		if !strings.Contains(all, s) {
			t.Errorf("sentence %q is in no rendered reply", s)
		}
	}
}

func TestIsReplyID(t *testing.T) {
	tests := map[string]bool{
		"C-2026-0001.california-incomplete.k3x9@cooper.example": true,
		"<C-2026-0001.coppa-received.2.k3x9@cooper.example>":    true,
		"C-2026-0001.california-disclosure@cooper.example":      true,
		"california-incomplete.C-1@cooper.example":              false, // the template must follow the case
		"CAB1234.california@mail.example.com":                   false,
		"20250306100000.12345@mx.example.net":                   false,
		"C-2026-0001.california-incomplete":                     false, // no domain
		"report-2026-02.k3x9@cooper.example":                    false,
	}
	for id, want := range tests {
		if got := IsReplyID(id); got != want {
			t.Errorf("IsReplyID(%q) = %v, want %v", id, got, want)
		}
	}
}
