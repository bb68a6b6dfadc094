package service

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cairn-notebook/cairn/ml"
)

// Version is the service runtime's version, set by the build (-ldflags -X).
var Version = "dev"

// schemaDoc is the /schema answer.
type schemaDoc struct {
	Target       string         `json:"target"`
	Task         ml.Task        `json:"task"`
	Classes      []string       `json:"classes,omitempty"`
	Features     []ml.Feature   `json:"features"`
	ContentTypes []string       `json:"content_types"`
	Example      map[string]any `json:"example"`
	ExampleCSV   string         `json:"example_csv"`
	Notes        []string       `json:"notes"`
}

// describe renders the answers that never change: /schema, /openapi.json, /model.
func describe(m *ml.Model) (map[string][]byte, error) {
	row := exampleRow(m)
	sd := schemaDoc{Target: m.Schema.Target, Task: m.Schema.Task, Classes: m.Schema.Classes,
		Features: m.Schema.Features, ContentTypes: []string{"application/json", "text/csv"},
		Example:    map[string]any{"rows": []map[string]any{row}},
		ExampleCSV: exampleCSV(m, row),
		Notes: []string{
			"POST /predict takes one object of feature values, an array of them, or {\"rows\": [...]}; or CSV with a header line",
			"every feature must be present; null (or an empty CSV cell) is a missing value; NaN and Infinity are refused",
			"unseen categories are accepted and predicted the way the model was trained to treat them",
		}}
	out := map[string][]byte{}
	var err error
	if out["/schema"], err = json.Marshal(sd); err != nil {
		return nil, fmt.Errorf("service: rendering /schema: %w", err)
	}
	if out["/model"], err = json.Marshal(m.Card()); err != nil {
		return nil, fmt.Errorf("service: rendering /model: %w", err)
	}
	if out["/openapi.json"], err = json.Marshal(openAPI(m, row, sd.ExampleCSV)); err != nil {
		return nil, fmt.Errorf("service: rendering /openapi.json: %w", err)
	}
	return out, nil
}

// exampleRow is a valid row: numeric features at their training mean, categorical ones at
// their first category.
func exampleRow(m *ml.Model) map[string]any {
	row := map[string]any{}
	for _, f := range m.Schema.Features {
		switch {
		case f.Kind == ml.Numeric:
			v := math.Round(f.Mean*1000) / 1000
			if f.Type == ml.TypeInt {
				v = math.Round(f.Mean)
			}
			row[f.Name] = v
		case len(f.Categories) == 0:
			row[f.Name] = nil
		case f.Type == ml.TypeBool:
			row[f.Name] = f.Categories[0] == "true"
		case f.Type == ml.TypeInt || f.Type == ml.TypeFloat:
			v, _ := strconv.ParseFloat(f.Categories[0], 64)
			row[f.Name] = v
		default:
			row[f.Name] = f.Categories[0]
		}
	}
	return row
}

func exampleCSV(m *ml.Model, row map[string]any) string {
	head, vals := "", ""
	for i, f := range m.Schema.Features {
		if i > 0 {
			head, vals = head+",", vals+","
		}
		head += csvCell(f.Name)
		switch v := row[f.Name].(type) {
		case nil:
		case float64: // 2511379, not fmt's 2.511379e+06
			vals += strconv.FormatFloat(v, 'f', -1, 64)
		default:
			vals += csvCell(fmt.Sprint(v))
		}
	}
	return head + "\n" + vals + "\n"
}

func csvCell(s string) string {
	for _, c := range s {
		if c == ',' || c == '"' || c == '\n' || c == '\r' {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
	}
	return s
}
