package report

// note is one footnote of the HTML report: the definition of a count.
type note struct {
	id   string
	term string
	text string
}

// notes define every figure of the report, in the order they are numbered.
// They say in words what define.go says in code.
func notes() []note {
	return []note{
		{"received", "Received",
			"A case belongs to the month when its time of receipt falls in the month in the company's time zone. For email the time of receipt is when our mail server received the message (its IMAP INTERNALDATE), not the Date the sender wrote; for a letter, the date staff recorded it as received. Each case is counted once, in the group of its kind: California, COPPA, Other privacy rights (the requests of note privacy), or Not a request / undecided (cases of kind other or automated: mail that came close to a request, or was sent by a machine, and went to staff review; and privacy mail staff found was not a request)."},
		{"channel", "Channel",
			"Email: the request came to the privacy mailbox. Letter: staff entered it from a letter. All: every channel together; it is the sum of the channel columns."},
		{"answered", "Answered",
			"The case's substantive answer (a disclosure, a repeat notice, or a COPPA completion notice) was accepted for delivery by our mail server, or, for a letter, posted: the answer's date is the day staff recorded as the day of posting. A letter printed but not yet posted is not answered. A privacy request is answered when staff close it as complied, partly complied or denied, on the day they close it. The acknowledgement of a COPPA or privacy request and the notice asking for missing details are not answers."},
		{"complied", "Complied with",
			"Answered, with the outcome disclosure (California: the categories of personal information shared and the third parties, or that none were shared), completed (COPPA: the parent's request was carried out), complied or partly complied (a privacy request, in whole or in part), or complied (staff answered in their own words and recorded that the request was met)."},
		{"denied", "Denied",
			"A California, COPPA or privacy case dismissed by staff, with the reason staff gave; a privacy request staff closed as denied, with its reason; one answered with the repeat notice (reason: repeat request, the requester was already answered this calendar year); or one staff answered in their own words and recorded as denied, with the reason they gave. Cases that are not requests are never counted as denied."},
		{"notcovered", "Not covered by the law",
			"Answered with an answer saying the law does not cover the request, for the reason recorded with it: not a California resident (Cal. Civ. Code § 1798.83 answers California residents), not a customer, or a request outside the law; or answered by staff in their own words and recorded as not covered. Such a request is neither complied with nor denied."},
		{"incomplete", "Incomplete, never completed",
			"A California case that was sent (or, for a letter, posted) the notice asking for missing details and, at the time of the report, was neither complied with nor answered as a repeat, whether it still awaits the requester or was dismissed since."},
		{"repeats", "Repeat requests",
			"Answered with the repeat notice: the same requester (the same email address, or the same name, street and ZIP code) had been answered earlier in the same calendar year."},
		{"reviewed", "Reviewed by staff",
			"The case was in staff review at some time: it is in review now, or one of its messages was sent to review, or a reply failed or its delivery was never confirmed, or a person (any actor but the daemon) acted on it, which includes every letter."},
		{"closed", "Dismissed; Done",
			"The case's state at the time of the report: dismissed (closed by staff without an answer), or done (a COPPA case whose completion notice was sent, or a privacy request staff closed as complied, partly complied or denied)."},
		{"open", "Still open",
			"At the time of the report, the case awaits the requester (awaiting-requester), staff review (review), or staff action (awaiting-staff): on a COPPA request, or posting a letter that answers a request by post. A case reopened after its answer is open and still counted as answered."},
		{"overdue", "Overdue",
			"Answered after its due date; or not answered, still open, and past its due date at the time of the report (a case reopened after a timely answer is not overdue). The due date of a California request is the end (23:59:59, company's time zone) of the 30th day counted from the day after receipt (Cal. Civ. Code § 1798.83(b)); of a COPPA request, the company's configured target, counted the same way; of a privacy request under a US state law, the 45th day counted the same way (11 CCR § 7021); under the GDPR, or when no law is named, the same day of the next month, or that month's last day when it has none (GDPR Art. 12(3)), at 23:59:59."},
		{"days", "Days to answer",
			"For answered cases only: the calendar days in the company's time zone from the date of receipt (day 0) to the date of the answer; an answer on the due date of a 30-day request counts 30. Mean: rounded to one decimal. Median: the middle value, or the mean of the two middle values when their number is even. 90th percentile: by nearest rank, the ⌈0.9 × n⌉-th smallest value. A dash means no case was answered."},
		{"within", "Answered within deadline",
			"Answered at or before the last second of the due date (answer time ≤ due time). Share: answered within deadline ÷ answered, shown to 0.1 %."},
		{"privacy", "Other privacy-rights requests",
			"Mail that asks to exercise a data-protection right over the writer's own personal data (or a client's): access (a copy, the right to know), deletion, correction, portability, restriction, objection, opt-out of sale or sharing, or withdrawal of consent, in English, Spanish, French, German, Italian, Dutch or Portuguese. Law: GDPR when it names a European law or article or speaks of a data subject; US state law when it names one (CCPA, CPRA, VCDPA and the others) or a US right (right to know, Do Not Sell); else none named. Each request counts once in its law's row All requests and once under each right it asks for, so the rights' rows can add up to more; Right unclear counts those whose right could not be read. Received, answered, in time (answered within deadline), overdue and days to answer are defined as for every request. A case staff closed as not a request counts as Not a request / undecided."},
		{"overlap", "Counting rules",
			"The counts overlap and are not meant to add up: a case can be incomplete and dismissed, or answered and open again. Every count can be recomputed from the case table alone: received is its number of rows; answered, the rows with an answer time; dismissed, done and still open follow from the state; the others are the rows with the matching mark. The CSV file carries one 1/0 column for each count."},
	}
}

// noteNumbers maps each note's id to its footnote number.
func noteNumbers() map[string]int {
	m := map[string]int{}
	for i, n := range notes() {
		m[n.id] = i + 1
	}
	return m
}
