package service

import (
	"strconv"
	"unicode/utf8"
)

// flatObject decodes the usual request, one JSON object of plain values, without
// encoding/json's reflection (a third of the handler's time). It reports ok = false for
// anything else (nesting, escapes, a "rows" key, invalid UTF-8, numbers out of range, any
// error), which decodeJSON then reads the general way, so every answer and error message
// stays encoding/json's. FuzzFlatObject checks that both agree whenever ok.
func flatObject(b []byte, fs features) (row map[string]any, ok bool) {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '{' {
		return nil, false
	}
	row = make(map[string]any, 8)
	if i = skipSpace(b, i+1); i < len(b) && b[i] == '}' {
		return row, skipSpace(b, i+1) == len(b)
	}
	for {
		var key []byte
		if key, i, ok = flatString(b, i); !ok || string(key) == "rows" {
			return nil, false
		}
		if i = skipSpace(b, i); i == len(b) || b[i] != ':' {
			return nil, false
		}
		var v any
		if v, i, ok = flatValue(b, skipSpace(b, i+1)); !ok {
			return nil, false
		}
		row[fs.name(key)] = v
		if i = skipSpace(b, i); i == len(b) {
			return nil, false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return row, skipSpace(b, i+1) == len(b)
		default:
			return nil, false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// name is key as a string, the schema's own when it names a feature (no allocation).
func (fs features) name(key []byte) string {
	if f := fs[string(key)]; f != nil {
		return f.Name
	}
	return string(key)
}

// flatString reads the bytes of a string without escapes starting at b[i] == '"'.
func flatString(b []byte, i int) ([]byte, int, bool) {
	if i == len(b) || b[i] != '"' {
		return nil, i, false
	}
	ascii := true
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			if !ascii && !utf8.Valid(b[i+1:j]) {
				return nil, i, false
			}
			return b[i+1 : j], j + 1, true
		case c == '\\' || c < 0x20:
			return nil, i, false
		case c >= 0x80:
			ascii = false
		}
	}
	return nil, i, false
}

func flatValue(b []byte, i int) (any, int, bool) {
	if i == len(b) {
		return nil, i, false
	}
	switch c := b[i]; {
	case c == '"':
		v, j, ok := flatString(b, i)
		return string(v), j, ok
	case c == '-' || '0' <= c && c <= '9':
		return flatNumber(b, i)
	}
	for _, lit := range [...]struct {
		text string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(b)-i >= len(lit.text) && string(b[i:i+len(lit.text)]) == lit.text {
			return lit.v, i + len(lit.text), true
		}
	}
	return nil, i, false
}

// flatNumber reads a number of JSON's grammar: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
func flatNumber(b []byte, i int) (any, int, bool) {
	j := i
	if b[j] == '-' {
		j++
	}
	digits := func() bool {
		k := j
		for j < len(b) && '0' <= b[j] && b[j] <= '9' {
			j++
		}
		return j > k
	}
	if j < len(b) && b[j] == '0' {
		j++
	} else if !digits() {
		return nil, i, false
	}
	if j < len(b) && b[j] == '.' {
		if j++; !digits() {
			return nil, i, false
		}
	}
	if j < len(b) && (b[j] == 'e' || b[j] == 'E') {
		if j++; j < len(b) && (b[j] == '+' || b[j] == '-') {
			j++
		}
		if !digits() {
			return nil, i, false
		}
	}
	v, err := strconv.ParseFloat(string(b[i:j]), 64)
	if err != nil {
		return nil, i, false
	}
	return v, j, true
}
