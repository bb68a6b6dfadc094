package frontend

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// XML namespace names are identifiers the DOM needs, never fetched.
var namespaces = map[string]bool{
	"http://www.w3.org/1999/xhtml":         true,
	"http://www.w3.org/2000/svg":           true,
	"http://www.w3.org/1998/Math/MathML":   true,
	"http://www.w3.org/1999/xlink":         true,
	"http://www.w3.org/XML/1998/namespace": true,
	"http://www.w3.org/2000/xmlns/":        true, // in vendor/echarts.min.js (its SVG renderer)
}

var urlRE = regexp.MustCompile(`(?i)\bhttps?://[^\s"'` + "`" + `)\\]+`)

func TestAssetsHaveIndexWithRelativePaths(t *testing.T) {
	html, err := fs.ReadFile(Assets(), "index.html")
	if err != nil {
		t.Fatalf("dist/index.html missing (run `npm run build` in frontend/): %v", err)
	}
	if strings.Contains(string(html), `src="/`) || strings.Contains(string(html), `href="/`) {
		t.Errorf("index.html uses absolute asset paths; the Wails AssetServer needs relative ones:\n%s", html)
	}
	if !strings.Contains(string(html), "./assets/") {
		t.Errorf("index.html does not load ./assets/:\n%s", html)
	}
}

// The app is offline: nothing in the bundle may point at another host.
func TestAssetsReachNoExternalURL(t *testing.T) {
	n := 0
	err := fs.WalkDir(Assets(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(Assets(), path)
		if err != nil {
			return err
		}
		n++
		for _, u := range urlRE.FindAllString(string(b), -1) {
			if u = strings.TrimRight(u, ".,;"); !namespaces[u] {
				t.Errorf("%s contains the external URL %q", path, u)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 3 {
		t.Fatalf("only %d files in dist/: the build is incomplete", n)
	}
}
