package symbols

import (
	"strings"
	"testing"
)

func TestExportsIsAFreshCopy(t *testing.T) {
	a := Exports()
	delete(a["fmt/fmt"], "Println")
	a["strings/strings"] = nil
	b := Exports()
	if !b["fmt/fmt"]["Println"].IsValid() || b["strings/strings"] == nil {
		t.Fatal("changing the result of Exports changed the next result")
	}
}

func TestExportsContents(t *testing.T) {
	e := Exports()
	for _, pkg := range []string{
		"fmt/fmt", "os/exec/exec", "crypto/sha3/sha3", "math/rand/v2/rand",
		"github.com/sjwhitworth/golearn/base/base", "github.com/go-echarts/go-echarts/v2/charts/charts",
		"gonum.org/v1/gonum/mat/mat", "gonum.org/v1/gonum/stat/distuv/distuv",
	} {
		if len(e[pkg]) == 0 {
			t.Errorf("Exports has no symbols for %s", pkg)
		}
	}
	// Generic-only packages come from Source(); handler-registering ones are left out.
	for _, pkg := range []string{"slices/slices", "maps/maps", "cmp/cmp", "iter/iter", "expvar/expvar", "net/http/pprof/pprof"} {
		if _, ok := e[pkg]; ok {
			t.Errorf("Exports should not have %s", pkg)
		}
	}
}

func TestStdlibInCells(t *testing.T) {
	s := newSession(t)
	s.run(`import ("fmt"; "strings")`)
	if got := s.run(`fmt.Sprintf("%s-%d", strings.ToUpper("go"), 126)`); got != "GO-126" {
		t.Errorf("Sprintf = %v", got)
	}
	// Go 1.24 API: only there because the tables were regenerated with Go 1.26.
	s.run(`var lines []string`)
	s.run(`strings.Lines("a\nb\n")(func(l string) bool { lines = append(lines, l); return true })`)
	if got := s.run(`strings.Join(lines, "|")`); got != "a\n|b\n" {
		t.Errorf("strings.Lines gave %q", got)
	}
	// An interpreted String method is seen by compiled fmt (the MapTypes table).
	s.run(`type celsius float64`)
	s.run(`func (c celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }`)
	s.run(`fmt.Println(celsius(21.5))`)
	if got := s.out.String(); got != "21.5°C\n" {
		t.Errorf("fmt.Println of a Stringer printed %q", got)
	}
}

func TestUnrestrictedEnvironment(t *testing.T) {
	t.Setenv("CAIRN_SYMBOLS_TEST", "visible")
	s := newSession(t)
	s.run(`import "os"`)
	if got := s.run(`os.Getenv("CAIRN_SYMBOLS_TEST")`); got != "visible" {
		t.Errorf("os.Getenv = %q, want the real environment", got)
	}
	s.run(`import "os/exec"`)
	s.run(`func echo() string { out, err := exec.Command("sh", "-c", "echo hi").Output(); if err != nil { return err.Error() }; return string(out) }`)
	if got := s.run(`echo()`); got != "hi\n" {
		t.Errorf("os/exec ran %q", got)
	}
}

func TestLogFatalFailsTheCellOnly(t *testing.T) {
	s := newSession(t)
	s.run(`import "log"`)
	_, err := s.try(`log.Fatal("no data")`)
	if err == nil || !strings.Contains(err.Error(), "no data") {
		t.Fatalf("log.Fatal: err = %v, want a panic carrying the message", err)
	}
	if got := s.run(`1 + 1`); got != 2 {
		t.Errorf("interpreter unusable after log.Fatal: %v", got)
	}
}

func TestBadImportIsAnError(t *testing.T) {
	s := newSession(t)
	_, err := s.try(`import "github.com/nobody/nothing"`)
	if err == nil || !strings.Contains(err.Error(), "github.com/nobody/nothing") {
		t.Fatalf("err = %v, want an error naming the package", err)
	}
	s.run(`import "strings"`)
	_, err = s.try(`strings.NoSuchFunc("x")`)
	if err == nil || !strings.Contains(err.Error(), "NoSuchFunc") {
		t.Fatalf("err = %v, want an error naming the symbol", err)
	}
}
