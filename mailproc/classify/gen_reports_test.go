package classify_test

import (
	"fmt"
	"strings"
	"time"
)

// arf is a feedback report (RFC 5965) part of the given type for the
// variant's original.
func (v variant) arf(feedbackType, agent string) []string {
	return part([]string{"Content-Type: message/feedback-report"},
		"Feedback-Type: "+feedbackType,
		"User-Agent: "+agent,
		"Version: 1",
		"Original-Mail-From: <privacy@cooper.example>",
		"Original-Rcpt-To: <"+v.rcpt+">",
		"Arrival-Date: "+v.orig.at.Format(time.RFC1123Z),
		"Source-IP: 198.51.100.7",
		"Reported-Domain: cooper.example")
}

// sesMail is the "mail" object of an Amazon SES notification.
func (v variant) sesMail() string {
	return fmt.Sprintf(`"mail":{"timestamp":"%s","source":"privacy@cooper.example","sourceArn":"arn:aws:ses:us-west-2:123456789012:identity/cooper.example","messageId":"0100018f%x-000000","destination":["%s"],"commonHeaders":{"from":["Cooper Privacy <privacy@cooper.example>"],"to":["%s"],"messageId":"%s","subject":"%s"}}`,
		v.orig.at.Format("2006-01-02T15:04:05.000Z"), v.at.Unix(), v.rcpt, v.rcpt, v.orig.id, v.orig.subject)
}

// sesBounce is the JSON of an Amazon SES bounce notification.
func (v variant) sesBounce() string {
	return fmt.Sprintf(`{"notificationType":"Bounce","bounce":{"feedbackId":"0100018f-%x-000000","bounceType":"Permanent","bounceSubType":"General","bouncedRecipients":[{"emailAddress":"%s","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],"timestamp":"%s","remoteMtaIp":"192.0.2.25","reportingMTA":"dsn; a8-33.smtp-out.amazonses.com"},%s}`,
		v.at.Unix(), v.rcpt, v.at.Format("2006-01-02T15:04:05.000Z"), v.sesMail())
}

// sesComplaint is the JSON of an Amazon SES complaint notification.
func (v variant) sesComplaint() string {
	return fmt.Sprintf(`{"notificationType":"Complaint","complaint":{"feedbackId":"0100018f-%x-000000","complaintSubType":null,"complainedRecipients":[{"emailAddress":"%s"}],"timestamp":"%s","userAgent":"Mozilla/5.0","complaintFeedbackType":"abuse","arrivalDate":"%s"},%s}`,
		v.at.Unix(), v.rcpt, v.at.Format("2006-01-02T15:04:05.000Z"), v.orig.at.Format("2006-01-02T15:04:05.000Z"), v.sesMail())
}

