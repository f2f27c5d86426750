package classify_test

import (
	"fmt"
	"strings"
)

// exchangeNDR is Exchange's delivery failure in another language: the
// subject's prefix and the text's first sentence as that language's
// Exchange writes them.
func exchangeNDR(prefix, charset string, text ...string) func(v variant) mail {
	return func(v variant) mail {
		b := "_000_ndrl10n_" + fmt.Sprint(v.n)
		return mail{
			header: []string{
				"From: postmaster@" + v.domain(),
				"To: <privacy@cooper.example>",
				"Date: " + v.date(),
				"Subject: " + utf8Word(v.subjectOr(prefix+" "+v.orig.subject)),
				`Content-Type: multipart/report; report-type=delivery-status; boundary="` + b + `"`,
				"Message-ID: <" + v.id + ">",
				"X-MS-Exchange-Message-Is-Ndr:",
				"Auto-Submitted: auto-replied",
				"MIME-Version: 1.0",
			},
			body: multipart(b, nil,
				part([]string{"Content-Type: text/plain; charset=\"" + charset + "\"", "Content-Transfer-Encoding: quoted-printable"},
					qp(charset, append(text, "", v.rcpt)...)...),
				v.status(v.host, "failed", "5.1.1", "550 5.1.1 RESOLVER.ADR.RecipNotFound"),
				v.returned(false)),
		}
	}
}

