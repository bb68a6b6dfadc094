package frame

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cairn-notebook/cairn/kernel/nb"
)

// option is the part of a quick chart's ECharts option the tests read, through the bundle
// nb.Display would send.
type option struct {
	Title struct {
		Text    string `json:"text"`
		Subtext string `json:"subtext"`
	} `json:"title"`
	XAxis []struct {
		Type string `json:"type"`
		Data []string
	} `json:"xAxis"`
	Series []struct {
		Name string
		Type string
		Data []struct{ Value any }
	} `json:"series"`
}

func optionOf(t *testing.T, chart nb.Chart) (option, string) {
	t.Helper()
	b := nb.Bundle(chart)
	var o option
	if err := json.Unmarshal([]byte(b[nb.EChartsMIME]), &o); err != nil {
		t.Fatalf("no option in %q: %v", b, err)
	}
	return o, b[nb.EChartsMIME]
}

func sqlFrame(t *testing.T, q string) *Frame {
	t.Helper()
	f, err := Query(q)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestHistogram(t *testing.T) {
	useEngine(t)
	f := sqlFrame(t, `select i::double as v, i::bigint as n from range(1000) t(i) union all select null, null`)
	o, _ := optionOf(t, f.Histogram("v", 10))
	if o.Title.Text != "histogram of v" || o.Title.Subtext != "1000 values" || len(o.Series) != 1 || len(o.Series[0].Data) != 10 {
		t.Fatalf("option %+v", o)
	}
	for i, d := range o.Series[0].Data {
		if d.Value != 100.0 {
			t.Errorf("bin %d (%s): %v, want 100", i, o.XAxis[0].Data[i], d.Value)
		}
	}
	if o.XAxis[0].Data[0] != "0–99.9" || o.XAxis[0].Data[9] != "899.1–999" {
		t.Errorf("labels %v", o.XAxis[0].Data)
	}
	if o, _ := optionOf(t, f.Histogram("n", 0)); len(o.Series[0].Data) != 11 { // Sturges: log2(1000)+1
		t.Errorf("automatic bins: %d", len(o.Series[0].Data))
	}
}

// Scatter: one series per colour value, largest first; 12000 points thin deterministically
// to every 3rd row, and the subtitle says so.
func TestScatterColoursAndSampling(t *testing.T) {
	useEngine(t)
	f := sqlFrame(t, `select i as x, i * 2.0 as y, ['a','b','b','c','c','c','c'][i % 7 + 1] as kind from range(12000) t(i)`)
	o, first := optionOf(t, f.Scatter("x", "y", "kind"))
	if o.Title.Text != "y vs x by kind" || o.Title.Subtext != "every 3rd row: 4000 of 12000 points" {
		t.Errorf("title %+v", o.Title)
	}
	var names []string
	points := 0
	for _, s := range o.Series {
		names = append(names, s.Name)
		points += len(s.Data)
	}
	if strings.Join(names, ",") != "c,b,a" || points != 4000 || o.Series[0].Type != "scatter" {
		t.Errorf("series %v, %d points", names, points)
	}
	if _, again := optionOf(t, f.Scatter("x", "y", "kind")); again != first {
		t.Error("sampling is not deterministic")
	}

	many := sqlFrame(t, `select i as x, i as y, 'k' || (i % 20) as kind from range(100) t(i)`)
	o, _ = optionOf(t, many.Scatter("x", "y", "kind"))
	if len(o.Series) != 12 || o.Series[11].Name != "other" || len(o.Series[11].Data) != 45 {
		t.Errorf("20 colours: %d series, last %q with %d points", len(o.Series), o.Series[len(o.Series)-1].Name, len(o.Series[len(o.Series)-1].Data))
	}
	if o, _ = optionOf(t, many.Scatter("x", "y", "")); len(o.Series) != 1 || o.Series[0].Name != "y" || len(o.Series[0].Data) != 100 {
		t.Errorf("no colour: %+v", o.Series)
	}
}

// Line over time: rows sorted by x, a time axis, a null y as a gap.
func TestLineOverTime(t *testing.T) {
	useEngine(t)
	f := sqlFrame(t, `select * from (values (timestamp '2024-03-01', 3.0, 1), (timestamp '2024-01-01', 1.0, 2),
		(timestamp '2024-02-01', null, 3)) t(day, sales, n)`)
	o, _ := optionOf(t, f.Line("day", "sales", "n"))
	if o.Title.Text != "sales, n over day" || o.XAxis[0].Type != "time" || len(o.Series) != 2 {
		t.Fatalf("option %+v", o)
	}
	got, _ := json.Marshal(o.Series[0].Data)
	if string(got) != `[{"Value":["2024-01-01T00:00:00Z",1]},{"Value":["2024-02-01T00:00:00Z","-"]},{"Value":["2024-03-01T00:00:00Z",3]}]` {
		t.Errorf("sales %s", got)
	}
	cat := sqlFrame(t, `select * from (values ('b', 1), ('a', 2)) t(k, v)`)
	if o, _ := optionOf(t, cat.Line("k", "v")); o.XAxis[0].Type != "category" || strings.Join(o.XAxis[0].Data, ",") != "b,a" {
		t.Errorf("category line: %+v", o.XAxis)
	}
}

func TestBarOfGroups(t *testing.T) {
	useEngine(t)
	f := sqlFrame(t, `select * from (values ('west', 10.0), ('east', 1.0), ('west', 20.0), ('east', null), (null, 5.0)) t(region, sales)`)
	for agg, want := range map[string]string{"sum": "[5,1,30]", "mean": "[5,1,15]", "count": "[1,2,2]", "max": "[5,1,20]"} {
		o, _ := optionOf(t, f.Bar("region", "sales", agg))
		var vals []any
		for _, d := range o.Series[0].Data {
			vals = append(vals, d.Value)
		}
		if got, _ := json.Marshal(vals); string(got) != want || strings.Join(o.XAxis[0].Data, ",") != "(null),east,west" {
			t.Errorf("%s: %s over %v, want %s", agg, got, o.XAxis[0].Data, want)
		}
	}
	if o, _ := optionOf(t, f.Bar("region", "", "count")); o.Title.Text != "count by region" {
		t.Errorf("count title %q", o.Title.Text)
	}
	big := sqlFrame(t, `select i % 80 as g, i as v from range(800) t(i)`)
	o, _ := optionOf(t, big.Bar("g", "v", "sum"))
	if len(o.XAxis[0].Data) != 50 || o.XAxis[0].Data[0] != "79" || o.Title.Subtext != "the 50 largest of 80 groups" {
		t.Errorf("80 groups: %v, %q", o.XAxis[0].Data, o.Title.Subtext)
	}
}

// Bad columns and arguments: the chart shows the error as its title and has no series.
func TestChartErrors(t *testing.T) {
	useEngine(t)
	f := sqlFrame(t, `select 1 as n, 'x' as s`)
	cases := map[string]nb.Chart{
		`frame: Histogram: no column "nope" (columns: n, s)`:                                    f.Histogram("nope", 0),
		`frame: Histogram: column "s" holds string values; it needs numbers (int64 or float64)`: f.Histogram("s", 0),
		`frame: Scatter: no column "c" (columns: n, s)`:                                         f.Scatter("n", "n", "c"),
		`frame: Line: no y column given (columns: n, s)`:                                        f.Line("n"),
		`frame: Bar: unknown aggregate "avg" (sum, mean, min, max or count)`:                    f.Bar("s", "n", "avg"),
		`frame: Bar: column "s" holds string values; it needs numbers (int64 or float64)`:       f.Bar("n", "s", "sum"),
	}
	for want, chart := range cases {
		o, _ := optionOf(t, chart)
		if o.Title.Text != want || len(o.Series) != 0 {
			t.Errorf("title %q with %d series, want %q", o.Title.Text, len(o.Series), want)
		}
	}
}
