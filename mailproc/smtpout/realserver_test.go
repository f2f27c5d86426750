package smtpout_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/smtpout"
)

// realServerConfig reads MAILPROC_TEST_SMTP ("host:port,security,cafile",
// cafile optional) and MAILPROC_TEST_SMTP_USERNAME / _PASSWORD, and skips
// the test when it is unset.
func realServerConfig(t *testing.T) smtpout.Config {
	t.Helper()
	return realServerConfigFrom(t, "MAILPROC_TEST_SMTP")
}

// realServerConfigFrom reads a server from the environment variable env.
func realServerConfigFrom(t *testing.T, env string) smtpout.Config {
	t.Helper()
	spec := os.Getenv(env)
	if spec == "" {
		t.Skip(env + " not set (host:port,security,cafile): scripts/test-servers.sh starts a server")
	}
	parts := strings.Split(spec, ",")
	if len(parts) < 2 || len(parts) > 3 {
		t.Fatalf("%s = %q, want host:port,security[,cafile]", env, spec)
	}
	cfg := sinkConfig(t, parts[0], parts[1])
	if len(parts) == 3 {
		cfg.CAFile = parts[2]
	}
	cfg.Username = os.Getenv("MAILPROC_TEST_SMTP_USERNAME")
	cfg.Password = os.Getenv("MAILPROC_TEST_SMTP_PASSWORD")
	return cfg
}

func TestRealServerSendsBatch(t *testing.T) {
	cfg := realServerConfig(t)
	sender, _ := newSender(t, cfg)
	stamp := time.Now().UnixNano()
	var ids []string
	for i := range 3 {
		id := fmt.Sprintf("real-%d-%d", stamp, i)
		if err := sender.Send(context.Background(), testFrom, []string{testRcpt}, testMessage(id)); err != nil {
			t.Fatalf("Send(%s) = %v, want nil", id, err)
		}
		ids = append(ids, id+"@mailproc.test")
	}
	if api := os.Getenv("MAILPROC_TEST_MAILPIT_API"); api != "" {
		waitForMailpit(t, api, ids)
	}
}

// waitForMailpit polls mailpit's API, with a deadline, until every
// Message-ID in ids has arrived.
func waitForMailpit(t *testing.T, api string, ids []string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		missing := missingFromMailpit(t, api, ids)
		if len(missing) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit at %s lacks %q", api, missing)
		}
		<-tick.C
	}
}

// missingFromMailpit lists the ids that mailpit's newest messages lack.
func missingFromMailpit(t *testing.T, api string, ids []string) []string {
	t.Helper()
	resp, err := http.Get(strings.TrimRight(api, "/") + "/api/v1/messages?limit=200")
	if err != nil {
		t.Fatalf("mailpit API: %v", err)
	}
	defer resp.Body.Close()
	var list struct {
		Messages []struct{ MessageID string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatalf("mailpit API: decode: %v", err)
	}
	seen := map[string]bool{}
	for _, m := range list.Messages {
		seen[strings.Trim(m.MessageID, "<>")] = true
	}
	var missing []string
	for _, id := range ids {
		if !seen[id] {
			missing = append(missing, id)
		}
	}
	return missing
}
