package cases

// Attachment is what a case keeps of a file attached to its mail: its
// name, type and size, and where it is in the message, so that staff can
// download it from the mail server. The file itself is never copied into
// the database (SPEC §4): it is read from the mailbox when asked for.
type Attachment struct {
	Part     string `json:"part" cbor:"1,keyasint,omitempty"`               // the IMAP section: "2", "1.3"
	Name     string `json:"name,omitempty" cbor:"2,keyasint,omitempty"`     // as the sender named it
	Type     string `json:"type" cbor:"3,keyasint,omitempty"`               // as the sender labelled it: "image/jpeg"
	Size     int64  `json:"size" cbor:"4,keyasint,omitempty"`               // decoded bytes
	Encoding string `json:"encoding,omitempty" cbor:"5,keyasint,omitempty"` // Content-Transfer-Encoding: base64, quoted-printable, …
}
