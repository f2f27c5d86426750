package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/mailproc/mailproc/mailproc/bench"
	"github.com/mailproc/mailproc/mailproc/mailbox"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	users, _ := strconv.Atoi(os.Args[2])
	g := bench.NewGenerator(1, n, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	var accts []mailbox.Config
	run := time.Now().Unix()
	for k := range users {
		accts = append(accts, mailbox.Config{Host: "127.0.0.1", Port: 10993, Security: "tls", CAFile: "/tmp/mps/cert.pem",
			Username: fmt.Sprintf("benchexp-%d-%d@example.test", run, k), Password: "secret"})
	}
	start := time.Now()
	err := bench.Seed(context.Background(), g, accts...)
	fmt.Println(time.Since(start), err)
	c, err := bench.FolderCounts(context.Background(), accts[0], "INBOX")
	fmt.Println(c, err)
}
