package convert

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// maxInlineImage bounds an image file inlined into a report.
const maxInlineImage = 10 << 20

// inlineTypes are the image files inlined, by extension: the data: URLs goldmark lets through.
var inlineTypes = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp"}

// renderMarkdown renders notebook Markdown (GitHub flavour) for the HTML report with goldmark
// without WithUnsafe: raw HTML in the Markdown is left out (an HTML comment says so) and
// javascript:, vbscript:, file: and non-image data: links are emptied. An image file in the
// notebook's folder dir is inlined as a data: URL; any other image that is not a data: URL
// becomes a link, so the report requests nothing.
func renderMarkdown(src, dir string) string {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(images{dir}, 100))),
	)
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		return "<pre>" + esc(src) + "</pre>"
	}
	return b.String()
}

// images makes every image of the document self-contained, or a link.
type images struct{ dir string }

func (im images) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var outside []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering || strings.HasPrefix(string(img.Destination), "data:") {
			return ast.WalkContinue, nil
		}
		if data := im.inline(string(img.Destination)); data != "" {
			img.Destination = []byte(data)
		} else {
			outside = append(outside, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range outside {
		link := ast.NewLink()
		link.Destination, link.Title = img.Destination, img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if !link.HasChildren() {
			link.AppendChild(link, ast.NewString([]byte("image")))
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// inline returns an image file below the notebook's folder as a data: URL, or "".
func (im images) inline(dest string) string {
	u, err := url.Parse(dest)
	if im.dir == "" || err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return ""
	}
	rel := path.Clean(u.Path)
	if path.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, "../") {
		return "" // only files inside the notebook's folder
	}
	typ := inlineTypes[strings.ToLower(path.Ext(rel))]
	if typ == "" {
		return ""
	}
	f := filepath.Join(im.dir, filepath.FromSlash(rel))
	if st, err := os.Stat(f); err != nil || !st.Mode().IsRegular() || st.Size() > maxInlineImage {
		return ""
	}
	b, err := os.ReadFile(f)
	if err != nil {
		return ""
	}
	return "data:" + typ + ";base64," + base64.StdEncoding.EncodeToString(b)
}
