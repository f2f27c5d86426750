package parse

import "strings"

// StripQuotes drops quoted replies and the signature from a text:
//   - lines starting with '>' (after optional spaces);
//   - an attribution line "On … wrote:" (or "Am … schrieb …:", "Le … a
//     écrit :", "El … escribió:", "Op … schreef …:"), also when wrapped
//     over two lines, and everything below it;
//   - "-----Original Message-----", or a line of 10 or more underscores
//     followed by a "From:" line (Outlook), and everything below;
//   - a signature separator line "--" or "-- " and everything below.
//
// A forwarded message ("---------- Forwarded message ---------", "Begin
// forwarded message:") is kept: a cut ends at the next such line.
func StripQuotes(text string) string {
	return stripQuotes(text, false)
}

// stripQuotes is StripQuotes; with forwarded set (the subject marks a
// forward) the Outlook separators start a forwarded message rather than a
// quoted one.
func stripQuotes(text string, forwarded bool) string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	cutting := false
	for i, line := range lines {
		switch {
		case startsForward(lines, i, forwarded):
			cutting = false
			out = append(out, strings.TrimRight(line, " \t"))
		case cutting || isQuoteLine(line):
		case startsCut(lines, i):
			cutting = true
		default:
			out = append(out, strings.TrimRight(line, " \t"))
		}
	}
	return strings.Trim(strings.Join(out, "\n"), "\n")
}

func startsForward(lines []string, i int, forwarded bool) bool {
	if isForwardMarker(lines[i]) {
		return true
	}
	return forwarded && (isOriginalMessage(lines[i]) || isOutlookSeparator(lines, i))
}

func startsCut(lines []string, i int) bool {
	return isSignature(lines[i]) || isAttribution(lines, i) ||
		isOriginalMessage(lines[i]) || isOutlookSeparator(lines, i)
}

func isQuoteLine(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), ">")
}

func isSignature(line string) bool {
	return strings.TrimRight(line, " \t") == "--"
}

// isForwardMarker reports a line that mail programs put above a
// forwarded message: "---------- Forwarded message ---------" and the like
// (dashes around), or "Begin forwarded message:" and the like.
func isForwardMarker(line string) bool {
	t := strings.TrimSpace(line)
	// Lower case keeps a leading "--" and a final ':', and makes neither.
	if !strings.HasPrefix(t, "--") && !strings.HasSuffix(t, ":") {
		return false
	}
	t = strings.ToLower(t)
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

// isOriginalMessage reports "-----Original Message-----" and its
// translations.
func isOriginalMessage(line string) bool {
	t := strings.TrimSpace(line)
	// Lower case keeps dashes and makes none: look before lowering.
	if !strings.HasPrefix(t, "--") || !strings.HasSuffix(t, "--") {
		return false
	}
	if t = strings.ToLower(t); len(t) > 80 {
		return false
	}
	switch strings.TrimSpace(strings.Trim(t, "-")) {
	case "original message", "ursprüngliche nachricht", "originalnachricht",
		"message d'origine", "mensaje original", "oorspronkelijk bericht":
		return true
	}
	return false
}

// isOutlookSeparator reports a line of 10 or more underscores followed
// (perhaps after one empty line) by a "From:" line.
func isOutlookSeparator(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	if len(t) < 10 || strings.Trim(t, "_") != "" {
		return false
	}
	for j := i + 1; j < len(lines) && j <= i+2; j++ {
		next := strings.TrimLeft(strings.TrimSpace(lines[j]), "*")
		if next == "" {
			continue
		}
		return hasFromLabel(next)
	}
	return false
}

func hasFromLabel(line string) bool {
	l := strings.ToLower(line)
	for _, p := range []string{"from:", "von:", "de:", "de :", "van:", "da:"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}
