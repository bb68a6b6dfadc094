package service

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/cairn-notebook/cairn/ml"
)

// RequestError is a refused request: its HTTP status and, when known, the row (0-based; -1
// for none) and the feature at fault. Its JSON is every error answer's body.
type RequestError struct {
	Status int    `json:"status"`
	Row    int    `json:"row"`
	Field  string `json:"field,omitempty"`
	Msg    string `json:"error"`
}

func (e *RequestError) Error() string {
	s := e.Msg
	if e.Field != "" {
		s = fmt.Sprintf("feature %q: %s", e.Field, s)
	}
	if e.Row >= 0 {
		s = fmt.Sprintf("row %d: %s", e.Row, s)
	}
	return s
}

func refuse(status int, format string, args ...any) *RequestError {
	return &RequestError{Status: status, Row: -1, Msg: fmt.Sprintf(format, args...)}
}

// Decode reads a prediction request body of the given Content-Type into rows of feature
// values (nil = missing): JSON (one object, an array of objects, or {"rows": [...]}) or CSV
// with a header line. schema tells CSV cells' types and whether "rows" is a feature.
func Decode(contentType string, body []byte, schema *ml.Schema) ([]map[string]any, error) {
	return decode(contentType, body, index(schema))
}

// features indexes a schema's features by name; the service makes it once.
type features map[string]*ml.Feature

func index(s *ml.Schema) features {
	fs := make(features, len(s.Features))
	for i := range s.Features {
		fs[s.Features[i].Name] = &s.Features[i]
	}
	return fs
}

func decode(contentType string, body []byte, fs features) ([]map[string]any, error) {
	mt := "application/json"
	if contentType != "" && contentType != mt {
		var err error
		if mt, _, err = mime.ParseMediaType(contentType); err != nil {
			return nil, refuse(http.StatusUnsupportedMediaType, "malformed Content-Type %q: %v", contentType, err)
		}
	}
	body = bytes.TrimPrefix(body, []byte("\ufeff")) // a byte order mark, as spreadsheets write
	var rows []map[string]any
	var err error
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		rows, err = decodeJSON(body, fs)
	case mt == "text/csv":
		rows, err = decodeCSV(body, fs)
	default:
		return nil, refuse(http.StatusUnsupportedMediaType, "Content-Type %s is not accepted: send application/json or text/csv", mt)
	}
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, refuse(http.StatusBadRequest, "the request has no rows to predict")
	}
	return rows, nil
}

func decodeJSON(body []byte, fs features) ([]map[string]any, error) {
	if row, ok := flatObject(body, fs); ok {
		return []map[string]any{row}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, refuse(http.StatusBadRequest, "the request body is empty: send a JSON object of feature values")
		}
		return nil, jsonError(err, dec.InputOffset())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, refuse(http.StatusBadRequest, "malformed JSON: unexpected data after the value ending at byte %d", dec.InputOffset())
	}
	switch t := v.(type) {
	case []any:
		return objects(t)
	case map[string]any:
		if list, ok := t["rows"]; ok && len(t) == 1 && fs["rows"] == nil {
			arr, ok := list.([]any)
			if !ok {
				return nil, refuse(http.StatusBadRequest, `"rows" must be an array of objects, got %s`, jsonType(list))
			}
			return objects(arr)
		}
		return []map[string]any{t}, nil
	}
	return nil, refuse(http.StatusBadRequest, `the body must be a JSON object of feature values, an array of them, or {"rows": [...]}; got %s`, jsonType(v))
}

// jsonError says where the JSON broke.
func jsonError(err error, offset int64) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return refuse(http.StatusBadRequest, "malformed JSON at byte %d: %v", se.Offset, se)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return refuse(http.StatusBadRequest, "malformed JSON: the body ends at byte %d in the middle of a value", offset)
	}
	return refuse(http.StatusBadRequest, "malformed JSON: %v", err)
}

func objects(list []any) ([]map[string]any, error) {
	rows := make([]map[string]any, len(list))
	for i, v := range list {
		r, ok := v.(map[string]any)
		if !ok {
			return nil, &RequestError{Status: http.StatusBadRequest, Row: i, Msg: "want an object of feature values, got " + jsonType(v)}
		}
		rows[i] = r
	}
	return rows, nil
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case float64:
		return "a number"
	case string:
		return "a string"
	case []any:
		return "an array"
	}
	return "an object"
}

// decodeCSV reads a header line of feature names, then one row per line. An empty cell is a
// missing value; numeric features' cells must parse as numbers, bool features' as booleans.
func decodeCSV(body []byte, fs features) ([]map[string]any, error) {
	r := csv.NewReader(bytes.NewReader(body))
	r.ReuseRecord = true
	head, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, refuse(http.StatusBadRequest, "the CSV body is empty: send a header line of feature names, then rows")
	}
	if err != nil {
		return nil, refuse(http.StatusBadRequest, "malformed CSV: %v", err)
	}
	names := append([]string(nil), head...)
	feats := make([]*ml.Feature, len(names))
	seen := map[string]bool{}
	for j, n := range names {
		if seen[n] {
			return nil, &RequestError{Status: http.StatusBadRequest, Row: -1, Field: n, Msg: "the CSV header names this column twice"}
		}
		seen[n] = true
		feats[j] = fs[n]
	}
	var rows []map[string]any
	for i := 0; ; i++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, &RequestError{Status: http.StatusBadRequest, Row: i, Msg: "malformed CSV: " + err.Error()}
		}
		row := make(map[string]any, len(names))
		for j, cell := range rec {
			v, err := csvValue(cell, feats[j])
			if err != nil {
				return nil, &RequestError{Status: http.StatusUnprocessableEntity, Row: i, Field: names[j], Msg: err.Error()}
			}
			row[names[j]] = v
		}
		rows = append(rows, row)
	}
}

// csvValue types one CSV cell for feature f (nil f: not a feature, left to the model to name).
func csvValue(cell string, f *ml.Feature) (any, error) {
	if f == nil {
		return cell, nil
	}
	if strings.TrimSpace(cell) == "" {
		return nil, nil
	}
	switch {
	case f.Type == ml.TypeBool: // before Numeric: a bool feature made numeric still takes true/false
		v, err := strconv.ParseBool(strings.TrimSpace(cell))
		if err != nil {
			return nil, fmt.Errorf("want true or false, got %q", cell)
		}
		return v, nil
	case f.Kind == ml.Numeric:
		v, err := strconv.ParseFloat(strings.TrimSpace(cell), 64)
		if err != nil {
			return nil, fmt.Errorf("want a number, got %q", cell)
		}
		return v, nil // NaN and ±Inf parse: the model refuses them by name
	}
	return cell, nil
}
