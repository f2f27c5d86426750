package config

import (
	"fmt"
	"net"
	"net/mail"
	"os"
	"strings"
	"time"
)

// check returns every problem of a configuration.
func (l *Loaded) check() Problems {
	var p Problems
	add := func(key, format string, args ...any) {
		p = append(p, fmt.Sprintf("%s: %s", key, fmt.Sprintf(format, args...)))
	}
	c := &l.Config
	checkServer(add, "mailbox", c.Mailbox.Host, c.Mailbox.Port, c.Mailbox.Security, c.Mailbox.CAFile)
	checkServer(add, "smtp", c.SMTP.Host, c.SMTP.Port, c.SMTP.Security, c.SMTP.CAFile)
	if c.Mailbox.Username == "" {
		add("[mailbox] username", "required")
	}
	if checkAuth(add, "mailbox", c.Mailbox.Auth, c.Mailbox.TokenFile, c.Mailbox.TokenCommand) {
		checkSecret(add, "mailbox", c.Mailbox.PasswordFile, c.Mailbox.PasswordEnv, true)
	}
	if checkAuth(add, "smtp", c.SMTP.Auth, c.SMTP.TokenFile, c.SMTP.TokenCommand) {
		checkSecret(add, "smtp", c.SMTP.PasswordFile, c.SMTP.PasswordEnv, c.SMTP.Username != "")
	}
	p = append(p, c.checkOAuth2()...)
	checkFolders(add, c.Mailbox)
	if c.Mailbox.PollInterval.Duration < time.Second {
		add("[mailbox] poll_interval", "%q: at least 1s", c.Mailbox.PollInterval.Duration)
	}
	if r := c.Mailbox.IdleRecheck.Duration; r != 0 && r < time.Second {
		add("[mailbox] idle_recheck", "%q: 0s (never) or at least 1s", r)
	}
	checkCompany(add, c.Company)
	if c.Store.Path == "" {
		add("[store] path", "required")
	}
	if c.Store.RetentionMonths < MinRetentionMonths {
		add("[store] retention_months", "%d: at least %d (11 CCR § 7101)", c.Store.RetentionMonths, MinRetentionMonths)
	}
	if f := c.Store.IdentityKeyFile; f != "" {
		if b, err := os.ReadFile(f); err != nil || len(b) < 32 {
			add("[store] identity_key_file", "%q: must hold at least 32 bytes", f)
		}
	}
	checkLimits(add, c.Limits)
	if c.Coppa.TargetDays < 1 || c.Coppa.TargetDays > 365 {
		add("[coppa] target_days", "%d: between 1 and 365", c.Coppa.TargetDays)
	}
	checkDisclosures(add, c.Disclosure)
	if c.Templates.Dir != "" {
		if fi, err := os.Stat(c.Templates.Dir); err != nil || !fi.IsDir() {
			add("[templates] dir", "%q: not a directory", c.Templates.Dir)
		}
	}
	checkLog(add, c.Log)
	checkWeb(add, c.Web)
	checkControl(add, c.Control, c.Web.Listen)
	checkLetters(add, c.Letters, c.Company.PostalAddress)
	return p
}

func checkLetters(add adder, l Letters, postal []string) {
	if l.Paper != "letter" && l.Paper != "a4" {
		add("[letters] paper", "%q: must be \"letter\" (US Letter, #10 window envelope) or \"a4\" (A4, DL window envelope)", l.Paper)
	}
	if l.ScanDir != "" {
		if fi, err := os.Stat(l.ScanDir); err != nil || !fi.IsDir() {
			add("[letters] scan_dir", "%q: not a directory", l.ScanDir)
		}
	}
	if len(postal) > MaxPostalLines {
		add("[company] postal_address", "%d lines: at most %d", len(postal), MaxPostalLines)
	}
	for i, line := range postal {
		if strings.TrimSpace(line) == "" || strings.ContainsAny(line, "\r\n") {
			add("[company] postal_address", "line %d: must be one line of text", i+1)
		}
	}
}

func checkWeb(add adder, w Web) {
	if _, _, err := net.SplitHostPort(w.Listen); w.Listen != "" && err != nil {
		add("[web] listen", "%q: not host:port", w.Listen)
	}
	if w.Listen != "" && len(w.Users) == 0 {
		add("[web] users", "at least one user is required when [web] listen is set")
	}
	seen := map[string]bool{}
	for i, u := range w.Users {
		key := fmt.Sprintf("[[web.users]] #%d", i+1)
		if u.Name == "" {
			add(key+" name", "required")
		}
		if seen[u.Name] {
			add(key+" name", "%q: given twice", u.Name)
		}
		seen[u.Name] = true
		if !strings.HasPrefix(u.PasswordHash, "$2") {
			add(key+" password_hash", "not a bcrypt hash (make one with `mailproc passwd`)")
		}
	}
	if w.SessionKeyFile != "" {
		if b, err := os.ReadFile(w.SessionKeyFile); err != nil || len(b) < 32 {
			add("[web] session_key_file", "%q: must hold at least 32 bytes", w.SessionKeyFile)
		}
	}
	if w.IdleTimeout.Duration < time.Minute {
		add("[web] idle_timeout", "%q: at least 1m", w.IdleTimeout.Duration)
	}
	for _, p := range w.TrustedProxies {
		if _, err := parseProxy(p); err != nil {
			add("[web] trusted_proxies", "%q: not an IP address or CIDR prefix", p)
		}
	}
}

type adder func(key, format string, args ...any)

