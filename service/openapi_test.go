package service

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// /openapi.json is a valid OpenAPI 3.1 document by openapi-spec-validator (in the machine
// image's Python; the test skips where it is missing). A broken document must fail it.
func TestOpenAPIValid(t *testing.T) {
	if exec.Command("python3", "-c", "import openapi_spec_validator").Run() != nil {
		t.Skip("python3 with openapi-spec-validator is not installed")
	}
	s := newService(t, Options{})
	code, doc := call(t, s, "GET", "/openapi.json", "", "")
	if code != 200 {
		t.Fatal(code)
	}
	validate := func(doc string) (string, error) {
		path := filepath.Join(t.TempDir(), "openapi.json")
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("python3", "-c", `import json, sys
from openapi_spec_validator import validate
validate(json.load(open(sys.argv[1])))`, path).CombinedOutput()
		return string(out), err
	}
	if out, err := validate(doc); err != nil {
		t.Fatalf("invalid OpenAPI document: %v\n%s", err, out)
	}
	broken := strings.Replace(doc, `"responses":`, `"responzes":`, 1)
	if _, err := validate(broken); err == nil {
		t.Fatal("the validator accepted a document without responses: it checks nothing")
	}
}
