package desktop

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestCloseGuardFlushesSavesAndCloses(t *testing.T) {
	saved, flushed := 0, 0
	g := closeGuard{flush: func() { flushed++ },
		save: func() error {
			if flushed != 1 {
				t.Error("saved before the page's edits were flushed")
			}
			saved++
			return nil
		},
		ask: func(string) bool { t.Fatal("asked although saving worked"); return false }}
	if g.prevent() || saved != 1 {
		t.Fatalf("prevent = true or saved %d times, want a close after one save", saved)
	}
}

func TestCloseGuardAsksWhenSavingFails(t *testing.T) {
	for _, closeAnyway := range []bool{false, true} {
		var question string
		g := closeGuard{save: func() error { return errors.New("disk full") },
			ask: func(q string) bool { question = q; return closeAnyway }}
		if got := g.prevent(); got == closeAnyway {
			t.Errorf("user says close anyway=%v: prevent = %v", closeAnyway, got)
		}
		if !strings.Contains(question, "disk full") {
			t.Errorf("the question does not name the error: %q", question)
		}
	}
}

func TestCloseGuardKeepsWindowWhileDeciding(t *testing.T) {
	var g closeGuard
	inner := true
	g.save = func() error { inner = g.prevent(); return nil }
	if g.prevent() || !inner {
		t.Fatal("a second close while the first saves must keep the window; the first closes it")
	}
	if g.prevent() {
		t.Fatal("after deciding, the guard must not stay busy")
	}
}

func TestOptionsDefaults(t *testing.T) {
	if err := (&Options{}).check(); err == nil || !strings.Contains(err.Error(), "Handler") {
		t.Fatalf("nil handler: err = %v", err)
	}
	o := Options{Handler: http.NotFoundHandler(), Width: 100, Height: 50}
	if err := o.check(); err != nil || o.Width != minWidth || o.Height != minHeight || o.Title != "Cairn" {
		t.Fatalf("got %+v, %v", o, err)
	}
}

func TestPrefersDark(t *testing.T) {
	for theme, want := range map[string]bool{"": false, "Adwaita": false, "Adwaita:dark": true,
		"Adwaita:DARK": true, "Yaru-dark": true, "Adwaita:light": false} {
		if prefersDark(theme) != want {
			t.Errorf("prefersDark(%q) = %v", theme, !want)
		}
	}
}
