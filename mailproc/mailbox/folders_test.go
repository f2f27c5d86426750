package mailbox

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

func TestFolderNamesServer(t *testing.T) {
	tests := []struct {
		names folderNames
		in    string
		want  string
	}{
		{folderNames{sep: '/'}, "Privacy/Review", "Privacy/Review"},
		{folderNames{sep: '/'}, "inbox", "INBOX"},
		{folderNames{sep: '.'}, "Privacy/Review", "Privacy.Review"},
		{folderNames{sep: '.'}, "Sent", "Sent"},
		{folderNames{prefix: "INBOX.", sep: '.'}, "Privacy/Review", "INBOX.Privacy.Review"},
		{folderNames{prefix: "INBOX.", sep: '.'}, "INBOX", "INBOX"},
		{folderNames{prefix: "INBOX.", sep: '.'}, "INBOX/Sent", "INBOX.Sent"},
		{folderNames{prefix: "INBOX.", sep: '.'}, "inbox.Sent", "inbox.Sent"},
		{folderNames{prefix: "INBOX/", sep: '/'}, "Privacy/Review", "INBOX/Privacy/Review"},
		{folderNames{}, "Privacy/Review", "Privacy/Review"},
	}
	for _, tt := range tests {
		if got := tt.names.server(tt.in); got != tt.want {
			t.Errorf("%+v.server(%q) = %q, want %q", tt.names, tt.in, got, tt.want)
		}
	}
}

// TestFolderNamesCheck: on a server whose hierarchy separator is not '/',
// a configured name holding that separator would silently make
// sub-folders ("Privacy/Review v1.2" as Review v1 / 2): it is refused,
// naming the folder and the separator; a name already in the server's
// own form (with its namespace prefix, no '/') is taken as it is.
func TestFolderNamesCheck(t *testing.T) {
	tests := []struct {
		names   folderNames
		name    string
		refused bool
	}{
		{folderNames{sep: '/'}, "Privacy/Review v1.2", false},
		{folderNames{sep: '.'}, "Privacy/Review v1.2", true},
		{folderNames{prefix: "INBOX.", sep: '.'}, "Privacy/Review v1.2", true},
		{folderNames{prefix: "INBOX.", sep: '.'}, "Privacy.Review", true},
		{folderNames{prefix: "INBOX.", sep: '.'}, "INBOX.Privacy.Review", false},
		{folderNames{prefix: "INBOX.", sep: '.'}, "Privacy/Review", false},
		{folderNames{}, "Privacy/Review v1.2", false},
	}
	for _, tt := range tests {
		err := tt.names.check(tt.name)
		if (err != nil) != tt.refused {
			t.Errorf("%+v.check(%q) = %v, want refused %v", tt.names, tt.name, err, tt.refused)
		}
		if err != nil && (!errors.Is(err, ErrFolderName) || !strings.Contains(err.Error(), tt.name)) {
			t.Errorf("%+v.check(%q) = %v, want ErrFolderName naming the folder", tt.names, tt.name, err)
		}
	}
}

func TestEnsureFolders(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		names := []string{b.folder("Privacy/Processed"), b.folder("Privacy/Review"), b.folder("Sent")}
		b.seed(t, names[2], testMessage("sent-before@example.test", "already here"), time.Now())
		c := b.dial(t)

		for range 2 { // the second call finds them all
			if err := c.EnsureFolders(ctx, names...); err != nil {
				t.Fatalf("EnsureFolders(%v): %v", names, err)
			}
		}

		all := listNames(t, b, nil)
		subscribed := listNames(t, b, &imap.ListOptions{SelectSubscribed: true})
		for _, name := range names {
			server := b.server(name)
			if !slices.Contains(all, server) {
				t.Errorf("LIST after EnsureFolders = %v, want %s among them", all, server)
			}
			if name != names[2] && !slices.Contains(subscribed, server) {
				t.Errorf("LIST (SUBSCRIBED) after EnsureFolders = %v, want %s among them", subscribed, server)
			}
		}
		if err := c.Append(ctx, names[1], testMessage("r@example.test", "r"), nil, time.Time{}); err != nil {
			t.Errorf("Append to a created folder: %v", err)
		}
		if _, err := c.Select(ctx, names[0]); err != nil {
			t.Errorf("Select a created folder: %v", err)
		}
	})
}

// listNames lists the server names of the test's folders.
func listNames(t *testing.T, b *backend, opts *imap.ListOptions) []string {
	t.Helper()
	list, err := b.raw.List("", b.root+"*", opts).Collect()
	if err != nil {
		t.Fatalf("LIST: %v", err)
	}
	var names []string
	for _, l := range list {
		names = append(names, l.Mailbox)
	}
	return names
}

func TestSelect(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		inbox := b.folder("in")
		b.seed(t, inbox, testMessage("s1@example.test", "one"), time.Now())
		u2 := b.seed(t, inbox, testMessage("s2@example.test", "two"), time.Now())
		c := b.dial(t)

		st, err := c.Select(ctx, inbox)
		if err != nil {
			t.Fatalf("Select: %v", err)
		}
		if st.UIDValidity == 0 || st.UIDNext != u2+1 || st.Messages != 2 {
			t.Errorf("Select(%s) = %+v, want a UIDValidity, UIDNext %d, Messages 2", inbox, st, u2+1)
		}
		if _, err := c.Select(ctx, b.folder("missing")); err == nil {
			t.Errorf("Select(missing folder) = nil error, want one")
		}
	})
}

func TestAppend(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		sent := b.folder("Sent")
		b.seed(t, sent, testMessage("before@example.test", "before"), time.Now())
		c := b.dial(t)
		raw := testMessage("reply@example.test", "Re: COPPA Information Request")
		date := time.Date(2024, 12, 31, 23, 59, 58, 0, time.FixedZone("", 5*3600))

		if err := c.Append(ctx, sent, raw, []string{`\Seen`}, date); err != nil {
			t.Fatalf("Append: %v", err)
		}
		msgs := b.messages(t, sent)
		if len(msgs) != 2 {
			t.Fatalf("%s holds %d messages after Append, want 2", sent, len(msgs))
		}
		got := msgs[1]
		if string(got.Raw) != string(raw) {
			t.Errorf("appended raw = %q, want %q", got.Raw, raw)
		}
		if !got.InternalDate.Equal(date) {
			t.Errorf("appended INTERNALDATE = %v, want %v", got.InternalDate, date)
		}
		if !hasFlag(got.Flags, `\Seen`) {
			t.Errorf("appended flags = %v, want \\Seen", got.Flags)
		}
		if err := c.Append(ctx, b.folder("missing"), raw, nil, time.Time{}); err == nil {
			t.Errorf("Append to a missing folder = nil error, want one")
		}
	})
}
