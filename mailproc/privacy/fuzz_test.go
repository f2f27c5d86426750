package privacy_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/privacy"
)

// FuzzDetect: any subject and text are read without panic; a finding is
// consistent (a law and sorted, known rights only for a request), the
// same twice, blind to what lies after MaxTextChars, and its evidence
// never repeats the sender's words.
func FuzzDetect(f *testing.F) {
	for _, r := range loadSet(f) {
		m := parse.Parse(r.raw, parse.Limits{})
		f.Add(m.Header.Subject, m.Text)
	}
	f.Add("", "")
	f.Add("Art. 7(3)", "art art art 15 15 17 7 3 \u0301\u0301 ß ﬁ")
	f.Fuzz(func(t *testing.T, subject, text string) {
		got := privacy.Detect(subject, text)
		if !slices.IsSorted(got.Rights) || got.Rights == nil {
			t.Fatalf("Detect rights %#v: want sorted, never nil", got.Rights)
		}
		for _, r := range got.Rights {
			if !slices.Contains(privacy.Rights, r) {
				t.Fatalf("Detect right %q is not a right", r)
			}
		}
		switch {
		case got.Request && got.Law != privacy.GDPR && got.Law != privacy.USState && got.Law != privacy.Unknown:
			t.Fatalf("Detect law %q for a request", got.Law)
		case !got.Request && (got.Law != "" || len(got.Rights) > 0 || got.Evidence != ""):
			t.Fatalf("Detect = %+v: law, rights or evidence without a request", got)
		}
		if again := privacy.Detect(subject, text); !slices.Equal(again.Rights, got.Rights) || again.Request != got.Request || again.Evidence != got.Evidence {
			t.Fatalf("Detect differs the second time: %+v, then %+v", got, again)
		}
		if utf8.RuneCountInString(text) > privacy.MaxTextChars {
			if longer := privacy.Detect(subject, text+" please delete all my personal data"); longer.Request != got.Request {
				t.Fatalf("Detect read past %d characters", privacy.MaxTextChars)
			}
		}
		if tag := "zqxjv"; strings.Contains(privacy.Detect(subject+" "+tag, text+" "+tag).Evidence, tag) {
			t.Fatalf("the evidence repeats the sender's words")
		}
	})
}
