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
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == ';':
			flush(i)
		case c == '-' && strings.HasPrefix(src[i:], "--"):
			i = skipTo(src, i+2, "\n") - 1
		case c == '/' && strings.HasPrefix(src[i:], "/*"):
			i = skipTo(src, i+2, "*/") - 1
		case c == '\'' || c == '"':
			i = skipQuoted(src, i) - 1
			real = true
		case c == '$':
			if tag, ok := dollarTag(src[i:]); ok {
				i = skipTo(src, i+len(tag), tag) - 1
			}
			real = true
		case c != ' ' && c != '\t' && c != '\n' && c != '\r':
			real = true
		}
	}
	flush(len(src))
	return out
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
