package mailbox

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// ServerReport is what a server offers a signed-in client, for `mailproc
// config check --connect`.
type ServerReport struct {
	Capabilities []string // sorted, as offered after login
	AuthMechs    []string // the SASL mechanisms offered before login (AUTH=)
	Prefix       string   // the personal namespace prefix; "" for none
	Separator    string   // the hierarchy separator; "" for none
	Folders      []Folder // as LIST gives them
}

// Folder is one folder and its attributes (SPECIAL-USE among them).
type Folder struct {
	Name  string   // the server's name
	Attrs []string // such as \Sent, \Noselect
}

// Report says what the server offers: capabilities, namespace and every
// folder with its attributes, asking for SPECIAL-USE where offered.
func (c *Client) Report(ctx context.Context) (ServerReport, error) {
	r := ServerReport{Prefix: c.names.prefix, AuthMechs: c.authMechs}
	if c.names.sep != 0 {
		r.Separator = string(c.names.sep)
	}
	err := c.exchange(ctx, func() error {
		for capability := range c.imap.Caps() {
			r.Capabilities = append(r.Capabilities, string(capability))
		}
		list, err := c.imap.List("", "*", c.specialUseOptions()).Collect()
		if err != nil {
			return err
		}
		for _, data := range list {
			f := Folder{Name: data.Mailbox}
			for _, a := range data.Attrs {
				f.Attrs = append(f.Attrs, string(a))
			}
			r.Folders = append(r.Folders, f)
		}
		return nil
	})
	if err != nil {
		return ServerReport{}, fmt.Errorf("report: %w", err)
	}
	slices.Sort(r.Capabilities)
	return r, nil
}

// authMechanisms lists the AUTH= capabilities, sorted.
func authMechanisms(caps imap.CapSet) []string {
	var mechs []string
	for capability := range caps {
		if mech, ok := strings.CutPrefix(string(capability), "AUTH="); ok {
			mechs = append(mechs, mech)
		}
	}
	slices.Sort(mechs)
	return mechs
}
