package main

import (
	"io"
	"slices"
	"testing"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		throughput bool
		latency    int
		sizes      []int
		decide     bool
		imapPort   int
		wantErr    bool
	}{
		{"defaults", nil, true, 200, []int{2000, 20000}, true, 10993, false},
		{"quick", []string{"-n", "500", "-latency", "20", "-rss", "200,2000"}, true, 20, []int{200, 2000}, true, 10993, false},
		{"some parts", []string{"-parts", "latency, decide"}, false, 200, nil, true, 10993, false},
		{"other imap", []string{"-imap", "localhost:143", "-imap-security", "none"}, true, 200, []int{2000, 20000}, true, 143, false},
		{"unknown part", []string{"-parts", "speed"}, false, 0, nil, false, 0, true},
		{"bad size", []string{"-rss", "2000,x"}, false, 0, nil, false, 0, true},
		{"bad address", []string{"-smtp", "nohost"}, false, 0, nil, false, 0, true},
		{"no runs", []string{"-runs", "0"}, false, 0, nil, false, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseFlags(tt.args, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseFlags(%q) error = %v, want error %t", tt.args, err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if o.Throughput != tt.throughput || o.Latency != tt.latency || !slices.Equal(o.MemorySizes, tt.sizes) ||
				o.Decide != tt.decide || o.IMAP.Port != tt.imapPort {
				t.Errorf("parseFlags(%q) = throughput %t latency %d sizes %v decide %t imap port %d; want %t %d %v %t %d",
					tt.args, o.Throughput, o.Latency, o.MemorySizes, o.Decide, o.IMAP.Port,
					tt.throughput, tt.latency, tt.sizes, tt.decide, tt.imapPort)
			}
		})
	}
}

func TestParseFlagsRuns(t *testing.T) {
	for args, want := range map[string]int{"": 1, "5": 5} {
		var in []string
		if args != "" {
			in = []string{"-runs", args}
		}
		o, err := parseFlags(in, io.Discard)
		if err != nil || o.Runs != want {
			t.Errorf("parseFlags(%q): Runs %d, error %v; want %d", in, o.Runs, err, want)
		}
	}
}
