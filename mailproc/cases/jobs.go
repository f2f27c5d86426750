package cases

// JobState is how far a scheduled job got: the store's record of a
// month's report, a day's digest or a day's erasure, each done once.
type JobState string

// The job states, each in jobStates.
const (
	JobSending JobState = "sending" // a notice's sending was begun, not yet confirmed
	JobSent    JobState = "sent"    // the SMTP server accepted the notice
	JobUnknown JobState = "unknown" // sending was begun and never confirmed: never sent again
	JobFailed  JobState = "failed"  // the SMTP server refused the notice for good
	JobRetry   JobState = "retry"   // a temporary failure: a later cycle tries again
	JobWritten JobState = "written" // the report was written and not mailed (no compliance address, or no case)
	JobSkipped JobState = "skipped" // nothing to send: no case due
	JobDone    JobState = "done"    // the day's erasure ran
)

// jobStates lists the job states.
var jobStates = []JobState{JobSending, JobSent, JobUnknown, JobFailed, JobRetry, JobWritten, JobSkipped, JobDone}

// JobStates lists every job state.
func JobStates() []JobState { return append([]JobState(nil), jobStates...) }

// Settled reports whether a job in this state is not tried again: every
// state but retry, and sending (the next try records it as unknown).
func (s JobState) Settled() bool { return s != JobRetry && s != JobSending }
