package mailbox

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// The SPECIAL-USE attributes (RFC 6154) mailproc looks for.
const (
	UseSent = `\Sent`
)

// SpecialUse returns the folder the server marks with use (such as
// UseSent: Exchange's "Sent Items", Gmail's "[Gmail]/Sent Mail"), named as
// the configuration names folders ('/' between levels, without the
// personal namespace prefix); "" when no folder has it.
func (c *Client) SpecialUse(ctx context.Context, use string) (string, error) {
	var found string
	err := c.exchange(ctx, func() error {
		list, err := c.imap.List("", "*", c.specialUseOptions()).Collect()
		if err != nil {
			return err
		}
		for _, data := range list {
			if hasAttr(data.Attrs, imap.MailboxAttr(use)) && !hasAttr(data.Attrs, imap.MailboxAttrNoSelect) {
				found = c.names.configured(data.Mailbox)
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("find the %s folder: %w", use, err)
	}
	return found, nil
}

// specialUseOptions asks for SPECIAL-USE attributes where the server has
// the extension; servers without it may still send them.
func (c *Client) specialUseOptions() *imap.ListOptions {
	if c.imap.Caps().Has(imap.CapSpecialUse) {
		return &imap.ListOptions{ReturnSpecialUse: true}
	}
	return nil
}

// hasAttr reports whether attrs holds attr, in any case.
func hasAttr(attrs []imap.MailboxAttr, attr imap.MailboxAttr) bool {
	return slices.ContainsFunc(attrs, func(a imap.MailboxAttr) bool { return strings.EqualFold(string(a), string(attr)) })
}

// configured is the configuration's name for a server's folder name: the
// personal namespace prefix dropped and the separator written as '/'. It
// undoes server.
func (n folderNames) configured(server string) string {
	if strings.EqualFold(server, "INBOX") {
		return "INBOX"
	}
	name := server
	if n.prefix != "" && hasPrefixFold(name, n.prefix) {
		name = name[len(n.prefix):]
	}
	if n.sep != 0 && n.sep != '/' {
		name = strings.ReplaceAll(name, string(n.sep), "/")
	}
	return name
}
