package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/oauth"
)

// runOAuth is `mailproc oauth login --config FILE`: the authorization-code
// flow with PKCE on a loopback redirect, for [oauth2] with a
// refresh_token_file; it prints the URL to open and stores the refresh
// token (mode 0600).
func runOAuth(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "login" {
		fmt.Fprintln(stderr, usageLine("oauth"))
		return 2
	}
	fs := newFlagSet("oauth login")
	f := newOAuthFlags(fs)
	path, listen := f.path, f.listen
	if code, ok := parseFlags(fs, args[1:], stdout, stderr); !ok {
		return code
	}
	l, err := config.Load(*path)
	if l == nil {
		fmt.Fprintf(stderr, "%s:\n%v\n", *path, err)
		return 1
	}
	// A missing refresh token file is what login is for; other problems of
	// the file do not stop it.
	if err := oauth.Login(ctx, l.OAuth2, oauth.LoginOptions{Listen: *listen, Out: stdout}); err != nil {
		fmt.Fprintf(stderr, "mailproc oauth login: %v\n", err)
		return 1
	}
	return 0
}

// oauthFlags are the flags of `mailproc oauth login`.
type oauthFlags struct {
	path   *string
	listen *string
}

func newOAuthFlags(fs *flag.FlagSet) *oauthFlags {
	return &oauthFlags{
		path:   configFlag(fs),
		listen: fs.String("listen", "127.0.0.1:0", "loopback `ADDRESS` for the browser's redirect (a free port by default)"),
	}
}
