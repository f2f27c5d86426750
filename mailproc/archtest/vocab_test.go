package archtest

import (
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mailproc/mailproc/mailproc/cases"
)

// listed says, for each word of the shared vocabulary (by the name of its
// type in package cases), whether a value is a row of its table; "" is
// always allowed (none).
var listed = map[string]func(string) bool{
	"Kind":     func(v string) bool { return slices.Contains(kindsOf(cases.Kinds()), cases.Kind(v)) },
	"State":    func(v string) bool { return slices.Contains(cases.States(), cases.State(v)) },
	"Reason":   func(v string) bool { return slices.Contains(cases.Reasons(), cases.Reason(v)) },
	"Template": func(v string) bool { return slices.Contains(cases.Templates(), cases.Template(v)) },
	"JobState": func(v string) bool { return slices.Contains(cases.JobStates(), cases.JobState(v)) },
	// An outcome is recorded as a code, or a code, ": " and a reason.
	"Outcome": func(v string) bool {
		code, _ := cases.SplitOutcome(cases.Outcome(v))
		_, ok := cases.OutcomeInfoOf(code)
		return ok
	},
}

func kindsOf(rows []cases.KindInfo) []cases.Kind {
	var out []cases.Kind
	for _, r := range rows {
		out = append(out, r.Kind)
	}
	return out
}

// TestVocabularyListed: every kind, case state, reason, outcome, template
// and job state the code of the module writes (a constant of its type in
// package cases, wherever it stands: a declaration, a field, an argument,
// a comparison) is a row of its table, which the console, the command
// line and the reports list. A word spelled out that no table has fails
// here, not in front of staff.
func TestVocabularyListed(t *testing.T) {
	pkgs := goList(t, "-export", "-deps", module+"/...")
	exports := map[string]string{}
	for _, p := range pkgs {
		exports[p.ImportPath] = p.Export
	}
	fset := token.NewFileSet()
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		return os.Open(exports[path])
	})}
	checked := 0
	for _, p := range pkgs {
		if p.Standard || !under(p.ImportPath, module) || len(p.GoFiles) == 0 {
			continue
		}
		for _, w := range vocabularyIn(t, conf, fset, p) {
			t.Errorf("%s: %s %q is not in the table of package cases", w.at, w.word, w.value)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("checked %d packages of the module, want them all", checked)
	}
}

// use is one word of the vocabulary written in the code.
type use struct {
	at          token.Position
	word, value string
}

// vocabularyIn type-checks a package's non-test files and returns the
// constants of a vocabulary type that are not in their table.
func vocabularyIn(t *testing.T, conf types.Config, fset *token.FileSet, p pkg) []use {
	t.Helper()
	var files []*ast.File
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		files = append(files, f)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	if _, err := conf.Check(p.ImportPath, fset, files, info); err != nil {
		t.Fatalf("type-check %s: %v", p.ImportPath, err)
	}
	parts := concatenated(files)
	var bad []use
	for expr, tv := range info.Types {
		word, ok := vocabularyType(tv.Type)
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String || parts[expr] {
			continue
		}
		if v := constant.StringVal(tv.Value); v != "" && !listed[word](v) {
			bad = append(bad, use{at: fset.Position(expr.Pos()), word: word, value: v})
		}
	}
	return bad
}

// concatenated marks the operands of every +: a string joined to a word
// takes the word's type without being one (the sum, when constant, is
// checked itself).
func concatenated(files []*ast.File) map[ast.Expr]bool {
	parts := map[ast.Expr]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if b, ok := n.(*ast.BinaryExpr); ok && b.Op == token.ADD {
				parts[b.X], parts[b.Y] = true, true
			}
			return true
		})
	}
	return parts
}

// vocabularyType names the vocabulary type t is (a string type of its
// own in package cases), if it is one.
func vocabularyType(t types.Type) (string, bool) {
	const prefix = module + "/mailproc/cases."
	name := types.TypeString(t, nil)
	if !strings.HasPrefix(name, prefix) {
		return "", false
	}
	word := strings.TrimPrefix(name, prefix)
	_, ok := listed[word]
	return word, ok
}
