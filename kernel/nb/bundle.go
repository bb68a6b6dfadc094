package nb

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"maps"
	"reflect"
)

// Typed strings pick their MIME type: nb.Display(nb.HTML("<b>hi</b>")).
type (
	HTML     string // text/html; the app sanitises it
	Markdown string // text/markdown
	SVG      string // image/svg+xml
)

// MIMEBundler is implemented by values that know how to show themselves (tables, charts,
// model cards): MIME type → content, with JSON text for +json types. Include text/plain so
// that `cairn run` and plain Markdown viewers show something.
type MIMEBundler interface {
	MIMEBundle() map[string]string
}

// pngMagic starts every PNG file.
var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// Bundle returns the MIME bundle Display shows for v: strings as text/plain; HTML, Markdown,
// SVG as their types; an image.Image or PNG bytes as base64 image/png; a MIMEBundler's own
// bundle (copied); anything else as text/plain, rendered like a cell's result.
func Bundle(v any) map[string]string {
	switch x := v.(type) {
	case HTML:
		return map[string]string{"text/html": string(x)}
	case Markdown:
		return map[string]string{"text/markdown": string(x), "text/plain": string(x)}
	case SVG:
		return map[string]string{"image/svg+xml": string(x)}
	case string:
		return map[string]string{"text/plain": x}
	case MIMEBundler:
		if b := x.MIMEBundle(); len(b) > 0 {
			return maps.Clone(b)
		}
	case image.Image:
		return imageBundle(x)
	case []byte:
		if bytes.HasPrefix(x, pngMagic) {
			return pngBundle(x)
		}
	}
	sinkMu.RLock()
	text := textOf
	sinkMu.RUnlock()
	return map[string]string{"text/plain": text(reflect.ValueOf(v))}
}

func imageBundle(img image.Image) map[string]string {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		// Only for empty or absurdly large images; say so rather than fail the cell.
		return map[string]string{"text/plain": fmt.Sprintf("<image not shown: %v>", err)}
	}
	return pngBundle(buf.Bytes())
}

// pngBundle shows PNG bytes; the text names the size, read from the IHDR chunk.
func pngBundle(b []byte) map[string]string {
	text := "<PNG image>"
	if len(b) >= 24 && string(b[12:16]) == "IHDR" {
		text = fmt.Sprintf("<image %dx%d>", binary.BigEndian.Uint32(b[16:20]), binary.BigEndian.Uint32(b[20:24]))
	}
	return map[string]string{"image/png": base64.StdEncoding.EncodeToString(b), "text/plain": text}
}
