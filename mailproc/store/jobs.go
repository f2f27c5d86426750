package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// Job is the record of a scheduled task done once: a month's report, a
// day's digest.
type Job struct {
	State cases.JobState `json:"state"`
	At    time.Time      `json:"at"`
	Note  string         `json:"note,omitempty"`
}

// Job returns the record under key, and whether there is one.
func (t *Tx) Job(key string) (Job, bool) {
	v := t.bucket(bucketJobs).Get([]byte(key))
	if v == nil {
		return Job{}, false
	}
	var j Job
	if json.Unmarshal(v, &j) != nil {
		return Job{}, false
	}
	return j, true
}

// SetJob records the state of the job under key.
func (t *Tx) SetJob(key string, j Job) error {
	v, _ := json.Marshal(j)
	if err := t.bucket(bucketJobs).Put([]byte(key), v); err != nil {
		return fmt.Errorf("record job %s: %w", key, err)
	}
	return nil
}

// Forget removes a message key and Message-ID from the indexes (after
// erasure).
func (t *Tx) Forget(key, messageID string) error {
	if key != "" {
		if err := t.bucket(bucketMsgKeys).Delete(indexKey(key)); err != nil {
			return err
		}
	}
	if messageID != "" {
		return t.bucket(bucketThreads).Delete(indexKey(messageID))
	}
	return nil
}
