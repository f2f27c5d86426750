package oauth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeToken writes token to path and sets its modification time.
func writeToken(t *testing.T, path, token string, mtime time.Time) {
	t.Helper()
	if err := os.WriteFile(path, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func TestFileReadsAgainWhenItChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token")
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	writeToken(t, path, "tok-aaa", start)
	src := FromFile(path)
	steps := []struct {
		name string
		edit func()
		want string
	}{
		{"first read", func() {}, "tok-aaa"},
		// Same size, inode and mtime: the file is not read again.
		{"unchanged metadata", func() { writeToken(t, path, "tok-bbb", start) }, "tok-aaa"},
		{"after Invalidate", src.Invalidate, "tok-bbb"},
		{"new mtime", func() { writeToken(t, path, "tok-ccc", start.Add(time.Second)) }, "tok-ccc"},
		{"replaced by rename", func() {
			tmp := path + ".new"
			writeToken(t, tmp, "tok-ddd", start.Add(time.Second))
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
		}, "tok-ddd"},
		{"JSON", func() {
			writeToken(t, path, `{"access_token":"tok-json","expires_in":3599}`, start.Add(2*time.Second))
		}, "tok-json"},
	}
	for _, step := range steps {
		step.edit()
		got, err := src.Token(t.Context())
		if err != nil || got != step.want {
			t.Errorf("%s: Token() = %q, %v, want %q, nil", step.name, got, err, step.want)
		}
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad")
	writeToken(t, bad, "SECRET-part two", time.Now())
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "missing"), "token file: stat"},
		{"unusable", bad, "token file " + bad + ": the token holds a space"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromFile(tt.path).Token(t.Context())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Token() error = %v, want one saying %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("Token() error = %q, shows the token", err)
			}
		})
	}
}
