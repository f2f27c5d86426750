package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/mailproc/mailproc/mailproc/decide"
	"github.com/mailproc/mailproc/mailproc/parse"
)

// DecideResult is parse + classify + extract per message over one set of
// messages, on one core.
type DecideResult struct {
	Set         string
	Messages    int // distinct messages in the set
	NsPerOp     int64
	BytesPerOp  int64
	AllocsPerOp int64
}

// PerSecond is messages decided per second.
func (d DecideResult) PerSecond() float64 {
	if d.NsPerOp == 0 {
		return 0
	}
	return 1e9 / float64(d.NsPerOp)
}

// DecideBenchmark decides the messages in turn, one per iteration:
// parse.Parse (MIME, charsets, HTML, quotes), then decide.Decide (classify
// the subject and machine mail, validate and extract the fields).
func DecideBenchmark(msgs [][]byte) func(b *testing.B) {
	return func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			raw := msgs[i%len(msgs)]
			m := parse.Parse(raw, parse.Limits{})
			decide.Decide(decide.Input{Msg: m, Size: int64(len(raw))})
			i++
		}
	}
}

// GeneratedSet is the first n messages of the backlog of seed.
func GeneratedSet(seed uint64, n int) [][]byte {
	g := NewGenerator(seed, n, testlessBase)
	msgs := make([][]byte, n)
	for i := range n {
		msgs[i] = g.Message(i).Raw
	}
	return msgs
}

// testlessBase dates the messages of GeneratedSet; the decision does not
// depend on it.
var testlessBase = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// CorpusSet reads the *.eml files of dir; none when dir is not there.
func CorpusSet(dir string) ([][]byte, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.eml"))
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", dir, err)
	}
	var msgs [][]byte
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		msgs = append(msgs, raw)
	}
	return msgs, nil
}

// MeasureDecide runs DecideBenchmark over msgs with GOMAXPROCS 1, as
// `go test -bench -benchmem -cpu 1` would.
func MeasureDecide(set string, msgs [][]byte) DecideResult {
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	r := testing.Benchmark(DecideBenchmark(msgs))
	return DecideResult{Set: set, Messages: len(msgs), NsPerOp: r.NsPerOp(), BytesPerOp: r.AllocedBytesPerOp(), AllocsPerOp: r.AllocsPerOp()}
}

// decide is part 6, over the generated messages, the corpus, and both.
func (r *runner) decide(context.Context) error {
	r.progress("parse + classify + extract")
	gen := GeneratedSet(r.o.Seed, 1000)
	corpus, err := CorpusSet(r.o.CorpusDir)
	if err != nil {
		return err
	}
	r.res.Decide = append(r.res.Decide, MeasureDecide("generated", gen))
	if len(corpus) > 0 {
		r.res.Decide = append(r.res.Decide, MeasureDecide("corpus", corpus), MeasureDecide("generated+corpus", append(gen[:len(gen):len(gen)], corpus...)))
	}
	return nil
}
