package convert

import (
	"encoding/base64"
	"github.com/cairn-notebook/cairn/app/runtime"
	kernelnb "github.com/cairn-notebook/cairn/kernel/nb"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/notebook"
)

func report(t *testing.T, path string, opt HTMLOptions) string {
	t.Helper()
	nb, _ := load(t, path)
	b, err := ToHTML(nb, opt)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	srcdocRE  = regexp.MustCompile(`srcdoc="[^"]*"`)
	nsRE      = regexp.MustCompile(`http://www\.w3\.org/(1999/xlink|2000/svg|2000/xmlns/|XML/1998/namespace)`)
	requestRE = regexp.MustCompile(`(?i)https?:|//[a-z0-9.-]+\.[a-z]{2,}/|\bsrc=|\bhref=|\burl\(|@import`)
	urlRE     = regexp.MustCompile(`(?i)https?://`)
	tagRE     = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	blockRE   = regexp.MustCompile(`(?s)<(style|script)[^>]*>.*?</(style|script)>`)
)

// splitLib separates the inlined ECharts library (code, where src= and href= are property
// names) from the rest of the report.
func splitLib(t *testing.T, h string) (rest, lib string) {
	start := strings.Index(h, "<script>(function(define,module,exports){")
	if start < 0 {
		return h, ""
	}
	end := strings.Index(h[start:], "}).call(window);</script>")
	if end < 0 {
		t.Fatal("the ECharts script is not closed")
	}
	return h[:start] + h[start+end:], h[start : start+end]
}

// Nothing in the report can make a request: no tag has a URL, src= or href= (but the
// notebook's own links, <a href>, and inline data: images), the report's style and scripts
// name no URL, and the inlined ECharts holds none but the XML namespace names it uses as
// identifiers. Sandboxed HTML outputs (srcdoc) are left to the page's policy, which blocks
// every request (the e2e test checks).
func TestHTMLRequestsNothing(t *testing.T) {
	for _, path := range samples {
		h := report(t, path, HTMLOptions{})
		rest, lib := splitLib(t, h)
		for _, m := range urlRE.FindAllStringIndex(nsRE.ReplaceAllString(lib, "ns"), -1) {
			t.Errorf("%s: the inlined ECharts holds a URL at %d", path, m[0])
		}
		for _, tag := range tagRE.FindAllString(rest, -1) {
			if strings.HasPrefix(tag, "<a ") {
				continue
			}
			tag = srcdocRE.ReplaceAllString(tag, "srcdoc")
			tag = strings.ReplaceAll(tag, `src="data:`, "")
			if requestRE.MatchString(tag) {
				t.Errorf("%s: a tag that may make a request: %.200s", path, tag)
			}
		}
		for _, block := range blockRE.FindAllString(rest, -1) {
			if m := requestRE.FindString(block); m != "" && !strings.HasPrefix(block, `<script type="application/json">`) {
				t.Errorf("%s: a style or script names %q", path, m)
			}
		}
		if !strings.Contains(h, `content="default-src 'none';`) {
			t.Errorf("%s: the report has no Content-Security-Policy forbidding requests", path)
		}
	}
}

