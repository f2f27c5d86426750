package config

import (
	"fmt"
	"os"
)

// UsesOAuth2 reports whether a side signs in with the tokens [oauth2]
// describes.
func (c *Config) UsesOAuth2() bool {
	return c.Mailbox.Auth == "oauth2" || c.SMTP.Auth == "oauth2"
}

// checkOAuth2 names what [oauth2] lacks for its provider when a side uses
// it, the files it names that cannot be read, and an SMTP side without the
// user name the token is for. It shows no secret.
func (c *Config) checkOAuth2() Problems {
	if !c.UsesOAuth2() {
		return nil
	}
	p := Problems(c.OAuth2.Problems("[oauth2]"))
	for key, path := range c.OAuth2.SecretFiles() {
		if key == "refresh_token_file" {
			continue // written by `mailproc oauth login`
		}
		if _, err := os.Stat(path); err != nil {
			p = append(p, fmt.Sprintf("[oauth2] %s: %q: cannot be read", key, path))
		}
	}
	if f := c.OAuth2.CertificateFile; f != "" {
		if _, err := os.Stat(f); err != nil {
			p = append(p, fmt.Sprintf("[oauth2] certificate_file: %q: cannot be read", f))
		}
	}
	if c.SMTP.Auth == "oauth2" && c.SMTP.Username == "" {
		p = append(p, `[smtp] username: required for auth = "oauth2" (the mailbox address the token is for)`)
	}
	return p
}

// oauth2Warnings names the [oauth2] secret files others can read, a
// refresh token file not made yet, and an [oauth2] no side uses.
func (c *Config) oauth2Warnings() []string {
	if !c.UsesOAuth2() {
		if c.OAuth2.Provider != "" {
			return []string{`[oauth2] provider: set, but neither [mailbox] nor [smtp] has auth = "oauth2": the table is not used`}
		}
		return nil
	}
	var w []string
	for key, path := range c.OAuth2.SecretFiles() {
		fi, err := os.Stat(path)
		switch {
		case err != nil && key == "refresh_token_file":
			w = append(w, fmt.Sprintf("[oauth2] refresh_token_file: %s does not exist yet: run `mailproc oauth login --config FILE`", path))
		case err == nil && fi.Mode().Perm()&0o077 != 0:
			w = append(w, fmt.Sprintf("[oauth2] %s: %s is mode %04o: others can read the secret (chmod 600)", key, path, fi.Mode().Perm()))
		}
	}
	if c.OAuth2.Provider == "google" && c.Mailbox.SentFolder != "" {
		w = append(w, fmt.Sprintf("[mailbox] sent_folder: %q with provider \"google\": Gmail files what its SMTP server sends in Sent by itself, so each reply will be there twice", c.Mailbox.SentFolder))
	}
	return w
}
