package service_test

import (
	"context"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/mailbox"
	"github.com/mailproc/mailproc/mailproc/mailbox/imaptest"
	"github.com/mailproc/mailproc/mailproc/service"
	"github.com/mailproc/mailproc/mailproc/smtpsink"
	"github.com/mailproc/mailproc/mailproc/store"
)

const oauthUser = "privacy@cooper.example"

// request is a California Shine the Light request, which gets a reply.
var request = "From: Dana Whitfield <dana@example.net>\r\nTo: " + oauthUser + "\r\n" +
	"Subject: Request for California Privacy Information\r\nDate: " + time.Now().Format(time.RFC1123Z) + "\r\n" +
	"Message-ID: <oauth-build-1@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
	"California Privacy Rights Request\r\n\r\nMy name and mailing address are:\r\n\r\n" +
	"Dana Whitfield\r\n77 Cypress Lane\r\nFresno, CA 93650\r\n\r\nThank you,\r\nDana\r\n"

// Build signs in to IMAP with the token in [mailbox] token_file and to SMTP
// with the one [smtp] token_command prints, and reads no password.
func TestBuildSignsInWithTokens(t *testing.T) {
	imap, err := imaptest.StartMemServer(oauthUser, "not-the-token")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { imap.Close() })
	imap.AcceptTokens(imaptest.TokenEquals("tok-imap"))
	sink, err := smtpsink.Start(smtpsink.Options{Username: oauthUser, AcceptToken: smtpsink.TokenEquals("tok-smtp")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	if err := imap.Append("INBOX", []byte(request), time.Now()); err != nil {
		t.Fatal(err)
	}
	cfg := oauthConfig(t, imap.Config(), sink.Addr)
	st, err := store.Open(cfg.Store.Path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, closeSender, err := service.Build(cfg, st, slog.New(slog.DiscardHandler), "")
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	defer closeSender()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := p.Daemon.RunOnce(ctx); err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if _, err := sink.WaitFor(ctx, 1); err != nil {
		t.Errorf("no reply went out over SMTP: %v", err)
	}
}

// oauthConfig is a configuration for the servers with token sign-in on
// both sides and no password anywhere.
func oauthConfig(t *testing.T, imap mailbox.Config, smtpAddr string) *config.Config {
	t.Helper()
	dir := t.TempDir()
	tokenFile := filepath.Join(dir, "imap-token")
	if err := os.WriteFile(tokenFile, []byte("tok-imap\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := config.Default()
	c.Mailbox.Host, c.Mailbox.Port, c.Mailbox.Security = imap.Host, imap.Port, "none"
	c.Mailbox.Username, c.Mailbox.Auth, c.Mailbox.TokenFile = oauthUser, "xoauth2", tokenFile
	host, port, _ := net.SplitHostPort(smtpAddr)
	c.SMTP.Host, c.SMTP.Security = host, "none"
	c.SMTP.Port, _ = strconv.Atoi(port)
	c.SMTP.Username, c.SMTP.Auth, c.SMTP.TokenCommand = oauthUser, "oauthbearer", "printf 'tok-smtp\\n3600\\n'"
	c.Company = config.Company{Name: "Cooper", ReplyFrom: "Cooper Privacy <" + oauthUser + ">", Timezone: "America/Los_Angeles"}
	c.Store.Path = filepath.Join(dir, "mailproc.db")
	year := time.Now().Year()
	c.Disclosure = []config.Disclosure{{Year: year - 1}, {Year: year}}
	return &c
}
