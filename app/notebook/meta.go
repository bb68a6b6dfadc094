package notebook

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var memoryRE = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?) ?([KMGT]I?B|B)?$`)

var memoryUnits = map[string]float64{"": 1, "B": 1,
	"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
	"KIB": 1 << 10, "MIB": 1 << 20, "GIB": 1 << 30, "TIB": 1 << 40}

// MemoryBytes returns MemoryLimit in bytes, 0 if unset. It accepts a number
// of bytes with an optional unit: B, KB, MB, GB, TB (powers of 1000) or
// KiB, MiB, GiB, TiB (powers of 1024), e.g. "4GiB" or "512 MB".
func (k KernelSettings) MemoryBytes() (int64, error) {
	if k.MemoryLimit == "" {
		return 0, nil
	}
	m := memoryRE.FindStringSubmatch(strings.ToUpper(k.MemoryLimit))
	if m == nil {
		return 0, fmt.Errorf("%q is not a memory size like 4GiB or 512MB", k.MemoryLimit)
	}
	n, _ := strconv.ParseFloat(m[1], 64)
	b := n * memoryUnits[m[2]]
	if b < 1 || b >= math.MaxInt64 {
		return 0, fmt.Errorf("memory size %q is out of range", k.MemoryLimit)
	}
	return int64(b), nil
}

// TimeoutDuration returns Timeout as a duration, 0 if unset.
func (k KernelSettings) TimeoutDuration() (time.Duration, error) {
	if k.Timeout == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(k.Timeout)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a positive duration like 90s or 10m", k.Timeout)
	}
	return d, nil
}

func checkMemory(s string) error {
	_, err := KernelSettings{MemoryLimit: s}.MemoryBytes()
	return err
}

func checkTimeout(s string) error {
	_, err := KernelSettings{Timeout: s}.TimeoutDuration()
	return err
}

// metaEqual compares front matter values; Format 0 counts as current and
// NaN defaults equal each other.
func metaEqual(a, b Meta) bool {
	if normFormat(a.Format) != normFormat(b.Format) || a.Title != b.Title ||
		a.Problem != b.Problem || a.Kernel != b.Kernel || a.Save != b.Save {
		return false
	}
	return paramsEqual(a.Params, b.Params)
}

func paramsEqual(a, b []Param) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || !valueEqual(a[i].Default, b[i].Default) {
			return false
		}
	}
	return true
}

func normFormat(f int) int {
	if f == 0 {
		return CurrentFormat
	}
	return f
}

func valueEqual(a, b any) bool {
	fa, okA := a.(float64)
	fb, okB := b.(float64)
	if okA && okB && math.IsNaN(fa) && math.IsNaN(fb) {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func copyMeta(m Meta) Meta {
	m.Params = append([]Param(nil), m.Params...)
	return m
}
