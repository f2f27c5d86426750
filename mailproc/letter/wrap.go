package letter

import "strings"

// wrap breaks one line of text into lines no wider than w, at spaces. A
// continuation keeps the line's indentation, and a list item's ("- ")
// continuation stands under the item's text. A word wider than w is cut.
func wrap(width func(string) float64, line string, w float64) []string {
	if width(line) <= w {
		return []string{line}
	}
	text := strings.TrimLeft(line, " ")
	indent := line[:len(line)-len(text)]
	hanging := indent
	if strings.HasPrefix(text, "- ") {
		hanging += "  "
	}
	if width(hanging) > w/2 {
		indent, hanging = "", ""
	}
	var out []string
	cur := indent
	for _, word := range strings.Fields(text) {
		switch {
		case strings.TrimSpace(cur) == "":
			cur += word
		case width(cur+" "+word) <= w:
			cur += " " + word
		default:
			out = append(out, cur)
			cur = hanging + word
		}
		for width(cur) > w && len([]rune(cur)) > len(hanging)+1 {
			head, rest := cut(width, cur, w, len(hanging)+1)
			out = append(out, head)
			cur = hanging + rest
		}
	}
	return append(out, cur)
}

// cut splits s where it grows wider than w: the longest head that fits
// (least runes at least), and the rest.
func cut(width func(string) float64, s string, w float64, least int) (string, string) {
	r := []rune(s)
	n := len(r) - 1
	for n > least && width(string(r[:n])) > w {
		n--
	}
	return string(r[:n]), string(r[n:])
}
