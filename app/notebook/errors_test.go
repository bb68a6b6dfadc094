package notebook

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"unterminated code fence", "# T\n\n```go id=a\nx := 1\n", 3, "code fence opened here is never closed"},
		{"fence closed by a shorter fence is still open", "````go\nx\n```\n", 1, "never closed"},
		{"unterminated output fence", "```go\n```\n\n```output result\n1\n", 4, "output fence opened here is never closed"},
		{"unterminated front matter", "---\ntitle: x\n\n# T\n", 1, "front matter opened here is never closed"},
		{"bad YAML", "---\ntitle: x\nparams:\n  a: 1\n   b: 2\n---\n", 5, "front matter is not valid YAML"},
		{"bad YAML after blank lines", "---\n\n\ntitle: [x\n---\n", 4, "not valid YAML"},
		{"YAML error on the first line", "---\ntitle: [x\n---\n", 2, "not valid YAML"},
		{"YAML scanner error", "---\ntitle: x\nfoo: @bar\n---\n", 3, "cannot start any token"},
		{"YAML mapping error", "---\na: b: c\n---\n", 2, "not valid YAML"},
		{"YAML unknown alias", "---\na: 1\nb: *nope\n---\n", 1, "unknown anchor"},
		{"front matter not a mapping", "---\n- a\n- b\n---\n", 2, "front matter must be YAML keys and values"},
		{"unsupported format version", "---\ntitle: x\nformat: 2\n---\n", 3, "format version 2 is not supported"},
		{"format not a number", "---\nformat: one\n---\n", 2, "format must be a whole number"},
		{"duplicate front matter key", "---\ntitle: a\ntitle: b\n---\n", 3, `key "title" is given twice (first on line 2)`},
		{"title not text", "---\ntitle: [a]\n---\n", 2, "title must be text"},
		{"problem not a mapping", "---\nproblem: text\n---\n", 2, "problem must be keys and values"},
		{"params not a mapping", "---\nparams: [a, b]\n---\n", 2, "params must be names"},
		{"param default a list", "---\nparams:\n  n: 1\n  cols: [a]\n---\n", 4, "params.cols: a default must be"},
		{"param default too big", "---\nparams:\n  n: 18446744073709551615\n---\n", 3, "does not fit"},
		{"duplicate param", "---\nparams:\n  n: 1\n  n: 2\n---\n", 4, `parameter "n" is given twice`},
		{"seed not a number", "---\nkernel:\n  seed: abc\n---\n", 3, "kernel.seed must be a whole number"},
		{"bad memory limit", "---\nkernel:\n  memory_limit: lots\n---\n", 3, "kernel.memory_limit"},
		{"bad timeout", "---\nkernel:\n  timeout: 10 minutes\n---\n", 3, "kernel.timeout"},
		{"duplicate cell ids", "```go id=a\n```\n\n<!-- cell id=a -->\ntext\n", 4, `duplicate cell id "a" (first used on line 1)`},
		{"unclosed quote in options", "text\n\n```go id=a title=\"x\n```\n", 3, "malformed options in info string"},
		{"bad option name", "```go =x\n```\n", 1, "expected an option name"},
		{"option twice", "```go id=a id=b\n```\n", 1, "option id is given twice"},
		{"single quotes", "```go title='a b'\n```\n", 1, "must be double-quoted"},
		{"junk after quoted value", "```go title=\"a\"b\n```\n", 1, "unexpected"},
		{"empty value", "```go bind=\n```\n", 1, "missing value"},
		{"invalid id", "```go id=a/b\n```\n", 1, `invalid cell id "a/b"`},
		{"malformed marker", "<!-- cell id=\"x -->\n", 1, "malformed cell marker"},
		{"verbatim cell never ended", "\n<!-- cell id=a end=E -->\ntext\n", 2, "never closed by a line <!-- end E -->"},
		{"output at the start", "```output result\n1\n```\n", 1, "output block is not right after a code cell"},
		{"output after Markdown", "```go\n```\n\ntext\n\n```output result\n1\n```\n", 6, "not right after a code cell"},
		{"output after a marker", "```go\n```\n<!-- cell id=m -->\n```output result\n```\n", 4, "not right after a code cell"},
		{"alt output without an output", "```go\n```\n```output result mime=a/b alt\n```\n", 3, "does not follow an output"},
		{"alt output of another kind", "```go\n```\n```output result\n```\n```output error mime=a/b alt\n```\n", 5, "output block marked alt is output error"},
		{"alt output without mime", "```go\n```\n```output result\n```\n```output result alt\n```\n", 5, "needs mime="},
		{"mime twice", "```go\n```\n```output display mime=a\n```\n```output display mime=a alt\n```\n", 5, "appears twice"},
		{"unknown output option", "```go\n```\n```output result color=red\n```\n", 3, `unknown output option "color"`},
		{"flag with a value", "```go\n```\n```output result alt=yes\n```\n", 3, "takes no value"},
		{"CRLF keeps line numbers", "# T\r\n\r\n```go\r\nx\r\n", 3, "never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("got line %d %q, want line %d containing %q", pe.Line, pe.Msg, tt.line, tt.msg)
			}
		})
	}
}

func TestLoadNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notebook.cairn.md")
	os.WriteFile(path, []byte("# T\n\n\n\n\n\n\n\n\n\n\n```go\nnever closed\n"), 0o644)
	_, err := Load(path)
	want := path + ":12: code fence opened here is never closed"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	if (&ParseError{Line: 3, Msg: "m"}).Error() != "line 3: m" {
		t.Error("ParseError without a file")
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.cairn.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
