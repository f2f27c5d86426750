package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
)

// letterArgs are the flags of `mailproc cases add`.
type letterArgs struct {
	config, as, channel, kind, received, scan, note *string
	firstLine, json                                 *bool
	fields, ret                                     map[string]*string
	coppa                                           map[string]*string
}

func newLetterArgs(fs *flag.FlagSet) *letterArgs {
	a := &letterArgs{
		config:    configFlag(fs),
		as:        fs.String("as", "", "who enters the letter, recorded in the case history with the OS user when it differs (default: the user running the command)"),
		channel:   fs.String("channel", "", "how the request came: letter (mail comes in by itself)"),
		kind:      fs.String("kind", "", "california or coppa"),
		received:  fs.String("received", "", "the day the letter arrived, `YYYY-MM-DD`"),
		scan:      fs.String("scan", "", "a scan of the letter: the name of its `FILE` in the scan folder ([letters] scan_dir; the case keeps name and SHA-256)"),
		note:      fs.String("note", "", "a note for the history"),
		firstLine: fs.Bool("first-line", false, `california: the letter's first line says "California Privacy Rights Request"`),
		json:      fs.Bool("json", false, "print the case as JSON"),
		fields:    map[string]*string{}, ret: map[string]*string{}, coppa: map[string]*string{},
	}
	for _, k := range []string{"name", "street", "city", "state", "zip"} {
		a.fields[k] = fs.String(k, "", "california: the requester's "+k+" as the letter gives it")
		a.ret[k] = fs.String("return-"+k, "", "the return address's "+k+" (coppa: required; california: when the letter lacks its own)")
	}
	for _, k := range []string{"parent", "child", "child-email", "child-username"} {
		a.coppa[k] = fs.String(k, "", "coppa: the "+strings.ReplaceAll(k, "-", "'s ")+" as the letter gives it")
	}
	return a
}

// runCasesAdd is `mailproc cases add --channel letter --kind K --received
// DATE ...`: a letter entered as a case, through the daemon or the database.
func runCasesAdd(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("cases add")
	a := newLetterArgs(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	l, err := a.letter()
	if err != nil {
		fmt.Fprintf(stderr, "mailproc cases add: %v\n", err)
		return 2
	}
	svc, closeFn, err := openStaff(*a.config, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc cases add: %v\n", err)
		return 1
	}
	defer closeFn()
	if err := addLetter(svc, l, *a.json, stdout); err != nil {
		fmt.Fprintf(stderr, "mailproc cases add: %v\n", err)
		return 1
	}
	return 0
}

// letter is the letter the flags describe.
func (a *letterArgs) letter() (control.Letter, error) {
	if *a.channel != cases.ChannelLetter {
		return control.Letter{}, fmt.Errorf("--channel %q: only letters are entered by hand (--channel letter); email comes in by itself", *a.channel)
	}
	day, err := time.Parse(time.DateOnly, *a.received)
	if err != nil {
		return control.Letter{}, fmt.Errorf("--received %q: give the day the letter arrived as YYYY-MM-DD", *a.received)
	}
	field := func(m map[string]*string) cases.Fields {
		return cases.Fields{Name: *m["name"], Street: *m["street"], City: *m["city"], State: *m["state"], ZIP: *m["zip"]}
	}
	return control.Letter{
		Act: control.Act{Actor: asName(*a.as), Note: *a.note}, Kind: cases.Kind(*a.kind), Received: day,
		Fields: field(a.fields), FirstLine: *a.firstLine, ReturnAddress: field(a.ret), Scan: *a.scan,
		Coppa: cases.CoppaFields{ParentName: *a.coppa["parent"], ChildName: *a.coppa["child"],
			ChildEmail: *a.coppa["child-email"], ChildUsername: *a.coppa["child-username"]},
	}, nil
}

func addLetter(svc control.Service, l control.Letter, asJSON bool, out io.Writer) error {
	desk, err := letterDesk(svc)
	if err != nil {
		return err
	}
	l.Actor = actor(svc, l.Actor)
	c, err := desk.AddLetter(l)
	if err != nil {
		return err
	}
	if asJSON {
		return json.NewEncoder(out).Encode(c)
	}
	return show(c, out)
}
