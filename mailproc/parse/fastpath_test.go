package parse

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The tests here hold the cheap checks that mapRunes, isForwardMarker,
// isOriginalMessage, isAttribution and collapseCells make before their real work to
// what they were without them (the reference functions below).

func refMapRunes(s string, oneLine bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '\r' {
			if i < len(s) && s[i] == '\n' {
				continue
			}
			r = '\n'
		}
		if oneLine && (r == '\n' || r == '\t') {
			r = ' '
		}
		if m, keep := mapRune(r); keep {
			b.WriteRune(m)
		}
	}
	return b.String()
}

func refCollapseCells(line string) string {
	cells := strings.Split(line, "\t")
	out := cells[:0]
	for _, c := range cells {
		if c = strings.Join(strings.Fields(c), " "); c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, "\t")
}

func refIsForwardMarker(line string) bool {
	t := strings.ToLower(strings.TrimSpace(line))
	if len(t) > 80 {
		return false
	}
	if strings.HasPrefix(t, "--") {
		switch strings.TrimSpace(strings.Trim(t, "-")) {
		case "forwarded message", "weitergeleitete nachricht", "message transféré",
			"mensaje reenviado", "doorgestuurd bericht":
			return true
		}
		return false
	}
	switch t {
	case "begin forwarded message:", "anfang der weitergeleiteten nachricht:",
		"début du message réexpédié :", "début du message réexpédié:",
		"inicio del mensaje reenviado:", "begin doorgestuurd bericht:":
		return true
	}
	return false
}

func refIsOriginalMessage(line string) bool {
	t := strings.ToLower(strings.TrimSpace(line))
	if !strings.HasPrefix(t, "--") || !strings.HasSuffix(t, "--") || len(t) > 80 {
		return false
	}
	switch strings.TrimSpace(strings.Trim(t, "-")) {
	case "original message", "ursprüngliche nachricht", "originalnachricht",
		"message d'origine", "mensaje original", "oorspronkelijk bericht":
		return true
	}
	return false
}

func refIsAttribution(lines []string, i int) bool {
	line := strings.TrimSpace(lines[i])
	if len(line) > maxAttribution {
		return false
	}
	lower := strings.ToLower(line)
	closes, opens := attributionCloses(lower)
	if !opens {
		return false
	}
	if closes {
		return hasDigit(lower)
	}
	if i+1 >= len(lines) {
		return false
	}
	joined := lower + " " + strings.ToLower(strings.TrimSpace(lines[i+1]))
	closes, _ = attributionCloses(joined)
	return closes && len(joined) <= maxAttribution && hasDigit(joined)
}

// fastPathLines are lines that the cheap checks must not misjudge: upper
// case, characters that lower case changes in length or makes ASCII
// (U+212A KELVIN SIGN, U+0130), controls and the markers themselves.
var fastPathLines = []string{
	"", " ", "--", "-- ", "ON Mon, 1 Jan 2025 JANE wrote:", "On 1 Jan", "2025 Jane wrote:", "AM 1. Jan 2025 SCHRIEB Jane:",
	"LE 1 janv. 2025, Jane A ÉCRIT :", "El 1 ene 2025, Jane ESCRIBIÓ:", "Op 1 jan 2025 SCHREEF Jane:", "\u212an 1 x wrote:",
	"\u0130n 1 wrote:", "O\u0301n 1 wrote:", "-----ORIGINAL MESSAGE-----", "---- Ursprüngliche Nachricht ----", "--\u212a--",
	"---------- FORWARDED MESSAGE ---------", "BEGIN FORWARDED MESSAGE:", "Début du message réexpédié :", "ab\r\ncd\re\x00f\x7f\u0080\u00a0\u200b\tg",
	"\u00adplain\u2011text\u2007", " a", "a ", "a  b", "a b", "a\tb", "a\u00a0b", "a\u0085b", "a\vb", "a\fb", "a\u3000b", strings.Repeat("-", 79) + "\u212a-", "  on 3 may wrote:  ", "\xff\xfe", "ascii only, nothing to map",
}

func TestFastPathsMatch(t *testing.T) {
	check := func(name string, lines []string) {
		for i, line := range lines {
			for _, oneLine := range []bool{false, true} {
				if got, want := mapRunes(line, oneLine), refMapRunes(line, oneLine); got != want {
					t.Errorf("%s: mapRunes(%q, %v) = %q, want %q", name, line, oneLine, got, want)
				}
			}
			if got, want := isForwardMarker(line), refIsForwardMarker(line); got != want {
				t.Errorf("%s: isForwardMarker(%q) = %v, want %v", name, line, got, want)
			}
			if got, want := collapseCells(line), refCollapseCells(line); got != want {
				t.Errorf("%s: collapseCells(%q) = %q, want %q", name, line, got, want)
			}
			if got, want := isOriginalMessage(line), refIsOriginalMessage(line); got != want {
				t.Errorf("%s: isOriginalMessage(%q) = %v, want %v", name, line, got, want)
			}
			if got, want := isAttribution(lines, i), refIsAttribution(lines, i); got != want {
				t.Errorf("%s: isAttribution(%q) = %v, want %v", name, line, got, want)
			}
		}
	}
	check("fastPathLines", fastPathLines)
	for name, raw := range previewSeeds(t) {
		s := decodeMixed(raw)
		check(name, strings.Split(s, "\n"))
		check(name+" (text)", strings.Split(Parse(raw, Limits{}).FullText, "\n"))
	}
}

func FuzzFastPaths(f *testing.F) {
	for _, line := range fastPathLines {
		f.Add(line, "2025 Jane wrote:")
	}
	f.Fuzz(func(t *testing.T, line, next string) {
		lines := []string{decodeMixedString(line), decodeMixedString(next)}
		for _, oneLine := range []bool{false, true} {
			if got, want := mapRunes(lines[0], oneLine), refMapRunes(lines[0], oneLine); got != want {
				t.Errorf("mapRunes(%q, %v) = %q, want %q", lines[0], oneLine, got, want)
			}
		}
		if got, want := isForwardMarker(line), refIsForwardMarker(line); got != want {
			t.Errorf("isForwardMarker(%q) = %v, want %v", line, got, want)
		}
		if got, want := collapseCells(line), refCollapseCells(line); got != want {
			t.Errorf("collapseCells(%q) = %q, want %q", line, got, want)
		}
		if got, want := isOriginalMessage(line), refIsOriginalMessage(line); got != want {
			t.Errorf("isOriginalMessage(%q) = %v, want %v", line, got, want)
		}
		if got, want := isAttribution(lines, 0), refIsAttribution(lines, 0); got != want {
			t.Errorf("isAttribution(%q) = %v, want %v", lines, got, want)
		}
	})
}
