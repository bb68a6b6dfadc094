package convert

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/cairn-notebook/cairn/frontend"
)

// echartsPath is where the frontend build puts the whole ECharts bundle (vite.config.ts).
const echartsPath = "vendor/echarts.min.js"

var echartsOnce = sync.OnceValues(func() (string, error) {
	b, err := fs.ReadFile(frontend.Assets(), echartsPath)
	if err != nil {
		return "", fmt.Errorf("the ECharts bundle is missing from this binary (frontend/dist/%s): %w", echartsPath, err)
	}
	if bytes.Contains(bytes.ToLower(b), []byte("</script")) {
		return "", fmt.Errorf("the ECharts bundle holds </script and cannot be inlined")
	}
	return string(b), nil
})

// echartsLib returns ECharts as a script that defines window.echarts even in a page that has
// an AMD loader or CommonJS globals (Jupyter's classic notebook has RequireJS): the bundle's
// UMD wrapper sees neither.
func echartsLib() (string, error) {
	js, err := echartsOnce()
	if err != nil {
		return "", err
	}
	return "(function(define,module,exports){\n" + js + "\n}).call(window);", nil
}

// scriptJSON returns JSON text safe to put inside a <script> element: compact, with <, > and
// & escaped (they can only occur inside JSON strings, where \u003c means the same).
func scriptJSON(text string) (string, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(text)); err != nil {
		return "", fmt.Errorf("the chart option is not JSON: %w", err)
	}
	return strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(b.String()), nil
}

// jupyterChart is the text/html of a chart in an .ipynb: a div and a script that draws the
// option once window.echarts exists. The first chart of a notebook carries ECharts itself
// (about 1.1 MB); the others wait for it (see docs/convert.md).
func jupyterChart(id, option string, withLib bool) string {
	opt, err := scriptJSON(option)
	if err != nil {
		return "<pre>" + esc(err.Error()) + "</pre>\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<div id=%q style=\"width:100%%;height:400px\"></div>\n", id)
	if withLib {
		lib, err := echartsLib()
		if err != nil {
			return "<pre>" + esc(err.Error()) + "</pre>\n"
		}
		b.WriteString("<script>" + lib + "</script>\n")
	}
	fmt.Fprintf(&b, `<script>
(function () {
  var el = document.getElementById(%q), option = %s, tries = 0;
  function draw() {
    if (!window.echarts) {
      if (++tries > 100) { el.textContent = "This chart needs ECharts, which the notebook's first chart output loads: show that output first (trust the notebook)."; return; }
      return setTimeout(draw, 100);
    }
    var dark = window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches;
    var chart = echarts.init(el, dark ? "dark" : null);
    chart.setOption(option);
    if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(el);
  }
  draw();
})();
</script>
`, id, opt)
	return b.String()
}
