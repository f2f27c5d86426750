package cases

import (
	"slices"
	"testing"
	"time"
)

func TestFieldsLines(t *testing.T) {
	tests := []struct {
		name string
		f    Fields
		want []string
	}{
		{"full", Fields{Name: "Ada Byron", Street: "12 Oak St", City: "Fresno", State: "CA", ZIP: "93704"},
			[]string{"Ada Byron", "12 Oak St", "Fresno, CA 93704"}},
		{"line 2", Fields{Name: "Ada", Street: "12 Oak St, Apt 4", City: "Fresno", State: "CA", ZIP: "93704-1234"},
			[]string{"Ada", "12 Oak St", "Apt 4", "Fresno, CA 93704-1234"}},
		{"no state", Fields{Name: "Ada", Street: "1 A St", City: "Fresno", ZIP: "93704"},
			[]string{"Ada", "1 A St", "Fresno 93704"}},
		{"only a state", Fields{State: "CA"}, []string{"CA"}},
		{"empty", Fields{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Lines(); !slices.Equal(got, tt.want) {
				t.Errorf("Lines(%+v) = %q, want %q", tt.f, got, tt.want)
			}
		})
	}
}

func TestPostalAddress(t *testing.T) {
	own := Fields{Name: "Ada", Street: "1 A St", City: "Fresno", State: "CA", ZIP: "93704"}
	envelope := Fields{Name: "Ada", Street: "9 B St", City: "Reno", State: "NV", ZIP: "89501"}
	c := Case{Fields: own, Letter: &Letter{}}
	if got := c.PostalAddress(); got != own {
		t.Errorf("PostalAddress() = %+v, want the request's own %+v", got, own)
	}
	c.Letter.ReturnAddress = envelope
	if got := c.PostalAddress(); got != envelope {
		t.Errorf("PostalAddress() = %+v, want the return address %+v", got, envelope)
	}
}

// TestLetterIsNoDaemonWork: a letter to post or posted leaves nothing for
// the daemon (which would otherwise try to send it by SMTP).
func TestLetterIsNoDaemonWork(t *testing.T) {
	for _, st := range []ReplyState{ReplyToPost, ReplyPosted} {
		c := Case{Channel: ChannelLetter, Replies: []Reply{{State: st}}}
		if c.PendingWork() {
			t.Errorf("PendingWork with a reply %s = true, want false", st)
		}
	}
	c := Case{Replies: []Reply{{Template: "a", State: ReplyPosted}, {Template: "b", State: ReplyToPost}}}
	if r := c.LetterToPost(); r == nil || r.Template != "b" {
		t.Errorf("LetterToPost() = %+v, want reply b", r)
	}
	if !ReplyPosted.Delivered() || !ReplySent.Delivered() || ReplyToPost.Delivered() {
		t.Error("Delivered: want true for sent and posted only")
	}
}

func TestEraseLetter(t *testing.T) {
	c := Case{Channel: ChannelLetter, Letter: &Letter{ReturnAddress: Fields{Name: "Pat", Street: "1 A St"},
		Scan: &Scan{Path: "/scans/pat.pdf", SHA256: "ab", Bytes: 2}}}
	c.Erase(time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
	if c.Letter.ReturnAddress != (Fields{}) || c.Letter.Scan.Path != "" {
		t.Errorf("Erase left the letter's personal data: %+v %+v", c.Letter.ReturnAddress, c.Letter.Scan)
	}
	if c.Letter.Scan.SHA256 != "ab" || c.Channel != ChannelLetter {
		t.Errorf("Erase removed the record of the letter: %+v", c.Letter.Scan)
	}
}
