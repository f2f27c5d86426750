package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/visible"
)

// staffFlags are the flags of the staff verbs; each verb declares those
// it takes (reviewVerbs).
type staffFlags struct {
	fs      *flag.FlagSet
	config  *string
	as      *string
	json    *bool
	state   *string
	kind    *string
	reason  *string
	overdue *bool
	note    *string
	message *string
	outcome *string // close, and a reply staff write
	tmpl    *string
	fields  map[string]*string
	out     *string
	reply   *int
	date    *string
	view    *string
	page    *int
	dryRun  *bool
	msgN    *int
	part    *string
}

// newStaffFlags declares --config and the staff flags of verb on fs; the
// flags a verb does not take keep their defaults.
func newStaffFlags(fs *flag.FlagSet, verb string) *staffFlags {
	v, _ := reviewVerbNamed(verb)
	declared := func(name string) bool { return slices.Contains(v.flags, name) }
	str := func(name, def string) *string {
		if declared(name) {
			return fs.String(name, def, staffFlagUsage(verb, name))
		}
		return &def
	}
	boolean := func(name string) *bool {
		if declared(name) {
			return fs.Bool(name, false, staffFlagUsage(verb, name))
		}
		return new(bool)
	}
	integer := func(name string, def int) *int {
		if declared(name) {
			return fs.Int(name, def, staffFlagUsage(verb, name))
		}
		return &def
	}
	f := &staffFlags{fs: fs, config: configFlag(fs),
		as: str("as", ""), json: boolean("json"), state: str("state", ""), kind: str("kind", ""), reason: str("reason", ""),
		overdue: boolean("overdue"), note: str("note", ""), message: str("message", ""), outcome: str("outcome", ""),
		tmpl: str("template", ""), fields: map[string]*string{}, out: str("out", ""), reply: integer("reply", 0),
		date: str("date", ""), view: str("view", "all"), page: integer("page", 1), dryRun: boolean("dry-run"),
		msgN: integer("message-number", 1), part: str("part", ""),
	}
	for _, k := range correctedFlags {
		f.fields[k] = str(k, "")
	}
	return f
}

// actor is who acts: the --as given, else the user running the command.
func asName(as string) string {
	if as != "" {
		return as
	}
	return currentUser()
}

func currentUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return os.Getenv("USER")
}

// runCases lists cases: `mailproc cases [filters]`, or enters a letter:
// `mailproc cases add --channel letter ...`.
func runCases(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "add" {
		return runCasesAdd(args[1:], stdout, stderr)
	}
	return runStaff("cases", "list", true, args, stdout, stderr)
}

// runReview is `mailproc review VERB [ID] [flags]` (reviewVerbs).
func runReview(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usageLine("review"))
		return 2
	}
	verb, args := args[0], args[1:]
	if _, ok := reviewVerbNamed(verb); !ok {
		fmt.Fprintf(stderr, "mailproc review: unknown verb %q\n%s\n", verb, usageLine("review"))
		return 2
	}
	return runStaff("review "+verb, verb, false, args, stdout, stderr)
}

// errUsage is a staff verb's answer to arguments it cannot use: the
// command prints its usage and exits 2.
var errUsage = errors.New("usage")

// runStaff parses the flags of a staff verb (the command form key), with
// the case ID before or after them, and does it; all lists every case,
// not only the open ones.
func runStaff(key, verb string, all bool, args []string, stdout, stderr io.Writer) int {
	f := newStaffFlags(newFlagSet(key), verb)
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	if code, ok := parseFlags(f.fs, args, stdout, stderr); !ok {
		return code
	}
	if id == "" && f.fs.NArg() > 0 {
		id = f.fs.Arg(0)
	}
	svc, closeFn, err := openStaff(*f.config, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc %s: %v\n", key, err)
		return 1
	}
	defer closeFn()
	err = doReview(svc, verb, id, all, f, stdout)
	if errors.Is(err, errUsage) {
		fmt.Fprintln(stderr, usageLine(key))
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "mailproc %s: %v\n", key, err)
		return 1
	}
	return 0
}

