package symbols

import (
	"embed"
	"io/fs"
)

// src holds the packages yaegi runs as source, laid out as a GOPATH (src/<importpath>/).
// They are ordinary Go packages too, so the compiler, go vet and staticcheck check them.
//
//go:embed src
var src embed.FS

// Source returns the GOPATH-style tree src/<importpath>/*.go of the packages cells get as
// interpreted source: iter, cmp, slices and maps (Go 1.26 API, see README.md).
func Source() fs.FS { return src }
