package nb_test

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/app/runtime"
	"github.com/cairn-notebook/cairn/kernel/kerneltest"
	"github.com/cairn-notebook/cairn/kernel/nb"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

func bar(values ...float64) *charts.Bar {
	b := charts.NewBar()
	b.SetGlobalOptions(charts.WithTitleOpts(opts.Title{Title: "Sales <2026>"}))
	b.SetXAxis([]string{"a", "b", "c"}[:len(values)])
	data := make([]opts.BarData, len(values))
	for i, v := range values {
		data[i] = opts.BarData{Value: v}
	}
	b.AddSeries("s1", data).AddSeries("s2", data)
	return b
}

// A go-echarts chart shows as its option (x-axis data in place: Validate ran, HTML not
// escaped) plus a text line; a pie, a chart without title and an unencodable one too.
func TestChartBundle(t *testing.T) {
	b := nb.Bundle(bar(1, 2, 3))
	if b["text/plain"] != "<bar chart: Sales <2026>, 2 series>" {
		t.Errorf("text %q", b["text/plain"])
	}
	var o struct {
		Title  struct{ Text string }
		XAxis  []struct{ Data []string }
		Series []struct {
			Type string
			Data []struct{ Value float64 }
		}
	}
	if err := json.Unmarshal([]byte(b[nb.EChartsMIME]), &o); err != nil {
		t.Fatalf("option %q: %v", b[nb.EChartsMIME], err)
	}
	if o.Title.Text != "Sales <2026>" || len(o.XAxis) != 1 || strings.Join(o.XAxis[0].Data, ",") != "a,b,c" ||
		len(o.Series) != 2 || o.Series[1].Type != "bar" || o.Series[1].Data[2].Value != 3 {
		t.Errorf("option %+v", o)
	}
	if strings.Contains(b[nb.EChartsMIME], `\u003c`) || strings.HasSuffix(b[nb.EChartsMIME], "\n") {
		t.Errorf("option escaped or not trimmed: %q", b[nb.EChartsMIME])
	}

	pie := charts.NewPie()
	pie.AddSeries("share", []opts.PieData{{Name: "x", Value: 1}})
	if got := nb.Bundle(pie)["text/plain"]; got != "<pie chart: 1 series>" {
		t.Errorf("pie text %q", got)
	}

	bad := nb.Bundle(bar(1, math.NaN()))
	if bad[nb.EChartsMIME] != "" || !strings.Contains(bad["text/plain"], "<bar chart not shown: ") || !strings.Contains(bad["text/plain"], "NaN") {
		t.Errorf("NaN chart: %q", bad)
	}
}

// Through a real kernel: a chart passed to nb.Display and a chart as a cell's last value both
// arrive as the ECharts MIME type.
func TestChartsThroughKernel(t *testing.T) {
	k, err := runtime.Start(runtime.Options{Exe: kerneltest.Exe(t), MemoryLimit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	rec := &events{}
	res := k.Execute(context.Background(), "c1", "go", `import (
	"cairn/nb"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)
line := charts.NewLine()
line.SetXAxis([]int{1, 2, 3}).AddSeries("y", []opts.LineData{{Value: 4}, {Value: 5}, {Value: 6}})
nb.Display(line)
pie := charts.NewPie()
pie.SetGlobalOptions(charts.WithTitleOpts(opts.Title{Title: "share"}))
pie.AddSeries("p", []opts.PieData{{Name: "a", Value: 1}, {Name: "b", Value: 2}})
pie`, nil, rec.sink)
	if res.Status != runtime.OK {
		t.Fatalf("cell: %+v", res)
	}
	var got []string
	for _, ev := range rec.list() {
		got = append(got, ev.Kind+" "+ev.Data["text/plain"])
		if !json.Valid([]byte(ev.Data[nb.EChartsMIME])) {
			t.Errorf("%s: no option: %q", ev.Kind, ev.Data)
		}
	}
	if strings.Join(got, "|") != "display <line chart: 1 series>|result <pie chart: share, 1 series>" {
		t.Errorf("events %q", got)
	}
}
