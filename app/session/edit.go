package session

import (
	"fmt"
	"slices"
	"unicode/utf16"

	"github.com/cairn-notebook/cairn/app/notebook"
)

// Patch is an edit of a cell; nil fields stay as they are.
type Patch struct {
	Source *string `json:"source"`
	Kind   *string `json:"kind"`
	Lang   *string `json:"lang"`
}

// InsertCell adds a cell at index (0..len) and returns its new id. kind is code or
// markdown; lang is go or sql for code (default go) and ignored for Markdown.
func (s *Session) InsertCell(index int, kind, lang, source string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkOpenLocked(); err != nil {
		return "", err
	}
	if index < 0 || index > len(s.nb.Cells) {
		return "", badf("index %d is out of range (0..%d)", index, len(s.nb.Cells))
	}
	kind, lang, err := checkKind(kind, lang)
	if err != nil {
		return "", err
	}
	c := &notebook.Cell{ID: s.newIDLocked(), Kind: kind, Lang: lang, Source: source}
	s.nb.Cells = slices.Insert(s.nb.Cells, index, c)
	s.changedLocked(true)
	return c.ID, nil
}

// UpdateCell edits a cell's source, kind or language. A cell that is queued or running
// keeps running the source it was queued with.
func (s *Session) UpdateCell(id string, p Patch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.cellLocked(id)
	if err != nil {
		return err
	}
	kind, lang := c.Kind, c.Lang
	if p.Kind != nil {
		kind = *p.Kind
		if kind == notebook.KindCode && c.Kind != kind && p.Lang == nil {
			lang = notebook.LangGo
		}
	}
	if p.Lang != nil {
		lang = *p.Lang
	}
	if kind, lang, err = checkKind(kind, lang); err != nil {
		return err
	}
	structural := kind != c.Kind || lang != c.Lang
	if kind == notebook.KindMarkdown && len(c.Outputs) > 0 {
		c.Outputs = nil
		delete(s.cells, id)
	}
	c.Kind, c.Lang = kind, lang
	if p.Source != nil {
		c.Source = *p.Source
	}
	s.changedLocked(structural)
	return nil
}

// DeleteCell removes a cell (and takes it off the run queue).
func (s *Session) DeleteCell(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.cellLocked(id); err != nil {
		return err
	}
	s.nb.Cells = slices.Delete(s.nb.Cells, s.nb.Index(id), s.nb.Index(id)+1)
	s.unqueueLocked(id)
	delete(s.cells, id)
	s.changedLocked(true)
	return nil
}

// MoveCell moves a cell so that it ends up at index (0..len-1).
func (s *Session) MoveCell(id string, index int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.cellLocked(id)
	if err != nil {
		return err
	}
	if index < 0 || index >= len(s.nb.Cells) {
		return badf("index %d is out of range (0..%d)", index, len(s.nb.Cells)-1)
	}
	i := s.nb.Index(id)
	s.nb.Cells = slices.Insert(slices.Delete(s.nb.Cells, i, i+1), index, c)
	s.changedLocked(true)
	return nil
}

// SplitCell splits a cell at offset, counted in UTF-16 code units as JavaScript strings
// are: the text from offset on becomes a new cell of the same kind right after it, whose
// id is returned. Outputs stay with the first half.
func (s *Session) SplitCell(id string, offset int) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.cellLocked(id)
	if err != nil {
		return "", err
	}
	u := utf16.Encode([]rune(c.Source))
	if offset < 0 || offset > len(u) {
		return "", badf("split offset %d is out of range (0..%d)", offset, len(u))
	}
	if offset > 0 && offset < len(u) && utf16.IsSurrogate(rune(u[offset])) && utf16.IsSurrogate(rune(u[offset-1])) {
		return "", badf("split offset %d falls inside a character", offset)
	}
	second := &notebook.Cell{ID: s.newIDLocked(), Kind: c.Kind, Lang: c.Lang, Source: string(utf16.Decode(u[offset:]))}
	c.Source = string(utf16.Decode(u[:offset]))
	s.nb.Cells = slices.Insert(s.nb.Cells, s.nb.Index(id)+1, second)
	s.changedLocked(true)
	return second.ID, nil
}

// checkKind validates a cell kind and language and normalises them.
func checkKind(kind, lang string) (string, string, error) {
	switch kind {
	case notebook.KindMarkdown:
		return kind, "", nil
	case notebook.KindCode:
		switch lang {
		case "":
			return kind, notebook.LangGo, nil
		case notebook.LangGo, notebook.LangSQL:
			return kind, lang, nil
		}
		return "", "", badf("unknown language %q (use go or sql)", lang)
	}
	return "", "", badf("unknown cell kind %q (use code or markdown)", kind)
}

func (s *Session) checkOpenLocked() error {
	if s.closed {
		return fmt.Errorf("the notebook %s is closed", s.path)
	}
	return nil
}

func (s *Session) cellLocked(id string) (*notebook.Cell, error) {
	if err := s.checkOpenLocked(); err != nil {
		return nil, err
	}
	if c := s.nb.Cell(id); c != nil {
		return c, nil
	}
	return nil, fmt.Errorf("%w: no cell with id %q", ErrNotFound, id)
}

func (s *Session) newIDLocked() string {
	for {
		if id := notebook.NewID(); s.nb.Cell(id) == nil {
			return id
		}
	}
}
