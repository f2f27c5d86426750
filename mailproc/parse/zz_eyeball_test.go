package parse

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestZZEyeball(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/corpus/*.eml")
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		m := Parse(raw, Limits{})
		fmt.Printf("=================== %s\nSubject=%q From=%+v RP=%q null=%v MID=%q IRT=%q Refs=%q Date=%v MT=%q RT=%q\nUnreadable=%q Returned=%q Att=%d\n---- TEXT\n%s\n---- FULL (%d bytes)\n", filepath.Base(f), m.Header.Subject, m.Header.From, m.Header.ReturnPath, m.Header.NullReturnPath, m.Header.MessageID, m.Header.InReplyTo, m.Header.References, m.Header.Date, m.Header.MediaType, m.Header.ReportType, m.Unreadable, m.ReturnedMessageIDs, m.Attachments, m.Text, len(m.FullText))
	}
}
