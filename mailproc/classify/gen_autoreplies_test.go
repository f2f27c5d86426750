package classify_test

// responder is a vacation or out-of-office reply: the responder's own
// header fields, its subject (own is given the original's subject), and
// its text in a charset.
func responder(fields []string, own func(orig string) string, charset string, text ...string) func(v variant) mail {
	return func(v variant) mail {
		header := []string{
			"From: " + v.person() + " <" + v.rcpt + ">",
			"To: Cooper Privacy <privacy@cooper.example>",
			"Subject: " + encodedWord(charsetOrUTF8(charset), v.subjectOr(own(v.orig.subject))),
			"Date: " + v.date(),
			"Message-ID: <" + v.id + ">",
			"In-Reply-To: <" + v.orig.id + ">",
			"References: <" + v.orig.id + ">",
		}
		header = append(header, fields...)
		header = append(header, "MIME-Version: 1.0")
		switch charset {
		case "iso-2022-jp":
			header = append(header, "Content-Type: text/plain; charset=iso-2022-jp", "Content-Transfer-Encoding: 7bit")
			return mail{header: header, body: jis(text...)}
		case "":
			header = append(header, "Content-Type: text/plain; charset=us-ascii")
			return mail{header: header, body: text}
		}
		header = append(header, "Content-Type: text/plain; charset="+charset, "Content-Transfer-Encoding: quoted-printable")
		return mail{header: header, body: qp(charset, text...)}
	}
}

func charsetOrUTF8(c string) string {
	if c == "" {
		return "utf-8"
	}
	return c
}

func prefixed(p string) func(string) string { return func(orig string) string { return p + orig } }

func fixed(s string) func(string) string { return func(string) string { return s } }

var oooEnglish = []string{
	"Thank you for your email. I am currently out of the office with limited access to email",
	"and will return on Monday, March 10. For urgent matters please contact my colleague.",
	"", "Best regards,",
}

