package oauth

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// maxStderrNote bounds the part of a failed command's standard error that
// goes into the error.
const maxStderrNote = 200

// runTokenCommand runs command with /bin/sh -c under timeout and parses its
// output. Errors say what went wrong and end with the last line the command
// wrote to standard error, but never show its standard output (the token)
// or the command line (it may hold a client secret).
func runTokenCommand(ctx context.Context, command string, timeout time.Duration) (string, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var stdout, stderr cappedBuffer
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", command)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second // a child left holding the pipes
	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return "", 0, fmt.Errorf("token command (timeout %s): %w", timeout, ctx.Err())
	case err != nil:
		return "", 0, fmt.Errorf("token command: %w%s", err, stderrNote(stderr.Bytes()))
	case stdout.overflow:
		return "", 0, fmt.Errorf("token command: output longer than %d bytes", maxOutput)
	}
	token, life, err := parseOutput(stdout.Bytes())
	if err != nil {
		return "", 0, fmt.Errorf("token command output: %w", err)
	}
	return token, life, nil
}

// stderrNote is ": " and the last non-empty line of stderr, shortened; ""
// when there is none.
func stderrNote(stderr []byte) string {
	lines := strings.Split(strings.TrimSpace(string(stderr)), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	if last == "" {
		return ""
	}
	if len(last) > maxStderrNote {
		last = last[:maxStderrNote] + "…"
	}
	return ": " + strings.ToValidUTF8(last, "?")
}

// cappedBuffer keeps the first maxOutput bytes written to it and notes
// whether there were more.
type cappedBuffer struct {
	buf      bytes.Buffer // not embedded: io.Copy would use its ReadFrom
	overflow bool
}

// Write keeps what fits and drops the rest, never failing, so that the
// command is not killed by a broken pipe.
func (b *cappedBuffer) Write(p []byte) (int, error) {
	room := maxOutput - b.buf.Len()
	if len(p) > room {
		b.overflow = true
		b.buf.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.buf.Write(p)
}

// Bytes is what was kept.
func (b *cappedBuffer) Bytes() []byte { return b.buf.Bytes() }