func doReview(svc control.Service, verb, id string, all bool, f *staffFlags, out io.Writer) error {
	switch verb {
	case "search":
		return search(svc, id, f, out)
	case "bulk":
		return bulk(svc, id, f, out)
	}
	if verb != "list" && id == "" {
		return fmt.Errorf("which case? give its ID")
	}
	act := control.Act{Actor: actor(svc, asName(*f.as)), Reason: *f.reason, Note: *f.note, Message: *f.message}
	var c *cases.Case
	var err error
	switch verb {
	case "list":
		return list(svc, f, all, out)
	case "show":
		c, err = svc.Get(id)
	case "advise":
		return advise(svc, id, out)
	case "attachment":
		return attachment(svc, id, f, out)
	case "preview":
		return preview(svc, id, f, out)
	case "approve":
		fields, ferr := f.corrected(svc, id)
		if ferr != nil {
			return ferr
		}
		c, err = svc.Approve(id, control.Approval{Act: act, Template: cases.Template(*f.tmpl), Fields: fields, Outcome: cases.Outcome(*f.outcome)})
	case "dismiss":
		c, err = svc.Dismiss(id, act)
	case "reclassify":
		c, err = svc.Reclassify(id, cases.Kind(*f.kind), act)
	case "done":
		c, err = svc.Done(id, act)
	case "reopen":
		c, err = svc.Reopen(id, act)
	case "close":
		c, err = svc.Close(id, control.Closing{Act: act, Outcome: cases.Outcome(*f.outcome)})
	case "print":
		return printLetter(svc, id, *f.reply, *f.out, out)
	case "posted":
		c, err = markPosted(svc, id, act, *f.date)
	default:
		return fmt.Errorf("unknown verb %q (%s)", verb, verbNames(", "))
	}
	if err != nil {
		return err
	}
	if *f.json {
		return json.NewEncoder(out).Encode(c)
	}
	return show(c, out)
}

// preview prints the reply a draft would send: the whole email as it
// would go out, or a letter's text (control characters shown as spaces).
func preview(svc control.Service, id string, f *staffFlags, out io.Writer) error {
	fields, err := f.corrected(svc, id)
	if err != nil {
		return err
	}
	p, err := svc.Preview(id, control.Draft{Template: cases.Template(*f.tmpl), Fields: fields, Message: *f.message, Outcome: cases.Outcome(*f.outcome), Reason: *f.reason})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "(reported as %s)\n", p.Reported)
	if p.Raw != "" {
		fmt.Fprintln(out, visible.Text(strings.ReplaceAll(p.Raw, "\r\n", "\n")))
		return nil
	}
	fmt.Fprintf(out, "To: %s\nSubject: %s\n\n%s\n", oneLine(p.To, 200), oneLine(p.Subject, 200), visible.Text(p.Text))
	return nil
}

// corrected returns the case's fields with those given on the command line
// replaced, or nil when none was given.
func (f *staffFlags) corrected(svc control.Service, id string) (*cases.Fields, error) {
	given := false
	for _, v := range f.fields {
		given = given || *v != ""
	}
	if !given {
		return nil, nil
	}
	c, err := svc.Get(id)
	if err != nil {
		return nil, fmt.Errorf("read the case's fields to correct them: %w", err)
	}
	fl := c.Fields
	for k, dst := range map[string]*string{"name": &fl.Name, "street": &fl.Street, "city": &fl.City, "state-code": &fl.State, "zip": &fl.ZIP} {
		if v := *f.fields[k]; v != "" {
			*dst = v
		}
	}
	return &fl, nil
}

