package classify_test

import (
	"fmt"
	"strings"
)

// listFormats are what mailing lists distribute and what their robots
// send: Mailman 2 and 3, LISTSERV, Majordomo, Google Groups, Sympa, fml,
// ezmlm.
func listFormats() []format {
	return []format{
		{"mailman-post", 3, func(v variant) mail {
			list := "friends"
			return mail{
				header: []string{
					"Return-Path: <" + list + "-bounces+privacy=cooper.example@lists." + v.domain() + ">",
					"From: " + v.person() + " <" + v.rcpt + ">",
					"To: " + list + "@lists." + v.domain(),
					"Subject: " + v.subjectOr("[Friends] "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"X-BeenThere: " + list + "@lists." + v.domain(),
					"X-Mailman-Version: 2.1.39",
					"Precedence: list",
					"List-Id: Friends <" + list + ".lists." + v.domain() + ">",
					"List-Unsubscribe: <https://lists." + v.domain() + "/mailman/options/" + list + ">,",
					" <mailto:" + list + "-request@lists." + v.domain() + "?subject=unsubscribe>",
					"List-Post: <mailto:" + list + "@lists." + v.domain() + ">",
					"Sender: \"" + list + "\" <" + list + "-bounces@lists." + v.domain() + ">",
					"Content-Type: text/plain; charset=us-ascii",
				},
				body: []string{"Has anyone here sent a California privacy request to this company?", "", "_______________________________________________",
					"Friends mailing list", list + "@lists." + v.domain()},
			}
		}},
		{"mailman-moderation", 2, func(v variant) mail {
			list := "privacy-watch"
			return mail{
				header: []string{
					"From: " + list + "-owner@lists." + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Your message to Privacy-watch awaits moderator approval"),
					"Date: " + v.date(),
					"Message-ID: <mailman." + fmt.Sprint(v.n) + ".1741255200.1234.privacy-watch@lists." + v.domain() + ">",
					"X-List-Administrivia: yes",
					"X-BeenThere: " + list + "@lists." + v.domain(),
					"X-Mailman-Version: 2.1.39",
					"Precedence: bulk",
					"Content-Type: text/plain; charset=us-ascii",
				},
				body: []string{
					"Your mail to 'Privacy-watch' with the subject", "", "    " + v.orig.subject, "",
					"Is being held until the list moderator can review it for approval.", "",
					"The reason it is being held:", "", "    Post by non-member to a members-only list",
				},
			}
		}},
		{"mailman3-bounce", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: friends-bounces@lists." + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("The results of your email commands"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=utf-8",
				},
				body: []string{"The results of your email command are provided below.", "", "- Unprocessed:", "    " + v.orig.subject, "- Ignored:", "    California Privacy Rights Request", "", "- Done."},
			}
		}},
		{"fml-admin", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: elena-admin@ml." + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("NOT MEMBER article from privacy@cooper.example"),
					"Date: " + v.date(),
					"Message-ID: <20250306100000.FMLAAB" + fmt.Sprint(v.n) + ".elena@ml." + v.domain() + ">",
					"X-MLServer: fml [fml 4.0.3 release (20040609)]",
					"X-ML-Info: If you have a question, send e-mail with the body \"# help\" to the address elena-ctl@ml." + v.domain(),
					"Content-Type: text/plain; charset=iso-2022-jp",
				},
				body: []string{
					"You are not a member of this mailing list <elena@ml." + v.domain() + ">.", "",
					"If you know the general guide of this list, please send mail with the mail body",
					"    # guide",
					"to the address", "    elena-ctl@ml." + v.domain(), "",
					"Original mail as follows:",
				},
			}
		}},
		{"listserv", 2, func(v variant) mail {
			host := "LISTS." + strings.ToUpper(v.domain())
			return mail{
				header: []string{
					"From: \"L-Soft list server at " + host + " (1.8e)\" <LISTSERV@" + host + ">",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Rejected posting to FRIENDS@"+host),
					"Date: " + v.date(),
					"Message-ID: <LISTSERV%" + fmt.Sprint(v.n) + "2503061000000@" + host + ">",
					"Content-Type: text/plain; charset=us-ascii",
				},
				body: []string{
					"You are not authorized to send mail to the FRIENDS list from your",
					"privacy@cooper.example account.  You might be authorized to send to the",
					"list from another of your accounts, or perhaps when using another mail",
					"program which generates slightly different addresses.",
				},
			}
		}},
		{"majordomo", 1, func(v variant) mail {
			return mail{
				header: []string{
					"From: Majordomo@lists." + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Majordomo results: "+v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
				},
				body: []string{"--", ">>>> California Privacy Rights Request", "**** Command 'california' not recognized.", ">>>> ", "**** No valid commands found.", "**** Commands must be in message BODY, not in HEADER."},
			}
		}},
		{"google-groups-post", 3, func(v variant) mail {
			group := "neighbours-" + fmt.Sprint(v.n)
			return mail{
				header: []string{
					"Return-Path: <" + group + "+bncBDX3PAYQ2EPRBAXK5Q@googlegroups.com>",
					"From: " + v.person() + " <" + v.rcpt + ">",
					"To: " + group + "@googlegroups.com",
					"Subject: " + v.subjectOr(v.orig.subject),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"X-Original-Sender: " + v.rcpt,
					"Precedence: list",
					"Mailing-list: list " + group + "@googlegroups.com; contact " + group + "+owners@googlegroups.com",
					"List-ID: <" + group + ".googlegroups.com>",
					"List-Post: <https://groups.google.com/group/" + group + "/post>, <mailto:" + group + "@googlegroups.com>",
					"List-Help: <https://groups.google.com/support/>, <mailto:" + group + "+help@googlegroups.com>",
					"List-Unsubscribe: <mailto:googlegroups-manage+1234+unsubscribe@googlegroups.com>,",
					" <https://groups.google.com/group/" + group + "/subscribe>",
					"Content-Type: text/plain; charset=UTF-8",
				},
				body: []string{"Forwarding the answer I got, for the group's records.", "", "-- ",
					"You received this message because you are subscribed to the Google Groups \"" + group + "\" group."},
			}
		}},
		{"sympa", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: SYMPA <sympa@lists." + v.domain() + ">",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Message distribution: Authorization denied"),
					"Date: " + v.date(),
					"Message-Id: <sympa." + fmt.Sprint(v.n) + ".1741255200@lists." + v.domain() + ">",
					"Auto-Submitted: auto-replied",
					"Content-Type: text/plain; charset=UTF-8",
				},
				body: []string{"Your message for list 'friends' has been rejected.", "The message is thus not distributed."},
			}
		}},
		{"ezmlm", 1, func(v variant) mail {
			return mail{
				header: []string{
					"Mailing-List: contact friends-help@" + v.domain() + "; run by ezmlm",
					"Delivered-To: mailing list friends@" + v.domain(),
					"From: friends-help@" + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("ezmlm response"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
				},
				body: []string{"Hi! This is the ezmlm program. I'm managing the", "friends@" + v.domain() + " mailing list.", "", "I'm sorry, the list moderators for the friends list", "have failed to act on your post."},
			}
		}},
	}
}

