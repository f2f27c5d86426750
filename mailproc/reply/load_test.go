package reply

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/templates"
)

func TestEmbeddedTemplatesAreComplete(t *testing.T) {
	var want []string
	for _, name := range Names {
		want = append(want, string(name)+".html.tmpl", string(name)+".subject.tmpl", string(name)+".txt.tmpl")
	}
	got, err := fs.Glob(templates.FS, "*.tmpl")
	if err != nil {
		t.Fatalf("Glob: %v", err)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("embedded templates = %v, want %v", got, want)
	}
}

func TestLoadFallsBackToEmbedded(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "california-repeat.txt.tmpl", "Custom answer for case {{.CaseID}}.\n")
	custom, err := Load(dir)
	if err != nil {
		t.Fatalf("Load(%s) = %v", dir, err)
	}
	d := baseData(t)
	d.EarlierAnswer = d.Received.AddDate(0, -1, 0)
	want := renderOrFail(t, defaultSet(t), CaliforniaRepeat, d)
	got := renderOrFail(t, custom, CaliforniaRepeat, d)
	if got.Text != "Custom answer for case C-2025-0042.\n" {
		t.Errorf("overridden Text = %q, want the override", got.Text)
	}
	if got.Subject != want.Subject || got.HTML != want.HTML {
		t.Errorf("Subject/HTML not overridden = %q, want the embedded default", got.Subject)
	}
	other := renderOrFail(t, custom, CoppaReceived, coppaData(t))
	if def := renderOrFail(t, defaultSet(t), CoppaReceived, coppaData(t)); other != def {
		t.Errorf("Render(%s) from %s differs from the embedded default", CoppaReceived, dir)
	}
}

func TestLoadBrokenOverride(t *testing.T) {
	tests := []struct {
		name, file, src, want string
	}{
		{"text parse", "california-disclosure.txt.tmpl", "Hello {{.CaseID\n", "california-disclosure.txt.tmpl"},
		{"subject parse", "coppa-completed.subject.tmpl", "{{if .Subject}}\n", "coppa-completed.subject.tmpl"},
		{"html parse", "coppa-received.html.tmpl", "<p>{{range .Missing}}</p>", "coppa-received.html.tmpl"},
		{"unknown field", "california-incomplete.txt.tmpl", "{{.Requester}}\n", "can't evaluate field Requester"},
		{"unknown function", "california-repeat.html.tmpl", "<p>{{shout .Company}}</p>", `function "shout" not defined`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, tc.file, tc.src)
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.file) {
				t.Errorf("Load(%s with broken %s) = %v, want an error naming the file and %q", dir, tc.file, err, tc.want)
			}
		})
	}
}

func TestLoadMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "no-such-folder")
	if _, err := Load(dir); err == nil {
		t.Errorf("Load(%s) = nil error, want one for a missing folder", dir)
	}
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatalf("write %s: %v", name, err)
	}
}

func renderOrFail(t *testing.T, set *Set, name cases.Template, d Data) Rendered {
	t.Helper()
	r, err := set.Render(name, d)
	if err != nil {
		t.Fatalf("Render(%s) = %v", name, err)
	}
	return r
}
