package plan

import (
	"encoding/json"
	"fmt"

	"github.com/mailproc/mailproc/mailproc/store"
)

// KeptLetter reads a letter as Letter kept it; false when its text is no
// longer kept.
func (d *Planner) KeptLetter(key string) (LetterContent, bool, error) {
	var raw []byte
	err := d.store.View(func(tx *store.Tx) error {
		var err error
		raw, err = tx.Raw(key)
		return err
	})
	if err != nil {
		return LetterContent{}, false, fmt.Errorf("read letter %s: %w", key, err)
	}
	var content LetterContent
	if raw == nil || json.Unmarshal(raw, &content) != nil {
		return LetterContent{}, false, nil
	}
	return content, true, nil
}
