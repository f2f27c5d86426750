package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/control"
	"github.com/mailproc/mailproc/mailproc/store"
)

// runBackup is `mailproc backup FILE`: a consistent copy of the database,
// taken through the running daemon (or directly when none runs), checked by
// opening it.
func runBackup(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("backup")
	cfgPath := configFlag(fs)
	files, err := parseInterspersed(fs, args)
	if code, ok := flagResult(fs, err, stdout, stderr); !ok {
		return code
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, usageLine("backup"))
		return 2
	}
	keeper, closeFn, err := dataKeeper(*cfgPath, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc backup: %v\n", err)
		return 1
	}
	defer closeFn()
	n, err := backupTo(keeper, files[0])
	if err != nil {
		fmt.Fprintf(stderr, "mailproc backup: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d bytes, opened and checked\n", files[0], n)
	return 0
}

func backupTo(k control.DataKeeper, path string) (int64, error) {
	tmp := path + ".partial"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, err
	}
	n, err := k.Backup(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = checkBackup(tmp)
	}
	if err != nil {
		os.Remove(tmp)
		return 0, err
	}
	return n, os.Rename(tmp, path)
}

// checkBackup opens a copy as a database and reads its cases.
func checkBackup(path string) error {
	st, err := store.Open(path)
	if err != nil {
		return fmt.Errorf("the copy does not open: %w", err)
	}
	defer st.Close()
	return st.View(func(tx *store.Tx) error { return tx.ForEachCase(func(*cases.Case) error { return nil }) })
}

// exportFlags are the flags of `mailproc export`.
type exportFlags struct{ config, email *string }

func newExportFlags(fs *flag.FlagSet) *exportFlags {
	return &exportFlags{config: configFlag(fs), email: fs.String("email", "", "the requester's `ADDRESS`")}
}

// runExport is `mailproc export --email ADDRESS`: every case held about one
// requester, as JSON, for an access request.
func runExport(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("export")
	f := newExportFlags(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if *f.email == "" {
		fmt.Fprintln(stderr, usageLine("export"))
		return 2
	}
	cfgPath, email := f.config, f.email
	keeper, closeFn, err := dataKeeper(*cfgPath, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc export: %v\n", err)
		return 1
	}
	defer closeFn()
	cs, err := keeper.Export(*email)
	if err != nil {
		fmt.Fprintf(stderr, "mailproc export: %v\n", err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"email": *email, "cases": cs}); err != nil {
		return 1
	}
	return 0
}

// dataKeeper opens the service's data keeper.
func dataKeeper(cfgPath string, stderr io.Writer) (control.DataKeeper, func(), error) {
	svc, closeFn, err := openStaff(cfgPath, stderr)
	if err != nil {
		return nil, nil, err
	}
	k, err := part[control.DataKeeper](svc, "cannot give out its data")
	if err != nil {
		closeFn()
		return nil, nil, err
	}
	return k, closeFn, nil
}