// noticeFormats are notifications from addresses that take no answer:
// carriers, providers, applications.
func noticeFormats() []format {
	return []format{
		{"carrier-noreply", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: Mobile Mail <no-reply@msg.carrier-example.net>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Message could not be delivered"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=utf-8",
				},
				body: []string{"We could not deliver your message to 5551234567. The number is not a mobile number that can receive email."},
			}
		}},
		{"donotreply-notice", 2, func(v variant) mail {
			return mail{
				header: []string{
					"From: Customer Service <do_not_reply@service.example.com>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("We received your message"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/html; charset=utf-8",
				},
				body: []string{"<html><body><p>Thank you for contacting us. Your case number is 88213.</p></body></html>"},
			}
		}},
		{"noreply-esp-newsletter", 2, func(v variant) mail {
			return mail{
				header: []string{
					"Return-Path: <bounce-mc.us5_12345678.9012345-privacy=cooper.example@mail12.atl91.mcsv.example>",
					"From: Weekly Digest <No.Reply@news.example.com>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Your weekly digest"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Feedback-ID: 12345678:12345:us5:mc",
					"Content-Type: text/plain; charset=utf-8",
				},
				body: []string{"This week: five ways to protect your privacy online."},
			}
		}},
		{"post-master-notice", 1, func(v variant) mail {
			return mail{
				header: []string{
					"From: post-master@" + v.domain(),
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Mailbox notice"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
				},
				body: []string{"The mailbox you wrote to is no longer in service."},
			}
		}},
		{"ticket-automated", 2, func(v variant) mail {
			// A vendor's ticket system under a person-like address: only its
			// text says a machine wrote it.
			return mail{
				header: []string{
					"From: Vendor Support <support@vendor.example>",
					"To: privacy@cooper.example",
					"Subject: " + v.subjectOr("Ticket 4471 received"),
					"Date: " + v.date(),
					"Message-ID: <" + v.id + ">",
					"Content-Type: text/plain; charset=utf-8",
				},
				body: []string{"Hello,", "", "This is an automated message to confirm that we received your email.", "Please do not reply to this email; our team will contact you."},
			}
		}},
	}
}
