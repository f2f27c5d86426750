package parse

import (
	"strings"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	lines := func(l ...string) string { return strings.Join(l, "\n") }
	tests := []struct {
		name, in, want string
	}{
		{"entities", "<p>Thanks &amp; regards &lt;Jane&gt; &#8211; &eacute;t&eacute; &#x263A;</p>", "Thanks & regards <Jane> – été ☺"},
		{"nbsp becomes space", "City: Walnut&nbsp;Creek", "City: Walnut Creek"},
		{"nbsp runs collapse", "&nbsp;&nbsp;- street&nbsp;&nbsp;&nbsp;address", "- street address"},
		{"br breaks lines", "Name: Jane<br>City: Fresno<br/>Zip: 93704", lines("Name: Jane", "City: Fresno", "Zip: 93704")},
		{"div per line, br for blank", "<div>A</div><div><br></div><div>B</div>", lines("A", "", "B")},
		{"outlook divs with newlines", "<div>\nName: Jane</div>\n<div>\n<br>\n</div>\n<div>\nZip: 1</div>", lines("Name: Jane", "", "Zip: 1")},
		{"spaces collapse in a line", "<p>  Name:\n\n   Jane\t Doe  </p>", "Name: Jane Doe"},
		{"inline tags join words", "<b>Child's name:</b> Amara <i>Okafor</i>", "Child's name: Amara Okafor"},
		{"list items", "<ul><li>one</li><li>two</li></ul>", lines("one", "two")},
		{"table rows and cells", "<table><tr><td>Name:</td><td>Jane</td></tr><tr><td>Zip:</td><td>1</td></tr></table>", lines("Name:\tJane", "Zip:\t1")},
		{"headings and paragraphs", "<h1>Title</h1><p>para one</p><p>para two</p>", lines("Title", "para one", "para two")},
		{"head title style script skipped", "<html><head><title>Hidden</title><style>p{color:red}</style></head><body><script>var x = '<b>';</script><p>Shown</p></body></html>", "Shown"},
		{"comments skipped", "a<!-- hidden <b>comment</b> -->b", "ab"},
		{"template and noscript skipped", "<template><p>t</p></template><noscript>n</noscript>ok", "ok"},
		{"self-closing script still skipped", "<script/>alert(1)</script>ok", "ok"},
		{"unclosed head ends at body content", "<head><meta charset=utf-8><div>Body text</div>", "Body text"},
		{"head text ends head", "<head><title>t</title>Stray text", "Stray text"},
		{"blockquote quoted", "<div>mine</div><blockquote>old<br>older</blockquote><div>after</div>", lines("mine", "> old", "> older", "after")},
		{"nested blockquote", "<blockquote>a<blockquote>b</blockquote>c</blockquote>d", lines("> a", "> b", "> c", "d")},
		{"gmail quote quotes the rest", `<div>mine</div><div class="gmail_quote gmail_quote_container"><div class="gmail_attr">On Mon wrote:</div>old</div><div>still quoted</div>`,
			lines("mine", "> On Mon wrote:", "> old", "> still quoted")},
		{"outlook divRplyFwdMsg", `<p>mine</p><hr><div id="divRplyFwdMsg"><b>From:</b> Cooper<br><b>Sent:</b> Monday</div><div>old body</div>`,
			lines("mine", "> From: Cooper", "> Sent: Monday", "> old body")},
		{"outlook appendonsend", `<div>mine</div><div id="appendonsend"></div><hr><div>From: Cooper</div>`, lines("mine", "> From: Cooper")},
		{"gmail forward is not quoted", `<div>FYI</div><div class="gmail_quote"><div class="gmail_attr">---------- Forwarded message ---------<br>From: Anita</div><div>Name: Anita</div></div>`,
			lines("FYI", "---------- Forwarded message ---------", "From: Anita", "Name: Anita")},
		{"apple forward blockquote not quoted", `<div>FYI</div><div>Begin forwarded message:</div><blockquote type="cite"><div>Name: Jane</div></blockquote>`,
			lines("FYI", "Begin forwarded message:", "Name: Jane")},
		{"gmail signature marked", `<div>Name: Jane</div><div class="gmail_signature">Jane Doe<br>1 Main St</div>`, lines("Name: Jane", "--", "Jane Doe", "1 Main St")},
		{"pre keeps lines", "<pre>Name: Jane\nZip: 1</pre>", lines("Name: Jane", "Zip: 1")},
		{"blank lines collapsed", "a<br><br><br><br>b", lines("a", "", "b")},
		{"broken markup", "<div <p>x</p><b>y", lines("x", "y")},
		{"unclosed tag at end", "text <a href=\"x", "text"},
		{"angle brackets as text", "1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"plain text passes", "just text", "just text"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLToText(tt.in); got != tt.want {
				t.Errorf("HTMLToText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHTMLToTextThenStripQuotes(t *testing.T) {
	in := `<div>Name: Omar</div><div>Zip: 92501</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, Apr 14, 2025 at 10:02 AM Cooper &lt;support@example.com&gt; wrote:<br></div><blockquote class="gmail_quote">Name:<br>Street address:<br>ZIP code:</blockquote></div>`
	want := "Name: Omar\nZip: 92501"
	if got := StripQuotes(HTMLToText(in)); got != want {
		t.Errorf("StripQuotes(HTMLToText(%q)) = %q, want %q", in, got, want)
	}
}

func TestHTMLToTextForwardedSubject(t *testing.T) {
	in := `<div>FYI</div><div id="divRplyFwdMsg"><b>From:</b> Jane</div><div>Name: Jane</div>`
	want := "FYI\nFrom: Jane\nName: Jane"
	if got := htmlToText(in, true); got != want {
		t.Errorf("htmlToText(%q, true) = %q, want %q", in, got, want)
	}
}

func TestHTMLTableCellsAreTabSeparated(t *testing.T) {
	got := HTMLToText(`<table><tr><td>Name</td><td>Jane Doe</td></tr><tr><th>City:</th><td>Fresno</td></tr></table>`)
	want := "Name\tJane Doe\nCity:\tFresno"
	if got != want {
		t.Errorf("HTMLToText(table) = %q, want %q", got, want)
	}
}
