package reply

import (
	"slices"
	"strings"
	"text/template/parse"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/classify"
)

// minSentenceWords is how long a fixed sentence must be to stand for our
// reply: short ones ("Sincerely,") are written by anyone.
const minSentenceWords = 8

// Sentences returns the fixed sentences of the text bodies of every reply
// of the set: the literal text between template actions, cut at sentence
// ends, white space folded, those of at least minSentenceWords words, each
// once. A machine that returns our reply inline (a bounce quoting it)
// carries them; a person rarely writes one by chance.
func (s *Set) Sentences() []string {
	var out []string
	for _, name := range Names {
		r := s.replies[name]
		if r == nil || r.text.Tree == nil {
			continue
		}
		for _, t := range literalTexts(r.text.Tree.Root) {
			for _, sentence := range splitSentences(t) {
				sentence = strings.TrimLeft(sentence, " ,;:.-")
				if len(strings.Fields(sentence)) >= minSentenceWords && !slices.Contains(out, sentence) {
					out = append(out, sentence)
				}
			}
		}
	}
	return out
}

// literalTexts returns the text nodes of a template tree, in every branch.
func literalTexts(n parse.Node) []string {
	switch n := n.(type) {
	case *parse.TextNode:
		return []string{string(n.Text)}
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		var out []string
		for _, c := range n.Nodes {
			out = append(out, literalTexts(c)...)
		}
		return out
	case *parse.IfNode:
		return branchTexts(&n.BranchNode)
	case *parse.RangeNode:
		return branchTexts(&n.BranchNode)
	case *parse.WithNode:
		return branchTexts(&n.BranchNode)
	}
	return nil
}

func branchTexts(b *parse.BranchNode) []string {
	return append(literalTexts(b.List), literalTexts(b.ElseList)...)
}

// splitSentences folds white space and cuts text after '.', '!', '?' or
// ':' followed by a space.
func splitSentences(text string) []string {
	words := strings.Fields(text)
	var out []string
	start := 0
	for i, w := range words {
		if strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?") || strings.HasSuffix(w, ":") {
			out = append(out, strings.Join(words[start:i+1], " "))
			start = i + 1
		}
	}
	if start < len(words) {
		out = append(out, strings.Join(words[start:], " "))
	}
	return out
}

// IsReplyID reports whether a Message-ID (without <>) has the shape of our
// replies' ("<case>.<template>[.<n>].<instance>@<domain>", see MessageID):
// one of the dot-separated parts of its left side after the first is the
// name of a reply template.
func IsReplyID(id string) bool {
	local, _, ok := strings.Cut(strings.Trim(strings.TrimSpace(id), "<>"), "@")
	if !ok {
		return false
	}
	parts := strings.Split(local, ".")
	for _, p := range parts[1:] {
		if slices.Contains(Names, cases.Template(p)) {
			return true
		}
	}
	return false
}

// Ours is what classify needs to know our replies by when machine mail
// returns them: their Message-ID shape and fixed sentences, and our own
// addresses.
func (s *Set) Ours(own []string) classify.Ours {
	return classify.NewOurs(IsReplyID, s.Sentences(), own)
}
