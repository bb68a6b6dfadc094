package server

import (
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"strings"
)

// guard enforces serve mode's security: the Host header must name this server (against DNS
// rebinding), an Origin header must be this server's own (against CSRF), and every request
// must carry the token. The token arrives once in the printed URL (?token=T), is traded for
// an HttpOnly SameSite=Strict cookie and a redirect to the same page without it; API
// clients may send `Authorization: Bearer T` instead.
func (s *server) guard(next http.Handler) http.Handler {
	_, port, err := net.SplitHostPort(s.opt.Addr)
	if err != nil {
		port = "" // no Host can match: every request is refused, loudly
	}
	allowed := map[string]bool{
		strings.ToLower(s.opt.Addr): true,
		"127.0.0.1:" + port:         true,
		"localhost:" + port:         true,
		"[::1]:" + port:             true,
	}
	// The port is part of the name: cookies do not tell ports apart, and two servers on
	// one machine must not overwrite each other's token.
	cookie := "cairn_token_" + port
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if port == "" || !allowed[strings.ToLower(r.Host)] {
			writeError(w, http.StatusForbidden, errors.New("forbidden: the Host header does not name this server"))
			return
		}
		if o := r.Header.Get("Origin"); o != "" && !strings.EqualFold(o, "http://"+r.Host) {
			writeError(w, http.StatusForbidden, errors.New("forbidden: request from another origin"))
			return
		}
		if strings.HasPrefix(r.URL.Path, "/api/") && r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			writeError(w, http.StatusForbidden, errors.New("forbidden: cross-site request"))
			return
		}
		q := r.URL.Query()
		if t := q.Get("token"); q.Has("token") && r.Method == http.MethodGet && !strings.HasPrefix(r.URL.Path, "/api/") {
			if !s.tokenIs(t) {
				writeError(w, http.StatusUnauthorized, errors.New("unauthorized: wrong token"))
				return
			}
			http.SetCookie(w, &http.Cookie{Name: cookie, Value: t, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			q.Del("token")
			to := r.URL.Path
			if len(q) > 0 {
				to += "?" + q.Encode()
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		if !s.authorized(r, cookie) {
			writeError(w, http.StatusUnauthorized, errors.New("unauthorized: open the URL that `cairn serve` printed (it carries the token)"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *server) authorized(r *http.Request, cookie string) bool {
	if c, err := r.Cookie(cookie); err == nil && s.tokenIs(c.Value) {
		return true
	}
	auth := r.Header.Get("Authorization")
	return strings.HasPrefix(auth, "Bearer ") && s.tokenIs(strings.TrimPrefix(auth, "Bearer "))
}

func (s *server) tokenIs(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.opt.Token)) == 1
}
