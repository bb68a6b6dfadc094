package nb

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// sent is one call of the sink.
type sent struct {
	id     string
	update bool
	data   map[string]string
}

// capture installs a recording sink for the test and returns what it has recorded so far.
func capture(t *testing.T) func() []sent {
	var mu sync.Mutex
	var got []sent
	SetSink(func(id string, update bool, data map[string]string) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, sent{id, update, data})
	}, defaultText)
	t.Cleanup(func() { SetSink(printSink, defaultText) })
	return func() []sent {
		mu.Lock()
		defer mu.Unlock()
		return append([]sent(nil), got...)
	}
}

type card struct{ bundle map[string]string }

func (c card) MIMEBundle() map[string]string { return c.bundle }

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{R: 255, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBundle(t *testing.T) {
	model := map[string]string{"application/vnd.cairn.model+json": `{"name":"m"}`, "text/plain": "model m"}
	cases := []struct {
		name string
		v    any
		want map[string]string
	}{
		{"string", "hello", map[string]string{"text/plain": "hello"}},
		{"html", HTML("<b>x</b>"), map[string]string{"text/html": "<b>x</b>"}},
		{"markdown", Markdown("# T"), map[string]string{"text/markdown": "# T", "text/plain": "# T"}},
		{"svg", SVG("<svg/>"), map[string]string{"image/svg+xml": "<svg/>"}},
		{"bundler", card{model}, model},
		{"empty bundler", card{nil}, map[string]string{"text/plain": "{bundle:map[]}"}},
		{"bytes not png", []byte("GIF89a"), map[string]string{"text/plain": "[71 73 70 56 57 97]"}},
		{"struct", struct{ A, B int }{1, 2}, map[string]string{"text/plain": "{A:1 B:2}"}},
		{"nil", nil, map[string]string{"text/plain": "<nil>"}},
	}
	for _, c := range cases {
		if got := Bundle(c.v); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Bundle = %v, want %v", c.name, got, c.want)
		}
	}
	// The bundle is a copy: the value may change its map later without changing what was shown.
	b := Bundle(card{model})
	b["text/plain"] = "changed"
	if model["text/plain"] != "model m" {
		t.Error("Bundle returned the MIMEBundler's own map")
	}
}

func TestBundleImages(t *testing.T) {
	raw := pngBytes(t)
	img, _ := png.Decode(bytes.NewReader(raw))
	for name, v := range map[string]any{"png bytes": raw, "image.Image": img} {
		b := Bundle(v)
		if b["text/plain"] != "<image 3x2>" {
			t.Errorf("%s: text/plain %q", name, b["text/plain"])
		}
		dec, err := base64.StdEncoding.DecodeString(b["image/png"])
		if err != nil {
			t.Fatalf("%s: image/png is not base64: %v", name, err)
		}
		back, err := png.Decode(bytes.NewReader(dec))
		if err != nil {
			t.Fatalf("%s: image/png is not a PNG: %v", name, err)
		}
		if r, _, _, _ := back.At(1, 1).RGBA(); back.Bounds().Dx() != 3 || r != 0xffff {
			t.Errorf("%s: decoded image differs", name)
		}
	}
	// An image PNG cannot encode is reported as text, not a failed cell.
	if got := Bundle(image.NewRGBA(image.Rect(0, 0, 0, 0)))["text/plain"]; !strings.Contains(got, "not shown") {
		t.Errorf("empty image: %q", got)
	}
}

func TestDisplayAndUpdate(t *testing.T) {
	got := capture(t)
	Display(HTML("<p>a</p>"))
	id := DisplayID()
	Update(id, "one")
	Update(id, Markdown("two"))
	want := []sent{
		{"", false, map[string]string{"text/html": "<p>a</p>"}},
		{id, false, map[string]string{"text/plain": "one"}},
		{id, true, map[string]string{"text/markdown": "two", "text/plain": "two"}},
	}
	if g := got(); !reflect.DeepEqual(g, want) {
		t.Errorf("sent %+v, want %+v", g, want)
	}
	if DisplayID() == id || !strings.HasPrefix(id, idPrefix) {
		t.Errorf("display ids not unique: %q", id)
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "empty display id") {
			t.Errorf("Update with an empty id: recover() = %v", r)
		}
	}()
	Update("", "x")
}
