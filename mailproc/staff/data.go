package staff

import (
	"io"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/store"
)

// Backup writes a consistent copy of the database while the daemon runs.
func (d *Desk) Backup(w io.Writer) (int64, error) { return d.store.Backup(w) }

// Export returns every case held about one requester (same email address,
// case aside), for an access request.
func (d *Desk) Export(email string) ([]cases.Case, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	var out []cases.Case
	err := d.store.View(func(tx *store.Tx) error {
		return tx.ForEachCase(func(c *cases.Case) error {
			if c.Email == email || sentTo(c, email) {
				out = append(out, *c)
			}
			return nil
		})
	})
	return out, err
}

func sentTo(c *cases.Case, email string) bool {
	for _, r := range c.Replies {
		if strings.EqualFold(r.To, email) {
			return true
		}
	}
	return false
}
