package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteJSONAsEncoder holds the report's JSON, written a case at a
// time, to the bytes a json.Encoder indenting the whole report writes:
// with no cases (nil and empty), one, and the fixture month's.
func TestWriteJSONAsEncoder(t *testing.T) {
	march := marchReport(t)
	one := march
	one.Cases = march.Cases[:1]
	none, empty := march, march
	none.Cases, empty.Cases = nil, []Line{}
	noGroups := march
	noGroups.Groups, noGroups.Privacy = nil, nil
	for name, r := range map[string]Report{"march": march, "one case": one, "nil cases": none, "empty cases": empty, "no groups": noGroups} {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			if err := enc.Encode(r); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := r.WriteJSON(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("WriteJSON differs from json.Encoder:\ngot  %.300q\nwant %.300q", got.Bytes(), want.Bytes())
			}
		})
	}
}
