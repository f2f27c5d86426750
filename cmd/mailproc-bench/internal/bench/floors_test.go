package bench

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/mailbox/imaptest"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
)

// memAccount is a seeded account on go-imap's in-memory server.
func memAccount(t *testing.T, g *Generator) (*imaptest.MemServer, mailbox.Config) {
	t.Helper()
	mem, err := imaptest.StartMemServer("bench@example.test", "secret")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mem.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Seed(ctx, g, mem.Config()); err != nil {
		t.Fatalf("Seed = %v", err)
	}
	return mem, mem.Config()
}

// sinkServer is an in-process SMTP server and how to reach it.
func sinkServer(t *testing.T) (*smtpsink.Sink, SMTPServer) {
	t.Helper()
	sink, err := smtpsink.Start(smtpsink.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	host, port, _ := strings.Cut(sink.Addr, ":")
	p, _ := strconv.Atoi(port)
	return sink, SMTPServer{Host: host, Port: p, Security: "none"}
}

func TestSeedAppendsInOrder(t *testing.T) {
	g := NewGenerator(5, 30, testBase)
	mem, _ := memAccount(t, g)
	msgs, err := mem.Messages("INBOX")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != g.Len() {
		t.Fatalf("INBOX holds %d messages, want %d", len(msgs), g.Len())
	}
	for i, m := range msgs {
		want := g.Message(i)
		if !bytes.Equal(m.Raw, want.Raw) || !m.InternalDate.Equal(want.Date) {
			t.Errorf("INBOX message %d = %d bytes dated %v, want message %d of the generator (%d bytes, %v)",
				i, len(m.Raw), m.InternalDate, i, len(want.Raw), want.Date)
		}
	}
}

func TestReadFloorReadsAllAndChangesNothing(t *testing.T) {
	g := NewGenerator(5, 40, testBase)
	mem, acct := memAccount(t, g)
	before, _ := mem.Messages("INBOX")
	r, err := ReadFloor(context.Background(), acct)
	if err != nil {
		t.Fatalf("ReadFloor = %v", err)
	}
	var bytesWant int64
	for _, m := range before {
		bytesWant += int64(len(m.Raw))
	}
	if r.Messages != g.Len() || r.Bytes != bytesWant {
		t.Errorf("ReadFloor = %d messages, %d bytes; want %d, %d", r.Messages, r.Bytes, g.Len(), bytesWant)
	}
	after, _ := mem.Messages("INBOX")
	for i := range after {
		if !slices.Equal(after[i].Flags, before[i].Flags) {
			t.Errorf("message %d flags %v after the read floor, want %v", i, after[i].Flags, before[i].Flags)
		}
	}
}

func TestWorkFloorDoesTheWorkAndNoMore(t *testing.T) {
	g := NewGenerator(5, 80, testBase)
	mem, acct := memAccount(t, g)
	sink, srv := sinkServer(t)
	ctx := context.Background()
	r, err := WorkFloor(ctx, acct, srv, "Cooper Privacy <privacy@cooper.example>", g)
	if err != nil {
		t.Fatalf("WorkFloor = %v", err)
	}
	if err := verify(ctx, acct, g); err != nil {
		t.Errorf("after WorkFloor: %v", err)
	}
	mix := Mix(g.Len())
	answered := mix[California] + mix[CaliforniaIncomplete] + mix[Coppa]
	if r.Replies != answered || len(sink.Messages()) != answered || r.Moved != answered+mix[AutomatedRequest] {
		t.Errorf("WorkFloor = %d replies (%d arrived), %d moved; want %d, %d", r.Replies, len(sink.Messages()), r.Moved, answered, answered+mix[AutomatedRequest])
	}
	assertFlags(t, mem, "INBOX", nil)
	assertFlags(t, mem, reviewFolder, []string{`\Flagged`})
	assertFlags(t, mem, processedFolder, nil)
}

// assertFlags checks that every message of folder has exactly flags.
func assertFlags(t *testing.T, mem *imaptest.MemServer, folder string, flags []string) {
	t.Helper()
	msgs, err := mem.Messages(folder)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if !slices.Equal(m.Flags, flags) && !(len(m.Flags) == 0 && len(flags) == 0) {
			t.Errorf("%s uid %d flags = %v, want %v", folder, m.UID, m.Flags, flags)
		}
	}
}
