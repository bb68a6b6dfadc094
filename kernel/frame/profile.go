package frame

import (
	"fmt"

	"github.com/cairn-notebook/cairn/kernel/sql"
)

// Profile is the column profile of a frame or a table: per column its nulls, distinct
// values and statistics, computed in DuckDB. It displays as the profile output
// (application/vnd.cairn.profile+json, documented in kernel/sql/README.md).
type Profile struct {
	p   *sql.Profile
	err error
}

// Profile computes the frame's column profile. A frame not yet shown as a table is copied
// into DuckDB once, as MIMEBundle does (Frame.table).
func (f *Frame) Profile() *Profile {
	e, ctx, err := current()
	if err == nil {
		_, err = f.table(ctx, e)
	}
	if err != nil {
		return &Profile{err: err}
	}
	p, err := e.Profile(ctx, f.handle)
	return &Profile{p: p, err: err}
}

// ProfileTable computes the column profile of a table or view by name (one registered with
// Register or created by a SQL cell).
func ProfileTable(name string) *Profile {
	e, ctx, err := current()
	if err != nil {
		return &Profile{err: err}
	}
	p, err := e.ProfileTable(ctx, name)
	return &Profile{p: p, err: err}
}

// Err is why the profile could not be computed, nil when it was.
func (p *Profile) Err() error { return p.err }

// String is the profile as a text table, or its error.
func (p *Profile) String() string {
	if p.err != nil {
		return "no profile: " + p.err.Error()
	}
	return p.p.Text()
}

// MIMEBundle shows the profile; a failed profile shows its error as text.
func (p *Profile) MIMEBundle() map[string]string {
	if p.err == nil {
		b, err := p.p.Bundle()
		if err == nil {
			return b
		}
		p.err = fmt.Errorf("encoding the profile: %w", err)
	}
	return map[string]string{"text/plain": p.String()}
}
