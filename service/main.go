package service

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cairn-notebook/cairn/ml"
	_ "github.com/cairn-notebook/cairn/ml/linear" // registers the linear kinds with ml.Load
	_ "github.com/cairn-notebook/cairn/ml/tree"   // and the tree kinds
)

const usage = `%[1]s — a Cairn model service (%[2]s)

Usage: %[1]s [--addr HOST:PORT] [flags]

Serves the model carried in this executable over HTTP:
  POST /predict       JSON (one object, an array, or {"rows": [...]}) or text/csv → predictions
  GET  /schema        features, types and an example request
  GET  /openapi.json  OpenAPI 3.1 description
  GET  /model         the model card
  GET  /metrics       Prometheus metrics
  GET  /drift         population stability index of recent requests per feature
  GET  /healthz, /readyz

Without --addr, the PORT environment variable gives the port (on every interface).
Logs are JSON lines on stderr. SIGTERM or SIGINT stops it after in-flight requests finish.

Flags:
`

// Main runs the service program on the model bundle that load returns (the one appended to
// the executable, in the runtime). It returns the exit code.
func Main(args []string, stdout, stderr io.Writer, load func() ([]byte, error)) int {
	name := "cairn-service"
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (PORT from the environment when not given)")
	maxBody := fs.Int64("max-body", DefaultMaxBody, "largest request body in `bytes`")
	window := fs.Int("drift-window", DefaultDriftWindow, "recent rows /drift compares with the training data")
	readTO := fs.Duration("read-timeout", 10*time.Second, "time to read a request, body included")
	writeTO := fs.Duration("write-timeout", 30*time.Second, "time to answer a request once read")
	idleTO := fs.Duration("idle-timeout", 2*time.Minute, "how long an idle keep-alive connection stays open")
	grace := fs.Duration("shutdown-timeout", 30*time.Second, "how long in-flight requests may take to finish on SIGTERM")
	logReq := fs.Bool("log-requests", false, "log every request (refused ones are always logged)")
	version := fs.Bool("version", false, "print the runtime and model versions and exit")
	fs.Usage = func() {
		fmt.Fprintf(stderr, usage, name, Version)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q; see --help\n", name, fs.Arg(0))
		return 2
	}
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "addr" })
	if port := os.Getenv("PORT"); port != "" && !given {
		*addr = ":" + port
	}

	log := slog.New(slog.NewJSONHandler(stderr, nil))
	m, err := loadModel(load)
	if *version {
		fmt.Fprintf(stdout, "cairn-service %s\n", Version)
		if err == nil {
			fmt.Fprintf(stdout, "model: %s of %q, cairn %s, %s, model format %d, created %s\n", m.Kind, m.Schema.Target,
				m.Versions.Cairn, m.Versions.Go, m.Versions.Format, m.Created.Format(time.RFC3339))
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	if *version {
		return 0
	}
	svc, err := New(m, Options{MaxBody: *maxBody, DriftWindow: *window, Log: log, LogRequests: *logReq,
		ReadTimeout: *readTO, WriteTimeout: *writeTO, IdleTimeout: *idleTO})
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Error("cannot listen", "addr", *addr, "error", err.Error())
		return 1
	}
	srv := svc.Server()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "model", m.Kind, "target", m.Schema.Target,
		"features", len(m.Schema.Features), "version", Version)
	select {
	case err := <-served:
		log.Error("server stopped", "error", fmt.Sprint(err))
		return 1
	case <-ctx.Done():
	}
	stop() // a second signal kills at once
	svc.Drain()
	log.Info("shutting down: finishing in-flight requests", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.ShutdownWithContext(sctx); err != nil {
		log.Error("shutdown did not finish in time", "error", err.Error())
		return 1
	}
	log.Info("stopped")
	return 0
}

// loadModel decodes the bundle in place without first checking the model file's SHA-256
// (0.2 s of a big forest's start): in the runtime, load is bundle.ReadSelf, which has just
// checked the same bytes by their CRC-32C. Every structural check still runs, and a load that
// fails computes the SHA-256 after all, to report damage as such (docs/model-format.md).
func loadModel(load func() ([]byte, error)) (*ml.Model, error) {
	b, err := load()
	if err != nil {
		return nil, err
	}
	m, err := ml.LoadBytes(b, ml.LoadOptions{SkipChecksum: true})
	if err != nil {
		return nil, fmt.Errorf("the model bundle: %w", err)
	}
	return m, nil
}
