package smtpout_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/textproto"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/smtpout"
)

// serveScript serves one connection with script and returns the address.
// script runs with the connection; the test waits for it before ending.
func serveScript(t *testing.T, script func(tp *textproto.Conn, conn *net.TCPConn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		script(textproto.NewConn(conn), conn.(*net.TCPConn))
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		<-done
	})
	return ln.Addr().String()
}

// untilData plays a server that accepts everything up to DATA's 354.
func untilData(tp *textproto.Conn) error {
	replies := []string{"220 fake ESMTP", "250 fake", "250 sender ok", "250 recipient ok", "354 go ahead"}
	for i, reply := range replies {
		if i > 0 {
			if _, err := tp.ReadLine(); err != nil {
				return err
			}
		}
		if err := tp.PrintfLine("%s", reply); err != nil {
			return err
		}
	}
	return nil
}

func TestSendScriptedServer(t *testing.T) {
	tests := []struct {
		name      string
		script    func(tp *textproto.Conn, conn *net.TCPConn)
		want      string
		wantStage string
		wantCode  int
		big       bool // send more than the socket buffers hold
	}{
		{name: "greeting 554", want: "permanent", wantStage: smtpout.StageConnect, wantCode: 554,
			script: func(tp *textproto.Conn, _ *net.TCPConn) { _ = tp.PrintfLine("554 no service") }},
		{name: "reset while streaming the body", want: "temporary", wantStage: smtpout.StageBody,
			script: resetDuringBody, big: true},
		{name: "closed after the end of data", want: "unknown", wantStage: smtpout.StageEndOfData,
			script: func(tp *textproto.Conn, _ *net.TCPConn) { readWholeData(tp) }},
		{name: "garbled reply to the end of data", want: "unknown", wantStage: smtpout.StageEndOfData,
			script: replyToData("hello there")},
		{name: "421 at the end of data", want: "temporary", wantStage: smtpout.StageEndOfData, wantCode: 421,
			script: replyToData("421 shutting down")},
		{name: "multi-line 250 at the end of data", want: "sent",
			script: replyToData("250-queued\r\n250 as 12345")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := serveScript(t, tt.script)
			sender, _ := newSender(t, sinkConfig(t, addr, smtpout.SecurityNone))
			raw := testMessage("scripted")
			if tt.big {
				raw = bigMessage()
			}
			err := sender.Send(context.Background(), testFrom, []string{testRcpt}, raw)
			if got := outcome(t, err); got != tt.want {
				t.Fatalf("Send = %v (%s), want %s", err, got, tt.want)
			}
			if err != nil {
				checkFailure(t, err, tt.wantStage, tt.wantCode)
			}
		})
	}
}

// bigMessage is a message far larger than the socket buffers, so that a
// server that stops reading stops the client while it writes the body.
func bigMessage() []byte {
	line := strings.Repeat("x", 76) + "\r\n"
	return append(testMessage("big"), bytes.Repeat([]byte(line), 400_000)...)
}

// resetDuringBody reads a little of the body, then resets the connection.
func resetDuringBody(tp *textproto.Conn, conn *net.TCPConn) {
	if untilData(tp) != nil {
		return
	}
	_, _ = io.ReadFull(tp.R, make([]byte, 1024))
	_ = conn.SetLinger(0)
}

// readWholeData reads the message through its final dot and reports
// whether it got there.
func readWholeData(tp *textproto.Conn) bool {
	if untilData(tp) != nil {
		return false
	}
	_, err := tp.ReadDotBytes()
	return err == nil
}

// replyToData reads the message and answers its end with reply.
func replyToData(reply string) func(*textproto.Conn, *net.TCPConn) {
	return func(tp *textproto.Conn, _ *net.TCPConn) {
		if readWholeData(tp) {
			_ = tp.PrintfLine("%s", reply)
			_, _ = tp.ReadLine() // QUIT, or EOF
		}
	}
}

func TestSendCanceledWhileStreamingBody(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stalled := make(chan struct{})
	addr := serveScript(t, func(tp *textproto.Conn, _ *net.TCPConn) {
		if untilData(tp) != nil {
			return
		}
		_, _ = io.ReadFull(tp.R, make([]byte, 1024))
		close(stalled) // and read no more, until the client gives up
		<-ctx.Done()
	})
	go func() {
		<-stalled
		cancel()
	}()
	sender, _ := newSender(t, sinkConfig(t, addr, smtpout.SecurityNone))
	err := sender.Send(ctx, testFrom, []string{testRcpt}, bigMessage())
	if got := outcome(t, err); got != "temporary" {
		t.Fatalf("Send = %v (%s), want temporary", err, got)
	}
	checkFailure(t, err, smtpout.StageBody, 0)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("errors.Is(%v, context.Canceled) = false, want true", err)
	}
}