// reportFormats are feedback (complaint) reports, Amazon SES and SNS
// notifications, DMARC reports and read and delivery receipts.
func reportFormats() []format {
	return []format{
		{"arf-yahoo", 2, func(v variant) mail {
			b := "----=_Part_arf_" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: feedback@arf.mail.yahoo.com",
					"To: abuse@cooper.example",
					"Subject: " + v.subjectOr("FW: "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=feedback-report; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=\"US-ASCII\"", "Content-Transfer-Encoding: 7bit"},
						"This is an email abuse report for an email message received from IP 198.51.100.7 on "+v.orig.at.Format(time.RFC1123Z)+".",
						"For more information about this format please see http://www.mipassoc.org/arf/."),
					v.arf("abuse", "Yahoo!-Mail-Feedback/2.0"),
					v.returned(true)),
			}
		}},
		{"jmrp-hotmail", 3, func(v variant) mail {
			b := "boundary_jmrp_" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"X-HmXmrOriginalRecipient: <" + v.local() + "@hotmail.com>",
					"From: staff@hotmail.com",
					"To: abuse@cooper.example",
					"Subject: " + v.subjectOr("complaint about message from 198.51.100.7"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/mixed; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=\"us-ascii\""},
						"This is an email abuse report for an email message received from IP 198.51.100.7 on "+v.orig.at.Format(time.RFC1123Z)+".",
						"For more information about this format please see https://sendersupport.olc.protection.outlook.com/pm/."),
					v.returned(true)),
			}
		}},
		{"jmrp-arf-mixed", 2, func(v variant) mail {
			b := "fbl" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: staff@feedback.example-mail.com",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("complaint about message: "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/mixed; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=us-ascii"},
						"A recipient marked the attached message as junk."),
					v.arf("abuse", "ExampleFBL/1.0"),
					v.returned(true)),
			}
		}},
		{"arf-aol", 1, func(v variant) mail {
			b := "boundary-aol-" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: scomp@aol.net",
					"To: abuse@cooper.example",
					"Subject: " + v.subjectOr("Email Feedback Report for IP 198.51.100.7"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=feedback-report; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain"}, "This is an email abuse report for an email message received from IP 198.51.100.7."),
					v.arf("abuse", "AOL SComp"),
					v.returned(false)),
			}
		}},
		{"dmarc-aggregate", 2, func(v variant) mail {
			b := "000000000000dmarc" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: noreply-dmarc-support@google.com",
					"To: dmarc@cooper.example",
					"Subject: " + v.subjectOr("Report domain: cooper.example Submitter: google.com Report-ID: 1234567890"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/mixed; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=\"UTF-8\""}, "This is an aggregate report from google.com."),
					part([]string{"Content-Type: application/zip; name=\"google.com!cooper.example!1741219200!1741305599.zip\"", "Content-Disposition: attachment", "Content-Transfer-Encoding: base64"},
						"UEsDBBQAAAAIAAAAIQBzZWNyZXQ=")),
			}
		}},
		{"dmarc-failure", 1, func(v variant) mail {
			b := "dmarcf" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: opendmarc@" + v.host,
					"To: dmarc-forensic@cooper.example",
					"Subject: " + v.subjectOr("FW: "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=feedback-report; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain"}, "This is an authentication failure report for an email message received from IP 203.0.113.9."),
					v.arf("auth-failure", "OpenDMARC-Filter/1.4.2"),
					v.returned(false)),
			}
		}},
		{"ses-notification", 3, func(v variant) mail {
			return mail{
				header: []string{
					"Return-Path: <bounces+8812@notify.example-esp.com>",
					"From: Example ESP <no-reply@notify.example-esp.com>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Bounce notification"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					"Content-Type: text/plain; charset=utf-8",
				},
				body: []string{v.sesBounce()},
			}
		}},
		{"sns-json", 3, func(v variant) mail {
			inner := v.sesBounce()
			if v.n == 1 {
				inner = v.sesComplaint()
			}
			escaped := strings.ReplaceAll(inner, `"`, `\"`)
			return mail{
				header: []string{
					"From: AWS Notifications <no-reply@sns.amazonaws.com>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("AWS Notification Message"),
					"Date: " + v.date(),
					"Message-ID: <0100018f" + fmt.Sprintf("%x", v.at.Unix()) + "-sns@email.amazonses.com>",
					"MIME-Version: 1.0",
					"Content-Type: text/plain; charset=UTF-8",
					"x-amz-sns-message-id: 5d1f8a2b-0000-5c4d-8e1f-" + fmt.Sprintf("%012x", v.at.Unix()),
				},
				body: []string{
					"{",
					`  "Type" : "Notification",`,
					`  "MessageId" : "5d1f8a2b-0000-5c4d-8e1f-` + fmt.Sprintf("%012x", v.at.Unix()) + `",`,
					`  "TopicArn" : "arn:aws:sns:us-west-2:123456789012:ses-bounces",`,
					`  "Message" : "` + escaped + `",`,
					`  "Timestamp" : "` + v.at.Format("2006-01-02T15:04:05.000Z") + `",`,
					`  "SignatureVersion" : "1"`,
					"}", "",
					"--",
					"If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:",
					"https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:ses-bounces:1",
				},
			}
		}},
		{"ses-complaint-forward", 1, func(v variant) mail {
			b := "ses-fbl-" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: complaints@email-abuse.amazonses.com",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("complaint about message from 54.240.8.33"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/mixed; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain"}, "This is an email abuse report for an email message received from IP 54.240.8.33."),
					v.returned(true)),
			}
		}},
		{"mdn-thunderbird", 2, func(v variant) mail {
			b := "------------mdn" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: " + v.person() + " <" + v.rcpt + ">",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Return Receipt (displayed) - "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"References: <" + v.orig.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=disposition-notification; boundary="` + b + `"`,
				},
				body: multipart(b, []string{"This is a multi-part message in MIME format."},
					part([]string{"Content-Type: text/plain; charset=UTF-8"},
						"This is a Return Receipt for the mail that you sent to "+v.rcpt+".", "",
						"Note: This Return Receipt only acknowledges that the message was displayed on the recipient's computer."),
					part([]string{"Content-Type: message/disposition-notification; name=\"MDNPart2.txt\"", "Content-Disposition: inline"},
						"Reporting-UA: "+v.host+"; Thunderbird 128.0",
						"Final-Recipient: rfc822;"+v.rcpt,
						"Original-Message-ID: <"+v.orig.id+">",
						"Disposition: manual-action/MDN-sent-manually; displayed"),
					v.returned(false)),
			}
		}},
		{"read-receipt-outlook", 2, func(v variant) mail {
			b := "_mdnoutlook" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: " + v.rcpt,
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Read: "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: multipart/report; report-type=disposition-notification;",
					"\tboundary=\"" + b + "\"",
					"MIME-Version: 1.0",
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=\"us-ascii\""},
						"Your message", "",
						"To: "+v.rcpt,
						"Subject: "+v.orig.subject, "",
						"was read on "+v.at.Format("1/2/2006 3:04 PM")+"."),
					part([]string{"Content-Type: message/disposition-notification"},
						"Final-Recipient: RFC822; "+v.rcpt,
						"Disposition: automatic-action/MDN-sent-automatically; displayed",
						"X-MSExch-Correlation-Key: dGVzdA==",
						"Original-Message-ID: <"+v.orig.id+">")),
			}
		}},
		{"not-read-exchange", 1, func(v variant) mail {
			b := "_notread" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: " + v.rcpt,
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Not read: "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					`Content-Type: multipart/report; report-type=disposition-notification; boundary="` + b + `"`,
					"MIME-Version: 1.0",
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain"}, "Your message was deleted without being read on "+v.at.Format("1/2/2006 3:04 PM")+"."),
					part([]string{"Content-Type: message/disposition-notification"},
						"Final-Recipient: RFC822; "+v.rcpt,
						"Disposition: automatic-action/MDN-sent-automatically; deleted")),
			}
		}},
		{"delivery-receipt", 1, func(v variant) mail {
			b := "relayed" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"From: postmaster@" + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Delivered: "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					`Content-Type: multipart/report; report-type=delivery-status; boundary="` + b + `"`,
					"MIME-Version: 1.0",
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain"}, "Your message has been delivered to the following recipients:", "", v.rcpt),
					v.status(v.host, "delivered", "2.0.0", "250 2.0.0 OK"),
					v.returned(false)),
			}
		}},
		{"apple-unsubscribe", 1, func(v variant) mail {
			return mail{
				header: []string{
					"From: " + v.local() + "@icloud.com",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Unsubscribe"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"X-Apple-Unsubscribe: true",
					"Content-Type: text/plain; charset=us-ascii",
				},
				body: []string{"This person has asked to be unsubscribed from your mailing list."},
			}
		}},
	}
}
