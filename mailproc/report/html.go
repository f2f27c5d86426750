package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
)

//go:embed templates/report.html templates/report.css
var templateFiles embed.FS

// WriteHTML writes the report as one self-contained HTML page: inline CSS
// and inline SVG charts, nothing fetched, laid out to print on A4 and
// Letter. Every text that came from a case is escaped.
func (r Report) WriteHTML(w io.Writer) error {
	t, err := parseTemplate()
	if err != nil {
		return err
	}
	if err := t.ExecuteTemplate(w, "report.html", r.page()); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// chartView is a chart with the legend of its colours.
type chartView struct {
	Chart  chart
	Legend []legendItem
}

// parseTemplate parses the page and its style sheet.
func parseTemplate() (*template.Template, error) {
	css, err := templateFiles.ReadFile("templates/report.css")
	if err != nil {
		return nil, fmt.Errorf("read report style: %w", err)
	}
	funcs := template.FuncMap{
		"num": func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
		"chartWith": func(c chart, legend []legendItem) chartView {
			return chartView{Chart: c, Legend: legend}
		},
		// style is our own style sheet, read from the binary: trusted.
		"style": func() template.CSS { return template.CSS(css) },
	}
	t, err := template.New("report").Funcs(funcs).ParseFS(templateFiles, "templates/report.html")
	if err != nil {
		return nil, fmt.Errorf("parse report template: %w", err)
	}
	return t, nil
}
