package smtpsink

import "slices"

// FailKind is a way for the next transactions to fail.
type FailKind int

// The failures FailNext can arrange.
const (
	// Fail4xx answers the end of the data with 451: not accepted, retry.
	Fail4xx FailKind = iota + 1
	// Fail5xx answers the end of the data with 554: refused for good.
	Fail5xx
	// FailRcpt4xx answers RCPT TO with 451.
	FailRcpt4xx
	// DropAfterData records the message, then closes the connection
	// without replying to the end of the data.
	DropAfterData
	// HangAfterData records the message and never replies to the end of
	// the data; the connection stays open until the client closes it.
	HangAfterData
	// Down closes the listener and all connections until Up: connections
	// are refused. Its count is ignored.
	Down
)

// String names k as in the Go source.
func (k FailKind) String() string {
	names := map[FailKind]string{
		Fail4xx: "Fail4xx", Fail5xx: "Fail5xx", FailRcpt4xx: "FailRcpt4xx",
		DropAfterData: "DropAfterData", HangAfterData: "HangAfterData", Down: "Down",
	}
	if name, ok := names[k]; ok {
		return name
	}
	return "FailKind(?)"
}

// FailNext makes the next count transactions fail as kind says, after any
// failures already queued. Down takes effect at once.
func (s *Sink) FailNext(kind FailKind, count int) {
	if kind == Down {
		s.down()
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for range count {
		s.failures = append(s.failures, kind)
	}
}

// takeFailure removes and returns the oldest queued failure when it is
// one of kinds, the ones that apply at the caller's point in the
// transaction.
func (s *Sink) takeFailure(kinds ...FailKind) (FailKind, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.failures) == 0 || !slices.Contains(kinds, s.failures[0]) {
		return 0, false
	}
	kind := s.failures[0]
	s.failures = s.failures[1:]
	return kind, true
}
