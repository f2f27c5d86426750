package bench

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedCorpus is the shared corpus beside the checkout, when it is there.
var sharedCorpus = filepath.Join("..", "..", "..", "shared", "corpus")

// BenchmarkDecide is parse + classify + extract per message: over the
// generated backlog's first 1,000 messages, over the shared corpus when it
// is there, and over both. Run it on one core:
//
//	go test -run NONE -bench Decide -benchmem -cpu 1 ./mailproc/bench
func BenchmarkDecide(b *testing.B) {
	gen := GeneratedSet(1, 1000)
	b.Run("generated", DecideBenchmark(gen))
	corpus, err := CorpusSet(sharedCorpus)
	if err != nil {
		b.Fatal(err)
	}
	if len(corpus) == 0 {
		b.Logf("no corpus at %s", sharedCorpus)
		return
	}
	b.Run("corpus", DecideBenchmark(corpus))
	b.Run("generated+corpus", DecideBenchmark(append(gen, corpus...)))
}

func TestCorpusSetOfMissingDirIsEmpty(t *testing.T) {
	msgs, err := CorpusSet(filepath.Join(t.TempDir(), "none"))
	if err != nil || len(msgs) != 0 {
		t.Errorf("CorpusSet(missing) = %d messages, %v; want none, nil", len(msgs), err)
	}
	if _, err := os.Stat(sharedCorpus); err == nil {
		if msgs, err := CorpusSet(sharedCorpus); err != nil || len(msgs) == 0 {
			t.Errorf("CorpusSet(%s) = %d messages, %v; want some", sharedCorpus, len(msgs), err)
		}
	}
}
