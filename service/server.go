package service

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"

	"github.com/valyala/fasthttp"
)

// The runtime serves with fasthttp rather than net/http because a model service's time per
// request is mostly the server's own: on the 2-core machine of docs/bench-service.md a
// hello-world fasthttp server answers 1.6× the requests per second of net/http's at one
// connection and 1.5× at 32 (wrk). With it and flat.go the service went from ≈10,000 to
// ≈25,000 predictions a second at one connection.

// maxHeader bounds a request's header (fasthttp's read buffer); larger ones get a 431.
const maxHeader = 16 << 10

// Server returns the HTTP server of s with its body limit and timeouts. Requests it refuses
// before the handler (body over the limit, malformed HTTP, header too large, read timeout)
// get the same JSON error answers as the handler's.
func (s *Service) Server() *fasthttp.Server {
	return &fasthttp.Server{
		Handler:               s.handle,
		ErrorHandler:          s.refused,
		MaxRequestBodySize:    int(s.opt.MaxBody),
		ReadBufferSize:        maxHeader,
		ReadTimeout:           s.opt.ReadTimeout,
		WriteTimeout:          s.opt.WriteTimeout,
		IdleTimeout:           s.opt.IdleTimeout,
		NoDefaultServerHeader: true,
		CloseOnShutdown:       true,
		Logger:                logger{s.opt.Log},
	}
}

func (s *Service) handle(ctx *fasthttp.RequestCtx) {
	write(ctx, s.serve(string(ctx.Method()), string(ctx.Path()), string(ctx.Request.Header.ContentType()), ctx.PostBody()))
}

func (s *Service) refused(ctx *fasthttp.RequestCtx, err error) {
	var small *fasthttp.ErrSmallBuffer
	var ne net.Error
	var re *RequestError
	switch n := ctx.Request.Header.ContentLength(); {
	case errors.Is(err, fasthttp.ErrBodyTooLarge) && n > 0:
		re = refuse(http.StatusRequestEntityTooLarge, "the body is %d bytes; the limit is %d (--max-body)", n, s.opt.MaxBody)
	case errors.Is(err, fasthttp.ErrBodyTooLarge):
		re = refuse(http.StatusRequestEntityTooLarge, "the body is larger than the limit of %d bytes (--max-body)", s.opt.MaxBody)
	case errors.As(err, &small):
		re = refuse(http.StatusRequestHeaderFieldsTooLarge, "the request header is larger than %d bytes", maxHeader)
	case errors.As(err, &ne) && ne.Timeout():
		re = refuse(http.StatusRequestTimeout, "the request was not read within %s (--read-timeout)", s.opt.ReadTimeout)
	default:
		re = refuse(http.StatusBadRequest, "malformed HTTP request: %v", err)
	}
	method, path := string(ctx.Method()), string(ctx.Path())
	rep := s.fail(method, path, re)
	s.met.observe(pathIndex(path), rep.status, 0)
	write(ctx, rep)
}

func write(ctx *fasthttp.RequestCtx, rep reply) {
	ctx.SetStatusCode(rep.status)
	ctx.SetContentType(rep.ctype)
	if rep.allow != "" {
		ctx.Response.Header.Set("Allow", rep.allow)
	}
	ctx.SetBody(rep.body)
}

// logger sends fasthttp's own messages (accept and connection errors) to the log as warnings.
type logger struct{ *slog.Logger }

func (l logger) Printf(format string, args ...any) { l.Warn(fmt.Sprintf(format, args...)) }
