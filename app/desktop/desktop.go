// Package desktop shows the notebook UI in a native window (Wails: WebKitGTK on Linux). The
// window's pages and API come from the same http.Handler that `cairn serve` uses, called
// in-process by the Wails AssetServer, so there is no port and no token in desktop mode.
//
// The window exists only in builds with the `desktop` build tag (plus `production` and, on
// Linux, `webkit2_41`); without it the package compiles to Available() == false and a Run that
// explains how to build it, so the default build needs no GTK or WebKit.
package desktop

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
)

// Options configure the window.
type Options struct {
	Title   string       // window title: the notebook's title
	Handler http.Handler // serves the page and /api/...; built without auth for desktop mode

	// Width and Height are the initial size in pixels; 0 means 1280x860.
	Width, Height int

	// BeforeClose saves dirty notebooks. It runs when the user closes the window (the page's
	// beforeunload never fires in a WebView) and on SIGINT/SIGTERM. If it fails, the user is
	// asked whether to close anyway; the window stays open unless they say yes.
	BeforeClose func() error
}

// Window size limits: below the minimum the toolbar and a cell's editor no longer fit.
const (
	defaultWidth, defaultHeight = 1280, 860
	minWidth, minHeight         = 640, 420
)

func (o *Options) check() error {
	if o.Handler == nil {
		return errors.New("desktop: Options.Handler is nil")
	}
	if o.Width <= 0 || o.Height <= 0 {
		o.Width, o.Height = defaultWidth, defaultHeight
	}
	o.Width, o.Height = max(o.Width, minWidth), max(o.Height, minHeight)
	if o.Title == "" {
		o.Title = "Cairn"
	}
	return nil
}

// closeGuard decides whether the window may close: it has the page send its pending edits,
// saves and, when saving fails, asks the user. Wails may call it again while a dialog is open (a second click, a signal):
// those calls keep the window open and leave the decision to the first.
type closeGuard struct {
	flush func()
	save  func() error
	ask   func(question string) (closeAnyway bool)
	busy  atomic.Bool
}

// prevent reports whether the window must stay open.
func (g *closeGuard) prevent() bool {
	if !g.busy.CompareAndSwap(false, true) {
		return true
	}
	defer g.busy.Store(false)
	if g.flush != nil {
		g.flush()
	}
	if g.save == nil {
		return false
	}
	err := g.save()
	if err == nil {
		return false
	}
	return !g.ask(fmt.Sprintf("Cairn could not save the notebook:\n\n%v\n\n"+
		"Close anyway and lose the unsaved edits?", err))
}

// prefersDark reports whether a GTK_THEME value asks for a dark variant ("Adwaita:dark"). It
// only picks the window's colour before the page paints; the page itself follows
// prefers-color-scheme, which WebKitGTK derives from the GTK theme.
func prefersDark(gtkTheme string) bool {
	_, variant, _ := strings.Cut(gtkTheme, ":")
	return strings.EqualFold(variant, "dark") || strings.HasSuffix(strings.ToLower(gtkTheme), "-dark")
}
