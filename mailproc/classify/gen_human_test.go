package classify_test

import "strings"

// humanHeader is the header of a person's message, from a name and
// address, with a subject and any further fields.
func humanHeader(from, subject string, more ...string) []string {
	h := []string{
		"Return-Path: <" + addrOf(from) + ">",
		"From: " + from,
		"To: Cooper Privacy <privacy@cooper.example>",
		"Subject: " + subject,
		"Date: Thu, 06 Mar 2025 09:12:44 -0800",
		"Message-ID: <" + addrOf(from) + ".human@mail.example>",
		"MIME-Version: 1.0",
	}
	return append(h, more...)
}

func addrOf(from string) string {
	if i, j := strings.IndexByte(from, '<'), strings.IndexByte(from, '>'); i >= 0 && j > i {
		return from[i+1 : j]
	}
	return from
}

var californiaBody = []string{
	"California Privacy Rights Request", "",
	"Name: Thomas Bounce", "Street: 12 Harbor View Rd", "City: Monterey", "State: CA", "ZIP: 93940",
}

const plain = "Content-Type: text/plain; charset=utf-8"

// humanFixtures are what people write that carries no sign of a machine,
// by file name: they must be decided as the requests (or other mail) they
// are.
func humanFixtures() map[string][]byte {
	reply := "C-2025-0042.california-incomplete.k3x9@cooper.example"
	all := map[string]mail{
		"person-named-bounce": {humanHeader("Thomas Bounce <tom.bounce@example.org>", "Request for California Privacy Information", plain), californiaBody},
		"person-named-owner": {humanHeader("Jane Owner <jane.owner@example.net>", "Request for California Privacy Information", plain),
			[]string{"California Privacy Rights Request", "Jane Owner", "400 Pine St", "Eureka, CA 95501"}},
		"bouncy-castle-business": {humanHeader("Bouncy Castle Rentals <bouncy.castles@example.com>", "COPPA Information Request", plain),
			[]string{"Hello,", "", "I am the parent of Mia (username mia_rocks). Please tell me what you hold about her.", "", "Rita Bauer"}},
		"quotes-out-of-office": {humanHeader("Ana Lima <ana.lima@example.com>", "Request for California Privacy Information", plain),
			[]string{"California Privacy Rights Request", "", "I wrote last week and only got an \"Out of office\" reply back, so here it is again.", "",
				"Name: Ana Lima", "Address: 55 Ocean Ave, Santa Cruz, CA 95060"}},
		"subject-mentions-out-of-office": {humanHeader("Ben Ode <ben.ode@example.com>", "Request for California Privacy Information (out of office next week)", plain), californiaBody},
		"outlook-suppress-header": {humanHeader("Carla Diaz <carla.diaz@example.com>", "Request for California Privacy Information",
			plain, "X-Auto-Response-Suppress: All", "Thread-Topic: Request for California Privacy Information", "Thread-Index: AQHbjmN0aGlzaXNhdGVzdA=="),
			[]string{"California Privacy Rights Request", "Carla Diaz", "9 Elm St", "Fresno, CA 93721"}},
		"answers-our-reply-quoting-it": {humanHeader("Dana Reyes <dana.reyes@example.com>", "Re: Request for California Privacy Information",
			plain, "In-Reply-To: <"+reply+">", "References: <"+reply+">"),
			[]string{"California Privacy Rights Request", "Name: Dana Reyes", "Street address: 3 Oak Ct", "City: Davis", "State: CA", "ZIP code: 95616", "",
				"On Thu, Mar 6, 2025 at 8:00 AM Cooper Privacy <privacy@cooper.example> wrote:",
				"> Thank you for your message, which we received on March 3, 2025. We",
				"> are handling it as a California Privacy Rights Request under California",
				"> Civil Code § 1798.83. Your case number is C-2025-0042."}},
		"answers-our-reply-copying-the-form": {humanHeader("Eli Park <eli.park@example.com>", "Re: Request for California Privacy Information",
			plain, "In-Reply-To: <"+reply+">", "References: <"+reply+">"),
			[]string{"Start your reply with the line \"California Privacy Rights Request\", then complete the form below, with each item on its own line:", "",
				"California Privacy Rights Request", "Name: Eli Park", "Street address: 8 Vine St", "City: Napa", "State: CA", "ZIP code: 94559"}},
		"answers-our-reply-outlook-html": {humanHeader("Fay Wong <fay.wong@example.com>", "RE: Request for California Privacy Information",
			"Content-Type: text/html; charset=utf-8", "In-Reply-To: <"+reply+">", "X-Auto-Response-Suppress: All"),
			[]string{"<html><body><div>California Privacy Rights Request<br>Name: Fay Wong<br>ZIP: 94103</div>",
				"<div id=\"appendonsend\"></div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Cooper Privacy<br><b>Sent:</b> Thursday</div>",
				"<div>We are handling it as a California Privacy Rights Request under California Civil Code &sect; 1798.83.</div></body></html>"}},
		"undeliverable-package": {humanHeader("Gus Hale <gus.hale@example.com>", "Undeliverable package - Request for California Privacy Information", plain), californiaBody},
		"reading-list":          {humanHeader("Hana Ito <hana.ito@example.jp>", "Read my letter: Request for California Privacy Information", plain), californiaBody},
		"auto-insurance": {humanHeader("Ivan Petrov <ivan.petrov@example.com>", "Re: Auto insurance question / COPPA Information Request", plain),
			[]string{"My son Leo uses your app as leo2014. I am his father. Please delete his data.", "", "Ivan Petrov"}},
		"absence-of-answer": {humanHeader("Joan Marsh <joan.marsh@example.com>", "Absence of answer - Request for California Privacy Information", plain), californiaBody},
		"iphone": {humanHeader("Kai Müller <kai.mueller@example.de>", "Request for California Privacy Information", plain),
			[]string{"California Privacy Rights Request", "Kai Müller", "77 Sunset Blvd", "Los Angeles, CA 90028", "", "Sent from my iPhone"}},
		"german-person": {humanHeader("Lena Vogel <lena.vogel@example.de>", "Request for California Privacy Information", "Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable"),
			qp("iso-8859-1", "California Privacy Rights Request", "", "Name: Lena Vogel", "Street: 1 Market St", "City: San Francisco", "State: CA", "ZIP: 94105", "", "Mit freundlichen Grüßen", "Lena Vogel")},
		"japanese-person": {humanHeader(encodedWord("iso-2022-jp", "佐藤健二")+" <kenji.sato@example.jp>", "COPPA Information Request", "Content-Type: text/plain; charset=iso-2022-jp", "Content-Transfer-Encoding: 7bit"),
			jis("子供のアカウント (yuki_s) について、保有している情報を教えてください。", "", "佐藤健二")},
		"gmail-person-with-dkim": {humanHeader("Mona Reed <mona.reed@gmail.example>", "Request for California Privacy Information", plain,
			"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.example; s=20230601; h=from:to:subject", "X-Gm-Message-State: AOJu0YwExample"),
			[]string{"California Privacy Rights Request", "Mona Reed", "2 Bay St", "San Diego, CA 92101"}},
		"mailer-surname": {humanHeader("Daemon Mailer <d.mailer@example.org>", "Request for California Privacy Information", plain),
			[]string{"California Privacy Rights Request", "Daemon Mailer", "5 Hill Rd", "Ojai, CA 93023"}},
		"forwards-own-request": {humanHeader("Nora Quinn <nora.quinn@example.com>", "Fwd: Request for California Privacy Information", plain),
			[]string{"Sending again.", "", "---------- Forwarded message ---------", "From: Nora Quinn <nora.quinn@example.com>", "Subject: Request for California Privacy Information", "",
				"California Privacy Rights Request", "Nora Quinn", "6 Lake Dr", "Tahoe City, CA 96145"}},
		"asks-about-a-bounce": {humanHeader("Omar Said <omar.said@example.com>", "Re: Request for California Privacy Information", plain),
			[]string{"California Privacy Rights Request", "", "Your first answer never reached me, so please send it again.", "", "Name: Omar Said", "Address: 10 Grove St, Palo Alto, CA 94301"}},
	}
	out := map[string][]byte{}
	for name, m := range all {
		out[name+".eml"] = m.bytes()
	}
	return out
}
