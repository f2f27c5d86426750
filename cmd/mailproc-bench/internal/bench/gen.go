package bench

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Generator makes the same backlog from the same seed: the category of
// every message, then each message on demand, so that a backlog of 20,000
// messages (1.5 GB) is never held in memory.
type Generator struct {
	seed  uint64
	base  time.Time
	cats  []Category
	block []byte // random bytes that attachments are cut from
}

// Message is one generated message.
type Message struct {
	Index     int
	Category  Category
	MessageID string    // with angle brackets
	Date      time.Time // its Date header and the INTERNALDATE to append it with
	Raw       []byte    // CRLF line ends
}

// attachmentBlock is the size of the random block attachments are cut
// from: the largest attachment plus room to vary where it starts.
const attachmentBlock = 1 << 20

// NewGenerator lays out n messages in the proportions of issue 7, in an
// order shuffled by seed. Message i is dated base + i minutes.
func NewGenerator(seed uint64, n int, base time.Time) *Generator {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	var cats []Category
	for c, k := range Mix(n) {
		for range k {
			cats = append(cats, Category(c))
		}
	}
	r.Shuffle(len(cats), func(i, j int) { cats[i], cats[j] = cats[j], cats[i] })
	block := make([]byte, attachmentBlock)
	for i := range block {
		block[i] = byte(r.Uint32())
	}
	return &Generator{seed: seed, base: base, cats: cats, block: block}
}

// Mix is how many messages of each category a backlog of n has.
func Mix(n int) [numCategories]int {
	unrelated, california, coppa := n*75/100, n*15/100, n*7/100
	automated := n - unrelated - california - coppa
	var m [numCategories]int
	m[UnrelatedAttachment] = unrelated / 3
	m[Unrelated] = unrelated - m[UnrelatedAttachment]
	m[CaliforniaIncomplete] = california / 5
	m[California] = california - m[CaliforniaIncomplete]
	m[Coppa] = coppa
	m[AutomatedRequest] = automated / 2
	m[AutomatedOther] = automated - m[AutomatedRequest]
	return m
}

// Len is the number of messages.
func (g *Generator) Len() int { return len(g.cats) }

// Category is the category of message i.
func (g *Generator) Category(i int) Category { return g.cats[i] }

// MessageID is the Message-ID of message i, with angle brackets.
func (g *Generator) MessageID(i int) string {
	return fmt.Sprintf("<bench.%d.%d@mail.example.net>", g.seed, i)
}

// Message makes message i.
func (g *Generator) Message(i int) Message {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)+1))
	c := g.cats[i]
	m := Message{Index: i, Category: c, MessageID: g.MessageID(i), Date: g.base.Add(time.Duration(i) * time.Minute)}
	p := newPerson(r, i)
	switch c {
	case Unrelated:
		m.Raw = unrelatedMail(r, p, m, nil)
	case UnrelatedAttachment:
		m.Raw = unrelatedMail(r, p, m, g.attachment(r))
	case California, CaliforniaIncomplete:
		m.Raw = californiaMail(r, p, m, c == California)
	case Coppa:
		m.Raw = coppaMail(r, p, m)
	case AutomatedRequest:
		m.Raw = autoReplyMail(r, p, m)
	default:
		m.Raw = newsletterMail(r, m)
	}
	return m
}

// attachment cuts 100–500 KB from the random block.
func (g *Generator) attachment(r *rand.Rand) []byte {
	size := 100<<10 + r.IntN(400<<10+1)
	start := r.IntN(len(g.block) - size + 1)
	return g.block[start : start+size]
}
