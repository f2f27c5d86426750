package config

import (
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
)

// statuteCategories are the categories of personal information listed in
// Cal. Civ. Code § 1798.83(e)(6).
var statuteCategories = []string{
	"name and address",
	"electronic mail address",
	"email address",
	"age or date of birth",
	"names of children",
	"electronic mail or other addresses of children",
	"number of children",
	"the age or gender of children",
	"height",
	"weight",
	"race",
	"religion",
	"occupation",
	"telephone number",
	"education",
	"political party affiliation",
	"medical condition",
	"drugs, therapies, or medical products or equipment used",
	"the kind of product the customer purchased, leased, or rented",
	"real property purchased, leased, or rented",
	"the kind of service provided",
	"social security number",
	"bank account number",
	"credit card number",
	"debit card number",
	"bank or investment account, debit card, or credit card balance",
	"payment history",
	"information pertaining to the customer's creditworthiness, assets, income, or liabilities",
}

// StatuteCategory reports whether a category is worded as in
// § 1798.83(e)(6) (case aside; a leading part of a listed category, such as
// "the kind of product the customer purchased", counts).
func StatuteCategory(c string) bool {
	c = strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(c, "’", "'"))), " ")
	c = strings.TrimSuffix(c, ".")
	for _, s := range statuteCategories {
		if c == s || (strings.HasPrefix(s, c) && len(c) >= 10 && (s[len(c)] == ',' || s[len(c)] == ' ')) {
			return true
		}
	}
	return false
}

// warnings returns what is allowed but probably wrong; md tells which
// tables the file has.
func (l *Loaded) warnings(md toml.MetaData) []string {
	var w []string
	for i, d := range l.Disclosure {
		for _, c := range d.Categories {
			if !StatuteCategory(c) {
				w = append(w, fmt.Sprintf("[[disclosure]] #%d (year %d) categories: %q is not worded as in Cal. Civ. Code § 1798.83(e)(6)", i+1, d.Year, c))
			}
		}
	}
	for key, file := range map[string]string{"[mailbox] password_file": l.Mailbox.PasswordFile, "[smtp] password_file": l.SMTP.PasswordFile, "[web] session_key_file": l.Web.SessionKeyFile} {
		if fi, err := os.Stat(file); file != "" && err == nil && fi.Mode().Perm()&0o077 != 0 {
			w = append(w, fmt.Sprintf("%s: %s is mode %04o: others can read the secret (chmod 600)", key, file, fi.Mode().Perm()))
		}
	}
	if l.SMTP.Username == "" && (l.SMTP.PasswordFile != "" || l.SMTP.PasswordEnv != "") {
		w = append(w, "[smtp] password_file, password_env: ignored: username is empty, so no SMTP AUTH is done")
	}
	w = append(w, l.oauth2Warnings()...)
	for section, s := range map[string][2]string{"mailbox": {l.Mailbox.Security, l.Mailbox.Host}, "smtp": {l.SMTP.Security, l.SMTP.Host}} {
		if s[0] == "none" && !loopback(s[1]) {
			w = append(w, fmt.Sprintf("[%s] security: \"none\" sends the password in plain text to %s", section, s[1]))
		}
	}
	w = append(w, webWarnings(l.Web)...)
	if md.IsDefined("letters") && len(l.Company.PostalAddress) == 0 {
		w = append(w, `[company] postal_address: empty while [letters] is set: printed answers tell the requester to "write to us at the address above" with only the company's name above it`)
	}
	return w
}

// webWarnings is what the console's settings allow but should not.
func webWarnings(web Web) []string {
	if web.Listen == "" || web.SecureCookiesOn() {
		return nil
	}
	host, _, err := net.SplitHostPort(web.Listen)
	if err != nil || loopback(host) {
		return nil
	}
	return []string{fmt.Sprintf("[web] secure_cookies: false while [web] listen %q is not loopback: session cookies may cross the network in plain text (put a TLS proxy in front and keep secure_cookies = true)", web.Listen)}
}
