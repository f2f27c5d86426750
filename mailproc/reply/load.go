package reply

import (
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"os"
	"path/filepath"
	texttemplate "text/template"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/templates"
)

// Set is a loaded set of the five reply templates. It is safe for concurrent
// use.
type Set struct {
	replies map[cases.Template]*replyTemplates
}

// replyTemplates are the three parts of one reply.
type replyTemplates struct {
	subject *texttemplate.Template
	text    *texttemplate.Template
	html    *htmltemplate.Template
}

// Load reads the five templates from dir; dir "" means the embedded defaults.
// A file missing from dir falls back to the embedded one. Every template must
// parse and render sample data, or Load fails naming the file.
func Load(dir string) (*Set, error) {
	if err := checkDir(dir); err != nil {
		return nil, fmt.Errorf("load templates: %w", err)
	}
	set := &Set{replies: make(map[cases.Template]*replyTemplates, len(Names))}
	for _, name := range Names {
		r, err := loadReply(dir, name)
		if err != nil {
			return nil, fmt.Errorf("load templates: %w", err)
		}
		set.replies[name] = r
	}
	if err := set.trySamples(); err != nil {
		return nil, fmt.Errorf("load templates: %w", err)
	}
	return set, nil
}

// checkDir makes sure a configured folder exists, so that a typo in the
// configuration does not silently mean "use the defaults".
func checkDir(dir string) error {
	if dir == "" {
		return nil
	}
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("template folder: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("template folder %s: not a directory", dir)
	}
	return nil
}

// loadReply parses the subject, text and HTML templates of one reply.
func loadReply(dir string, name cases.Template) (*replyTemplates, error) {
	subject, err := parseText(dir, string(name)+".subject.tmpl")
	if err != nil {
		return nil, err
	}
	text, err := parseText(dir, string(name)+".txt.tmpl")
	if err != nil {
		return nil, err
	}
	html, err := parseHTML(dir, string(name)+".html.tmpl")
	if err != nil {
		return nil, err
	}
	return &replyTemplates{subject: subject, text: text, html: html}, nil
}

// parseText parses one text/template file.
func parseText(dir, file string) (*texttemplate.Template, error) {
	src, origin, err := readTemplate(dir, file)
	if err != nil {
		return nil, err
	}
	t, err := texttemplate.New(file).Option("missingkey=error").Funcs(funcs()).Parse(src)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", origin, err)
	}
	return t, nil
}

// parseHTML parses one html/template file.
func parseHTML(dir, file string) (*htmltemplate.Template, error) {
	src, origin, err := readTemplate(dir, file)
	if err != nil {
		return nil, err
	}
	t, err := htmltemplate.New(file).Option("missingkey=error").Funcs(funcs()).Parse(src)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", origin, err)
	}
	return t, nil
}

// readTemplate returns a template's source from dir, or the embedded default
// when dir is "" or has no such file, and says where it came from.
func readTemplate(dir, file string) (src, origin string, err error) {
	if dir != "" {
		path := filepath.Join(dir, file)
		b, err := os.ReadFile(path)
		if err == nil {
			return string(b), path, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", path, fmt.Errorf("read template: %w", err)
		}
	}
	origin = "embedded " + file
	b, err := fs.ReadFile(templates.FS, file)
	if err != nil {
		return "", origin, fmt.Errorf("read %s: %w", origin, err)
	}
	return string(b), origin, nil
}
