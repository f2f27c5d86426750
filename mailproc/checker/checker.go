// Package checker decides messages read from files as the daemon would,
// alone: no history, no disclosure data, no rate limits, nothing sent
// (`mailproc check`, SPEC §6).
package checker

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
)

// Result is one message's decision as `check --json` prints it.
type Result struct {
	File     string            `json:"file"`
	Kind     cases.Kind        `json:"kind"`
	Action   decide.Action     `json:"action"`
	Template cases.Template    `json:"template"`
	Missing  []string          `json:"missing"`
	Reasons  []cases.Reason    `json:"reasons"`
	Law      string            `json:"law"`
	Rights   []string          `json:"rights"`
	Fields   map[string]string `json:"fields"`
	Detail   string            `json:"detail,omitempty"`
	Error    string            `json:"error,omitempty"`
}

// Checker decides files with a policy.
type Checker struct {
	Policy decide.Policy
	Limits parse.Limits
}

// File decides the message in one file. A file that cannot be read gives a
// Result with Error set and the review a message that cannot be read gets.
func (c Checker) File(path string) Result {
	raw, err := readLimited(path, c.Policy.MaxMessageBytes)
	if err != nil {
		return Result{File: filepath.Base(path), Kind: cases.Other, Action: decide.Review,
			Missing: []string{}, Reasons: []cases.Reason{cases.ReasonUnparseable}, Rights: []string{}, Fields: emptyFields(), Error: err.Error()}
	}
	size := int64(len(raw))
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	return c.Bytes(filepath.Base(path), raw, size)
}

// Bytes decides one message given as bytes; size is the whole message's.
func (c Checker) Bytes(name string, raw []byte, size int64) Result {
	m := parse.Parse(raw, c.Limits)
	d := decide.Decide(decide.Input{Msg: m, Size: size, Policy: c.Policy})
	return Result{
		File: name, Kind: d.Kind, Action: d.Action, Template: d.Template,
		Missing: d.Missing, Reasons: d.Reasons, Law: d.Law, Rights: d.Rights, Fields: fields(d), Detail: d.Detail,
	}
}

// readLimited reads a file, but no more than the header of one over the
// size limit (a too-large message is decided from its header alone).
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	if max <= 0 {
		return io.ReadAll(f)
	}
	raw, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(raw)) > max {
		return headerOnly(raw), nil
	}
	return raw, nil
}

func headerOnly(raw []byte) []byte {
	for _, sep := range []string{"\r\n\r\n", "\n\n"} {
		if i := bytes.Index(raw, []byte(sep)); i >= 0 {
			return raw[:i+len(sep)]
		}
	}
	return raw[:min(len(raw), 1<<20)]
}

func emptyFields() map[string]string {
	return map[string]string{"name": "", "street": "", "city": "", "state": "", "zip": ""}
}

func fields(d decide.Decision) map[string]string {
	f := map[string]string{"name": d.Fields.Name, "street": d.Fields.Street, "city": d.Fields.City, "state": d.Fields.State, "zip": d.Fields.ZIP}
	if d.Kind == cases.Coppa {
		for k, v := range map[string]string{"parent_name": d.Coppa.ParentName, "child_name": d.Coppa.ChildName, "child_email": d.Coppa.ChildEmail, "child_username": d.Coppa.ChildUsername} {
			f[k] = v
		}
	}
	return f
}

// WriteJSON prints one result a line.
func WriteJSON(w io.Writer, r Result) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// WriteText prints one result for people.
func WriteText(w io.Writer, r Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s", r.File, r.Kind, r.Action)
	if r.Template != "" {
		fmt.Fprintf(&b, " %s", r.Template)
	}
	if len(r.Reasons) > 0 {
		fmt.Fprintf(&b, " (%s)", cases.Join(r.Reasons, ", "))
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "; missing %s", strings.Join(r.Missing, ", "))
	}
	if r.Law != "" {
		fmt.Fprintf(&b, "; law %s, rights %s", r.Law, strings.Join(r.Rights, ", "))
	}
	if r.Error != "" {
		fmt.Fprintf(&b, "; error: %s", r.Error)
	}
	_, err := fmt.Fprintln(w, b.String())
	return err
}
