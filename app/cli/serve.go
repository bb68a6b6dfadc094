package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	goruntime "runtime"
	"sort"
	"syscall"
	"time"

	"github.com/cairn-notebook/cairn/app/desktop"
	"github.com/cairn-notebook/cairn/app/notebook"
	"github.com/cairn-notebook/cairn/app/server"
	"github.com/cairn-notebook/cairn/app/session"
	"github.com/cairn-notebook/cairn/frontend"
)

const serveAbout = `Serves the notebook UI in your web browser. PATH is a notebook, or a folder (default: the
current one): its first .cairn.md notebook opens, or a new Untitled.cairn.md that is written on
the first save. Prints the address to open; it carries a secret token, and nothing is served
without it. Ctrl-C saves unsaved changes, stops the kernel and exits.`

const openAbout = `Opens a notebook (or a folder, as in 'cairn serve') in the desktop window. Without a display
(or in a build without the window) it serves the notebook to the browser instead, as 'cairn
serve' does, and says so. 'cairn' with no arguments opens the current folder.`

type serveFlags struct {
	addr, token string
	noBrowser   bool
}

func serveCmd(args []string) int {
	fs := newFlags("serve", "[PATH] [--addr 127.0.0.1:0] [--token T] [--no-browser]", serveAbout)
	var f serveFlags
	fs.StringVar(&f.addr, "addr", "127.0.0.1:0", "listen on `host:port` (port 0 picks a free one); keep it on 127.0.0.1 unless you mean to share")
	fs.StringVar(&f.token, "token", "", "the secret token to require (default: a random one)")
	fs.BoolVar(&f.noBrowser, "no-browser", false, "do not open a web browser")
	path, code, ok := pathArg(fs, "serve", args)
	if !ok {
		return code
	}
	return serve(path, f)
}

// pathArg parses a command's flags and its optional PATH argument, "." when there is none.
func pathArg(fs *flag.FlagSet, name string, args []string) (path string, code int, ok bool) {
	pos, code, ok := parseInterspersed(fs, args)
	if !ok {
		return "", code, false
	}
	if len(pos) > 1 {
		fmt.Fprintf(os.Stderr, "cairn %s: expected at most one PATH; see 'cairn %s --help'\n", name, name)
		return "", 2, false
	}
	return append(pos, ".")[0], 0, true
}

func openCmd(args []string) int {
	fs := newFlags("open", "PATH", openAbout)
	path, code, ok := pathArg(fs, "open", args)
	if !ok {
		return code
	}
	if !desktop.Available() {
		fmt.Fprintln(os.Stderr, "cairn: no desktop window here (no display, or built without it); serving to the browser instead")
		return serve(path, serveFlags{addr: "127.0.0.1:0"})
	}
	mgr, err := openNotebook(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn open: %v\n", err)
		return 1
	}
	h := server.New(server.Options{Sessions: mgr, Assets: frontend.Assets()})
	err = desktop.Run(desktop.Options{
		Title:       mgr.Current().Snapshot().Title + " — Cairn",
		Handler:     h,
		BeforeClose: func() error { return saveIfDirty(mgr.Current()) },
	})
	if cerr := mgr.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn open: %v\n", err)
		return 1
	}
	return 0
}

func serve(path string, f serveFlags) int {
	mgr, err := openNotebook(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "cairn serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		mgr.Close()
		fmt.Fprintf(os.Stderr, "cairn serve: %v\n", err)
		return 1
	}
	if f.token == "" {
		f.token = randomToken()
	}
	addr := ln.Addr().(*net.TCPAddr)
	if !addr.IP.IsLoopback() {
		fmt.Fprintf(os.Stderr, "cairn serve: listening on %s: anyone who can reach it and has the token can run code as you\n", addr)
	}
	host := addr.String()
	if addr.IP.IsUnspecified() {
		host = fmt.Sprintf("127.0.0.1:%d", addr.Port)
	}
	srv := &http.Server{
		Handler:           server.New(server.Options{Sessions: mgr, Assets: frontend.Assets(), Token: f.token, Addr: host}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	url := fmt.Sprintf("http://%s/?token=%s", host, f.token)
	fmt.Printf("Cairn is serving %s at %s\n", mgr.Current().Path(), url)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if !f.noBrowser {
		openBrowser(url)
	}
	select {
	case <-ctx.Done():
	case err = <-served:
		fmt.Fprintf(os.Stderr, "cairn serve: %v\n", err)
	}
	// Closing the notebook first ends the event streams, so that Shutdown need not wait.
	code := 0
	if cerr := mgr.Close(); cerr != nil {
		fmt.Fprintf(os.Stderr, "cairn serve: saving on exit: %v\n", cerr)
		code = 1
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if srv.Shutdown(sctx) != nil {
		srv.Close()
	}
	if err != nil {
		code = 1
	}
	return code
}

// openNotebook opens PATH: a notebook, or a folder's first notebook (alphabetical), or a new
// Untitled.cairn.md in the folder, written on the first save.
func openNotebook(path string) (*session.Manager, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	opt := session.Options{Prelude: func(nb *notebook.Notebook) (string, error) { return paramCell(nb, nil) }}
	if st.IsDir() {
		found, _ := filepath.Glob(filepath.Join(path, "*.cairn.md"))
		sort.Strings(found)
		if len(found) > 0 {
			path = found[0]
		} else {
			path, opt.Create = filepath.Join(path, "Untitled.cairn.md"), true
		}
	}
	s, err := session.Open(path, opt)
	if err != nil {
		return nil, err
	}
	opt.Create = false
	return session.NewManager(s, opt), nil
}

func saveIfDirty(s *session.Session) error {
	if s.Snapshot().Dirty {
		return s.Save()
	}
	return nil
}

func randomToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}

// openBrowser shows url in the user's browser when there is a display to show it on.
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch {
	case goruntime.GOOS == "darwin":
		cmd = exec.Command("open", url)
	case os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "":
		cmd = exec.Command("xdg-open", url)
	default:
		return
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "cairn serve: could not open a browser (%v); open the address above\n", err)
		return
	}
	go cmd.Wait()
}
