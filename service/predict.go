package service

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/cairn-notebook/cairn/ml"
)

// predict answers POST /predict: {"predictions": [...], "probabilities": [[...]], "classes":
// [...]} for classification, {"predictions": [...]} for regression.
func (s *Service) predict(method, path, ctype string, body []byte) reply {
	rows, err := decode(ctype, body, s.feats)
	if err != nil {
		return s.fail(method, path, err)
	}
	preds := make([]ml.Prediction, len(rows))
	for i, row := range rows {
		if preds[i], err = s.m.Predict(row); err != nil {
			return s.fail(method, path, rowError(i, err))
		}
	}
	s.drift.add(rows)
	s.met.rows.Add(uint64(len(rows)))
	return jsonReply(http.StatusOK, s.encode(preds))
}

// rowError turns the model's refusal of row i into a 422 naming the feature.
func rowError(i int, err error) *RequestError {
	re := &RequestError{Status: http.StatusUnprocessableEntity, Row: i, Msg: err.Error()}
	var fe *ml.FieldError
	if errors.As(err, &fe) {
		re.Field, re.Msg = fe.Field, fe.Msg
	}
	return re
}

// encode writes the answer by hand: it is most of a small request's time with encoding/json.
func (s *Service) encode(preds []ml.Prediction) []byte {
	classify := s.m.Schema.Task == ml.Classification
	b := make([]byte, 0, 32+len(preds)*(24+12*len(s.classes)))
	b = append(b, `{"predictions":[`...)
	for i, p := range preds {
		if i > 0 {
			b = append(b, ',')
		}
		if classify {
			b = append(b, s.classes[p.Class]...)
			s.met.classes[p.Class].Add(1)
		} else {
			b = appendFloat(b, p.Value)
		}
	}
	b = append(b, ']')
	if classify {
		b = append(b, `,"probabilities":[`...)
		for i, p := range preds {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for j, v := range p.Proba {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendFloat(b, v)
			}
			b = append(b, ']')
		}
		b = append(b, `],"classes":[`...)
		for j, c := range s.classes {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, c...)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendFloat writes a JSON number, or null for NaN/Inf (which JSON cannot carry).
func appendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}
