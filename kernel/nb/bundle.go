package nb

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"maps"
	"reflect"
	"strings"
)

// Typed strings pick their MIME type: nb.Display(nb.HTML("<b>hi</b>")).
type (
	HTML     string // text/html; the app sanitises it
	Markdown string // text/markdown
	SVG      string // image/svg+xml
)

// MIMEBundler is implemented by values that know how to show themselves (tables, charts,
// model cards): MIME type → content, with JSON text for +json types. Include text/plain so
// that `cairn run` and plain Markdown viewers show something.
type MIMEBundler interface {
	MIMEBundle() map[string]string
}

// pngMagic starts every PNG file.
var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// Bundle returns the MIME bundle Display shows for v: strings as text/plain; HTML, Markdown,
// SVG as their types; an image.Image or PNG bytes as base64 image/png; a MIMEBundler's own
// bundle (copied); a go-echarts chart as its ECharts option (EChartsMIME); anything else as
// text/plain, rendered like a cell's result.
func Bundle(v any) map[string]string {
	switch x := v.(type) {
	case HTML:
		return map[string]string{"text/html": string(x)}
	case Markdown:
		return map[string]string{"text/markdown": string(x), "text/plain": string(x)}
	case SVG:
		return map[string]string{"image/svg+xml": string(x)}
	case string:
		return map[string]string{"text/plain": x}
	case MIMEBundler:
		if b := x.MIMEBundle(); len(b) > 0 {
			return maps.Clone(b)
		}
	case Chart:
		return chartBundle(x)
	case image.Image:
		return imageBundle(x)
	case []byte:
		if bytes.HasPrefix(x, pngMagic) {
			return pngBundle(x)
		}
	}
	sinkMu.RLock()
	text := textOf
	sinkMu.RUnlock()
	return map[string]string{"text/plain": text(reflect.ValueOf(v))}
}

func imageBundle(img image.Image) map[string]string {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		// Only for empty or absurdly large images; say so rather than fail the cell.
		return map[string]string{"text/plain": fmt.Sprintf("<image not shown: %v>", err)}
	}
	return pngBundle(buf.Bytes())
}

// pngBundle shows PNG bytes; the text names the size, read from the IHDR chunk.
func pngBundle(b []byte) map[string]string {
	text := "<PNG image>"
	if len(b) >= 24 && string(b[12:16]) == "IHDR" {
		text = fmt.Sprintf("<image %dx%d>", binary.BigEndian.Uint32(b[16:20]), binary.BigEndian.Uint32(b[20:24]))
	}
	return map[string]string{"image/png": base64.StdEncoding.EncodeToString(b), "text/plain": text}
}

// EChartsMIME is the MIME type of an ECharts option (JSON), what the app renders as a chart.
const EChartsMIME = "application/vnd.cairn.echarts+json"

// Chart is the method set every go-echarts v2 chart has (charts.Bar, Line, Scatter, Pie,
// HeatMap, BoxPlot, Kline, Radar, ...). Matching by methods keeps go-echarts out of nb.
type Chart interface {
	Validate()
	JSON() map[string]any
}

// chartBundle shows a chart as its option JSON, after Validate (which copies the x-axis data
// into the option), plus a text line naming the chart. A chart that cannot be encoded (a NaN
// value, a panic in Validate) shows as text that says why.
func chartBundle(c Chart) (b map[string]string) {
	kind := chartKind(c)
	defer func() {
		if r := recover(); r != nil {
			b = map[string]string{"text/plain": fmt.Sprintf("<%s not shown: %v>", kind, r)}
		}
	}()
	c.Validate()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(c.JSON()); err != nil {
		return map[string]string{"text/plain": fmt.Sprintf("<%s not shown: %v>", kind, err)}
	}
	option := bytes.TrimSpace(buf.Bytes())
	return map[string]string{EChartsMIME: string(option), "text/plain": chartText(kind, option)}
}

// chartKind names the chart from go-echarts' Type method ("bar" → "bar chart").
func chartKind(c Chart) string {
	if t, ok := c.(interface{ Type() string }); ok && t.Type() != "" {
		return t.Type() + " chart"
	}
	return "chart"
}

// chartText is the short text form: <bar chart: Sales, 3 series>.
func chartText(kind string, option []byte) string {
	var o struct {
		Title struct {
			Text string `json:"text"`
		} `json:"title"`
		Series []json.RawMessage `json:"series"`
	}
	_ = json.Unmarshal(option, &o) // a title that is not an object just goes unnamed
	parts := []string{}
	if t := strings.TrimSpace(o.Title.Text); t != "" {
		parts = append(parts, t)
	}
	n := "1 series"
	if len(o.Series) != 1 {
		n = fmt.Sprintf("%d series", len(o.Series))
	}
	parts = append(parts, n)
	return "<" + kind + ": " + strings.Join(parts, ", ") + ">"
}
