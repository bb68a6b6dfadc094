package notebook

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNotNotebook is wrapped by the error of a Save that refused to replace
// a file that does not parse as a notebook (it may hold someone's edits).
var ErrNotNotebook = errors.New("the file on disk does not parse as a notebook")

// SaveOptions change how SaveWith treats the file it replaces.
type SaveOptions struct {
	// Force replaces the file even if it does not parse as a notebook:
	// the caller has shown the user and means to overwrite it.
	Force bool
}

// Load reads and parses a notebook file. A *ParseError names the file.
func Load(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(data)
	var pe *ParseError
	if errors.As(err, &pe) {
		pe.File = path
	}
	return nb, err
}

// Save writes nb to path atomically; see SaveWith.
func Save(path string, nb *Notebook) error {
	return SaveWith(path, nb, SaveOptions{})
}

// SaveWith writes nb to path atomically: a temporary file in the same
// directory is written, synced and renamed over path, keeping path's
// permissions (and a symlink at path pointing to its file). A notebook whose
// front matter says `save: {outputs: false}` is written without its outputs
// (nb itself keeps them). It refuses an
// invalid notebook, and a path that exists but does not parse unless
// opt.Force. On any failure the old file is untouched and no temporary file
// is left.
func SaveWith(path string, nb *Notebook, opt SaveOptions) error {
	if nb.Meta.Save.NoOutputs {
		nb = nb.withoutOutputs()
	}
	if err := nb.Validate(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	data := nb.Marshal()
	if back, err := Parse(data); err != nil || !Equal(back, nb) {
		return fmt.Errorf("save %s: the notebook does not read back as written (a bug in app/notebook): %v", path, err)
	}
	target, perm, exists, err := replaced(path)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if exists && !opt.Force {
		if _, err := Load(target); err != nil {
			return fmt.Errorf("save %s: refusing to overwrite it: %w (%w); save with Force to replace it", path, ErrNotNotebook, err)
		}
	}
	if err := writeAtomic(target, data, perm); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return nil
}

// WriteFile writes data to path atomically like SaveWith, for the files a notebook is
// converted to (any content; an existing regular file is replaced, keeping its permissions).
func WriteFile(path string, data []byte) error {
	target, perm, _, err := replaced(path)
	if err == nil {
		err = writeAtomic(target, data, perm)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// replaced returns the file a write to path replaces (through a symlink), the permissions
// to give it, and whether it exists; it refuses what is not a regular file.
func replaced(path string) (target string, perm fs.FileMode, exists bool, err error) {
	target, perm = path, 0o644
	if real, err := filepath.EvalSymlinks(path); err == nil {
		target = real
	}
	st, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, perm, false, nil
	case err != nil:
		return "", 0, false, err
	case !st.Mode().IsRegular():
		return "", 0, false, errors.New("not a regular file")
	}
	return target, st.Mode().Perm(), true, nil
}

// beforeRename runs between writing the temporary file and renaming it;
// tests make it fail to check that a failed save leaves nothing behind.
var beforeRename = func(tmp string) error { return nil }

func writeAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = beforeRename(tmp); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	// Make the rename itself durable; not every system can sync a directory.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
