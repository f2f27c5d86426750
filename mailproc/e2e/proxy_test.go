package e2e

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// publicHost is the name the browser gives the console in these tests.
const publicHost = "privacy.example.test"

// TestConsoleBehindReverseProxy runs the README's nginx and Caddy
// examples, as written there, as TLS proxies in front of the real
// binary, and signs in, works and signs out through them: the attack of
// issue 11 item 6 was a proxy that does not pass Host (nginx's default),
// behind which every POST got 403. nginx with proxy_pass alone still
// cannot work (nothing tells the console its public host); the README
// example can.
func TestConsoleBehindReverseProxy(t *testing.T) {
	for _, tt := range []struct {
		name string
		run  func(t *testing.T, dir, listen, backend string)
		want int
	}{
		{"nginx as in the README", func(t *testing.T, dir, listen, backend string) {
			runNginx(t, dir, nginxFromReadme(t, dir, listen, backend))
		}, http.StatusSeeOther},
		{"nginx with proxy_pass alone", func(t *testing.T, dir, listen, backend string) {
			runNginx(t, dir, fmt.Sprintf("server {\n listen %s ssl;\n ssl_certificate %s/cert.pem;\n ssl_certificate_key %s/key.pem;\n location / { proxy_pass http://%s; }\n}\n",
				listen, dir, dir, backend))
		}, http.StatusForbidden},
		{"caddy as in the README", runCaddy, http.StatusSeeOther},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := exec.LookPath(strings.Fields(tt.name)[0]); err != nil {
				t.Skipf("%s is not installed (apt-get install %s)", strings.Fields(tt.name)[0], strings.Fields(tt.name)[0])
			}
			s := newSetup(t, "memory")
			backend := s.withConsole(t, `trusted_proxies = ["127.0.0.1/32"]`)
			dir := proxyDir(t)
			pool := writeCertificate(t, dir)
			listen := freeAddr(t)
			p := s.start(t)
			waitListening(t, backend)
			tt.run(t, dir, listen, backend)
			waitListening(t, listen)
			b := newBrowser(t, "https://"+publicHost+":"+port(listen))
			b.client.Transport = &http.Transport{
				TLSClientConfig: &tls.Config{RootCAs: pool},
				DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
					return (&net.Dialer{}).DialContext(ctx, network, listen)
				},
			}
			if code := b.signIn("alice", "correct horse"); code != tt.want {
				t.Fatalf("sign in through the proxy = %d, want %d\n%s", code, tt.want, p.out.String())
			}
			if tt.want != http.StatusSeeOther {
				// The line may reach the log just after the answer did.
				deadline := time.Now().Add(10 * time.Second)
				for !strings.Contains(p.out.String(), "sent no X-Forwarded-Host") {
					if time.Now().After(deadline) {
						t.Fatalf("the refusal was not logged with what to look at:\n%s", p.out.String())
					}
					time.Sleep(50 * time.Millisecond)
				}
				return
			}
			res, err := b.client.Get(b.base + "/")
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK || res.Header.Get("Strict-Transport-Security") == "" {
				t.Errorf("queue through the proxy = %d, HSTS %q; want 200 with HSTS", res.StatusCode, res.Header.Get("Strict-Transport-Security"))
			}
			u, _ := url.Parse(b.base)
			for _, ck := range b.client.Jar.Cookies(u) {
				if !strings.HasPrefix(ck.Name, "__Host-") {
					t.Errorf("cookie %s without the __Host- prefix behind an https proxy", ck.Name)
				}
			}
			if res := b.post("/logout", url.Values{"csrf": {b.token("/")}}); res.StatusCode != http.StatusSeeOther {
				t.Errorf("sign out through the proxy = %d, want 303\n%s", res.StatusCode, p.out.String())
			}
			if strings.Contains(p.out.String(), "request refused") {
				t.Errorf("a request was refused:\n%s", p.out.String())
			}
			p.stop(t)
		})
	}
}

// proxyDir is a folder the proxy may read and write whichever user it
// drops to.
func proxyDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "mailproc-proxy-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readmeBlock returns the README's fenced block of a language.
func readmeBlock(t *testing.T, lang string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```" + lang + "\n(.*?)```").FindSubmatch(b)
	if m == nil {
		t.Fatalf("README has no ```%s block", lang)
	}
	return string(m[1])
}

// nginxFromReadme is the README's nginx server, on the test's address,
// certificate and backend.
func nginxFromReadme(t *testing.T, dir, listen, backend string) string {
	return strings.NewReplacer(
		"listen 443 ssl;", "listen "+listen+" ssl;",
		"/etc/letsencrypt/live/privacy.example.com/fullchain.pem", dir+"/cert.pem",
		"/etc/letsencrypt/live/privacy.example.com/privkey.pem", dir+"/key.pem",
		"privacy.example.com", publicHost,
		"127.0.0.1:8080", backend,
	).Replace(readmeBlock(t, "nginx"))
}

// runNginx runs nginx in the foreground, one process, with a server.
func runNginx(t *testing.T, dir, server string) {
	t.Helper()
	conf := fmt.Sprintf(`daemon off;
master_process off;
pid %[1]s/nginx.pid;
error_log stderr;
events {}
http {
    access_log off;
    client_body_temp_path %[1]s/body;
    proxy_temp_path %[1]s/proxy;
    fastcgi_temp_path %[1]s/fastcgi;
    uwsgi_temp_path %[1]s/uwsgi;
    scgi_temp_path %[1]s/scgi;
%[2]s
}
`, dir, server)
	path := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	startProxy(t, exec.Command("nginx", "-e", "stderr", "-p", dir, "-c", path))
}

// runCaddy runs the README's Caddyfile on the test's address, certificate
// and backend.
func runCaddy(t *testing.T, dir, listen, backend string) {
	t.Helper()
	site := strings.NewReplacer(
		"privacy.example.com {", fmt.Sprintf("https://%s:%s {\n    bind 127.0.0.1\n    tls %s/cert.pem %s/key.pem", publicHost, port(listen), dir, dir),
		"127.0.0.1:8080", backend,
	).Replace(readmeBlock(t, "caddyfile"))
	conf := fmt.Sprintf("{\n    admin off\n    auto_https disable_redirects\n    http_port %s\n    https_port %s\n}\n%s", port(freeAddr(t)), port(listen), site)
	path := filepath.Join(dir, "Caddyfile")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("caddy", "run", "--config", path, "--adapter", "caddyfile")
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	startProxy(t, cmd)
}

// startProxy starts a proxy and kills it when the test ends.
func startProxy(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-done
		if t.Failed() {
			t.Logf("%s said:\n%s", cmd.Path, out.String())
		}
	})
}

// port is an address's port.
func port(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}

// writeCertificate writes a self-signed certificate for publicHost to
// dir/cert.pem and dir/key.pem and returns a pool that trusts it.
func writeCertificate(t *testing.T, dir string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: publicHost}, DNSNames: []string{publicHost},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	for name, data := range map[string][]byte{"cert.pem": certPEM, "key.pem": pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	return pool
}
