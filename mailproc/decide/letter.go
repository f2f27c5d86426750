package decide

import "github.com/mailproc/mailproc/mailproc/cases"

// Letter decides a request staff entered from a letter, as Decide does a
// message once its headers have passed: a california request by its fields
// (Check: not-california, missing fields, zip-mismatch, the answer), a
// coppa request with the acknowledgement. WithHistory then adds repeats and
// disclosure data, across both channels.
func Letter(kind cases.Kind, f cases.Fields, firstLine bool, c cases.CoppaFields) Decision {
	if kind == cases.California {
		return Check(Decision{Kind: cases.California, Fields: f, FirstLine: firstLine, Request: true})
	}
	return Decision{Kind: cases.Coppa, Action: Reply, Template: CoppaReceived, Request: true, Coppa: c}.normal()
}