// moreBounceFormats are the notices of other MTAs, appliances and
// providers, and Exchange in other languages.
func moreBounceFormats() []format {
	return []format{
		{"exchange-de", 2, exchangeNDR("Unzustellbar:", "iso-8859-1",
			"Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:",
			"Die eingegebene E-Mail-Adresse wurde nicht gefunden.")},
		{"exchange-fr", 2, exchangeNDR("Non remis :", "iso-8859-1",
			"La remise aux destinataires ou groupes suivants a échoué :",
			"L'adresse de messagerie que vous avez entrée est introuvable.")},
		{"exchange-es", 1, exchangeNDR("No se puede entregar:", "iso-8859-1",
			"Error en la entrega a estos destinatarios o grupos:",
			"No se encontró la dirección de correo electrónico que especificó.")},
		{"exchange-it", 1, exchangeNDR("Non recapitabile:", "iso-8859-1",
			"Recapito non riuscito per questi destinatari o gruppi:",
			"Impossibile trovare l'indirizzo di posta elettronica immesso.")},
		{"exchange-nl", 1, exchangeNDR("Onbestelbaar:", "iso-8859-1",
			"Bezorging aan deze geadresseerden of groepen is mislukt:",
			"Het ingevoerde e-mailadres is niet gevonden.")},
		{"gmx", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: \"Mail Delivery System\" <mailer-daemon@gmx.net>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Mail delivery failed: returning message to sender"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=utf-8",
					"Content-Transfer-Encoding: quoted-printable",
				},
				body: append(qp("utf-8",
					"This message was created automatically by mail delivery software.", "",
					"A message that you sent could not be delivered to one or more of",
					"its recipients. This is a permanent error. The following address",
					"failed:", "",
					"\""+v.rcpt+"\":", "",
					"SMTP error from remote server for RCPT TO command, host: "+v.host+" reason: 550 5.1.1 User unknown", "",
					"--- The header of the original message is following. ---", ""),
					v.orig.header()...),
			}
		}},
		{"einsundeins", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: Mail Delivery System <MAILER-DAEMON@kundenserver.example>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Mail delivery failed: returning message to sender"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=iso-8859-1",
					"Content-Transfer-Encoding: quoted-printable",
				},
				body: qp("iso-8859-1",
					"Diese Nachricht wurde automatisch vom Mailserver erzeugt.", "",
					"Die E-Mail konnte nicht an alle Empfänger zugestellt werden.", "",
					"This message was created automatically by mail delivery software.", "",
					"A message that you sent could not be delivered to one or more of",
					"its recipients. This is a permanent error. The following address(es)",
					"failed:", "",
					v.rcpt, "Mailbox quota exceeded"),
			}
		}},
		{"zoho", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: mailer-daemon@mail.zoho.com",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Undelivered Mail Returned to Sender"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=utf-8",
				},
				body: append([]string{
					"This message was created automatically by mail delivery software.",
					"A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.", "",
					v.rcpt + ", ERROR CODE :550 - Requested action not taken: mailbox unavailable", "",
					"Received: from mail.cooper.example by mx.zohomail.com",
				}, v.orig.header()...),
			}
		}},
		{"opensmtpd", 2, func(v variant) mail {
			b := v.id
			return mail{
				header: []string{
					"Received: from localhost (localhost [127.0.0.1])",
					"\tby " + v.host + " (OpenSMTPD) with ESMTPSA id 1a2b3c4d",
					"\tfor <privacy@cooper.example>;",
					"\t" + v.date(),
					"From: Mailer Daemon <MAILER-DAEMON@" + v.host + ">",
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Delivery status notification: error"),
					"MIME-Version: 1.0",
					`Content-Type: multipart/mixed; boundary="` + b + `"`,
				},
				body: multipart(b, []string{"This is a MIME-encapsulated message.", ""},
					part([]string{"Content-Description: Notification", "Content-Type: text/plain; charset=us-ascii"},
						"Hi!", "",
						"This is the MAILER-DAEMON, please DO NOT REPLY to this email.", "",
						"An error has occurred while attempting to deliver a message for",
						"the following list of recipients:", "",
						v.rcpt+": 550 Invalid recipient", "",
						"Below is a copy of the original message:"),
					v.returned(true)),
			}
		}},
		{"messagingserver", 2, func(v variant) mail {
			b := "Boundary_(ID_ms" + fmt.Sprint(v.n) + ")"
			return mail{
				header: []string{
					"Date: " + v.date(),
					"From: Internet Mail Delivery <postmaster@" + v.domain() + ">",
					"Subject: " + v.subjectOr("Delivery Notification: Delivery has failed"),
					"To: privacy@cooper.example",
					"Message-id: <" + v.id + ">",
					"MIME-version: 1.0",
					"Content-type: multipart/report; report-type=delivery-status; boundary=\"" + b + "\"",
				},
				body: multipart(b, nil,
					part([]string{"Content-type: text/plain; charset=us-ascii", "Content-language: en-US"},
						"This report relates to a message you sent with the following header fields:", "",
						"  Message-id: <"+v.orig.id+">",
						"  Date: "+v.orig.at.Format("Mon, 02 Jan 2006 15:04:05 -0700"),
						"  From: Cooper Privacy <privacy@cooper.example>",
						"  To: "+v.rcpt,
						"  Subject: "+v.orig.subject, "",
						"Your message cannot be delivered to the following recipients:", "",
						"  Recipient address: "+v.rcpt,
						"  Reason: Remote SMTP server has rejected address"),
					v.status(v.host, "failed", "5.1.1", "550 5.1.1 unknown or illegal alias"),
					v.returned(false)),
			}
		}},
		{"verizon", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: post_master@vtext.com",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Undeliverable Message"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=us-ascii",
				},
				body: []string{
					"Error: 550 - Requested action not taken: no such user here", "",
					"Message details:",
					"  Subject: " + v.orig.subject,
					"  Sent date: " + v.orig.at.Format("Mon Jan 2 15:04:05 MST 2006"),
					"  MAIL FROM: privacy@cooper.example",
					"  RCPT TO: 5551234567@vtext.com",
					"  From: Cooper Privacy <privacy@cooper.example>",
					"  To: 5551234567@vtext.com",
				},
			}
		}},
		{"apache-james", 2, func(v variant) mail {
			b := "----=_Part_james_" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"Date: " + v.date(),
					"From: postmaster@" + v.domain(),
					"To: privacy@cooper.example",
					"Message-ID: <" + fmt.Sprint(v.n) + "2345678.1.1741255200000.JavaMail.root@" + v.host + ">",
					"Subject: " + v.subjectOr("[BOUNCE]"),
					"MIME-Version: 1.0",
					`Content-Type: multipart/mixed; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit"},
						"Hi. This is the James mail server at "+v.host+".",
						"I'm afraid I wasn't able to deliver your message to the following addresses.",
						"This is a permanent error; I've given up. Sorry it didn't work out.  Below",
						"I include the list of recipients and the reason why I was unable to deliver",
						"your message.", "",
						"Failed recipient(s):",
						v.rcpt, "",
						"Error message:",
						"550 - Requested action not taken: no such user here", ""),
					v.returned(true)),
			}
		}},
		{"imailserver", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: Postmaster@" + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Undeliverable Mail "),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"X-Mailer: <SMTP32 v8.22>",
					"Content-Type: text/plain",
				},
				body: append([]string{
					"Unknown user: " + v.rcpt, "",
					"Original message follows.", "",
				}, v.inline()...),
			}
		}},
		{"mailfoundry", 1, func(v variant) mail {
			return mail{
				header: []string{
					"Received: From localhost (127.0.0.1) by smtp9.mf." + v.domain() + " (MAILFOUNDRY) id 1a2b3c;",
					"From: MAILER-DAEMON@smtp9.mf." + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Message delivery has failed"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain",
				},
				body: []string{
					"Unable to deliver message to: <" + v.rcpt + ">",
					"Delivery failed for the following reason:",
					"Server " + v.host + "[192.0.2.222] failed with: 550 <" + v.rcpt + "> No such user here", "",
					"This has been a permanent failure.  No further delivery attempts will be made.",
				},
			}
		}},
		{"mailmarshal", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: MailMarshal@" + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Undeliverable Mail: \""+v.orig.subject+"\""),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain",
				},
				body: []string{
					"Your message:",
					"   From:    Cooper Privacy <privacy@cooper.example>",
					"   Subject: " + v.orig.subject, "",
					"Could not be delivered because of", "",
					"550 5.1.1 User unknown", "",
					"The following recipients were affected: ",
					"    " + v.rcpt,
				},
			}
		}},
		{"messagelabs", 1, func(v variant) mail {
			return mail{
				header: []string{
					"From: Mail Delivery System <MAILER-DAEMON@messagelabs.com>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Mail Delivery Failure"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain",
				},
				body: []string{
					"This is an automatically generated message from the email service.", "",
					"Delivery to the following recipients failed:", "",
					"       " + v.rcpt,
				},
			}
		}},
		{"interscan", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: <postmaster@" + v.domain() + ">",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Mail could not be delivered"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=us-ascii",
				},
				body: []string{
					"****** Message from InterScan Messaging Security Suite ******", "",
					"Sent <<< RCPT TO:<" + v.rcpt + ">",
					"Received >>> 550 5.1.1 <" + v.rcpt + ">... user unknown", "",
					"Unable to deliver message to <" + v.rcpt + ">.", "",
					"************************ End of message **********************",
				},
			}
		}},
		{"activehunter", 1, func(v variant) mail {
			return mail{
				header: []string{
					"From: MAILER-DAEMON@" + v.host,
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("failure notice"),
					"X-AHMAILID: 20250306100000000123",
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
				},
				body: append([]string{
					"  ----- The following addresses had permanent fatal errors -----", "",
					">>> " + v.rcpt + " <" + v.rcpt + ">", "",
					"  ----- Transcript of session follows -----",
					"550 sorry, no mailbox here by that name (#5.1.1 - chkusr)", "",
					"Content-Type: message/rfc822", "",
				}, v.inline()...),
			}
		}},
		{"failure-delivery", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: MAILER-DAEMON@" + v.host,
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Delivery failure"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
				},
				body: append([]string{
					"Message from " + v.domain() + ".",
					"Unable to deliver message to the following address(es).", "",
					"<" + v.rcpt + ">:",
					"This user doesn't have a " + v.domain() + " account (" + v.rcpt + ") [0]", "",
					"--- Original message follows.", "",
				}, v.inline()...),
			}
		}},
		{"error-sending", 1, func(v variant) mail {
			return mail{
				header: []string{
					"From: \"Mail Delivery Service\" <noreply@" + v.domain() + ">",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("There was an error sending your mail"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
				},
				body: []string{
					"We had trouble delivering your message. Full details follow:", "",
					"Subject: '" + v.orig.subject + "'",
					"Date: '" + v.orig.at.Format("Mon, 2 Jan 2006 15:04:05 -0700") + "'", "",
					"1 error(s):", "",
					"SMTP Server <" + v.host + "> rejected recipient <" + v.rcpt + ">",
					"  (Error following RCPT command). It responded as follows: [550 5.1.1 User unknown]", "",
					"The attachment contains the original mail headers.",
				},
			}
		}},
		{"google-groups-reject", 2, func(v variant) mail {
			group := strings.Split(v.local(), ".")[0] + "-club"
			return mail{
				header: []string{
					"X-Failed-Recipients: " + group + "@googlegroups.com",
					"X-Google-Smtp-Source: AGHT+IFexampleexampleexample",
					"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Delivery Status Notification (Failure)"),
					"Message-ID: <" + v.id + ">",
					"Date: " + v.date(),
					"Content-Type: text/plain; charset=UTF-8",
				},
				body: []string{
					"Hello privacy@cooper.example,", "",
					"We're writing to let you know that the group you tried to contact (" + group + ") may not exist, or you may not have permission to post messages to the group. A few more details on why you weren't able to post:", "",
					" * You might have spelled or formatted the group name incorrectly.",
					" * The owner of the group may have removed this group.",
					" * You may need to join the group before receiving permission to post.",
					" * This group may not be open to posting.", "",
					"If you have questions related to this or any other Google Group, visit the Help Center at https://groups.google.com/support/.", "",
					"Thanks,", "", "Google Groups",
				},
			}
		}},
	}
}
