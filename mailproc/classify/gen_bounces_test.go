package classify_test

import (
	"fmt"
	"strings"
)

// returnPath is the null return path a bounce is delivered with; half the
// variants lose it, as a message saved without its envelope does.
func (v variant) returnPath() []string {
	if v.n%2 == 0 {
		return []string{"Return-Path: <>"}
	}
	return nil
}

// bounceFormats are the delivery failure notices of the common MTAs.
func bounceFormats() []format {
	return []format{
		{"postfix", 4, func(v variant) mail {
			b := "A1B2C3D4E5." + fmt.Sprint(v.n)
			return mail{
				header: append(v.returnPath(),
					"Received: by "+v.host+" (Postfix) id "+b+"; "+v.date(),
					"Date: "+v.date(),
					"From: MAILER-DAEMON@"+v.host+" (Mail Delivery System)",
					"Subject: "+v.subjectOr("Undelivered Mail Returned to Sender"),
					"To: privacy@cooper.example",
					"Auto-Submitted: auto-replied",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=delivery-status; boundary="`+b+`/`+v.host+`"`,
					"Content-Transfer-Encoding: 8bit",
					"Message-Id: <20250306100000."+b+"@"+v.host+">"),
				body: multipart(b+"/"+v.host, []string{"This is a MIME-encapsulated message.", ""},
					part([]string{"Content-Description: Notification", "Content-Type: text/plain; charset=us-ascii"},
						"This is the mail system at host "+v.host+".", "",
						"I'm sorry to have to inform you that your message could not",
						"be delivered to one or more recipients. It's attached below.", "",
						"For further assistance, please send mail to postmaster.", "",
						"If you do so, please include this problem report. You can",
						"delete your own text from the attached returned message.", "",
						"                   The mail system", "",
						"<"+v.rcpt+">: host "+v.host+"[192.0.2.25] said: 550 5.1.1",
						"    <"+v.rcpt+">: Recipient address rejected: User unknown in virtual",
						"    mailbox table (in reply to RCPT TO command)"),
					v.status(v.host, "failed", "5.1.1", "550 5.1.1 <"+v.rcpt+">: Recipient address rejected"),
					v.returned(v.n%2 == 0)),
			}
		}},
		{"postfix-delayed", 2, func(v variant) mail {
			b := "F00D" + fmt.Sprint(v.n)
			return mail{
				header: append(v.returnPath(),
					"Date: "+v.date(),
					"From: MAILER-DAEMON@relay.cooper.example (Mail Delivery System)",
					"Subject: "+v.subjectOr("Delayed Mail (still being retried)"),
					"To: privacy@cooper.example",
					"Auto-Submitted: auto-replied",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=delivery-status; boundary="`+b+`"`,
					"Message-Id: <"+v.id+">"),
				body: multipart(b, []string{"This is a MIME-encapsulated message.", ""},
					part([]string{"Content-Description: Notification", "Content-Type: text/plain; charset=us-ascii"},
						"This is the mail system at host relay.cooper.example.", "",
						"####################################################################",
						"# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #",
						"####################################################################", "",
						"Your message could not be delivered for more than 4 hour(s).",
						"It will be retried until it is 5 day(s) old."),
					v.status("relay.cooper.example", "delayed", "4.4.1", "connect to "+v.host+"[192.0.2.25]:25: Connection timed out"),
					v.returned(false)),
			}
		}},
		{"sendmail", 4, func(v variant) mail {
			b := "j26A0sK0" + fmt.Sprint(v.n) + "." + v.host
			return mail{
				header: append(v.returnPath(),
					"Date: "+v.date(),
					"From: Mail Delivery Subsystem <MAILER-DAEMON@"+v.host+">",
					"Message-Id: <"+v.id+">",
					"To: <privacy@cooper.example>",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=delivery-status; boundary="`+b+`"`,
					"Subject: "+v.subjectOr("Returned mail: see transcript for details"),
					"Auto-Submitted: auto-generated (failure)"),
				body: multipart(b, []string{"This is a MIME-encapsulated message", ""},
					part(nil,
						"The original message was received at "+v.orig.at.Format("Mon, 2 Jan 2006 15:04:05 -0700"),
						"from mail.cooper.example [198.51.100.7]", "",
						"   ----- The following addresses had permanent fatal errors -----",
						"<"+v.rcpt+">",
						"    (reason: 550 5.1.1 <"+v.rcpt+">... User unknown)", "",
						"   ----- Transcript of session follows -----",
						"... while talking to "+v.host+".:",
						">>> DATA",
						"<<< 550 5.1.1 <"+v.rcpt+">... User unknown",
						"550 5.1.1 <"+v.rcpt+">... User unknown",
						"<<< 503 5.0.0 Need RCPT (recipient)"),
					v.status(v.host, "failed", "5.1.1", "550 5.1.1 <"+v.rcpt+">... User unknown"),
					v.returned(v.n != 1)),
			}
		}},
		{"sendmail-warning", 2, func(v variant) mail {
			b := "k2WARN" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"Date: " + v.date(),
					"From: Mail Delivery Subsystem <MAILER-DAEMON@" + v.host + ">",
					"Message-Id: <" + v.id + ">",
					"To: <privacy@cooper.example>",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=delivery-status; boundary="` + b + `"`,
					"Subject: " + v.subjectOr("Warning: could not send message for past 4 hours"),
					"Auto-Submitted: auto-generated (warning-timeout)",
				},
				body: multipart(b, []string{"This is a MIME-encapsulated message", ""},
					part(nil,
						"    **********************************************",
						"    **      THIS IS A WARNING MESSAGE ONLY      **",
						"    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **",
						"    **********************************************", "",
						"The original message was received at "+v.orig.at.Format("Mon, 2 Jan 2006 15:04:05 -0700"),
						"from mail.cooper.example [198.51.100.7]", "",
						"   ----- Transcript of session follows -----",
						"<"+v.rcpt+">... Deferred: Connection timed out with "+v.host+".",
						"Warning: message still undelivered after 4 hours",
						"Will keep trying until message is 5 days old"),
					v.status(v.host, "delayed", "4.4.1", "Connection timed out"),
					v.returned(false)),
			}
		}},
		{"exim", 4, func(v variant) mail {
			return mail{
				header: append(v.returnPath(),
					"Received: from Debian-exim by "+v.host+" with local (Exim 4.96)",
					"\tid 1tq5Kp-000"+fmt.Sprint(v.n)+"Ab-2c",
					"\tfor privacy@cooper.example; "+v.date(),
					"X-Failed-Recipients: "+v.rcpt,
					"Auto-Submitted: auto-replied",
					"From: Mail Delivery System <Mailer-Daemon@"+v.host+">",
					"To: privacy@cooper.example",
					"Content-Type: text/plain; charset=us-ascii",
					"Subject: "+v.subjectOr("Mail delivery failed: returning message to sender"),
					"Message-Id: <E1tq5Kp-000"+fmt.Sprint(v.n)+"Ab-2c@"+v.host+">",
					"Date: "+v.date()),
				body: append([]string{
					"This message was created automatically by mail delivery software.", "",
					"A message that you sent could not be delivered to one or more of its",
					"recipients. This is a permanent error. The following address(es) failed:", "",
					"  " + v.rcpt,
					"    host " + v.host + " [192.0.2.25]",
					"    SMTP error from remote mail server after RCPT TO:<" + v.rcpt + ">:",
					"    550 5.2.2 mailbox full", "",
					"------ This is a copy of the message, including all the headers. ------", "",
				}, v.inline()...),
			}
		}},
		{"exim-dsn", 2, func(v variant) mail {
			b := "1741255200-eximdsn-" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"X-Failed-Recipients: " + v.rcpt,
					"Auto-Submitted: auto-replied",
					"From: Mail Delivery System <Mailer-Daemon@" + v.host + ">",
					"To: privacy@cooper.example",
					`Content-Type: multipart/report; report-type=delivery-status; boundary=` + b,
					"MIME-Version: 1.0",
					"Subject: " + v.subjectOr("Mail delivery failed: returning message to sender"),
					"Message-Id: <" + v.id + ">",
					"Date: " + v.date(),
				},
				body: multipart(b, nil,
					part([]string{"Content-type: text/plain; charset=us-ascii"},
						"This message was created automatically by mail delivery software.", "",
						"A message that you sent could not be delivered to one or more of its",
						"recipients. This is a permanent error. The following address(es) failed:", "",
						"  "+v.rcpt, "    Unrouteable address"),
					v.status(v.host, "failed", "5.0.0", "Unrouteable address"),
					v.returned(true)),
			}
		}},
		{"qmail", 3, func(v variant) mail {
			return mail{
				header: append(v.returnPath(),
					"Date: "+v.at.Format("2 Jan 2006 15:04:05 -0000"),
					"From: MAILER-DAEMON@"+v.host,
					"To: privacy@cooper.example",
					"Subject: "+v.subjectOr("failure notice"),
					"Message-ID: <"+v.id+">"),
				body: append([]string{
					"Hi. This is the qmail-send program at " + v.host + ".",
					"I'm afraid I wasn't able to deliver your message to the following addresses.",
					"This is a permanent error; I've given up. Sorry it didn't work out.", "",
					"<" + v.rcpt + ">:",
					"Sorry, no mailbox here by that name. (#5.1.1)", "",
					"--- Below this line is a copy of the message.", "",
				}, v.inline()...),
			}
		}},
		{"exchange", 4, func(v variant) mail {
			b := "_000_ndr" + fmt.Sprint(v.n) + "_"
			return mail{
				header: []string{
					"From: postmaster@" + v.domain(),
					"To: <privacy@cooper.example>",
					"Date: " + v.date(),
					"Subject: " + v.subjectOr("Undeliverable: "+v.orig.subject),
					"Content-Type: multipart/report; report-type=delivery-status;",
					"\tboundary=\"" + b + "\"",
					"Content-Language: en-US",
					"Message-ID: <" + v.id + ">",
					"In-Reply-To: <" + v.orig.id + ">",
					"References: <" + v.orig.id + ">",
					"Thread-Topic: " + v.orig.subject,
					"X-MS-Exchange-Message-Is-Ndr:",
					"Auto-Submitted: auto-replied",
					"MIME-Version: 1.0",
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=\"us-ascii\"", "Content-Transfer-Encoding: quoted-printable"},
						"Delivery has failed to these recipients or groups:", "",
						v.rcpt+" ("+v.rcpt+")",
						"The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to re=",
						"send the message. If the problem continues, please contact your helpdesk.", "", "",
						"Diagnostic information for administrators:", "",
						"Generating server: "+strings.ToUpper(strings.Split(v.host, ".")[0])+"."+v.domain(), "",
						v.rcpt,
						"#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"),
					v.status(v.host, "failed", "5.1.1", "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"),
					v.returned(v.n%2 == 1)),
			}
		}},
		{"exchange2003", 2, func(v variant) mail {
			b := "----_=_NextPart_001_01C4" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: System Administrator <postmaster@" + v.domain() + ">",
					"To: Cooper Privacy <privacy@cooper.example>",
					"Subject: " + v.subjectOr("Undeliverable: "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					"X-MS-Embedded-Report: ",
					"X-MimeOLE: Produced By Microsoft Exchange V6.5",
					`Content-Type: multipart/mixed; boundary="` + b + `"`,
				},
				body: multipart(b, []string{"This message is in MIME format. Since your mail reader does not understand", "this format, some or all of this message may not be legible.", ""},
					part([]string{"Content-Type: text/plain; charset=\"iso-8859-1\""},
						"Your message", "",
						"  To:      "+v.rcpt,
						"  Subject: "+v.orig.subject,
						"  Sent:    "+v.orig.at.Format("Mon, 2 Jan 2006 15:04:05 -0700"), "",
						"did not reach the following recipient(s):", "",
						v.rcpt+" on "+v.at.Format("Mon, 2 Jan 2006 15:04:05 -0700"),
						"    The e-mail account does not exist at the organization this message was sent to.",
						"    <"+v.host+" #5.1.1 smtp;550 5.1.1 User unknown>"),
					v.returned(true)),
			}
		}},
		{"office365", 4, func(v variant) mail {
			b := "_004_ndr365_" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@" + strings.Split(v.domain(), ".")[0] + ".onmicrosoft.com>",
					"To: <privacy@cooper.example>",
					"Date: " + v.date(),
					"Content-Type: multipart/report; report-type=delivery-status;",
					"\tboundary=\"" + b + "\"",
					"X-MS-Exchange-Message-Is-Ndr:",
					"Content-Language: en-US",
					"Message-ID: <" + v.id + ">",
					"In-Reply-To: <" + v.orig.id + ">",
					"References: <" + v.orig.id + ">",
					"Subject: " + v.subjectOr("Undeliverable: "+v.orig.subject),
					"Auto-Submitted: auto-replied",
					"MIME-Version: 1.0",
				},
				body: multipart(b, nil,
					part([]string{`Content-Type: multipart/alternative; differences=Content-Type; boundary="_000_alt365_"`},
						multipart("_000_alt365_", nil,
							part([]string{"Content-Type: text/plain; charset=\"us-ascii\""},
								"Your message to "+v.rcpt+" couldn't be delivered.", "",
								v.local()+" wasn't found at "+v.domain()+".", "",
								"Action Required",
								"Unknown To address", "",
								"How to Fix It",
								"The address may be misspelled or may not exist.", "",
								"Diagnostic information for administrators:", "",
								"Generating server: "+strings.ToUpper(v.host), "",
								"Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'"),
							part([]string{"Content-Type: text/html; charset=\"us-ascii\""},
								"<html><body><p>Your message to <a href=\"mailto:"+v.rcpt+"\">"+v.rcpt+"</a> couldn't be delivered.</p>",
								"<p><b>"+v.local()+"</b> wasn't found at "+v.domain()+".</p></body></html>"))...),
					v.status(v.host, "failed", "5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound"),
					v.returned(false)),
			}
		}},
		{"outlook-com", 2, func(v variant) mail {
			b := "_outlookcom_" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: postmaster@outlook.com",
					"To: privacy@cooper.example",
					"Date: " + v.date(),
					"Subject: " + v.subjectOr("Undeliverable: "+v.orig.subject),
					`Content-Type: multipart/report; report-type=delivery-status; boundary="` + b + `"`,
					"X-MS-Exchange-Message-Is-Ndr:",
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=\"us-ascii\""},
						"Delivery has failed to these recipients or groups:", "",
						v.rcpt, "The recipient's mailbox is full and can't accept messages now."),
					v.status("outlook.com", "failed", "5.2.2", "554 5.2.2 mailbox full"),
					v.returned(false)),
			}
		}},
		{"gmail", 4, func(v variant) mail {
			b := "000000000000ab" + fmt.Sprint(v.n) + "0614c2"
			return mail{
				header: append(v.returnPath(),
					"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
					"To: privacy@cooper.example",
					"Auto-Submitted: auto-replied",
					"Subject: "+v.subjectOr("Delivery Status Notification (Failure)"),
					"References: <"+v.orig.id+">",
					"In-Reply-To: <"+v.orig.id+">",
					"X-Failed-Recipients: "+v.rcpt,
					"Message-ID: <"+v.id+">",
					"Date: "+v.date(),
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; boundary="`+b+`"; report-type=delivery-status`),
				body: multipart(b, nil,
					part([]string{`Content-Type: multipart/related; boundary="rel` + b + `"`},
						multipart("rel"+b, nil,
							part([]string{`Content-Type: multipart/alternative; boundary="alt` + b + `"`},
								multipart("alt"+b, nil,
									part([]string{`Content-Type: text/plain; charset="UTF-8"`},
										"", "** Address not found **", "",
										"Your message wasn't delivered to "+v.rcpt+" because the address couldn't be found, or is unable to receive mail.", "",
										"Learn more here: https://support.google.com/mail/?p=NoSuchUser", "",
										"The response was:", "",
										"550 5.1.1 The email account that you tried to reach does not exist."),
									part([]string{`Content-Type: text/html; charset="UTF-8"`},
										"<html><body><h1>Address not found</h1><p>Your message wasn't delivered to <b>"+v.rcpt+"</b> because the address couldn't be found.</p></body></html>"))...))...),
					v.status("googlemail.com", "failed", "5.1.1", "550-5.1.1 The email account that you tried to reach does not exist."),
					v.returned(false)),
			}
		}},
		{"gmail-legacy", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
					"To: privacy@cooper.example",
					"X-Failed-Recipients: " + v.rcpt,
					"Subject: " + v.subjectOr("Delivery Status Notification (Failure)"),
					"Message-ID: <" + v.id + ">",
					"Date: " + v.date(),
					"Content-Type: text/plain; charset=ISO-8859-1",
				},
				body: append([]string{
					"This is an automatically generated Delivery Status Notification", "",
					"THIS IS A WARNING MESSAGE ONLY.", "",
					"Delivery to the following recipient failed permanently:", "",
					"     " + v.rcpt, "",
					"Technical details of permanent failure:",
					"Google tried to deliver your message, but it was rejected by the recipient domain.", "",
					"----- Original message -----", "",
				}, v.inline()...),
			}
		}},
		{"yahoo", 3, func(v variant) mail {
			return mail{
				header: []string{
					"From: MAILER-DAEMON@yahoo.com",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Failure Notice"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=us-ascii",
				},
				body: append([]string{
					"Sorry, we were unable to deliver your message to the following address.", "",
					"<" + v.rcpt + ">:",
					"Remote host said: 554 delivery error: dd This user doesn't have a yahoo.com account (" + v.rcpt + ") [-5] - mta1003.mail.gq1.yahoo.com", "",
					"--- Below this line is a copy of the message.", "",
				}, v.inline()...),
			}
		}},
		{"amazon-ses-dsn", 3, func(v variant) mail {
			b := "----=_Part_SES_" + fmt.Sprint(v.n)
			return mail{
				header: append(v.returnPath(),
					"From: MAILER-DAEMON@amazonses.com",
					"To: privacy@cooper.example",
					"Subject: "+v.subjectOr("Delivery Status Notification (Failure)"),
					"Message-ID: <0100018f"+fmt.Sprintf("%x", v.at.Unix())+"-ses@email.amazonses.com>",
					"Date: "+v.date(),
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; boundary="`+b+`"; report-type=delivery-status`,
					"X-SES-Outgoing: 2025.03.06-54.240.8.33"),
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 7bit"},
						"An error occurred while trying to deliver the mail to the following recipients:",
						v.rcpt),
					v.status("a8-33.smtp-out.amazonses.com", "failed", "5.1.1", "550 5.1.1 user unknown"),
					v.returned(true)),
			}
		}},
		{"dragonfly", 3, func(v variant) mail {
			return mail{
				header: []string{
					"Received: from MAILER-DAEMON",
					"\tid e070f",
					"\tby " + v.host + " (DragonFly Mail Agent v0.13);",
					"\t" + v.date(),
					"X-Original-To: <privacy@cooper.example>",
					"From: MAILER-DAEMON <>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Mail delivery failed"),
					"Message-Id: <" + v.id + ">",
					"Date: " + v.date(),
				},
				body: append([]string{
					"This is the DragonFly Mail Agent v0.13 at " + v.host + ".", "",
					"There was an error delivering your mail to <" + v.rcpt + ">.", "",
					"email.example.jp [192.0.2.25] did not like our RCPT TO:",
					"552 5.2.2 <" + v.rcpt + ">: Recipient address rejected: Mailbox full", "",
					"Original message follows.", "",
				}, v.inline()...),
			}
		}},
		{"courier", 2, func(v variant) mail {
			b := "=_courier-" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: \"Courier mail server at " + v.host + "\" <@>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("NOTICE: mail delivery status."),
					"Mime-Version: 1.0",
					`Content-Type: multipart/report; report-type=delivery-status; boundary="` + b + `"`,
					"Content-Transfer-Encoding: 7bit",
					"Message-ID: <courier." + v.id + ">",
					"Date: " + v.date(),
				},
				body: multipart(b, []string{"This is a MIME-formatted message.  If you see this text it means that your", "E-mail software does not support MIME-formatted messages.", ""},
					part([]string{"Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit"},
						"This is a delivery status notification from "+v.host+",",
						"running the Courier mail server, version 1.1.", "",
						"The original message was received on "+v.orig.at.Format("Mon, 2 Jan 2006 15:04:05 -0700"),
						"from mail.cooper.example [198.51.100.7]", "",
						"---------------------------------------------------------------------------", "",
						"                           UNDELIVERABLE MAIL", "",
						"Your message to the following recipients cannot be delivered:", "",
						"<"+v.rcpt+">:",
						"    "+v.host+" [192.0.2.25]:",
						">>> RCPT TO:<"+v.rcpt+">",
						"<<< 550 5.1.1 <"+v.rcpt+">... User Unknown"),
					v.status(v.host, "failed", "5.0.0", "550 5.1.1 <"+v.rcpt+">... User Unknown"),
					v.returned(false)),
			}
		}},
		{"domino", 3, func(v variant) mail {
			b := "==IFJRGLKFGIR" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"Subject: " + v.subjectOr("DELIVERY FAILURE: User "+v.local()+" ("+v.rcpt+") not listed in Domino Directory"),
					"To: privacy@cooper.example",
					"From: Postmaster@" + v.domain(),
					"Date: " + v.date(),
					"Message-ID: <OF" + fmt.Sprint(v.n) + "ABC.DEF@" + v.domain() + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=delivery-status; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain"},
						"Your message", "",
						"  Subject: "+v.orig.subject, "",
						"was not delivered to:", "",
						"  "+v.rcpt, "",
						"because:", "",
						"  User "+v.local()+" ("+v.rcpt+") not listed in Domino Directory"),
					v.status(v.domain(), "failed", "5.0.0", "User not listed in Domino Directory"),
					v.returned(true)),
			}
		}},
		{"notes", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: Postmaster@" + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Undeliverable message"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=\"US-ASCII\"",
				},
				body: append([]string{
					"------- Failure Reasons  --------", "",
					"User not listed in public Name & Address Book",
					v.rcpt, "",
					"------- Returned Message --------",
				}, v.inline()...),
			}
		}},
	}
}
