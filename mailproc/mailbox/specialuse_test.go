package mailbox

import "testing"

func TestFolderNamesConfigured(t *testing.T) {
	tests := []struct {
		names folderNames
		in    string
		want  string
	}{
		{folderNames{sep: '/'}, "[Gmail]/Sent Mail", "[Gmail]/Sent Mail"},
		{folderNames{sep: '/'}, "Sent Items", "Sent Items"},
		{folderNames{prefix: "INBOX.", sep: '.'}, "INBOX.Sent Items", "Sent Items"},
		{folderNames{prefix: "INBOX.", sep: '.'}, "INBOX.Archive.2025", "Archive/2025"},
		{folderNames{sep: '.'}, "INBOX", "INBOX"},
	}
	for _, tt := range tests {
		got := tt.names.configured(tt.in)
		if got != tt.want {
			t.Errorf("%+v.configured(%q) = %q, want %q", tt.names, tt.in, got, tt.want)
		}
		if back := tt.names.server(got); back != tt.in {
			t.Errorf("%+v.server(configured(%q)) = %q, want it back", tt.names, tt.in, back)
		}
	}
}
