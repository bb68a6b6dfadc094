package convert

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The parts of nbformat 4 that conversion reads. Writing builds maps (sorted keys, as
// Jupyter writes them); reading decodes into these types.

type ipynbFile struct {
	Cells         []ipynbCell     `json:"cells"`
	Metadata      ipynbMeta       `json:"metadata"`
	NBFormat      int             `json:"nbformat"`
	NBFormatMinor int             `json:"nbformat_minor"`
	Worksheets    json.RawMessage `json:"worksheets"` // nbformat 3 and older
}

type ipynbMeta struct {
	Kernelspec struct {
		Name     string `json:"name"`
		Language string `json:"language"`
	} `json:"kernelspec"`
	LanguageInfo struct {
		Name string `json:"name"`
	} `json:"language_info"`
	Title string       `json:"title"`
	Cairn *cairnNBMeta `json:"cairn"`
}

// cairnNBMeta is what Cairn keeps in the notebook's metadata.cairn.
type cairnNBMeta struct {
	// FrontMatter is the .cairn.md text before the first cell (front matter, byte order
	// mark), exactly as Cairn writes it.
	FrontMatter string `json:"front_matter"`
	CRLF        bool   `json:"crlf,omitempty"` // the file's lines end in CRLF
}

type ipynbCell struct {
	ID       string    `json:"id"`
	CellType string    `json:"cell_type"`
	Source   multiline `json:"source"`
	Metadata struct {
		Cairn *cairnCellMeta `json:"cairn"`
	} `json:"metadata"`
	Outputs     []ipynbOutput                   `json:"outputs"`
	Attachments map[string]map[string]multiline `json:"attachments"`
}

// cairnCellMeta is what Cairn keeps in a cell's metadata.cairn.
type cairnCellMeta struct {
	ID      string      `json:"id"`
	Lang    string      `json:"lang,omitempty"`
	Options [][2]string `json:"options,omitempty"`
}

type ipynbOutput struct {
	OutputType string                     `json:"output_type"`
	Name       string                     `json:"name"`
	Text       multiline                  `json:"text"`
	Data       map[string]json.RawMessage `json:"data"`
	Metadata   struct {
		Cairn *cairnOutMeta `json:"cairn"`
	} `json:"metadata"`
	EName     string   `json:"ename"`
	EValue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// cairnOutMeta is what Cairn keeps in an output's metadata.cairn to read it back exactly.
type cairnOutMeta struct {
	// FromText: data's text/plain is the output's Text (a block without mime=).
	FromText bool `json:"from_text,omitempty"`
	// Text is the output's Text when data's text/plain is a MIME entry of its own.
	Text string `json:"text,omitempty"`
	// Generated lists MIME types made for Jupyter only (a chart's text/html).
	Generated []string `json:"generated,omitempty"`
	// Raw holds the exact text of +json entries that are not compact JSON.
	Raw map[string]string `json:"raw,omitempty"`
}

// multiline is nbformat's multi-line string: one string or a list of lines.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		return fmt.Errorf("expected a string or a list of strings, got %s", short(b))
	}
	*m = multiline(strings.Join(lines, ""))
	return nil
}

// lines splits s as Jupyter writes multi-line strings: each line keeps its newline.
func lines(s string) []string {
	out := []string{}
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// short quotes the start of a JSON value for an error message.
func short(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}
