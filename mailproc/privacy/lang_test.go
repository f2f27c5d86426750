package privacy

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestLanguageFiles: every language file loads, has the sections the
// detector needs, asks for every right some way, and lists no phrase twice.
func TestLanguageFiles(t *testing.T) {
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	needed := []role{roleLaw, roleRight, roleNamed, roleData, roleWeak, roleMy, roleOwner, roleHeld, roleAgent,
		roleAsk, roleI, roleQuestion, roleBulk, roleThing, roleArticle, roleNegation}
	for _, lang := range Languages {
		t.Run(lang, func(t *testing.T) {
			ps := lx.perLang[lang]
			for _, r := range needed {
				if !slices.ContainsFunc(ps, func(p *phrase) bool { return p.role == r }) {
					t.Errorf("lang/%s.txt has no [%s] section", lang, r)
				}
			}
			for _, right := range Rights {
				if !slices.ContainsFunc(ps, func(p *phrase) bool { return p.role == roleRight && p.right == right }) {
					t.Errorf("lang/%s.txt has no [right %s]", lang, right)
				}
			}
			seen := map[string]bool{}
			for _, p := range ps {
				key := fmt.Sprintf("%s %s %s", p.role, p.right, strings.Join(p.words, " "))
				if seen[key] {
					t.Errorf("lang/%s.txt lists %q twice in [%s %s]", lang, p.text, p.role, p.right)
				}
				seen[key] = true
			}
		})
	}
}

// TestParseLangErrors: a broken file names its line.
func TestParseLangErrors(t *testing.T) {
	for _, src := range []string{
		"delete\n",
		"[nonsense]\nx\n",
		"[right]\ndelete\n",
		"[right flying]\ndelete\n",
		"[law eu]\ngdpr\n",
		"[data extra]\npersonal data\n",
		"[data]\n* data\n",
		"[data]\n!!!\n",
		"[spelling]\npersonel personal\n",
		"[right deletion]\ndelete|don't\n",
	} {
		if _, _, err := parseLang("xx", src); err == nil || !strings.Contains(err.Error(), "line") {
			t.Errorf("parseLang(%q) = %v, want an error naming the line", src, err)
		}
	}
}

