package service

import (
	"fmt"
	"sort"

	"github.com/mailproc/mailproc/mailproc/config"
)

// Redacted is the effective configuration as a log line may show it: where
// secrets come from, never the secrets, and no disclosure details.
func Redacted(c *config.Config) string {
	return fmt.Sprintf("imap=%s:%d/%s user=%q auth=%s folders=[inbox=%q processed=%q review=%q sent=%s] poll=%s idle_recheck=%s "+
		"smtp=%s:%d/%s user=%q auth=%s from=%q tz=%s store=%q limits=[per_sender_day=%d per_hour=%d max_bytes=%d] disclosure_years=%v",
		c.Mailbox.Host, c.Mailbox.Port, c.Mailbox.Security, c.Mailbox.Username, credential(c.Mailbox.Auth, c.Mailbox.PasswordFile, c.Mailbox.PasswordEnv, c.Mailbox.TokenFile, c.Mailbox.TokenCommand),
		c.Mailbox.Inbox, c.Mailbox.ProcessedFolder, c.Mailbox.ReviewFolder, sentCopy(c), c.Mailbox.PollInterval.Duration, c.Mailbox.IdleRecheck.Duration,
		c.SMTP.Host, c.SMTP.Port, c.SMTP.Security, c.SMTP.Username, credential(c.SMTP.Auth, c.SMTP.PasswordFile, c.SMTP.PasswordEnv, c.SMTP.TokenFile, c.SMTP.TokenCommand),
		c.Company.ReplyFrom, c.Company.Timezone, c.Store.Path,
		c.Limits.RepliesPerSenderPerDay, c.Limits.RepliesPerHour, c.Limits.MaxMessageBytes, years(c)) + oauth2Source(c)
}

// oauth2Source describes [oauth2] by the provider, client and the keys
// that name secret files, never what is in them; "" when no side uses it.
func oauth2Source(c *config.Config) string {
	if !c.UsesOAuth2() {
		return ""
	}
	o := c.OAuth2
	keys := []string{}
	for key := range o.SecretFiles() {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return fmt.Sprintf(" oauth2=[provider=%s mechanism=%s client_id=%q credentials=%v]", o.Provider, o.SASLMechanism(), o.ClientID, keys)
}

// sentCopy says where copies of replies go.
func sentCopy(c *config.Config) string {
	switch folder, find := c.SentCopy(); {
	case folder != "":
		return fmt.Sprintf("%q", folder)
	case find:
		return "SPECIAL-USE:\\Sent"
	}
	return "none"
}

// credential says how a side signs in and where its secret comes from,
// never the secret.
func credential(auth, passwordFile, passwordEnv, tokenFile, tokenCommand string) string {
	switch auth {
	case "oauth2":
		return "oauth2"
	case "xoauth2", "oauthbearer":
		if tokenFile != "" {
			return auth + ":file:" + tokenFile
		}
		return auth + ":command"
	}
	return secretSource(passwordFile, passwordEnv)
}

func secretSource(file, env string) string {
	switch {
	case file != "":
		return "file:" + file
	case env != "":
		return "env:" + env
	}
	return "none"
}

func years(c *config.Config) []int {
	var y []int
	for _, d := range c.Disclosure {
		y = append(y, d.Year)
	}
	return y
}
