//go:build desktop

package desktop

import (
	"bufio"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// startXvfb starts a private X server; Xvfb picks a free display number itself (-displayfd).
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1440x900x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatalf("Xvfb (Debian package xvfb): %v", err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatal("Xvfb exited without a display number")
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatal("Xvfb did not report a display within 20 s")
	}
	return ""
}

// screenshot saves the whole screen of display to path (ImageMagick's import) and decodes it.
func screenshot(t *testing.T, display, path string) image.Image {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("import", "-display", display, "-window", "root", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import (Debian package imagemagick): %v: %s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	return img
}

// spread is the standard deviation of the grey levels (0..255) of the pixels in rect.
func spread(img image.Image, rect image.Rectangle) float64 {
	var n, sum, sq float64
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			v := (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)) / 257
			n, sum, sq = n+1, sum+v, sq+v*v
		}
	}
	if n == 0 {
		return 0
	}
	mean := sum / n
	return math.Sqrt(max(sq/n-mean*mean, 0))
}

// windowRect finds the toplevel window titled title and returns where it is on the screen.
func windowRect(t *testing.T, display, title string) image.Rectangle {
	t.Helper()
	wins := topWindows(t, display)
	re := regexp.MustCompile(regexp.QuoteMeta(`"`+title+`": (`) + `.*\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)`)
	m := re.FindStringSubmatch(wins)
	if m == nil {
		t.Fatalf("no window titled %q:\n%s", title, wins)
	}
	n := make([]int, 4)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	return image.Rect(n[2], n[3], n[2]+n[0], n[3]+n[1])
}

// topWindows lists the X toplevel windows with a name: `"title": ("res" "class")  WxH+X+Y`.
func topWindows(t *testing.T, display string) string {
	t.Helper()
	out, err := exec.Command("xwininfo", "-display", display, "-root", "-children").CombinedOutput()
	if err != nil {
		t.Fatalf("xwininfo (Debian package x11-utils): %v: %s", err, out)
	}
	return string(out)
}

func TestSpreadSeesBlankAndContent(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 100, 100))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	if s := spread(img, img.Rect); s > 0.01 {
		t.Fatalf("a white image has spread %.1f", s)
	}
	for i := range 5000 {
		img.Pix[i] = 0
	}
	if s := spread(img, img.Rect); s < 100 {
		t.Fatalf("half black, half white has spread %.1f", s)
	}
}
