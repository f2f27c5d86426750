package control

import "fmt"

// Refuse makes the error for an action that does not fit a case:
// "approve C-2026-0001: refused: the case is done; reopen it first".
func Refuse(id, action, format string, args ...any) error {
	return fmt.Errorf("%s %s: %w: %s", action, id, ErrRefused, fmt.Sprintf(format, args...))
}
