package control

import (
	"fmt"
	"net/url"
	"strconv"
)

// Search implements Service.
func (c *Client) Search(q Query) (Page, error) {
	var out Page
	return out, c.call("GET", "/v1/search?"+q.Values().Encode(), nil, &out)
}

// Advise implements Service.
func (c *Client) Advise(id string) (Advice, error) {
	var out Advice
	return out, c.call("GET", "/v1/cases/"+url.PathEscape(id)+"/advice", nil, &out)
}

// Bulk implements Service.
func (c *Client) Bulk(b Bulk) ([]BulkResult, error) {
	var out []BulkResult
	return out, c.call("POST", "/v1/bulk", b, &out)
}

// Attachment implements Attachments.
func (c *Client) Attachment(id string, n int, part string) (File, error) {
	var out File
	return out, c.call("GET", fmt.Sprintf("/v1/cases/%s/messages/%d/attachments/%s", url.PathEscape(id), n, url.PathEscape(part)), nil, &out)
}

// Values is the query as URL parameters, as /v1/search and the console's
// queue read them.
func (q Query) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("view", q.View)
	set("q", q.Text)
	set("state", string(q.State))
	set("kind", string(q.Kind))
	set("reason", string(q.Reason))
	if q.Overdue {
		v.Set("overdue", "1")
	}
	if q.Open {
		v.Set("open", "1")
	}
	if q.ToPost {
		v.Set("to_post", "1")
	}
	if q.Page > 1 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if q.PerPage > 0 {
		v.Set("per_page", strconv.Itoa(q.PerPage))
	}
	return v
}

// QueryOf reads a query from URL parameters (Values' inverse); a number
// that is not one reads as 0.
func QueryOf(v url.Values) Query {
	page, _ := strconv.Atoi(v.Get("page"))
	per, _ := strconv.Atoi(v.Get("per_page"))
	return Query{
		Filter: filterOf(v),
		View:   v.Get("view"), Text: v.Get("q"), Page: page, PerPage: per,
	}
}
