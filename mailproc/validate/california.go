package validate

import (
	"regexp"
	"sort"
	"strings"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// The names of missing items (SPEC §3).
const (
	MissingName      = "name"
	MissingStreet    = "street"
	MissingCity      = "city"
	MissingState     = "state"
	MissingZIP       = "zip"
	MissingFirstLine = "first-line"
)

// California reads a california request's name and address from its text:
// labelled lines first (the first non-empty value of a field wins), then an
// unlabelled US address block or one-line address for what is still empty.
func California(text string) cases.Fields {
	lines := Lines(text)
	var a addressReader
	for i := range lines {
		a.readLabel(lines, i)
	}
	a.readBlock(lines)
	a.readProse(lines)
	return a.fields()
}

// Missing lists, sorted, what a california request still lacks.
func Missing(f cases.Fields, firstLine bool) []string {
	var m []string
	add := func(value, name string) {
		if value == "" {
			m = append(m, name)
		}
	}
	add(f.Name, MissingName)
	add(f.Street, MissingStreet)
	add(f.City, MissingCity)
	add(f.State, MissingState)
	add(f.ZIP, MissingZIP)
	if !firstLine {
		m = append(m, MissingFirstLine)
	}
	sort.Strings(m)
	return m
}

// addressReader gathers fields as lines are read.
type addressReader struct {
	f           cases.Fields
	street2     string
	first, last string
}

func (a *addressReader) fields() cases.Fields {
	f := a.f
	if f.Name == "" && a.first != "" && a.last != "" {
		f.Name = a.first + " " + a.last
	}
	if f.Street != "" && a.street2 != "" {
		f.Street += ", " + a.street2
	}
	return f
}

func set(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func (a *addressReader) setPlace(p place) {
	set(&a.f.City, p.City)
	set(&a.f.State, p.State)
	set(&a.f.ZIP, p.ZIP)
}

// readLabel reads line i when it is labelled. A label with nothing after it
// takes the next line when that line is not a label itself ("Name:" then
// "Jane Doe").
func (a *addressReader) readLabel(lines []string, i int) {
	f, v := labelled(lines[i], californiaLabels)
	if f == fieldNone {
		return
	}
	if v == "" && i+1 < len(lines) {
		if next, _ := labelled(lines[i+1], californiaLabels); next == fieldNone {
			v = cleanValue(lines[i+1])
		}
	}
	if v != "" {
		a.readField(f, v)
	}
}

func (a *addressReader) readField(f field, v string) {
	switch f {
	case fieldName:
		set(&a.f.Name, v)
	case fieldFirstName:
		set(&a.first, v)
	case fieldLastName:
		set(&a.last, v)
	case fieldCityState:
		a.readCityState(v)
	case fieldStreet:
		a.readStreet(v)
	case fieldStreet2:
		set(&a.street2, v)
	case fieldCity:
		if before, p, ok := splitPlace(v); ok && before == "" {
			a.setPlace(p)
			return
		}
		set(&a.f.City, strings.TrimRight(v, " ,"))
	case fieldState:
		a.readState(v)
	case fieldZIP:
		a.readZIP(v)
	case fieldCityStateZIP:
		if _, p, ok := splitPlace(v); ok {
			a.setPlace(p)
		}
	}
}

// readStreet takes a street line, or a whole one-line address.
func (a *addressReader) readStreet(v string) {
	if ol, ok := splitOneLine(v); ok {
		set(&a.f.Street, ol.Street)
		a.setPlace(ol.place)
		return
	}
	if before, p, ok := splitPlace(v); ok && before == "" {
		a.setPlace(p)
		return
	}
	set(&a.f.Street, v)
}

// readCityState takes "Fresno, CA" or "Fresno, CA 93704".
func (a *addressReader) readCityState(v string) {
	if before, p, ok := splitPlace(v); ok && before == "" {
		a.setPlace(p)
		return
	}
	city, state := splitLastComma(v)
	if code, ok := ParseState(state); ok && cityLike(city) {
		set(&a.f.City, city)
		set(&a.f.State, code)
	}
}

// readState takes "CA", "California", or "CA 94110".
func (a *addressReader) readState(v string) {
	if code, ok := ParseState(v); ok {
		set(&a.f.State, code)
		return
	}
	words := strings.Fields(v)
	if len(words) < 2 {
		return
	}
	zip, ok := ParseZIP(strings.TrimRight(words[len(words)-1], ".,"))
	if !ok {
		return
	}
	if code, ok := ParseState(strings.Join(words[:len(words)-1], " ")); ok {
		set(&a.f.State, code)
		set(&a.f.ZIP, zip)
	}
}

// readZIP takes "94110", "94110-1234", or "CA 94110".
func (a *addressReader) readZIP(v string) {
	v = strings.TrimRight(v, " .,;")
	if zip, ok := ParseZIP(v); ok {
		set(&a.f.ZIP, zip)
		return
	}
	a.readState(v)
}

// readBlock finds the first unlabelled address: a name line, one or two
// street lines and a "City, ST 12345" line, or a one-line address with the
// name above it.
func (a *addressReader) readBlock(lines []string) {
	for i, l := range lines {
		if l == "" || isLabel(l) {
			continue
		}
		if ol, ok := splitOneLine(l); ok {
			set(&a.f.Street, ol.Street)
			a.setPlace(ol.place)
			a.readBlockName(lines, i-1)
			return
		}
		if before, p, ok := splitPlace(l); ok && before == "" {
			j := a.readBlockStreet(lines, i-1)
			a.setPlace(p)
			a.readBlockName(lines, j)
			return
		}
	}
}

// readBlockStreet reads the street lines above a city line, from line i
// upwards, and returns the index of the line above them (where a name may
// stand). With no street line there, it returns i.
func (a *addressReader) readBlockStreet(lines []string, i int) int {
	var parts []string
	found := false
	j := i
	for ; j >= 0 && len(parts) < 3 && !found; j-- {
		l := lines[j]
		if f, v := labelled(l, californiaLabels); f == fieldStreet && v != "" {
			l, found = v, true
		} else if streetLike(l) {
			found = true
		} else if !unitLike(l) {
			break
		}
		parts = append([]string{l}, parts...)
	}
	if !found {
		return i
	}
	set(&a.f.Street, strings.Join(parts, ", "))
	return j
}

func (a *addressReader) readBlockName(lines []string, i int) {
	if i >= 0 && i < len(lines) && nameLike(lines[i]) && !isLabel(lines[i]) {
		set(&a.f.Name, lines[i])
	}
}

func isLabel(line string) bool {
	f, _ := labelled(line, californiaLabels)
	return f != fieldNone
}

var (
	myNameIs  = regexp.MustCompile(`\b[Mm]y (?:full |legal )?[Nn]ame is ([\p{Lu}][\p{L}'’.\-]+(?:[ ]+[\p{Lu}][\p{L}'’.\-]+){0,3})`)
	numberRun = regexp.MustCompile(`\b\d`)
)

// readProse fills what is still empty from sentences: "My name is Jane
// Doe", "I live at 12 Oak St, Fresno, CA 93704".
func (a *addressReader) readProse(lines []string) {
	for _, l := range lines {
		if a.f.Name == "" {
			if m := myNameIs.FindStringSubmatch(l); m != nil {
				a.f.Name = strings.TrimRight(m[1], ".")
			}
		}
		if a.f.Street != "" {
			continue
		}
		for _, loc := range numberRun.FindAllStringIndex(l, 4) {
			if ol, ok := splitOneLine(l[loc[0]:]); ok {
				set(&a.f.Street, ol.Street)
				a.setPlace(ol.place)
				break
			}
		}
	}
}