func checkServer(add adder, section, host string, port int, security, caFile string) {
	if host == "" {
		add("["+section+"] host", "required")
	}
	if port < 1 || port > 65535 {
		add("["+section+"] port", "%d: not a port", port)
	}
	switch security {
	case "tls", "starttls", "none":
	default:
		add("["+section+"] security", "%q: must be \"tls\", \"starttls\" or \"none\"", security)
	}
	if caFile != "" {
		if _, err := os.Stat(caFile); err != nil {
			add("["+section+"] ca_file", "%q: cannot be read", caFile)
		}
	}
}

// checkSecret checks where a password comes from. One that is not required
// (no SMTP AUTH) is not looked at: it is ignored, with a warning.
func checkSecret(add adder, section, file, env string, required bool) {
	switch {
	case !required:
	case file != "" && env != "":
		add("["+section+"] password_file", "give password_file or password_env, not both")
	case file != "":
		if _, err := os.Stat(file); err != nil {
			add("["+section+"] password_file", "%q: cannot be read", file)
		}
	case env != "":
		if _, ok := os.LookupEnv(env); !ok {
			add("["+section+"] password_env", "%q: not set in the environment", env)
		}
	case required:
		add("["+section+"] password_file", "required (or password_env)")
	}
}

// checkAuth checks the OAuth2 keys of a section and reports whether it
// authenticates with a password instead.
func checkAuth(add adder, section, auth, tokenFile, tokenCommand string) bool {
	switch auth {
	case "", "password":
		if tokenFile != "" || tokenCommand != "" {
			add("["+section+"] auth", "token_file or token_command is set: say auth = \"xoauth2\" or \"oauthbearer\"")
		}
		return true
	case "oauth2":
		if tokenFile != "" || tokenCommand != "" {
			add("["+section+"] token_file", "auth = \"oauth2\" gets its tokens as [oauth2] says: leave token_file and token_command out")
		}
		return false
	case "xoauth2", "oauthbearer":
		if (tokenFile == "") == (tokenCommand == "") {
			add("["+section+"] token_file", "give token_file or token_command (one of them) for auth = %q", auth)
		}
		return false
	}
	add("["+section+"] auth", "%q: must be \"password\", \"oauth2\", \"xoauth2\" or \"oauthbearer\"", auth)
	return true
}

func checkFolders(add adder, m Mailbox) {
	for key, name := range map[string]string{"inbox": m.Inbox, "processed_folder": m.ProcessedFolder, "review_folder": m.ReviewFolder} {
		if name == "" {
			add("[mailbox] "+key, "required")
		}
	}
	if m.ProcessedFolder != "" && m.ProcessedFolder == m.ReviewFolder {
		add("[mailbox] review_folder", "%q: must differ from processed_folder", m.ReviewFolder)
	}
	if m.Inbox == m.ProcessedFolder || m.Inbox == m.ReviewFolder {
		add("[mailbox] inbox", "%q: must differ from the processed and review folders", m.Inbox)
	}
}

func checkCompany(add adder, c Company) {
	if c.Name == "" {
		add("[company] name", "required")
	}
	if c.ReplyFrom == "" {
		add("[company] reply_from", "required")
	} else if _, err := mail.ParseAddress(c.ReplyFrom); err != nil {
		add("[company] reply_from", "%q: not an email address", c.ReplyFrom)
	}
	if _, err := time.LoadLocation(c.Timezone); err != nil || c.Timezone == "" {
		add("[company] timezone", "%q: not a time zone", c.Timezone)
	}
	for key, v := range map[string]string{"staff_address": c.StaffAddress, "compliance_address": c.ComplianceAddress} {
		if v == "" {
			continue
		}
		if _, err := mail.ParseAddress(v); err != nil {
			add("[company] "+key, "%q: not an email address", v)
		}
	}
}

func checkLimits(add adder, l Limits) {
	if l.RepliesPerSenderPerDay < 1 {
		add("[limits] replies_per_sender_per_day", "%d: at least 1", l.RepliesPerSenderPerDay)
	}
	if l.RepliesPerHour < 1 {
		add("[limits] replies_per_hour", "%d: at least 1", l.RepliesPerHour)
	}
	if l.MaxMessageBytes < 1024 {
		add("[limits] max_message_bytes", "%d: at least 1024", l.MaxMessageBytes)
	}
	if l.MessageTimeout.Duration < time.Second {
		add("[limits] message_timeout", "%s: at least 1s", l.MessageTimeout.Duration)
	}
}

func checkDisclosures(add adder, ds []Disclosure) {
	seen := map[int]bool{}
	for i, d := range ds {
		key := fmt.Sprintf("[[disclosure]] #%d", i+1)
		if d.Year < 1900 || d.Year > 9999 {
			add(key+" year", "%d: not a year", d.Year)
		}
		if seen[d.Year] {
			add(key+" year", "%d: given twice", d.Year)
		}
		seen[d.Year] = true
		for j, tp := range d.ThirdParties {
			tk := fmt.Sprintf("%s third_parties #%d", key, j+1)
			if tp.Name == "" {
				add(tk+" name", "required")
			}
			if tp.Address == "" {
				add(tk+" address", "required")
			}
		}
		if len(d.ThirdParties) > 0 && len(d.Categories) == 0 {
			add(key+" categories", "required when third_parties are given")
		}
	}
}

func checkLog(add adder, l Log) {
	switch l.Level {
	case "debug", "info", "warn", "error":
	default:
		add("[log] level", "%q: must be debug, info, warn or error", l.Level)
	}
	switch l.Format {
	case "text", "json":
	default:
		add("[log] format", "%q: must be text or json", l.Format)
	}
}

// loopback reports whether host names this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
