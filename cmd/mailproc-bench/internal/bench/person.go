package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// person is the sender of a generated message: unique per message, so no
// two requests come from the same requester (no repeats, no rate limit).
type person struct {
	First, Last, Email       string
	Street, City, ZIP, Child string
}

func newPerson(r *rand.Rand, i int) person {
	first, last := pick(r, firstNames), pick(r, lastNames)
	return person{
		First:  first,
		Last:   last,
		Email:  fmt.Sprintf("%s.%s.%d@example.net", strings.ToLower(first), strings.ToLower(last), i),
		Street: fmt.Sprintf("%d %s %s", 1+r.IntN(9899), pick(r, streets), pick(r, streetKinds)),
		City:   pick(r, cities),
		ZIP:    fmt.Sprintf("%05d", 90001+r.IntN(6160)), // 90001–96160: inside California's range
		Child:  pick(r, firstNames),
	}
}

// Name is the person's full name.
func (p person) Name() string { return p.First + " " + p.Last }

// From is the person as a From header value.
func (p person) From() string { return fmt.Sprintf("%s <%s>", p.Name(), p.Email) }

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// filler is n words of ordinary prose, in lines of about 70 characters.
func filler(r *rand.Rand, n int) string {
	var b strings.Builder
	line := 0
	for i := range n {
		w := pick(r, fillerWords)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		if line+len(w) > 70 {
			b.WriteString("\r\n")
			line = 0
		} else if i > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	b.WriteString(".\r\n")
	return b.String()
}
