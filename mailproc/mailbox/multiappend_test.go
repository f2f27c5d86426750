package mailbox

import (
	"bytes"
	"testing"
)

func TestMultiAppendable(t *testing.T) {
	two := func(flags ...string) []AppendItem {
		return []AppendItem{{Raw: []byte("a\r\n"), Flags: flags}, {Raw: []byte("b\r\n")}}
	}
	base := func() *Client {
		return &Client{cfg: Config{Username: "support@example.test", Password: "secret"}, caps: capabilities{multiAppend: true}}
	}
	tests := []struct {
		name   string
		change func(c *Client)
		folder string
		items  []AppendItem
		want   bool
	}{
		{"plain", nil, "Sent", two(`\Seen`), true},
		{"folder with a space", nil, "Sent Items", two(`\Seen`, "$Label1"), true},
		{"server without it", func(c *Client) { c.caps.multiAppend = false }, "Sent", two(), false},
		{"turned off", func(c *Client) { c.multiAppendOff = true }, "Sent", two(), false},
		{"one message", nil, "Sent", two()[:1], false},
		{"oauth2", func(c *Client) { c.cfg.Auth = AuthXOAuth2 }, "Sent", two(), false},
		{"folder not ASCII", nil, "Envoyés", two(), false},
		{"folder with a quote", nil, `Sent "old"`, two(), false},
		{"password with a backslash", func(c *Client) { c.cfg.Password = `se\cret` }, "Sent", two(), false},
		{"password with a quote", func(c *Client) { c.cfg.Password = `se"cret` }, "Sent", two(), false},
		{"username not ASCII", func(c *Client) { c.cfg.Username = "sûpport" }, "Sent", two(), false},
		{"flag with a space", nil, "Sent", two(`\Seen x`), false},
		{"flag with a parenthesis", nil, "Sent", two(`\Seen)`), false},
		{"NUL in a message", nil, "Sent", []AppendItem{{Raw: []byte("a\x00\r\n")}, {Raw: []byte("b\r\n")}}, false},
	}
	for _, tt := range tests {
		c := base()
		if tt.change != nil {
			tt.change(c)
		}
		if got := c.multiAppendable(tt.folder, tt.items); got != tt.want {
			t.Errorf("%s: multiAppendable = %t, want %t", tt.name, got, tt.want)
		}
	}
}

func TestBatchEnd(t *testing.T) {
	item := func(n int) AppendItem { return AppendItem{Raw: bytes.Repeat([]byte("x"), n)} }
	many := make([]AppendItem, multiAppendMax+5)
	for i := range many {
		many[i] = item(10)
	}
	tests := []struct {
		name  string
		items []AppendItem
		want  int
	}{
		{"all fit", many[:7], 7},
		{"count bound", many, multiAppendMax},
		{"byte bound", []AppendItem{item(multiAppendMaxBytes - 10), item(10), item(1)}, 2},
		{"first alone too big", []AppendItem{item(multiAppendMaxBytes + 1), item(1)}, 1},
	}
	for _, tt := range tests {
		if got := batchEnd(tt.items); got != tt.want {
			t.Errorf("%s: batchEnd = %d, want %d", tt.name, got, tt.want)
		}
	}
}
