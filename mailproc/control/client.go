package control

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/mailproc/mailproc/mailproc/cases"
	"github.com/mailproc/mailproc/mailproc/report"
)

// Client is a Service reached over the daemon's API.
type Client struct {
	base  string
	token string // the bearer token over HTTP; "" on the socket
	http  *http.Client
}

// Dial returns a Client on the daemon's unix socket, after checking that
// the daemon answers there.
func Dial(socketPath string) (*Client, error) {
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", socketPath)
	}}
	c := &Client{base: "http://mailproc", http: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
	conn, err := net.DialTimeout("unix", socketPath, 2*time.Second)
	if err != nil {
		return nil, fmt.Errorf("no daemon answers on %s: %w", socketPath, err)
	}
	conn.Close()
	return c, nil
}

// NewHTTPClient returns a Client on the API's loopback HTTP address,
// calling with a bearer token (see config [[control.tokens]]).
func NewHTTPClient(baseURL, token string) *Client {
	return &Client{base: baseURL, token: token, http: &http.Client{Timeout: 60 * time.Second}}
}

// List implements Service.
func (c *Client) List(f Filter) ([]Summary, error) {
	q := url.Values{}
	for k, v := range map[string]string{"state": string(f.State), "kind": string(f.Kind), "reason": string(f.Reason)} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.Overdue {
		q.Set("overdue", "1")
	}
	if f.Open {
		q.Set("open", "1")
	}
	if f.ToPost {
		q.Set("to_post", "1")
	}
	var out []Summary
	return out, c.call("GET", "/v1/cases?"+q.Encode(), nil, &out)
}

// Get implements Service.
func (c *Client) Get(id string) (*cases.Case, error) {
	var out cases.Case
	if err := c.call("GET", "/v1/cases/"+url.PathEscape(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Preview implements Service.
func (c *Client) Preview(id string, d Draft) (Preview, error) {
	var out Preview
	return out, c.call("POST", "/v1/cases/"+url.PathEscape(id)+"/preview", d, &out)
}

// Approve implements Service.
func (c *Client) Approve(id string, a Approval) (*cases.Case, error) { return c.post(id, "approve", a) }

// Dismiss implements Service.
func (c *Client) Dismiss(id string, a Act) (*cases.Case, error) { return c.post(id, "dismiss", a) }

// Done implements Service.
func (c *Client) Done(id string, a Act) (*cases.Case, error) { return c.post(id, "done", a) }

// Reopen implements Service.
func (c *Client) Reopen(id string, a Act) (*cases.Case, error) { return c.post(id, "reopen", a) }

// Close implements Service.
func (c *Client) Close(id string, cl Closing) (*cases.Case, error) { return c.post(id, "close", cl) }

// Reclassify implements Service.
func (c *Client) Reclassify(id string, kind cases.Kind, a Act) (*cases.Case, error) {
	return c.post(id, "reclassify", struct {
		Kind cases.Kind `json:"kind"`
		Act
	}{kind, a})
}

// Backup implements DataKeeper: the daemon's database, streamed to w.
func (c *Client) Backup(w io.Writer) (int64, error) {
	req, err := c.request("GET", "/v1/backup", nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, fmt.Errorf("control api: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("control api: backup: %s", resp.Status)
	}
	return io.Copy(w, resp.Body)
}

// Export implements DataKeeper.
func (c *Client) Export(email string) ([]cases.Case, error) {
	var out []cases.Case
	return out, c.call("GET", "/v1/export?email="+url.QueryEscape(email), nil, &out)
}

// MonthReport implements Reporter.
func (c *Client) MonthReport(year int, month time.Month) (report.Report, error) {
	var out report.Report
	return out, c.call("GET", fmt.Sprintf("/v1/reports/%04d-%02d", year, month), nil, &out)
}

func (c *Client) post(id, action string, body any) (*cases.Case, error) {
	var out cases.Case
	if err := c.call("POST", "/v1/cases/"+url.PathEscape(id)+"/"+action, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) call(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := c.request(method, path, rd)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("control api: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("control api: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error string }
		json.Unmarshal(data, &e)
		return errorOf(resp.StatusCode, e.Error)
	}
	return json.Unmarshal(data, out)
}

// request makes a request to the API with the client's credential and,
// when it has a body, its JSON content type.
func (c *Client) request(method, path string, body io.Reader) (*http.Request, error) {
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	return req, nil
}