func list(svc control.Service, f *staffFlags, all bool, out io.Writer) error {
	if r := *f.reason; r != "" && !slices.Contains(cases.Reasons(), cases.Reason(r)) {
		return fmt.Errorf("--reason %q: not a reason a case is with staff for; one of %s", r, cases.Join(cases.Reasons(), ", "))
	}
	filter := control.Filter{State: cases.State(*f.state), Kind: cases.Kind(*f.kind), Reason: cases.Reason(*f.reason), Overdue: *f.overdue}
	if !all && filter.State == "" {
		filter.Open = true
	}
	l, err := svc.List(filter)
	if err != nil {
		return err
	}
	if *f.json {
		return json.NewEncoder(out).Encode(l)
	}
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tKIND\tSTATE\tDUE\tREASONS\tSUBJECT")
	for _, s := range l {
		kind := string(s.Kind)
		if s.About != "" {
			kind = s.About // "GDPR access request, due 4 April"
		}
		due := s.Due.Format("2006-01-02")
		if s.Overdue {
			due += " OVERDUE"
		}
		state := string(s.State)
		if s.ToPost {
			state += " (letter to post)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, kind, state, due, cases.Join(s.Reasons, ","), oneLine(s.Subject, 60))
	}
	fmt.Fprintf(tw, "(%d cases)\n", len(l))
	return tw.Flush()
}

func show(c *cases.Case, out io.Writer) error {
	fmt.Fprintf(out, "Case %s  %s  %s", c.ID, c.Kind, c.State)
	if len(c.Reasons) > 0 {
		fmt.Fprintf(out, " (%s)", cases.Join(c.Reasons, ", "))
	}
	fmt.Fprintf(out, "\nRequester: %s\nReceived: %s   Due: %s\n", oneLine(c.Email, 200), c.Received.Format(time.RFC1123), c.Due.Format("2006-01-02"))
	showLetter(c, out)
	if c.Kind == cases.California {
		fmt.Fprintf(out, "Fields: name=%q street=%q city=%q state=%q zip=%q first-line=%v missing=%v\n",
			c.Fields.Name, c.Fields.Street, c.Fields.City, c.Fields.State, c.Fields.ZIP, c.FirstLine, c.Missing)
	}
	if c.Kind == cases.Privacy {
		fmt.Fprintf(out, "Request: %s (law %s, rights %s)\n", cases.PrivacyWords(c.Law, c.Rights), c.Law, strings.Join(c.Rights, ", "))
		fmt.Fprintf(out, "Staff verify who is asking, answer in the company's systems, then: mailproc review close %s --outcome %s\n", c.ID, cases.Join(cases.Closings, "|"))
	}
	if c.Outcome != "" {
		fmt.Fprintf(out, "Outcome: %s\n", oneLine(string(c.Outcome), 200))
	}
	if c.Kind == cases.Coppa {
		fmt.Fprintf(out, "Coppa: parent=%q child=%q email=%q username=%q\n", c.Coppa.ParentName, c.Coppa.ChildName, c.Coppa.ChildEmail, c.Coppa.ChildUsername)
	}
	for i, m := range c.Messages {
		fmt.Fprintf(out, "\n--- message %d: %s\nFrom: %s\nSubject: %s\nReceived: %s\n\n%s\n", i+1, m.MessageID, oneLine(m.From, 200), oneLine(m.Subject, 200), m.Received.Format(time.RFC1123), visible.Text(m.Text))
		for _, a := range m.Attachments {
			fmt.Fprintf(out, "Attachment (part %s): %s, %s, %d bytes\n", a.Part, oneLine(a.Name, 200), oneLine(a.Type, 100), a.Size)
		}
	}
	fmt.Fprintln(out, "\n--- replies")
	for _, r := range c.Replies {
		fmt.Fprintf(out, "%s  %s  to %s  by %s  %s\n", r.Template, r.State, oneLine(r.To, 200), oneLine(r.Actor, 100), r.SentAt.Format(time.RFC1123))
	}
	fmt.Fprintln(out, "\n--- history")
	for _, e := range c.History {
		fmt.Fprintf(out, "%s  %-8s %s  %s\n", e.At.Format("2006-01-02 15:04:05"), e.Actor, e.Action, oneLine(e.Detail, 200))
	}
	return nil
}

// showLetter says how a case that came by post is answered.
func showLetter(c *cases.Case, out io.Writer) {
	if !c.ByPost() {
		return
	}
	fmt.Fprintf(out, "Came by letter; answers go to: %s\n", oneLine(c.PostalAddress().OneLine(), 200))
	if c.Letter != nil && c.Letter.Scan != nil {
		s := c.Letter.Scan
		fmt.Fprintf(out, "Scan: %s (sha256 %s, %d bytes)\n", oneLine(s.Path, 200), s.SHA256, s.Bytes)
	}
	if r := c.LetterToPost(); r != nil {
		fmt.Fprintf(out, "Letter to post: %s (mailproc review print %s --out FILE.pdf; then mailproc review posted %s --date DAY)\n", r.Template, c.ID, c.ID)
	}
}

// oneLine makes text from a sender safe for one terminal line: hidden
// characters (escape sequences, bidi overrides) are written out as
// <U+XXXX> (visible.Text), line feeds and tabs become spaces, and the
// line is cut at max characters.
func oneLine(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, visible.Text(s))
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
