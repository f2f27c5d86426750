package mailbox

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"
)

func TestAppendMany(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		ctx := testContext(t)
		sent := b.folder("sent")
		c := b.dial(t)
		if err := c.EnsureFolders(ctx, sent); err != nil {
			t.Fatal(err)
		}
		date := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		var items []AppendItem
		for i := range 12 {
			body := []string{"Short."}
			if i%3 == 0 {
				body = []string{string(bytes.Repeat([]byte("x"), 6000))} // more than a synchronising literal
			}
			items = append(items, AppendItem{Raw: testMessage(fmt.Sprintf("many-%d@example.test", i), "many", body...), Flags: []string{`\Seen`}, Date: date})
		}
		refused, err := c.AppendMany(ctx, sent, items)
		if err != nil {
			t.Fatalf("AppendMany: %v", err)
		}
		// Dovecot has MULTIAPPEND and LITERAL+; the MemServer has not.
		if want := b.mem == nil; (c.multiAppended == len(items)) != want {
			t.Errorf("%d of %d messages stored with MULTIAPPEND; want all: %t", c.multiAppended, len(items), want)
		}
		for i, r := range refused {
			if r != nil {
				t.Errorf("AppendMany item %d refused: %v", i, r)
			}
		}
		msgs := b.messages(t, sent)
		if len(msgs) != len(items) {
			t.Fatalf("%s holds %d messages, want %d", sent, len(msgs), len(items))
		}
		for i, m := range msgs {
			if !bytes.Equal(m.Raw, items[i].Raw) || !hasFlag(m.Flags, `\Seen`) || !m.InternalDate.Equal(date) {
				t.Errorf("message %d = %d bytes, flags %v, date %v; want item %d as given", i, len(m.Raw), m.Flags, m.InternalDate, i)
			}
		}
	})
}

func TestAppendManyToMissingFolder(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b *backend) {
		c := b.dial(t)
		items := []AppendItem{{Raw: testMessage("m1@example.test", "x")}, {Raw: testMessage("m2@example.test", "y")}}
		refused, err := c.AppendMany(testContext(t), b.folder("missing"), items)
		if err != nil {
			t.Fatalf("AppendMany to a missing folder: %v, want refusals, not a failed connection", err)
		}
		if c.multiAppended != 0 || c.multiAppendOff {
			t.Errorf("after a refused MULTIAPPEND: %d stored with it, turned off %t; want 0, false", c.multiAppended, c.multiAppendOff)
		}
		for i, r := range refused {
			if r == nil {
				t.Errorf("AppendMany to a missing folder: item %d stored, want refused", i)
			}
		}
	})
}

// TestAppendManyStartTLS: the MULTIAPPEND connection does STARTTLS as the
// Client's does, on Dovecot's plain port.
func TestAppendManyStartTLS(t *testing.T) {
	env := os.Getenv("MAILPROC_TEST_DOVECOT_STARTTLS")
	if env == "" {
		t.Skip("MAILPROC_TEST_DOVECOT_STARTTLS is not set (see scripts/test-servers.sh)")
	}
	b := newDovecotBackend(t)
	cfg, err := parseDovecotEnv(env)
	if err != nil {
		t.Fatalf("MAILPROC_TEST_DOVECOT_STARTTLS: %v", err)
	}
	b.cfg = cfg
	ctx := testContext(t)
	s, err := dialAppendSession(ctx, cfg.withDefaults())
	if err != nil {
		t.Fatalf("MULTIAPPEND connection over STARTTLS: %v", err)
	}
	if _, ok := s.conn.(*tls.Conn); !ok {
		t.Errorf("MULTIAPPEND connection is %T, want TLS after STARTTLS", s.conn)
	}
	s.close()
	sent := b.folder("sent")
	c := b.dial(t)
	if err := c.EnsureFolders(ctx, sent); err != nil {
		t.Fatal(err)
	}
	var items []AppendItem
	for i := range 3 {
		items = append(items, AppendItem{Raw: testMessage(fmt.Sprintf("starttls-%d@example.test", i), "starttls"), Flags: []string{`\Seen`}})
	}
	refused, err := c.AppendMany(ctx, sent, items)
	if err != nil || errors.Join(refused...) != nil {
		t.Fatalf("AppendMany over STARTTLS: %v, refused %v", err, refused)
	}
	if c.multiAppended != len(items) {
		t.Errorf("%d of %d messages stored with MULTIAPPEND over STARTTLS; want all", c.multiAppended, len(items))
	}
	if n := len(b.messages(t, sent)); n != len(items) {
		t.Errorf("%s holds %d messages, want %d", sent, n, len(items))
	}
}
