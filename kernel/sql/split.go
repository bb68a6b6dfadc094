package sql

import "strings"

// Split cuts a cell into its statements at the semicolons that are outside strings
// ('it”s'), quoted identifiers ("a;b"), dollar quotes ($$;$$), line comments (-- ;) and
// block comments (/* ; */). Statements holding only comments and space are dropped.
func Split(src string) []string {
	var out []string
	start, real := 0, false // real: the statement has something besides comments
	flush := func(end int) {
		if real {
			out = append(out, strings.TrimSpace(src[start:end]))
		}
		start, real = end+1, false
	}
	walk(src, func(i, end int, k part) {
		if k == comment {
			return
		}
		if k == quoted {
			real = true
			return
		}
		for ; i < end; i++ {
			switch src[i] {
			case ';':
				flush(i)
			case ' ', '\t', '\n', '\r':
			default:
				real = true
			}
		}
	})
	flush(len(src))
	return out
}

// Params returns the names of the $name parameters of a statement (DuckDB's named
// parameters), each once, in order of appearance; $1 and dollar quotes are not parameters.
func Params(stmt string) []string {
	var names []string
	seen := map[string]bool{}
	walk(stmt, func(i, end int, k part) {
		for ; k == code && i < end; i++ {
			if stmt[i] != '$' || i > 0 && isWord(stmt[i-1]) {
				continue
			}
			j := i + 1
			for j < end && isWord(stmt[j]) {
				j++
			}
			if name := stmt[i+1 : j]; name != "" && !(name[0] >= '0' && name[0] <= '9') && !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
			i = j - 1
		}
	})
	return names
}

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

type part int

const (
	code    part = iota
	quoted       // a string, a quoted identifier or a dollar-quoted string
	comment      // -- to the end of the line, or /* */
)

// walk cuts src into runs of code, quoted text and comments and calls fn for each run
// [i, end).
func walk(src string, fn func(i, end int, k part)) {
	start := 0
	other := func(i, end int, k part) int {
		fn(start, i, code)
		fn(i, end, k)
		start = end
		return end - 1
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '-' && strings.HasPrefix(src[i:], "--"):
			i = other(i, skipTo(src, i+2, "\n"), comment)
		case c == '/' && strings.HasPrefix(src[i:], "/*"):
			i = other(i, skipTo(src, i+2, "*/"), comment)
		case c == '\'' || c == '"':
			i = other(i, skipQuoted(src, i), quoted)
		case c == '$':
			if tag, ok := dollarTag(src[i:]); ok {
				i = other(i, skipTo(src, i+len(tag), tag), quoted)
			}
		}
	}
	fn(start, len(src), code)
}

// skipTo returns the index just past the next end at or after i, or len(s).
func skipTo(s string, i int, end string) int {
	if j := strings.Index(s[i:], end); j >= 0 {
		return i + j + len(end)
	}
	return len(s)
}

// skipQuoted returns the index just past the quoted text starting at i; a doubled quote
// is an escaped one.
func skipQuoted(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// dollarTag returns the opening tag of a dollar-quoted string at the start of s: $$ or $name$.
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		c := s[j]
		if c == '$' {
			return s[:j+1], true
		}
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 1 && c >= '0' && c <= '9') {
			return "", false
		}
	}
	return "", false
}
