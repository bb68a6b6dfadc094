package notebook

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Options are space-separated tokens `key` or `key=value`; a value with
// spaces, quotes or other special characters is a Go double-quoted string.

// parseOptions parses the options part of an info string or marker.
func parseOptions(s string) ([]Option, error) {
	var opts []Option
	seen := map[string]bool{}
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return opts, nil
		}
		n := 0
		for n < len(s) && isKeyByte(s[n], n == 0) {
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("expected an option name at %q", clip(s))
		}
		o := Option{Key: s[:n]}
		s = s[n:]
		if strings.HasPrefix(s, "=") {
			v, rest, err := parseValue(o.Key, s[1:])
			if err != nil {
				return nil, err
			}
			o.Value, s = v, rest
		}
		if s != "" && s[0] != ' ' && s[0] != '\t' {
			return nil, fmt.Errorf("option %s: unexpected %q (quote values with spaces or quotes)", o.Key, clip(s))
		}
		if seen[o.Key] {
			return nil, fmt.Errorf("option %s is given twice", o.Key)
		}
		seen[o.Key] = true
		opts = append(opts, o)
	}
}

// parseValue reads one option value from the start of s.
func parseValue(key, s string) (value, rest string, err error) {
	if strings.HasPrefix(s, `"`) {
		i := 1
		for i < len(s) && s[i] != '"' {
			if s[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(s) {
			return "", "", fmt.Errorf("option %s: quoted value is never closed", key)
		}
		v, err := strconv.Unquote(s[:i+1])
		if err != nil {
			return "", "", fmt.Errorf("option %s: bad quoted value %s", key, s[:i+1])
		}
		return v, s[i+1:], nil
	}
	end := strings.IndexAny(s, " \t")
	if end < 0 {
		end = len(s)
	}
	v := s[:end]
	if v == "" {
		return "", "", fmt.Errorf(`option %s: missing value after = (write %s="" for an empty value)`, key, key)
	}
	if !isBare(v) {
		return "", "", fmt.Errorf("option %s: value %q must be double-quoted", key, v)
	}
	return v, s[end:], nil
}

// formatOptions writes options as parseOptions reads them, each with a
// leading space.
func formatOptions(opts []Option) string {
	var b strings.Builder
	for _, o := range opts {
		b.WriteString(" " + o.Key)
		if o.Value != "" {
			b.WriteString("=" + formatValue(o.Value))
		}
	}
	return b.String()
}

// formatValue quotes v when it cannot be written bare. Backticks and '>'
// are escaped so a quoted value never ends a backtick fence's info string
// or an HTML comment.
func formatValue(v string) string {
	if isBare(v) {
		return v
	}
	q := strconv.Quote(v)
	q = strings.ReplaceAll(q, "`", `\x60`)
	return strings.ReplaceAll(q, ">", `\x3e`)
}

// isBare reports whether v can be written without quotes.
func isBare(v string) bool {
	if v == "" || !utf8.ValidString(v) {
		return false
	}
	for _, r := range v {
		if r == ' ' || !unicode.IsPrint(r) || strings.ContainsRune("\"'`<>", r) {
			return false
		}
	}
	return true
}

func isKeyByte(c byte, first bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		return true
	case c >= '0' && c <= '9', c == '-', c == '.':
		return !first
	}
	return false
}

// validKey reports whether k is a well-formed option name.
func validKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if !isKeyByte(k[i], i == 0) {
			return false
		}
	}
	return k != ""
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 30 {
		return s[:30] + "..."
	}
	return s
}