func TestHTMLShowsTheNotebook(t *testing.T) {
	h := report(t, "testdata/report.cairn.md", HTMLOptions{})
	for _, want := range []string{
		"<title>Sales by region</title>", "<h1>Sales by region</h1>",
		"<dt>What</dt><dd>Which regions sell most?</dd>", "<dt>Who asks</dt><dd>The sales team.</dd>",
		"<h1>Sales</h1>", "<code>sales.csv</code>",
		"<!-- raw HTML omitted -->Raw HTML<!-- raw HTML omitted -->",
		`<a href="https://example.com/logo.png">logo</a>`, // an image by URL becomes a link
		`<span class="lang">SQL</span> <span class="id">load</span> <span class="bind">→ sales</span>`,
		`<span class="lang">Go</span> <span class="id">bar.chart</span> <span class="title">Totals by region</span>`,
		`<code class="language-sql">SELECT region, sum(amount) AS total FROM &#39;sales.csv&#39; GROUP BY region</code>`,
		`<th title="VARCHAR">region</th><th title="BIGINT">total</th>`,
		`<tr><td>north</td><td class="num">120</td></tr>`, `<td class="null">NULL</td>`,
		"1,231 more rows (1,234 in all)",
		`<div class="output chart" data-chart></div><script type="application/json">{"xAxis":`,
		`{"series":[{"type":"pie","data":[{"name":"north","value":120}`, // compacted
		"drawing a pie &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
		`<iframe class="output html" sandbox="allow-same-origin" srcdoc="&lt;p&gt;Hello`,
		`<pre class="output text">42</pre>`,
		`<pre class="output text">&lt;application/vnd.cairn.profile+json&gt;</pre>`,
		`<pre class="output error">1:1: undefined: undefined_thing</pre>`,
		"prefers-color-scheme: dark", `<input type="checkbox" id="hide-code">`,
	} {
		if !strings.Contains(h, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if n := strings.Count(h, `t.version="6.1.0"`); n != 1 {
		t.Errorf("ECharts is inlined %d times, want once", n)
	}
	if strings.Contains(h, "<b>Raw HTML</b>") || strings.Contains(h, "<script>alert") {
		t.Errorf("HTML from the notebook reached the report unescaped")
	}
	if strings.Contains(h, `class="hide-code"`) {
		t.Errorf("code is hidden without HideCode")
	}
	hidden := report(t, "testdata/report.cairn.md", HTMLOptions{HideCode: true})
	if !strings.Contains(hidden, `<body class="hide-code">`) || !strings.Contains(hidden, `id="hide-code" checked>`) {
		t.Errorf("HideCode: the body is not marked hide-code with the toggle checked")
	}
}

func TestHTMLWithoutChartsHasNoECharts(t *testing.T) {
	h := report(t, "../notebook/testdata/plain.md", HTMLOptions{})
	if strings.Contains(h, "echarts.init(") && strings.Contains(h, `version="6.1.0"`) {
		t.Errorf("a report without charts carries ECharts (%d bytes)", len(h))
	}
	if len(h) > 50000 {
		t.Errorf("a small report is %d bytes", len(h))
	}
}

// A malformed table or chart falls back to the output's next representation.
func TestHTMLMalformedOutputsFallBack(t *testing.T) {
	nb := notebook.New()
	nb.Cells = []*notebook.Cell{{ID: "a", Kind: notebook.KindCode, Lang: notebook.LangGo, Outputs: []notebook.Output{
		{Kind: notebook.OutputDisplay, Data: map[string]string{runtime.TableMIME: "{not json", "text/plain": "the table as text"}},
		{Kind: notebook.OutputDisplay, Data: map[string]string{kernelnb.EChartsMIME: "[1,", "image/png": "iVBO Rw0K\n"}},
	}}}
	b, err := ToHTML(nb, HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	h := string(b)
	for _, want := range []string{`<pre class="output text">the table as text</pre>`, `src="data:image/png;base64,iVBORw0K"`} {
		if !strings.Contains(h, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(h, `class="output chart"`) {
		t.Errorf("a chart with a malformed option was drawn")
	}
}

// Images in the notebook's folder are inlined; others (outside it, missing, not a raster
// image goldmark allows as data:) become links.
func TestHTMLInlinesLocalImages(t *testing.T) {
	dir := t.TempDir()
	png := []byte("\x89PNG\r\n\x1a\nfake")
	if err := os.MkdirAll(filepath.Join(dir, "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"img/plot.png", "d.svg"} {
		if err := os.WriteFile(filepath.Join(dir, f), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	nb := notebook.New()
	nb.Cells = []*notebook.Cell{{ID: "m", Kind: notebook.KindMarkdown,
		Source: "![plot](img/plot.png) ![up](../plot.png) ![svg](d.svg) ![gone](none.png) ![abs](/etc/x.png)"}}
	b, err := ToHTML(nb, HTMLOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	h := string(b)
	want := `<img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(png) + `" alt="plot">`
	for _, s := range []string{want, `<a href="../plot.png">up</a>`, `<a href="d.svg">svg</a>`, `<a href="none.png">gone</a>`, `<a href="/etc/x.png">abs</a>`} {
		if !strings.Contains(h, s) {
			t.Errorf("the report lacks %s", s)
		}
	}
}
