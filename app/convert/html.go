package convert

import (
	_ "embed"
	"fmt"
	"html"
	"strings"

	"github.com/cairn-notebook/cairn/app/notebook"
)

var (
	//go:embed report.css
	reportCSS string
	//go:embed report.js
	reportJS string
)

// csp forbids every request: the report is one file and works offline. Inline scripts and
// styles are the report's own; images can only be data: URLs. Sandboxed text/html outputs
// (srcdoc frames) inherit it.
const csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"

// HTMLOptions change the report.
type HTMLOptions struct {
	HideCode bool   // start with the code cells' source hidden (the page has a toggle)
	Dir      string // the notebook's folder: Markdown images in it are inlined; "" inlines none
}

// ToHTML writes nb as one self-contained HTML page: title and problem card, Markdown
// rendered, code labelled Go or SQL, outputs (text, errors, tables of their saved rows,
// images, sandboxed HTML, interactive charts with ECharts inlined). Nothing in it reaches
// the network.
func ToHTML(nb *notebook.Notebook, opt HTMLOptions) ([]byte, error) {
	var body strings.Builder
	charts := 0
	for _, c := range nb.Cells {
		if c != nil {
			charts += writeCell(&body, c, opt.Dir)
		}
	}
	title := nb.Meta.Title
	if title == "" {
		title = "Notebook"
	}
	bodyClass, checked := "", ""
	if opt.HideCode {
		bodyClass, checked = ` class="hide-code"`, " checked"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%s">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Cairn">
<title>%s</title>
<style>
%s</style>
</head>
<body%s>
<header>
<h1>%s</h1>
%s<label class="toggle"><input type="checkbox" id="hide-code"%s> Hide code</label>
</header>
<main>
`, csp, esc(title), reportCSS, bodyClass, esc(title), problemCard(nb.Meta.Problem), checked)
	b.WriteString(body.String())
	b.WriteString("</main>\n")
	if charts > 0 {
		lib, err := echartsLib()
		if err != nil {
			return nil, err
		}
		b.WriteString("<script>" + lib + "</script>\n")
	}
	b.WriteString("<script>\n" + reportJS + "</script>\n</body>\n</html>\n")
	return []byte(b.String()), nil
}

// writeCell writes one cell and returns how many charts it shows.
func writeCell(b *strings.Builder, c *notebook.Cell, dir string) int {
	if c.Kind != notebook.KindCode {
		fmt.Fprintf(b, "<section class=\"cell markdown\" id=\"%s\">\n%s</section>\n", esc("cell-"+c.ID), renderMarkdown(c.Source, dir))
		return 0
	}
	fmt.Fprintf(b, "<section class=\"cell code\" id=\"%s\">\n", esc("cell-"+c.ID))
	fmt.Fprintf(b, "<div class=\"source\"><div class=\"label\">%s</div><pre><code class=\"language-%s\">%s</code></pre></div>\n",
		codeLabel(c), esc(c.Lang), esc(c.Source))
	charts := 0
	if len(c.Outputs) > 0 {
		b.WriteString("<div class=\"outputs\">\n")
		for _, o := range c.Outputs {
			h, isChart := renderOutput(o)
			if isChart {
				charts++
			}
			b.WriteString(h)
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</section>\n")
	return charts
}

// codeLabel names the cell's language, its id and the Go variable a SQL result binds to.
func codeLabel(c *notebook.Cell) string {
	lang := map[string]string{notebook.LangGo: "Go", notebook.LangSQL: "SQL"}[c.Lang]
	if lang == "" {
		lang = c.Lang
	}
	s := "<span class=\"lang\">" + esc(lang) + "</span> <span class=\"id\">" + esc(c.ID) + "</span>"
	if v, ok := c.Option("bind"); ok && v != "" {
		s += " <span class=\"bind\">→ " + esc(v) + "</span>"
	}
	if v, ok := c.Option("title"); ok && v != "" {
		s += " <span class=\"title\">" + esc(v) + "</span>"
	}
	return s
}

func problemCard(p notebook.Problem) string {
	rows := [][2]string{{"What", p.What}, {"Why", p.Why}, {"How it is used", p.HowUsed},
		{"Who asks", p.WhoAsks}, {"Success", p.Success}, {"By hand", p.ByHand}}
	var b strings.Builder
	for _, r := range rows {
		if r[1] != "" {
			fmt.Fprintf(&b, "<dt>%s</dt><dd>%s</dd>\n", r[0], esc(r[1]))
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "<dl class=\"problem\">\n" + b.String() + "</dl>\n"
}

// esc escapes text and attribute values (attributes are always double-quoted).
func esc(s string) string { return html.EscapeString(s) }
