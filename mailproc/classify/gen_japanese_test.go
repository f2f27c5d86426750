package classify_test

import (
	"fmt"
)

// japaneseFormats are the notices of Japanese carriers, providers and
// gateways, many in ISO-2022-JP.
func japaneseFormats() []format {
	return []format{
		{"kddi-au", 3, func(v variant) mail {
			b := "au-" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"Received: from ezweb.ne.jp (wmflb12na02.ezweb.ne.jp [222.15.69.197])",
					"From: no-reply@app.auone-net.jp",
					"Reply-To: no-reply@app.auone-net.jp",
					"To: privacy@cooper.example",
					"Subject: " + encodedWord("iso-2022-jp", v.subjectOr("メール送信エラー")),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/mixed; boundary="` + b + `"`,
				},
				body: multipart(b, nil,
					part([]string{"Content-Type: text/plain; charset=\"iso-2022-jp\"", "Content-Transfer-Encoding: 7bit"},
						jis(
							"Your mail sent on: "+v.orig.at.Format("Mon, 2 Jan 2006 15:04:05 -0700"),
							"     Could not be delivered to: <"+v.rcpt+">",
							"     As their mailbox is full.", "",
							"お客様が送信されたメールは、宛先のメールボックスが一杯のため配信できませんでした。")...),
					v.returned(true)),
			}
		}},
		{"ezweb", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: <Postmaster@ezweb.ne.jp>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Mail System Error - Returned Mail"),
					"Date: " + v.date(),
					"Message-Id: <20250306100000.F0000" + fmt.Sprint(v.n) + "@lsean.ezweb.ne.jp>",
					"Content-Type: text/plain; charset=us-ascii",
				},
				body: append([]string{
					"The user(s) account is disabled.", "",
					"<" + v.local() + "@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)", "",
					"--------------------------------------------------",
				}, v.inline()...),
			}
		}},
		{"docomo", 2, func(v variant) mail {
			b := "docomo" + fmt.Sprint(v.n)
			return mail{
				header: append(v.returnPath(),
					"From: Mail Delivery Subsystem <MAILER-DAEMON@docomo.ne.jp>",
					"To: privacy@cooper.example",
					"Subject: "+v.subjectOr("Returned mail: see transcript for details"),
					"Date: "+v.date(),
					"Message-ID: <"+v.id+">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/report; report-type=delivery-status; boundary="`+b+`"`),
				body: multipart(b, nil,
					part(nil, "The original message was received at "+v.orig.at.Format("Mon, 2 Jan 2006 15:04:05 -0700"),
						"from mail.cooper.example [198.51.100.7]", "",
						"   ----- The following addresses had permanent fatal errors -----",
						"<"+v.local()+"@docomo.ne.jp>"),
					v.status("mfsmax.docomo.ne.jp", "failed", "5.2.0", "550 Unknown user "+v.local()+"@docomo.ne.jp"),
					v.returned(false)),
			}
		}},
		{"softbank", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: Postmaster@softbank.ne.jp",
					"To: privacy@cooper.example",
					"Subject: " + encodedWord("iso-2022-jp", v.subjectOr("配信不能のお知らせ")),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					"Content-Type: text/plain; charset=iso-2022-jp",
					"Content-Transfer-Encoding: 7bit",
				},
				body: jis(
					"このメールは送信専用アドレスから自動送信されています。", "",
					"以下の宛先へのメールは配信できませんでした。",
					"宛先: "+v.rcpt,
					"理由: 宛先不明"),
			}
		}},
		{"biglobe", 2, func(v variant) mail {
			b := "----_Biglobe00000" + fmt.Sprint(v.n) + "/00000.biglobe.ne.jp"
			return mail{
				header: []string{
					"From: postmaster@biglobe.ne.jp",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Returned mail: User unknown"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					`Content-Type: multipart/mixed; boundary="` + b + `"`,
				},
				body: multipart(b, []string{"This is a MIME-encapsulated message.", ""},
					part([]string{"Content-Type: text/plain; charset=\"iso-2022-jp\""},
						jis("   ----- The following addresses had delivery problems -----",
							v.local()+"@biglobe.ne.jp", "",
							"   ----- Non-delivered information -----",
							"The number of messages in recipient's mailbox exceeded the local limit.")...),
					v.returned(true)),
			}
		}},
		{"m-filter", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: MAILER-DAEMON@" + v.host,
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("failure notice"),
					"X-Mailer: m-FILTER",
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					"Content-Type: text/plain; charset=iso-2022-jp",
				},
				body: append(jis(
					"このメールは「m-FILTER」が自動的に生成して送信しています。",
					"メールサーバーとの通信中、下記の理由により",
					"このメールは送信できませんでした。", "",
					"以下のメールアドレスへの送信に失敗しました。",
					v.rcpt, "", "",
					"-------server message",
					"550 5.1.1 unknown user <"+v.rcpt+">", "",
					"-------SMTP command",
					"DATA", "",
					"-------original message", ""), v.orig.header()...),
			}
		}},
		{"jp-relay-notice", 2, func(v variant) mail {
			// A provider's relay that writes its notice under a person-like
			// From, in Japanese only: the text is all that says what it is.
			return mail{
				header: []string{
					"From: " + encodedWord("iso-2022-jp", "メールセンター") + " <info@" + v.domain() + ">",
					"To: privacy@cooper.example",
					"Subject: " + encodedWord("iso-2022-jp", v.subjectOr("メール配信エラー")),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"MIME-Version: 1.0",
					"Content-Type: text/plain; charset=iso-2022-jp",
					"Content-Transfer-Encoding: 7bit",
				},
				body: jis(
					"お送りいただいたメールは、以下の宛先に届きませんでした。", "",
					"  "+v.rcpt, "",
					"宛先のメールアドレスをご確認の上、再度送信してください。",
					"このメールには返信しないでください。"),
			}
		}},
	}
}
