package letter

import (
	"slices"
	"testing"
)

// TestWrap measures one unit a rune, lines at most 10 wide.
func TestWrap(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) }
	tests := []struct {
		name, line string
		want       []string
	}{
		{"fits", "short line", []string{"short line"}},
		{"empty", "", []string{""}},
		{"breaks at spaces", "one two three four", []string{"one two", "three four"}},
		{"keeps indent", "  aaa bbb ccc", []string{"  aaa bbb", "  ccc"}},
		{"list item hangs", "  - aaa bbb ccc", []string{"  - aaa", "    bbb", "    ccc"}},
		{"cuts a long word", "abcdefghijklmnop", []string{"abcdefghij", "klmnop"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrap(width, tt.line, 10); !slices.Equal(got, tt.want) {
				t.Errorf("wrap(%q, 10) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}
