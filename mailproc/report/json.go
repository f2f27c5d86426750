package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the report as one indented JSON object: Report as
// marshalled, with times in RFC 3339 in the company's zone and null for a
// value that has no data (a statistic of no answers, the answer of a case
// not answered). The bytes are those of a json.Encoder indenting by two
// spaces, but the cases are written one at a time: encoding the month
// whole held it twice in memory (1.6 MB of JSON for 2,350 cases, the
// daemon's largest allocation).
func (r Report) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if err := r.writeJSON(bw); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

// jsonField is one member of the report's object, in Report's order.
type jsonField struct {
	name  string
	value any
}

func (r Report) writeJSON(w *bufio.Writer) error {
	fields := []jsonField{
		{"company", r.Company}, {"month", r.Month}, {"time_zone", r.TimeZone},
		{"from", r.From}, {"until", r.Until}, {"as_of", r.AsOf},
		{"groups", r.Groups}, {"per_day", r.PerDay}, {"cases", r.Cases}, {"privacy", r.Privacy},
	}
	w.WriteString("{\n")
	for i, f := range fields {
		w.WriteString(`  "` + f.name + `": `)
		var err error
		if lines, ok := f.value.([]Line); ok {
			err = writeJSONCases(w, lines) // a case at a time
		} else {
			err = writeJSONValue(w, f.value, "  ")
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		if i < len(fields)-1 {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	_, err := w.WriteString("}\n")
	return err
}

// writeJSONCases writes the cases as an array, one case at a time.
func writeJSONCases(w *bufio.Writer, lines []Line) error {
	if len(lines) == 0 {
		return writeJSONValue(w, lines, "  ") // null or [], as the encoder writes them
	}
	w.WriteString("[\n")
	for i := range lines {
		w.WriteString("    ")
		if err := writeJSONValue(w, &lines[i], "    "); err != nil {
			return err
		}
		if i < len(lines)-1 {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	_, err := w.WriteString("  ]")
	return err
}

// writeJSONValue writes v indented by two spaces under prefix, as a member
// of an object or array at that depth.
func writeJSONValue(w *bufio.Writer, v any, prefix string) error {
	b, err := json.MarshalIndent(v, prefix, "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
