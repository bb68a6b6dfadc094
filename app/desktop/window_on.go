//go:build desktop

package desktop

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"
)

// GTK must run on the process's main thread; Wails runs it on the goroutine that calls Run, so
// keep the main goroutine there from the start. Run must be called from main.
func init() { runtime.LockOSThread() }

// flushScript runs in the page when the window is about to close. A WebView never fires
// beforeunload on its own, and that is where the page sends its pending (debounced) edits.
const flushScript = `window.dispatchEvent(new Event("beforeunload"));` +
	`fetch("` + flushPath + `", {method: "POST"});`

// Available reports whether Run can open a window: this build has it and a display is set.
func Available() bool {
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

// Run opens the window and returns once it has closed (after BeforeClose). Call it from the
// main goroutine, once per process (GTK cannot start twice).
func Run(opt Options) error {
	if err := opt.check(); err != nil {
		return err
	}
	if !Available() {
		return errors.New("no display: neither DISPLAY nor WAYLAND_DISPLAY is set; use `cairn serve`")
	}
	tracker := newRequestTracker(opt.Handler)
	guard := closeGuard{save: opt.BeforeClose}

	bg := options.NewRGB(255, 255, 255)
	if prefersDark(os.Getenv("GTK_THEME")) {
		bg = options.NewRGB(30, 30, 30)
	}
	return wails.Run(&options.App{
		Title:     opt.Title,
		Width:     opt.Width,
		Height:    opt.Height,
		MinWidth:  minWidth,
		MinHeight: minHeight,
		// Handler only, no Assets: every request, the page included, goes to the same handler
		// as in serve mode.
		AssetServer:      &assetserver.Options{Handler: tracker},
		BackgroundColour: bg,
		// Cut, copy and paste in the editors.
		EnableDefaultContextMenu: true,
		OnStartup: func(ctx context.Context) {
			guard.flush = func() {
				tracker.forget()
				wruntime.WindowExecJS(ctx, flushScript)
				// Bounded: a page that never loaded or hangs must not keep the window open.
				tracker.awaitFlush(3 * time.Second)
			}
			guard.ask = func(q string) bool {
				if runtime.GOOS == "linux" {
					// Wails hands the message to gtk_message_dialog_new as a printf format.
					q = strings.ReplaceAll(q, "%", "%%")
				}
				answer, err := wruntime.MessageDialog(ctx, wruntime.MessageDialogOptions{
					Type: wruntime.QuestionDialog, Title: "Unsaved edits", Message: q,
					Buttons: []string{"Yes", "No"}, DefaultButton: "No", CancelButton: "No",
				})
				return err == nil && answer == "Yes"
			}
		},
		// Also runs on the first SIGINT/SIGTERM: Wails catches them and closes the window the
		// way the close button does, so a Ctrl-C in the terminal saves too.
		OnBeforeClose: func(context.Context) bool { return guard.prevent() },
		// Wails' own default for Linux: GPU compositing shows blank windows on some drivers.
		Linux:   &linux.Options{WebviewGpuPolicy: linux.WebviewGpuPolicyNever},
		Windows: &windows.Options{Theme: windows.SystemDefault},
		Mac:     &mac.Options{}, // no Appearance: follows the system
	})
}
