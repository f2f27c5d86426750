package service

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// CheckConnect signs in to the IMAP and SMTP servers as the daemon would
// and writes what it found to w: the IMAP server's capabilities,
// namespace and folders with their SPECIAL-USE attributes (and which
// folders mailproc will use), the SMTP server's extensions. It sends and
// changes nothing, and shows no secret. log gets the sign-in's own lines
// (a token fetched). The error names the side that failed.
func CheckConnect(ctx context.Context, cfg *config.Config, w io.Writer, log *slog.Logger) error {
	mcfg, sender, err := connections(cfg, log)
	if err != nil {
		return err
	}
	defer sender.Close()
	imapErr := checkIMAP(ctx, cfg, mcfg, w)
	if imapErr != nil {
		fmt.Fprintf(w, "IMAP: FAILED: %v\n", imapErr)
	}
	greeting, exts, smtpErr := sender.Probe(ctx)
	if smtpErr != nil {
		fmt.Fprintf(w, "SMTP: FAILED: %v\n", smtpErr)
	} else {
		fmt.Fprintf(w, "SMTP %s:%d (%s): signed in as %q (auth %s)\n  greeting: %s\n  extensions:\n", cfg.SMTP.Host, cfg.SMTP.Port,
			cfg.SMTP.Security, cfg.SMTP.Username, authName(cfg.SMTP.Auth, cfg.SMTP.Username != ""), greeting)
		for _, e := range exts {
			fmt.Fprintf(w, "    %s\n", e)
		}
	}
	switch {
	case imapErr != nil && smtpErr != nil:
		return fmt.Errorf("imap: %w; smtp: %w", imapErr, smtpErr)
	case imapErr != nil:
		return fmt.Errorf("imap: %w", imapErr)
	case smtpErr != nil:
		return fmt.Errorf("smtp: %w", smtpErr)
	}
	return nil
}

// checkIMAP signs in and writes the IMAP part of the report.
func checkIMAP(ctx context.Context, cfg *config.Config, mcfg mailbox.Config, w io.Writer) error {
	c, err := mailbox.Dial(ctx, mcfg)
	if err != nil {
		return err
	}
	defer c.Close()
	r, err := c.Report(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "IMAP %s:%d (%s): signed in as %q (auth %s)\n  sign-in mechanisms offered: %s\n  capabilities: %s\n  namespace: prefix %q, separator %q\n  folders:\n",
		cfg.Mailbox.Host, cfg.Mailbox.Port, cfg.Mailbox.Security, cfg.Mailbox.Username, authName(cfg.Mailbox.Auth, true),
		strings.Join(r.AuthMechs, " "), strings.Join(r.Capabilities, " "), r.Prefix, r.Separator)
	for _, f := range r.Folders {
		fmt.Fprintf(w, "    %q %s\n", f.Name, strings.Join(f.Attrs, " "))
	}
	sent, err := sentReport(ctx, cfg, c)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  mailproc uses: inbox %q, processed %q, review %q (created when missing), sent copies: %s\n",
		cfg.Mailbox.Inbox, cfg.Mailbox.ProcessedFolder, cfg.Mailbox.ReviewFolder, sent)
	return nil
}

// sentReport says where copies of replies will go on this server.
func sentReport(ctx context.Context, cfg *config.Config, c *mailbox.Client) (string, error) {
	folder, find := cfg.SentCopy()
	switch {
	case folder != "":
		return fmt.Sprintf("%q (sent_folder)", folder), nil
	case !find:
		return "none (the SMTP server files its own copy)", nil
	}
	found, err := c.SpecialUse(ctx, mailbox.UseSent)
	if err != nil {
		return "", err
	}
	if found == "" {
		return fmt.Sprintf("%q (no folder is marked \\Sent: created when missing)", config.DefaultSentFolder), nil
	}
	return fmt.Sprintf("%q (marked \\Sent)", found), nil
}

// authName names how a side signs in.
func authName(auth string, signsIn bool) string {
	switch {
	case !signsIn:
		return "none"
	case auth == "":
		return "password"
	}
	return auth
}
