//go:build !desktop

package desktop

import "errors"

// Available reports whether Run can open a window: never in a build without the desktop tag.
func Available() bool { return false }

// Run fails: this binary was built without the desktop window.
func Run(opt Options) error {
	if err := opt.check(); err != nil {
		return err
	}
	return errors.New("this cairn was built without the desktop window; " +
		"use `cairn serve`, or build with `go build -tags desktop,production,webkit2_41` " +
		"(needs the Debian packages libgtk-3-dev and libwebkit2gtk-4.1-dev)")
}
