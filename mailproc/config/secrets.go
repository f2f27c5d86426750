package config

import (
	"fmt"
	"os"
	"strings"
)

// MailboxPassword reads the IMAP password from its file or environment
// variable. Errors name the file or variable, never the secret.
func (c *Config) MailboxPassword() (string, error) {
	return readSecret("mailbox", c.Mailbox.PasswordFile, c.Mailbox.PasswordEnv)
}

// SMTPPassword reads the SMTP password; "" when no AUTH is configured.
func (c *Config) SMTPPassword() (string, error) {
	if c.SMTP.Username == "" {
		return "", nil
	}
	return readSecret("smtp", c.SMTP.PasswordFile, c.SMTP.PasswordEnv)
}

func readSecret(section, file, env string) (string, error) {
	if env != "" {
		v, ok := os.LookupEnv(env)
		if !ok {
			return "", fmt.Errorf("[%s] password_env: %s is not set", section, env)
		}
		return v, nil
	}
	if file == "" {
		return "", fmt.Errorf("[%s] password_file: not configured", section)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("[%s] password_file: %w", section, err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}
