package service

import (
	"fmt"

	"github.com/cairn-notebook/cairn/ml"
)

type obj = map[string]any

// openAPI is the service's OpenAPI 3.1 description, with the model's features as the row schema.
func openAPI(m *ml.Model, example map[string]any, exampleCSV string) obj {
	props := obj{}
	var required []string
	for _, f := range m.Schema.Features {
		props[f.Name] = featureSchema(f)
		required = append(required, f.Name)
	}
	row := obj{"type": "object", "properties": props, "required": required, "additionalProperties": false}
	var pred obj
	if m.Schema.Task == ml.Classification {
		pred = obj{"type": "object", "required": []string{"predictions", "probabilities", "classes"}, "properties": obj{
			"predictions":   obj{"type": "array", "items": obj{"type": "string", "enum": m.Schema.Classes}},
			"probabilities": obj{"type": "array", "items": obj{"type": "array", "items": obj{"type": "number"}}, "description": "per row, the probability of each class in classes order"},
			"classes":       obj{"type": "array", "items": obj{"type": "string"}},
		}}
	} else {
		pred = obj{"type": "object", "required": []string{"predictions"}, "properties": obj{
			"predictions": obj{"type": "array", "items": obj{"type": "number"}},
		}}
	}
	ref := func(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }
	errResp := func(what string) obj {
		return obj{"description": what, "content": obj{"application/json": obj{"schema": ref("Error")}}}
	}
	jsonOK := func(what string, schema obj) obj {
		return obj{"200": obj{"description": what, "content": obj{"application/json": obj{"schema": schema}}}}
	}
	get := func(summary string, responses obj) obj {
		return obj{"get": obj{"summary": summary, "responses": responses}}
	}
	anyObj := obj{"type": "object"}
	return obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":       fmt.Sprintf("%s model of %s", m.Kind, m.Schema.Target),
			"version":     Version,
			"description": fmt.Sprintf("A Cairn model service: %s of %q from %d features.", m.Schema.Task, m.Schema.Target, len(m.Schema.Features)),
		},
		"paths": obj{
			"/predict": obj{"post": obj{
				"summary": "Predict rows",
				"requestBody": obj{"required": true, "content": obj{
					"application/json": obj{"schema": ref("PredictRequest"), "example": obj{"rows": []any{example}}},
					"text/csv":         obj{"schema": obj{"type": "string"}, "example": exampleCSV},
				}},
				"responses": obj{
					"200": obj{"description": "one prediction per row, in order", "content": obj{"application/json": obj{"schema": ref("PredictResponse")}}},
					"400": errResp("malformed body or no rows"),
					"413": errResp("body over the size limit"),
					"415": errResp("unsupported Content-Type"),
					"422": errResp("a row the model cannot take: the error names the row and the feature"),
				},
			}},
			"/healthz":      get("Liveness", jsonOK("alive", anyObj)),
			"/readyz":       get("Readiness", obj{"200": obj{"description": "ready"}, "503": obj{"description": "shutting down"}}),
			"/schema":       get("Features, types and an example request", jsonOK("the schema", anyObj)),
			"/openapi.json": get("This document", jsonOK("OpenAPI 3.1", anyObj)),
			"/metrics":      get("Prometheus metrics", obj{"200": obj{"description": "text exposition format", "content": obj{"text/plain": obj{"schema": obj{"type": "string"}}}}}),
			"/drift":        get("Population stability index per feature of recent rows against the training data", jsonOK("drift report", anyObj)),
			"/model":        get("The model card", jsonOK("model card", anyObj)),
		},
		"components": obj{"schemas": obj{
			"Row": row,
			"PredictRequest": obj{"oneOf": []any{
				ref("Row"),
				obj{"type": "array", "items": ref("Row"), "minItems": 1},
				obj{"type": "object", "required": []string{"rows"}, "properties": obj{"rows": obj{"type": "array", "items": ref("Row"), "minItems": 1}}},
			}},
			"PredictResponse": pred,
			"Error": obj{"type": "object", "required": []string{"error", "status"}, "properties": obj{
				"error":  obj{"type": "string"},
				"status": obj{"type": "integer"},
				"row":    obj{"type": "integer", "description": "0-based row at fault; -1 when not about a row"},
				"field":  obj{"type": "string", "description": "the feature at fault"},
			}},
		}},
	}
}

func featureSchema(f ml.Feature) obj {
	desc := fmt.Sprintf("%s feature (training type %s); null = missing", f.Kind, f.Type)
	if f.Kind == ml.Numeric {
		return obj{"type": []string{"number", "null"}, "description": desc}
	}
	t := []string{"string", "null"}
	switch f.Type {
	case ml.TypeBool:
		t = []string{"boolean", "string", "null"}
	case ml.TypeInt, ml.TypeFloat:
		t = []string{"number", "string", "null"}
	}
	s := obj{"type": t, "description": desc + "; unseen categories are accepted"}
	if n := len(f.Categories); n > 0 && n <= 50 {
		s["examples"] = f.Categories
	}
	return s
}
