package session

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

const bound = "```sql id=q bind=df\nselect range as i from range(1000)\n```\n\n```go id=use\ndf.Len()\n```\n"

// A cell's fence options reach the kernel (bind=df makes the SQL result a Go variable), and
// pages of its table load through the session; refusals map to ErrNotFound and ErrBadInput.
func TestOptionsAndTablePage(t *testing.T) {
	s, _ := open(t, bound, testOptions(t))
	sub, _ := s.Subscribe()
	defer sub.Close()
	if err := s.RunAll(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, sub, 30*time.Second, cellIs("use", "done"))
	snap := s.Snapshot()
	use := snap.Cells[1]
	if use.Error != nil || len(use.Outputs) != 1 || use.Outputs[0].Data["text/plain"] != "1000" {
		t.Fatalf("df.Len() after bind=df: %+v %+v", use.Error, use.Outputs)
	}
	q := snap.Cells[0].Outputs[0].Data["application/vnd.cairn.table+json"]
	_, rest, _ := strings.Cut(q, `"handle":"`)
	handle, _, _ := strings.Cut(rest, `"`)
	page, err := s.TablePage(context.Background(), handle, 10, 2, "i", true)
	if err != nil || !strings.Contains(page, `"page":[[989],[988]]`) {
		t.Fatalf("page: %v %s", err, page)
	}
	if _, err := s.TablePage(context.Background(), "r999", 0, 2, "", false); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown handle: %v, want ErrNotFound", err)
	}
	if _, err := s.TablePage(context.Background(), handle, 0, 2, "nope", false); !errors.Is(err, ErrBadInput) {
		t.Errorf("unknown column: %v, want ErrBadInput", err)
	}
	if _, err := s.TablePage(context.Background(), handle, 0, MaxPageRows+1, "", false); !errors.Is(err, ErrBadInput) {
		t.Errorf("limit too big: %v, want ErrBadInput", err)
	}
	if p, err := s.Profile(context.Background(), handle); err != nil || !strings.Contains(p, `"mean":499.5`) {
		t.Errorf("profile: %v %s", err, p)
	}
	if _, err := s.Profile(context.Background(), "r999"); !errors.Is(err, ErrNotFound) {
		t.Errorf("profile of an unknown handle: %v, want ErrNotFound", err)
	}
	if _, err := s.Profile(context.Background(), ""); !errors.Is(err, ErrBadInput) {
		t.Errorf("profile without a handle: %v, want ErrBadInput", err)
	}
}
