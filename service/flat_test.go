package service

import (
	"encoding/json"
	"reflect"
	"testing"
)

// flatCases are bodies and whether the fast decoder takes them; the ones it leaves go to
// encoding/json, whose messages the bad-request tests check.
var flatCases = []struct {
	body string
	fast bool
}{
	{`{"age":41,"income":3200.5,"visits":3,"color":"green","member":true}`, true},
	{" \r\n\t{ \"age\" : -0.5e-3 , \"color\" : \"caf\u00e9\" , \"member\" : false , \"x\" : null } \n", true},
	{`{}`, true},
	{`{"age":1,"age":2}`, true}, // the last one wins, as in encoding/json
	{`{"age":0,"income":-0,"visits":1E+2}`, true},
	{`{"age":1e400}`, false}, // out of range: encoding/json's error
	{`{"age":01}`, false},
	{`{"age":1.}`, false},
	{`{"age":.5}`, false},
	{`{"age":+1}`, false},
	{`{"age":1e}`, false},
	{`{"age":-}`, false},
	{`{"color":"a\"b"}`, false}, // escapes
	{`{"color":"a\u00e9"}`, false},
	{"{\"color\":\"a\xffb\"}", false}, // invalid UTF-8: encoding/json replaces it
	{"{\"color\":\"a\tb\"}", false},   // a control character
	{`{"color":["red"]}`, false},
	{`{"color":{"v":1}}`, false},
	{`{"rows":[]}`, false},
	{`[{"age":1}]`, false},
	{`{"age":1,}`, false},
	{`{"age":1} {}`, false},
	{`{"age":1`, false},
	{`{"age" 1}`, false},
	{`{age:1}`, false},
	{`{"member":tru}`, false},
	{`{"member":truex}`, false},
	{`{"member":nul}`, false},
	{``, false},
	{`42`, false},
}

func TestFlatObject(t *testing.T) {
	m := testModel(t)
	for _, c := range flatCases {
		row, ok := flatObject([]byte(c.body), index(&m.Schema))
		if ok != c.fast {
			t.Errorf("%q: fast %v, want %v", c.body, ok, c.fast)
		}
		if ok {
			sameAsJSON(t, []byte(c.body), row)
		}
	}
}

// sameAsJSON fails unless encoding/json reads body as row.
func sameAsJSON(t *testing.T, body []byte, row map[string]any) {
	t.Helper()
	var want any
	if err := json.Unmarshal(body, &want); err != nil {
		t.Fatalf("%q: the fast decoder took what encoding/json refuses: %v", body, err)
	}
	if !reflect.DeepEqual(any(row), want) {
		t.Fatalf("%q: fast decoder %#v, encoding/json %#v", body, row, want)
	}
}
