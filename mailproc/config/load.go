package config

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
)

// Problems is every error found in a configuration, each naming its key.
type Problems []string

// Error lists the problems one a line.
func (p Problems) Error() string { return strings.Join(p, "\n") }

// Loaded is a configuration read from a file, with what it warns about.
type Loaded struct {
	Config
	Path     string
	Warnings []string
}

// Load reads the file at path over the defaults and checks it. The error,
// when not nil, is Problems: every problem at once.
func Load(path string) (*Loaded, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a configuration from data; path names it in messages.
func Parse(path string, data []byte) (*Loaded, error) {
	l := &Loaded{Config: Default(), Path: path}
	md, err := toml.Decode(string(data), &l.Config)
	if err != nil {
		return nil, Problems{fmt.Sprintf("%s: %s", path, describeDecodeError(err))}
	}
	var p Problems
	for _, k := range md.Undecoded() {
		p = append(p, fmt.Sprintf("%s: unknown key", keyName(k)))
	}
	l.fillPorts(md)
	l.Mailbox.NoSentCopy = md.IsDefined("mailbox", "sent_folder") && l.Mailbox.SentFolder == ""
	p = append(p, l.check()...)
	l.Warnings = l.warnings(md)
	if len(p) > 0 {
		return l, p
	}
	return l, nil
}

func describeDecodeError(err error) string {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return err.Error()
}

// keyName writes a TOML key as messages name it: "[mailbox] host".
func keyName(k toml.Key) string {
	if len(k) < 2 {
		return k.String()
	}
	return fmt.Sprintf("[%s] %s", strings.Join(k[:len(k)-1], "."), k[len(k)-1])
}

// fillPorts gives ports their usual value when the file left them out.
func (l *Loaded) fillPorts(md toml.MetaData) {
	if !md.IsDefined("mailbox", "port") {
		l.Mailbox.Port = defaultPort(true, l.Mailbox.Security)
	}
	if !md.IsDefined("smtp", "port") {
		l.SMTP.Port = defaultPort(false, l.SMTP.Security)
	}
}
