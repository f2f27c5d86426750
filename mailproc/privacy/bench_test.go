package privacy_test

import (
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/parse"
	"github.com/mailproc/mailproc/mailproc/privacy"
)

// BenchmarkDetect reads the set's messages: what the daemon does for every
// message whose subject names no request.
func BenchmarkDetect(b *testing.B) {
	type msg struct{ subject, text string }
	var ms []msg
	for _, r := range loadSet(b) {
		m := parse.Parse(r.raw, parse.Limits{})
		ms = append(ms, msg{m.Header.Subject, m.Text})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := ms[i%len(ms)]
		privacy.Detect(m.subject, m.text)
	}
}

// BenchmarkDetectWorst reads text made of the phrases themselves, one long
// sentence, with a subject of a megabyte.
func BenchmarkDetectWorst(b *testing.B) {
	text := strings.Repeat("please delete my personal data about me you hold from your database art 15 17 gdpr ", 40)
	subject := strings.Repeat("delete my data ", 70000)
	for i := 0; i < b.N; i++ {
		privacy.Detect(subject, text)
	}
}
