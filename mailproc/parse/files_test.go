package parse

import (
	"fmt"
	"strings"
	"testing"
)

// TestFilesListed: attachments are listed with their decoded names, types,
// sizes and IMAP sections, nested ones included; inline text is not.
func TestFilesListed(t *testing.T) {
	raw := strings.Join([]string{
		"From: a@example.com",
		"Subject: COPPA Information Request",
		"MIME-Version: 1.0",
		`Content-Type: multipart/mixed; boundary="outer"`,
		"",
		"--outer",
		`Content-Type: multipart/alternative; boundary="alt"`,
		"",
		"--alt",
		"Content-Type: text/plain",
		"",
		"Here is my ID.",
		"--alt",
		"Content-Type: text/html",
		"",
		"<p>Here is my ID.</p>",
		"--alt--",
		"--outer",
		"Content-Type: image/jpeg",
		`Content-Disposition: attachment; filename="=?UTF-8?Q?P=C3=A4ss.jpg?="`,
		"Content-Transfer-Encoding: base64",
		"",
		"AAECAwQFBgcICQ==",
		"--outer",
		"Content-Type: text/plain; name=notes.txt",
		"Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
		"Content-Transfer-Encoding: quoted-printable",
		"",
		"caf=C3=A9",
		"--outer",
		"Content-Type: message/rfc822",
		"",
		"Subject: inner",
		`Content-Type: multipart/mixed; boundary="in"`,
		"",
		"--in",
		"Content-Type: text/plain",
		"",
		"inner text",
		"--in",
		"Content-Type: application/pdf; name=form.pdf",
		"",
		"%PDF-1.4",
		"--in--",
		"--outer--",
		"",
	}, "\r\n")
	m := Parse([]byte(raw), Limits{})
	var got []string
	for _, f := range m.Files {
		got = append(got, fmt.Sprintf("%s %q %s %d %s", f.Section, f.Name, f.Type, f.Size, f.Encoding))
	}
	want := []string{
		`2 "Päss.jpg" image/jpeg 10 base64`,
		`3 "résumé.txt" text/plain 5 quoted-printable`,
		`4 "" message/rfc822 0 `,
		`4.2 "form.pdf" application/pdf 8 `,
	}
	if len(got) != len(want) {
		t.Fatalf("files =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if i == 2 {
			if !strings.HasPrefix(got[i], `4 "" message/rfc822 `) || strings.HasSuffix(got[i], " 0 ") {
				t.Errorf("file %d = %s, want the attached message with its size", i, got[i])
			}
			continue
		}
		if got[i] != want[i] {
			t.Errorf("file %d = %s, want %s", i, got[i], want[i])
		}
	}
	if !strings.Contains(m.FullText, "inner text") || strings.Contains(m.FullText, "café") {
		t.Errorf("text = %q: want the forward's text and no attachment's", m.FullText)
	}
}

// TestSingleFileMessage: a message that is one file is section 1.
func TestSingleFileMessage(t *testing.T) {
	m := Parse([]byte("Subject: x\r\nContent-Type: application/pdf\r\n\r\n%PDF"), Limits{})
	if len(m.Files) != 1 || m.Files[0].Section != "1" || m.Files[0].Size != 4 {
		t.Errorf("files = %+v, want one, section 1, 4 bytes", m.Files)
	}
}