// autoReplyFormats are vacation and out-of-office replies of the common
// responders, in the languages they are configured in.
func autoReplyFormats() []format {
	return []format{
		{"sieve-vacation", 4, responder([]string{
			"Auto-Submitted: auto-replied (vacation)", "Precedence: bulk", "X-Sieve: Pigeonhole Sieve 0.5.21",
		}, prefixed("Auto: "), "utf-8", oooEnglish...)},
		{"exchange-oof", 4, responder([]string{
			"Thread-Topic: Automatic reply", "Auto-Submitted: auto-generated", "X-Auto-Response-Suppress: All",
			"Content-Language: en-US",
		}, prefixed("Automatic reply: "), "us-ascii", oooEnglish...)},
		{"exchange2003-oof", 2, responder(nil, prefixed("Out of Office AutoReply: "), "",
			"I will be out of the office starting 03/06/2025 and will not return until 03/10/2025.")},
		{"outlook-oof-de", 2, responder([]string{"Auto-Submitted: auto-generated", "X-Auto-Response-Suppress: All"},
			prefixed("Automatische Antwort: "), "iso-8859-1",
			"Vielen Dank für Ihre Nachricht. Ich bin bis zum 10. März nicht im Büro und habe keinen Zugriff auf meine E-Mails.")},
		{"lotus-oof-de", 1, responder(nil, prefixed("Abwesenheitsnotiz: "), "iso-8859-1",
			"Ich bin bis 10.03.2025 abwesend.", "", "Ich werde Ihre Nachricht nach meiner Rückkehr beantworten.")},
		{"outlook-oof-fr", 2, responder([]string{"Auto-Submitted: auto-generated"}, prefixed("Réponse automatique : "), "iso-8859-1",
			"Bonjour,", "", "Je suis absent du bureau jusqu'au 10 mars, avec un accès limité à ma messagerie.")},
		{"zimbra-fr", 1, responder([]string{"Auto-Submitted: auto-replied (zimbra; vacation)"}, fixed("Absence"), "utf-8",
			"Je suis actuellement absente et je lirai votre message à mon retour.")},
		{"outlook-oof-es", 2, responder([]string{"Auto-Submitted: auto-generated"}, prefixed("Respuesta automática: "), "iso-8859-1",
			"Gracias por su mensaje. Estoy fuera de la oficina hasta el 10 de marzo.")},
		{"oof-es-fuera", 1, responder(nil, prefixed("Fuera de la oficina: "), "utf-8",
			"Me encuentro fuera de la oficina hasta el lunes.")},
		{"outlook-oof-it", 1, responder([]string{"Auto-Submitted: auto-generated"}, prefixed("Risposta automatica: "), "iso-8859-1",
			"Grazie per il messaggio. Sono fuori ufficio fino al 10 marzo.")},
		{"outlook-oof-nl", 1, responder([]string{"Auto-Submitted: auto-generated"}, prefixed("Automatisch antwoord: "), "iso-8859-1",
			"Bedankt voor uw bericht. Ik ben afwezig tot en met 10 maart.")},
		{"outlook-oof-pt", 1, responder([]string{"Auto-Submitted: auto-generated"}, prefixed("Resposta automática: "), "iso-8859-1",
			"Obrigado pela sua mensagem. Estou fora do escritório até 10 de março.")},
		{"outlook-oof-ja", 2, responder([]string{"Auto-Submitted: auto-generated"}, prefixed("自動応答: "), "utf-8",
			"This is an automatic reply.")},
		{"oof-ja-jis", 2, responder(nil, prefixed("自動応答: "), "iso-2022-jp",
			"ただいま不在にしております。", "3月10日以降に順次ご返信いたします。")},
		{"gmail-vacation", 3, responder([]string{"Auto-Submitted: auto-replied"}, fixed("Out of office"), "utf-8",
			"Hi, I'm out of the office until March 10 and will reply when I'm back.")},
		{"zimbra-vacation", 2, responder([]string{"Auto-Submitted: auto-replied (zimbra; vacation)"}, prefixed("Re: "), "utf-8",
			"I am away from my desk until Monday.")},
		{"icloud-vacation", 3, responder([]string{"X-Apple-Action: VACATION"}, prefixed("Re: "), "utf-8",
			"I'm on vacation and will answer your email when I return.")},
		{"procmail-vacation", 2, responder([]string{"X-Loop: vacation@" + "example.net", "Precedence: junk"}, prefixed("Re: "), "",
			"I'm away until March 10th.")},
		{"mailru-autoreply", 1, responder([]string{"X-Mail-Autoreply: yes"}, prefixed("Re: "), "utf-8",
			"Автоматический ответ: я в отпуске до 10 марта.")},
		{"firstclass-autoreply", 1, responder([]string{"X-FC-MachineGenerated: true"}, prefixed("Re: "), "",
			"I am away from the office until March 10.")},
		{"autoreply-from", 1, responder([]string{"X-AutoReply-From: " + "helpdesk@example.org", "X-Mail-Autoreply: yes"}, prefixed("Re: "), "",
			"We have received your message and will answer it soon.")},
		{"autogenerated-reply", 1, responder([]string{"X-Autogenerated: Reply"}, prefixed("Re: "), "",
			"Thanks for writing. I will be back on March 10.")},
		{"x-autorespond", 1, responder([]string{"X-Autorespond: " + "yes"}, prefixed("Re: "), "",
			"Your message has been received.")},
		{"precedence-auto-reply", 1, responder([]string{"Precedence: auto_reply"}, prefixed("Re: "), "",
			"I am on leave until March 10.")},
		{"helpdesk-acknowledgement", 2, responder([]string{"Auto-Submitted: auto-generated", "Precedence: bulk", "X-Autoreply: yes"},
			prefixed("[Request received] "), "utf-8",
			"Your request has been received and is being reviewed by our support staff.", "",
			"This is an automated message. To add information to your request, reply to this email.")},
		{"bare-ooo", 3, responder(nil, prefixed("Re: "), "",
			"I am currently out of the office and will return on March 10.", "",
			"For urgent matters, please call the front desk.")},
	}
}
