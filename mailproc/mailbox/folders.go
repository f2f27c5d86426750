package mailbox

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// folderNames turns the folder names mailproc is configured with, which use
// '/' between levels, into the server's names.
type folderNames struct {
	prefix string // personal namespace prefix, such as "INBOX." ("" for most servers)
	sep    rune   // hierarchy separator; 0 when the server has no hierarchy
}

// server is the server's name for a configured folder name.
func (n folderNames) server(name string) string {
	if strings.EqualFold(name, "INBOX") {
		return "INBOX"
	}
	if n.sep != 0 && n.sep != '/' {
		name = strings.ReplaceAll(name, "/", string(n.sep))
	}
	if n.prefix == "" || hasPrefixFold(name, n.prefix) {
		return name
	}
	if strings.EqualFold(name+string(n.sep), n.prefix) {
		return name // the namespace root itself, such as INBOX
	}
	return n.prefix + name
}

// check refuses a configured name that holds the server's hierarchy
// separator (other than '/', mailproc's own): "Privacy/Review v1.2" on a
// server with '.' would silently be Review v1, then 2. A name in the
// server's own form — its namespace prefix first, no '/' — is taken as it
// is.
func (n folderNames) check(name string) error {
	if n.sep == 0 || n.sep == '/' || !strings.ContainsRune(name, n.sep) {
		return nil
	}
	if n.prefix != "" && hasPrefixFold(name, n.prefix) && !strings.Contains(name, "/") {
		return nil
	}
	return fmt.Errorf("%w: %q holds %q, the server's hierarchy separator, which would make sub-folders of it: write levels with '/' and leave %q out of the names",
		ErrFolderName, name, string(n.sep), string(n.sep))
}

// describe lists configured names with the server's names for them, for
// the log.
func (n folderNames) describe(names []string) string {
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = name + " = " + n.server(name)
	}
	return strings.Join(parts, ", ")
}

// hasPrefixFold is strings.HasPrefix ignoring case, as INBOX is.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// sameFolder compares two server names; INBOX in any case is one folder.
func sameFolder(a, b string) bool {
	if strings.EqualFold(a, "INBOX") {
		return strings.EqualFold(b, "INBOX")
	}
	return a == b
}

// EnsureFolders creates and subscribes each named folder that LIST does not
// show as selectable. Names use '/' between levels ("Privacy/Review"); one
// that holds the server's own separator is refused (ErrFolderName). It logs
// the server's names for them.
func (c *Client) EnsureFolders(ctx context.Context, names ...string) error {
	for _, name := range names {
		if err := c.names.check(name); err != nil {
			return err
		}
	}
	c.log.Info("imap folders", "names", c.names.describe(names), "separator", strings.Trim(string(c.names.sep), "\x00"), "prefix", c.names.prefix)
	return c.exchange(ctx, func() error {
		existing, err := c.selectableFolders()
		if err != nil {
			return fmt.Errorf("list folders: %w", err)
		}
		for _, name := range names {
			server := c.names.server(name)
			if slices.ContainsFunc(existing, func(e string) bool { return sameFolder(e, server) }) {
				continue
			}
			if err := c.createFolder(server); err != nil {
				return fmt.Errorf("create folder %q: %w", server, err)
			}
		}
		return nil
	})
}

// selectableFolders lists every folder that can be selected.
func (c *Client) selectableFolders() ([]string, error) {
	list, err := c.imap.List("", "*", nil).Collect()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, data := range list {
		if !slices.Contains(data.Attrs, imap.MailboxAttrNoSelect) &&
			!slices.Contains(data.Attrs, imap.MailboxAttrNonExistent) {
			names = append(names, data.Mailbox)
		}
	}
	return names, nil
}

// createFolder sends CREATE, then SUBSCRIBE so that mail clients show the
// folder to staff. A folder that already exists is no error.
func (c *Client) createFolder(server string) error {
	err := c.imap.Create(server, nil).Wait()
	var imapErr *imap.Error
	if errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeAlreadyExists {
		err = nil
	}
	if err != nil {
		return err
	}
	if err := c.imap.Subscribe(server).Wait(); err != nil {
		c.log.Warn("imap subscribe failed", "folder", server, "err", err)
	}
	c.log.Info("imap folder created", "folder", server)
	return nil
}

// Status describes the selected mailbox.
type Status struct {
	UIDValidity uint32
	UIDNext     uint32
	Messages    uint32
}

// Select selects folder read-write. It is the mailbox that FetchSince,
// FetchUIDs, FetchRaw, Move and WaitForMail work on, and that methods working
// in other folders select again when they are done.
func (c *Client) Select(ctx context.Context, folder string) (Status, error) {
	var st Status
	err := c.exchange(ctx, func() error {
		var err error
		st, err = c.selectFolder(c.names.server(folder), false)
		if err != nil {
			c.home = nil
			return err
		}
		home := c.current
		c.home = &home
		c.ahead = readAhead{}
		return nil
	})
	if err != nil {
		return Status{}, fmt.Errorf("select %q: %w", folder, err)
	}
	return st, nil
}

// selectFolder sends SELECT, or EXAMINE when readOnly, and records what is
// selected.
func (c *Client) selectFolder(server string, readOnly bool) (Status, error) {
	c.current = selection{}
	data, err := c.imap.Select(server, &imap.SelectOptions{ReadOnly: readOnly}).Wait()
	if err != nil {
		return Status{}, err
	}
	c.current = selection{folder: server, readOnly: readOnly,
		uidValidity: data.UIDValidity, uidNext: uint32(data.UIDNext)}
	return Status{
		UIDValidity: data.UIDValidity,
		UIDNext:     uint32(data.UIDNext),
		Messages:    data.NumMessages,
	}, nil
}

// ensureSelected makes sure the caller's mailbox is selected read-write.
func (c *Client) ensureSelected() error {
	if c.home == nil {
		return errNoMailbox
	}
	if !sameFolder(c.current.folder, c.home.folder) || c.current.readOnly {
		return c.reselectHome()
	}
	if c.current.uidValidity != c.home.uidValidity {
		return ErrUIDValidityChanged
	}
	return nil
}

// reselectHome selects the caller's mailbox again after work elsewhere.
// Mail that came meanwhile was not announced by EXISTS, so WaitForMail is
// woken when UIDNEXT has grown.
func (c *Client) reselectHome() error {
	st, err := c.selectFolder(c.home.folder, false)
	if err != nil {
		return fmt.Errorf("select %q again: %w", c.home.folder, err)
	}
	if st.UIDValidity != c.home.uidValidity {
		return fmt.Errorf("select %q again: %w", c.home.folder, ErrUIDValidityChanged)
	}
	if st.UIDNext != c.home.uidNext {
		c.home.uidNext = st.UIDNext
		c.signalMail()
	}
	return nil
}

// inFolder runs fn with folder selected (read-only when readOnly), then
// selects the caller's mailbox again if there is one.
func (c *Client) inFolder(folder string, readOnly bool, fn func() error) error {
	server := c.names.server(folder)
	if sameFolder(c.current.folder, server) && (readOnly || !c.current.readOnly) {
		return fn()
	}
	_, err := c.selectFolder(server, readOnly)
	if err != nil {
		err = fmt.Errorf("select %q: %w", server, err)
	} else {
		err = fn()
	}
	if c.home != nil {
		if rerr := c.reselectHome(); err == nil {
			err = rerr
		}
	}
	return err
}
