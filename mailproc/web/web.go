// Package web is mailproc's staff console: sign-in for named staff users,
// the queue (views, search, pages, bulk actions), a case with its messages
// as text, its reasons in plain words and what to do first, a preview of
// the answer that would go out, and the staff actions; with a service that
// is a control.LetterDesk, the letter desk too: enter a letter, print the
// letter that answers it, mark it posted; with one that is
// control.Attachments, attachments downloaded from the mailbox. It reaches
// cases only through the service and renders every page on the server with
// html/template; the page carries no script.
package web

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/mailproc/mailproc/mailproc/config"
	"github.com/mailproc/mailproc/mailproc/control"
)

// DefaultSessionTTL is how long a sign-in lasts when Options says nothing.
const DefaultSessionTTL = 12 * time.Hour

// DefaultIdleTimeout ends a session nobody used for this long when
// Options says nothing.
const DefaultIdleTimeout = 30 * time.Minute

// Options configure the console. The zero value of each field is a
// working default, except Users: with none, nobody can sign in.
type Options struct {
	Users      []config.WebUser // who may sign in, with bcrypt hashes
	SessionKey []byte           // >= 32 bytes; New makes a random one when nil
	Secure     bool             // Secure cookies (false only for plain HTTP on loopback)
	SessionTTL time.Duration    // 0: DefaultSessionTTL
	Company    string           // shown in the page title
	Logger     *slog.Logger     // nil: discard
	Now        func() time.Time // nil: time.Now
	Location   *time.Location   // zone dates are shown in; nil: UTC

	// IdleTimeout ends a session not used for this long; 0:
	// DefaultIdleTimeout.
	IdleTimeout time.Duration
	// Sessions keeps sessions on the server; nil: in memory.
	Sessions SessionStore
	// TrustedProxies are the reverse proxies in front of the console:
	// only from these addresses are X-Forwarded-Host, -Proto and -For
	// believed.
	TrustedProxies []netip.Prefix
	// MaxPasswordChecks bounds the bcrypt checks running at once; 0: half
	// the CPUs, at least one.
	MaxPasswordChecks int
	// ReplyWait is how long an action that sends replies waits for them to
	// leave the outbox before the queue shows what was done; 0:
	// DefaultReplyWait, negative: not at all.
	ReplyWait time.Duration
}

// DefaultReplyWait is how long an action waits for its replies to be sent
// when Options says nothing.
const DefaultReplyWait = 5 * time.Second

// console is the handler New returns.
type console struct {
	svc      control.Service
	desk     control.LetterDesk  // nil when the service takes no letters
	files    control.Attachments // nil when the service cannot fetch attachments
	done     *resultStore        // what recent actions did, for the queue
	settle   time.Duration       // how long an action waits for its replies
	staff    *staff
	key      []byte
	seal     *sealer
	secure   bool
	ttl      time.Duration
	idle     time.Duration
	company  string
	log      *slog.Logger
	now      func() time.Time
	loc      *time.Location
	pages    pages
	proxies  []netip.Prefix
	sessions SessionStore
	slow     *slowdown  // per name tried
	checks   *checkGate // password checks at once
	pause    func(context.Context, time.Duration) error
}

// New returns the console's http.Handler.
func New(svc control.Service, opts Options) (http.Handler, error) {
	if svc == nil {
		return nil, errors.New("web console: no service")
	}
	c, err := newConsole(svc, opts)
	if err != nil {
		return nil, err
	}
	return c.routes(), nil
}

// newConsole fills in defaults and prepares keys, users and templates.
func newConsole(svc control.Service, o Options) (*console, error) {
	key, err := sessionKey(o.SessionKey)
	if err != nil {
		return nil, fmt.Errorf("web console: %w", err)
	}
	seal, err := newSealer(key)
	if err != nil {
		return nil, fmt.Errorf("web console: %w", err)
	}
	st, err := newStaff(o.Users)
	if err != nil {
		return nil, fmt.Errorf("web console: %w", err)
	}
	desk, _ := svc.(control.LetterDesk)
	files, _ := svc.(control.Attachments)
	c := &console{
		svc: svc, desk: desk, files: files, done: newResultStore(), settle: o.ReplyWait,
		staff: st, key: key, seal: seal, secure: o.Secure,
		ttl: o.SessionTTL, idle: o.IdleTimeout, sessions: o.Sessions, company: o.Company, log: o.Logger, now: o.Now,
		loc: o.Location, proxies: o.TrustedProxies,
		slow: newSlowdown(), checks: newCheckGate(o.MaxPasswordChecks), pause: pauseFor,
	}
	c.fillDefaults()
	if c.pages, err = loadPages(c.funcs()); err != nil {
		return nil, fmt.Errorf("web console: %w", err)
	}
	return c, nil
}

// fillDefaults replaces zero options with their defaults.
func (c *console) fillDefaults() {
	if c.ttl <= 0 {
		c.ttl = DefaultSessionTTL
	}
	if c.idle <= 0 {
		c.idle = DefaultIdleTimeout
	}
	if c.sessions == nil {
		c.sessions = newMemorySessions()
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.loc == nil {
		c.loc = time.UTC
	}
	if c.company == "" {
		c.company = "mailproc"
	}
	if c.settle == 0 {
		c.settle = DefaultReplyWait
	}
}

// sessionKey returns the configured key, or a random one for nil.
func sessionKey(k []byte) ([]byte, error) {
	if k != nil {
		return k, nil
	}
	k = make([]byte, minKeyLen)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	return k, nil
}

// routes wires the pages and actions. Every response carries the
// security headers; everything but sign-in and the style sheet needs a
// session; every POST needs a same-origin request and a CSRF token.
func (c *console) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /static/style.css", c.serveStyle)
	mux.HandleFunc("GET /login", c.loginPage)
	mux.Handle("POST /login", c.sameOrigin(http.HandlerFunc(c.login)))
	mux.Handle("POST /logout", c.signedIn(c.checked(c.logout)))
	mux.Handle("GET /{$}", c.signedIn(http.HandlerFunc(c.queue)))
	mux.Handle("GET /cases/{id}", c.signedIn(http.HandlerFunc(c.casePage)))
	for name, act := range c.actions() {
		mux.Handle("POST /cases/{id}/"+name, c.signedIn(c.checked(act)))
	}
	mux.Handle("POST /bulk", c.signedIn(c.checked(c.bulkStart)))
	mux.Handle("POST /bulk/confirm", c.signedIn(c.checked(c.bulkDo)))
	if c.files != nil {
		mux.Handle("GET /cases/{id}/messages/{n}/attachments/{part}", c.signedIn(http.HandlerFunc(c.attachment)))
	}
	if c.desk != nil {
		mux.Handle("GET /letters/new", c.signedIn(http.HandlerFunc(c.intakePage)))
		mux.Handle("POST /letters", c.signedIn(c.checkedUpload(c.intake)))
		mux.Handle("GET /cases/{id}/letter", c.signedIn(http.HandlerFunc(c.printHTML)))
		mux.Handle("GET /cases/{id}/letter.pdf", c.signedIn(http.HandlerFunc(c.printPDF)))
	}
	mux.HandleFunc("/", c.notFound)
	return c.headers(mux)
}
