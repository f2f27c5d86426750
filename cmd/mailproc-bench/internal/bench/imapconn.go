package bench

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

// The folders mailproc and the work floor file mail into (mailproc's
// defaults).
const (
	processedFolder = "Privacy/Processed"
	reviewFolder    = "Privacy/Review"
	sentFolder      = "Sent"
)

// dialIMAP opens a bare go-imap connection to the account and logs in. The
// connection is closed when ctx ends.
func dialIMAP(ctx context.Context, acct mailbox.Config, h *imapclient.UnilateralDataHandler) (*imapclient.Client, error) {
	addr := net.JoinHostPort(acct.Host, strconv.Itoa(acct.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	opts := &imapclient.Options{UnilateralDataHandler: h}
	c, err := startIMAP(conn, acct, opts)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("imap %s: %w", addr, err)
	}
	context.AfterFunc(ctx, func() { c.Close() })
	if err := c.Login(acct.Username, acct.Password).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("log in to %s as %s: %w", addr, acct.Username, err)
	}
	return c, nil
}

// startIMAP starts go-imap on conn with the account's security.
func startIMAP(conn net.Conn, acct mailbox.Config, opts *imapclient.Options) (*imapclient.Client, error) {
	if acct.Security == mailbox.SecurityNone {
		return imapclient.New(conn, opts), nil
	}
	tc, err := tlsConfig(acct.Host, acct.CAFile)
	if err != nil {
		return nil, err
	}
	if acct.Security == mailbox.SecurityStartTLS {
		opts.TLSConfig = tc
		return imapclient.NewStartTLS(conn, opts)
	}
	return imapclient.New(tls.Client(conn, tc), opts), nil
}

// tlsConfig verifies host's certificate against the system roots and the
// PEM bundle in caFile.
func tlsConfig(host, caFile string) (*tls.Config, error) {
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("read CA file: %w", err)
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s: no PEM certificate", caFile)
		}
	}
	return &tls.Config{ServerName: host, RootCAs: pool, MinVersion: tls.VersionTLS12}, nil
}

// ensureFolders creates each folder that LIST does not show.
func ensureFolders(c *imapclient.Client, names ...string) error {
	list, err := c.List("", "*", nil).Collect()
	if err != nil {
		return fmt.Errorf("list folders: %w", err)
	}
	have := map[string]bool{}
	for _, d := range list {
		have[d.Mailbox] = true
	}
	for _, name := range names {
		if have[name] {
			continue
		}
		if err := c.Create(name, nil).Wait(); err != nil {
			return fmt.Errorf("create %s: %w", name, err)
		}
	}
	return nil
}

// FolderCounts is how many messages each folder of an account holds; a
// folder that does not exist holds none.
func FolderCounts(ctx context.Context, acct mailbox.Config, folders ...string) (map[string]uint32, error) {
	c, err := dialIMAP(ctx, acct, nil)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	out := map[string]uint32{}
	for _, f := range folders {
		data, err := c.Status(f, &imap.StatusOptions{NumMessages: true}).Wait()
		var imapErr *imap.Error
		if errors.As(err, &imapErr) && imapErr.Type == imap.StatusResponseTypeNo {
			continue // no such folder
		}
		if err != nil {
			return nil, fmt.Errorf("status %s: %w", f, err)
		}
		out[f] = *data.NumMessages
	}
	return out, nil
}