// TestWords: case folded, accents and punctuation dropped, NFKC.
func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"L'accès aux DONNÉES":     "l acces aux donnees",
		"Löschung gemäß Straße":   "loschung gemass strasse",
		"ＧＤＰＲ Art.\u00a015(1)(b)": "gdpr art 15 1 b",
		"don't—sell  my\tdata":    "don t sell my data",
		"":                        "",
	} {
		if got := strings.Join(words(in), " "); got != want {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSentences: sentences end at ?, !, a full stop before a capital, and
// a blank line; not at "Art. 15", a ';' or a wrapped line.
func TestSentences(t *testing.T) {
	text := "Under Art. 15 GDPR I ask\nfor a copy; and more. Can you? yes!\n\nBye"
	var got []string
	for _, s := range sentences(text) {
		got = append(got, fmt.Sprintf("%s%v", strings.Join(s.words, " "), map[bool]string{true: "?"}[s.question]))
	}
	want := []string{"under art 15 gdpr i ask for a copy and more", "can you?", "yes", "bye"}
	if !slices.Equal(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// TestLanguageExamples: in each language, requests in a few words are
// found with their rights, and the look-alikes of a support mailbox are not.
func TestLanguageExamples(t *testing.T) {
	type ex struct {
		text   string
		rights string // "" for not a request; "-" for a request of unclear right
	}
	examples := map[string][]ex{
		"en": {
			{"Please delete my personal data.", "deletion"},
			{"Send me a copy of the data you hold about me.", "access"},
			{"I object to the processing of my personal data.", "objection"},
			{"I withdraw my consent.", "consent-withdrawal"},
			{"Please do not sell my personal information.", "opt-out"},
			{"Have you sold my data?", "access"},
			{"Please export my data in a machine-readable format.", "portability"},
			{"Restrict the processing of my personal data.", "restriction"},
			{"My personal data is inaccurate, please correct it.", "correction"},
			{"I wish to exercise my rights under the GDPR.", "-"},
			{"Please delete my account.", ""},
			{"Please correct my shipping address.", ""},
			{"Unsubscribe me please.", ""},
			{"How do you protect my personal data?", ""},
			{"Our platform deletes personal data on request. Book a demo.", ""},
		},
		"de": {
			{"Bitte löschen Sie meine personenbezogenen Daten.", "deletion"},
			{"Welche Daten haben Sie über mich gespeichert?", "access"},
			{"Ich widerspreche der Nutzung meiner Daten.", "objection"},
			{"Ich widerrufe meine Einwilligung.", "consent-withdrawal"},
			{"Bitte berichtigen Sie meine personenbezogenen Daten.", "correction"},
			{"Bitte löschen Sie mein Kundenkonto.", ""},
			{"Ich widerrufe meinen Kaufvertrag.", ""},
			{"Wie lange speichern Sie meine Daten?", ""},
		},
		"fr": {
			{"Merci de supprimer mes données personnelles.", "deletion"},
			{"Je souhaite obtenir une copie de mes données.", "access"},
			{"Je m'oppose au traitement de mes données.", "objection"},
			{"Je retire mon consentement.", "consent-withdrawal"},
			{"Pouvez-vous supprimer mon compte ?", ""},
			{"Comment protégez-vous mes données personnelles ?", ""},
		},
		"es": {
			{"Por favor, borren mis datos personales.", "deletion"},
			{"Solicito una copia de mis datos.", "access"},
			{"Me opongo al tratamiento de mis datos.", "objection"},
			{"Revoco mi consentimiento.", "consent-withdrawal"},
			{"Por favor, eliminen mi cuenta.", ""},
			{"Quiero darme de baja del boletín.", ""},
		},
		"it": {
			{"Vi chiedo di cancellare i miei dati personali.", "deletion"},
			{"Chiedo copia dei miei dati.", "access"},
			{"Mi oppongo al trattamento dei miei dati.", "objection"},
			{"Revoco il consenso.", "consent-withdrawal"},
			{"Vorrei cancellare il mio account.", ""},
			{"Come proteggete i miei dati?", ""},
		},
		"nl": {
			{"Graag wil ik dat u mijn persoonsgegevens verwijdert.", "deletion"},
			{"Kunt u mij een kopie sturen van mijn gegevens?", "access"},
			{"Ik maak bezwaar tegen de verwerking van mijn persoonsgegevens.", "objection"},
			{"Ik trek mijn toestemming in.", "consent-withdrawal"},
			{"Ik wil mijn gegevens wijzigen.", ""},
			{"Graag afmelden voor de nieuwsbrief.", ""},
		},
		"pt": {
			{"Por favor, apaguem os meus dados pessoais.", "deletion"},
			{"Solicito uma cópia dos meus dados.", "access"},
			{"Oponho-me ao tratamento dos meus dados.", "objection"},
			{"Revogo o meu consentimento.", "consent-withdrawal"},
			{"Quero cancelar a minha conta.", ""},
			{"Como vocês protegem os meus dados?", ""},
		},
	}
	for _, lang := range Languages {
		for _, e := range examples[lang] {
			t.Run(lang+"/"+e.text, func(t *testing.T) {
				f := Detect("", e.text)
				want := e.rights != ""
				got := strings.Join(f.Rights, ",")
				if f.Request != want || want && e.rights != "-" && got != e.rights || e.rights == "-" && got != "" {
					t.Errorf("Detect(%q) = %v %q, want %v %q (%s)", e.text, f.Request, got, want, e.rights, f.Evidence)
				}
			})
		}
	}
}

// refWords is words as the Unicode standard reads the whole string at
// once: NFKC, case folding, NFD, marks dropped, anything but letters and
// digits a space. The tokenizer reads rune by rune; it must agree.
func refWords(s string) []string {
	s = folder.String(norm.NFKC.String(s))
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// FuzzTokenize: the sentences' words, one after the other, are the words
// of the whole text as refWords reads it, and words agrees too.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Don't SELL my data, Art. 15(1)!", "\x00\x7f~`|", "Löschung gemäß ﬁle Ｇ e\u0301 ß ς ½",
		"what?! yes.\n\nNo. e.g. this", "\u0301x", "x\u0301", "İstanbul ǅ ﬀ", "\u0345", "α\u0345 ᾳ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var flat []string
		for _, sn := range sentences(s) {
			flat = append(flat, sn.words...)
		}
		want := refWords(s)
		if !slices.Equal(flat, want) && !(len(flat) == 0 && len(want) == 0) {
			t.Errorf("sentences(%q) words = %q, refWords = %q", s, flat, want)
		}
		if w := words(s); !slices.Equal(w, want) && !(len(w) == 0 && len(want) == 0) {
			t.Errorf("words(%q) = %q, refWords = %q", s, w, want)
		}
	})
}
