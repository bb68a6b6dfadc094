package notebook

import "strings"

// This file recognises the lines that give a Markdown file its notebook
// structure: fences (CommonMark rules), cell markers and their ends.

// fence is an opening code fence line.
type fence struct {
	indent int    // leading spaces, 0 to 3
	ch     byte   // '`' or '~'
	n      int    // length of the fence run, 3 or more
	info   string // the info string, trimmed
}

// openFence reports whether line opens a fenced code block.
func openFence(line string) (fence, bool) {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i > 3 || i == len(line) || (line[i] != '`' && line[i] != '~') {
		return fence{}, false
	}
	f := fence{indent: i, ch: line[i]}
	for i < len(line) && line[i] == f.ch {
		i++
		f.n++
	}
	f.info = strings.Trim(line[i:], " \t\r")
	if f.n < 3 || (f.ch == '`' && strings.Contains(f.info, "`")) {
		return fence{}, false
	}
	return f, true
}

// closeRun returns the length of the fence run of ch if line has the shape
// of a closing fence of ch (up to 3 spaces, the run, then only blanks),
// or 0.
func closeRun(line string, ch byte) int {
	i := 0
	for i < len(line) && i < 4 && line[i] == ' ' {
		i++
	}
	if i > 3 {
		return 0
	}
	n := 0
	for i < len(line) && line[i] == ch {
		i++
		n++
	}
	if n < 3 || strings.Trim(line[i:], " \t\r") != "" {
		return 0
	}
	return n
}

// findClose returns the index of the line in lines[from:] that closes f,
// or -1.
func findClose(lines []string, from int, f fence) int {
	for j := from; j < len(lines); j++ {
		if closeRun(lines[j], f.ch) >= f.n {
			return j
		}
	}
	return -1
}

// lineKind is what a line means outside any fenced block.
type lineKind int

const (
	textLine   lineKind = iota
	codeOpen            // ```go or ```sql at column 0: a code cell
	outputOpen          // ```output KIND at column 0: a saved output
	otherFence          // any other fence: part of a Markdown cell
	markerLine          // <!-- cell ... -->: starts a Markdown cell
)

var outputKinds = map[string]bool{OutputStream: true, OutputResult: true, OutputDisplay: true, OutputError: true}

// classify tells what line means outside a fence. For fences it also
// returns the fence, and for markers the options text in f.info.
func classify(line string) (lineKind, fence) {
	if f, ok := openFence(line); ok {
		word, rest := firstWord(f.info)
		switch {
		case f.indent != 0:
		case word == LangGo || word == LangSQL:
			return codeOpen, f
		case word == "output":
			kind, _, _ := strings.Cut(firstWordOnly(rest), "=")
			if outputKinds[kind] {
				return outputOpen, f
			}
		}
		return otherFence, f
	}
	if opts, ok := markerOptions(line); ok {
		return markerLine, fence{info: opts}
	}
	return textLine, fence{}
}

// markerOptions returns the options of a `<!-- cell ... -->` line.
func markerOptions(line string) (string, bool) {
	const open, end = "<!-- cell ", " -->"
	if line == "<!-- cell -->" {
		return "", true
	}
	if len(line) < len(open)+len(end) || !strings.HasPrefix(line, open) || !strings.HasSuffix(line, end) {
		return "", false
	}
	return strings.Trim(line[len(open):len(line)-len(end)], " "), true
}

// endMarker is the line that closes a Markdown cell marked end=token.
func endMarker(token string) string {
	return "<!-- end " + token + " -->"
}

// firstWord splits s at its first run of blanks.
func firstWord(s string) (word, rest string) {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return s[:i], strings.TrimLeft(s[i:], " \t")
	}
	return s, ""
}

func firstWordOnly(s string) string {
	w, _ := firstWord(s)
	return w
}

// markdownIsPlain reports whether Markdown text reads back as the same
// single cell when written after a marker: it holds no line that would
// start a cell or an output, and every fence it opens is closed inside it.
func markdownIsPlain(lines []string) bool {
	for i := 0; i < len(lines); i++ {
		switch k, f := classify(lines[i]); k {
		case codeOpen, outputOpen, markerLine:
			return false
		case otherFence:
			j := findClose(lines, i+1, f)
			if j < 0 {
				return false
			}
			i = j
		}
	}
	return true
}

// splitLines splits text into lines; "" has none.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// fenceFor returns a backtick fence longer than any closing-fence-shaped
// line of content, so the content cannot end the block early.
func fenceFor(content []string) string {
	n := 3
	for _, l := range content {
		if r := closeRun(l, '`'); r >= n {
			n = r + 1
		}
	}
	return strings.Repeat("`", n)
}
