package convert

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/cairn-notebook/cairn/app/runtime"
	kernelnb "github.com/cairn-notebook/cairn/kernel/nb"
	"sort"
	"strings"

	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/ml"
)

// Saved tables (runtime.TableMIME) keep their first rows in "page".

// shown is the order in which a rich output's MIME types are preferred in the report.
var shown = []string{kernelnb.EChartsMIME, ml.ModelMIME, runtime.TableMIME, "image/png", "image/jpeg", "image/gif", "image/webp",
	"image/svg+xml", "text/html", "text/markdown", "text/plain"}

// renderOutput returns an output's HTML and whether it is a chart.
func renderOutput(o notebook.Output) (string, bool) {
	switch o.Kind {
	case notebook.OutputStream:
		return fmt.Sprintf("<pre class=\"output stream %s\">%s</pre>\n", esc(o.Name), esc(o.Text)), false
	case notebook.OutputError:
		return "<pre class=\"output error\">" + esc(o.Text) + "</pre>\n", false
	}
	if o.Text != "" {
		return "<pre class=\"output text\">" + esc(o.Text) + "</pre>\n", false
	}
	for _, mime := range shown {
		v, ok := o.Data[mime]
		if !ok {
			continue
		}
		if h, ok := renderMIME(mime, v); ok {
			return h, mime == kernelnb.EChartsMIME
		}
	}
	types := make([]string, 0, len(o.Data))
	for m := range o.Data {
		types = append(types, m)
	}
	sort.Strings(types)
	return "<pre class=\"output text\">&lt;" + esc(strings.Join(types, ", ")) + "&gt;</pre>\n", false
}

// renderMIME renders one representation, or says it cannot (a malformed table or chart
// falls back to the next type).
func renderMIME(mime, v string) (string, bool) {
	switch {
	case mime == kernelnb.EChartsMIME:
		opt, err := scriptJSON(v)
		if err != nil {
			return "", false
		}
		return "<div class=\"output chart\" data-chart></div><script type=\"application/json\">" + opt + "</script>\n", true
	case mime == runtime.TableMIME:
		return renderTable(v)
	case mime == ml.ModelMIME:
		return renderModel(v)
	case mime == "image/svg+xml":
		return imgTag("image/svg+xml", base64Of(v)), true
	case strings.HasPrefix(mime, "image/"):
		return imgTag(mime, strings.Join(strings.Fields(v), "")), true
	case mime == "text/html":
		// A sandbox without scripts; the page's policy (inherited) blocks every request.
		return "<iframe class=\"output html\" sandbox=\"allow-same-origin\" srcdoc=\"" + esc(v) + "\"></iframe>\n", true
	case mime == "text/markdown":
		return "<div class=\"output markdown\">" + renderMarkdown(v, "") + "</div>\n", true
	}
	return "<pre class=\"output text\">" + esc(v) + "</pre>\n", true
}

func base64Of(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func imgTag(mime, b64 string) string {
	return "<img class=\"output image\" alt=\"\" src=\"data:" + esc(mime) + ";base64," + esc(b64) + "\">\n"
}

// savedTable is the part of a table output the report shows.
type savedTable struct {
	Columns []json.RawMessage   `json:"columns"` // {"name":..., "type":...} or a name
	Rows    int                 `json:"rows"`
	Page    [][]json.RawMessage `json:"page"`
}

// renderTable shows a table's saved rows and how many more the result had.
func renderTable(v string) (string, bool) {
	var t savedTable
	if err := json.Unmarshal([]byte(v), &t); err != nil || len(t.Columns) == 0 {
		return "", false
	}
	var b strings.Builder
	b.WriteString("<div class=\"output table\"><table>\n<thead><tr>")
	for _, c := range t.Columns {
		var col struct{ Name, Type string }
		if json.Unmarshal(c, &col) != nil {
			_ = json.Unmarshal(c, &col.Name)
		}
		fmt.Fprintf(&b, "<th title=\"%s\">%s</th>", esc(col.Type), esc(col.Name))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, row := range t.Page {
		b.WriteString("<tr>")
		for _, cell := range row {
			b.WriteString(tableCell(cell))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	if more := t.Rows - len(t.Page); more > 0 {
		fmt.Fprintf(&b, "<p class=\"more\">%s more rows (%s in all)</p>\n", count(more), count(t.Rows))
	}
	b.WriteString("</div>\n")
	return b.String(), true
}

func tableCell(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	var s string
	switch {
	case string(v) == "null":
		return "<td class=\"null\">NULL</td>"
	case json.Unmarshal(v, &s) == nil:
		return "<td>" + esc(s) + "</td>"
	case len(v) > 0 && (v[0] == '-' || v[0] >= '0' && v[0] <= '9'):
		return "<td class=\"num\">" + esc(string(v)) + "</td>"
	}
	return "<td>" + esc(string(v)) + "</td>"
}

// count writes n with thousands separators: 12,345.
func count(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
