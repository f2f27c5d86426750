package parse

import "strings"

// unflow joins the soft line breaks of format=flowed text (RFC 3676): a
// line ending in a space continues on the next line of the same quote
// depth. Space-stuffing is undone; with delSp the joining space is dropped.
// The signature separator "-- " is never joined.
func unflow(text string, delSp bool) string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	var cur strings.Builder
	curDepth, open := 0, false
	for _, line := range lines {
		depth, content := flowedLine(line)
		if open && depth != curDepth {
			out = append(out, cur.String())
			cur.Reset()
			open = false
		}
		if !open {
			cur.WriteString(strings.Repeat(">", depth))
			if depth > 0 {
				cur.WriteByte(' ')
			}
			curDepth = depth
		}
		soft := strings.HasSuffix(content, " ") && content != "-- "
		if soft && delSp {
			content = content[:len(content)-1]
		}
		cur.WriteString(content)
		open = soft
		if !soft {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	if open {
		out = append(out, cur.String())
	}
	return strings.Join(out, "\n")
}

// flowedLine returns a flowed line's quote depth and its content with
// quote marks and space-stuffing removed.
func flowedLine(line string) (int, string) {
	depth := 0
	for depth < len(line) && line[depth] == '>' {
		depth++
	}
	return depth, strings.TrimPrefix(line[depth:], " ")
}
