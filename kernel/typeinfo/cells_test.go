package typeinfo

import (
	"go/constant"
	"go/types"
	"testing"
)

// Realistic notebook cells type-checked against yaegi's stdlib table.

func TestFmtStringsStrconv(t *testing.T) {
	imp := newStdImporter()
	c := check(t, imp, `
import ("fmt"; "strconv"; "strings")
func f() {
	s := strings.ToUpper(strings.TrimSpace(" go "))
	n, err := fmt.Println(s, 1, 2.5)
	x, err2 := strconv.Atoi("42")
	fl, _ := strconv.ParseFloat("1.5", 64)
	parts := strings.Split("a,b", ",")
	msg := fmt.Sprintf("%d %v", x, parts)
	var sb strings.Builder
	sb.WriteString(msg)
	q := strconv.Quote(sb.String())
	_, _, _, _, _ = n, err, err2, fl, q
}`).ok(t)
	c.wantType(t, "s", "string")
	c.wantType(t, "n", "int")
	c.wantType(t, "err", "error")
	c.wantType(t, "x", "int")
	c.wantType(t, "fl", "float64")
	c.wantType(t, "parts", "[]string")
	c.wantType(t, "sb", "strings.Builder")
	if c.def(t, "err").Type() != types.Universe.Lookup("error").Type() {
		t.Error("error results are not the predeclared error type")
	}

	bad := check(t, imp, `
import ("strconv"; "strings")
func f() {
	y := strconv.Atoi("1") + 1
	strings.Join("a", "b")
	strings.NoSuch()
	_ = y
}`)
	bad.wantErr(t, "multiple-value strconv.Atoi")
	bad.wantErr(t, `cannot use "a"`, "[]string")
	bad.wantErr(t, "undefined: strings.NoSuch")
}

func TestVariadicAndMultipleResults(t *testing.T) {
	imp := newStdImporter()
	sig := lookup(t, imp, "fmt", "Printf").Type().(*types.Signature)
	if !sig.Variadic() || sig.Params().Len() != 2 || sig.Results().Len() != 2 {
		t.Errorf("fmt.Printf signature = %s", sig)
	}
	if got := sig.Params().At(1).Type().String(); got != "[]any" && got != "[]interface{}" {
		t.Errorf("variadic param type = %s", got)
	}
	check(t, imp, `
import "fmt"
func f() { xs := []any{1, "a"}; fmt.Println(xs...); fmt.Println(1, xs...) }`).wantErr(t, "too many arguments")
}

func TestTimeDurationsAndConstants(t *testing.T) {
	imp := newStdImporter()
	c := check(t, imp, `
import "time"
func f() {
	d := 2 * time.Second
	secs := d.Seconds()
	t0 := time.Now()
	el := time.Since(t0)
	m := t0.Month()
	layout := time.RFC3339
	deadline := t0.Add(d).Format(layout)
	var tm *time.Timer = time.NewTimer(time.Millisecond)
	_, _, _, _, _, _ = secs, el, m, deadline, tm, d.String()
}`).ok(t)
	c.wantType(t, "d", "time.Duration")
	c.wantType(t, "secs", "float64")
	c.wantType(t, "t0", "time.Time")
	c.wantType(t, "el", "time.Duration")
	c.wantType(t, "m", "time.Month")
	c.wantType(t, "layout", "string")

	sec := lookup(t, imp, "time", "Second").(*types.Const)
	dur := lookup(t, imp, "time", "Duration").Type()
	if sec.Type() != dur {
		t.Errorf("time.Second has type %s, want the imported time.Duration", sec.Type())
	}
	if v, ok := constant.Int64Val(sec.Val()); !ok || v != 1e9 {
		t.Errorf("time.Second = %v", sec.Val())
	}
	if u := dur.Underlying(); u != types.Typ[types.Int64] {
		t.Errorf("time.Duration underlying = %s", u)
	}
	rfc := lookup(t, imp, "time", "RFC3339").(*types.Const)
	if rfc.Type() != types.Typ[types.UntypedString] || constant.StringVal(rfc.Val()) != "2006-01-02T15:04:05Z07:00" {
		t.Errorf("time.RFC3339 = %s %v", rfc.Type(), rfc.Val())
	}

	check(t, imp, `
import "time"
var n int = time.Second`).wantErr(t, "cannot use time.Second", "time.Duration")
}

func TestMathUntypedConstants(t *testing.T) {
	imp := newStdImporter()
	c := check(t, imp, `
import "math"
const twoPi = 2 * math.Pi
var f32 float32 = math.Pi
var u uint64 = math.MaxUint64
func f() { x := math.Pi; r := math.Sqrt(2); _, _ = x, r }`).ok(t)
	c.wantType(t, "x", "float64")
	c.wantType(t, "r", "float64")
	c.wantType(t, "twoPi", "untyped float")
	pi := lookup(t, imp, "math", "Pi").(*types.Const)
	if pi.Type() != types.Typ[types.UntypedFloat] {
		t.Errorf("math.Pi type = %s", pi.Type())
	}
	// exact: more digits than a float64 holds survive
	if s := pi.Val().ExactString(); len(s) < 40 {
		t.Errorf("math.Pi is not exact: %s", s)
	}
	check(t, imp, `
import "math"
func f() { x := math.MaxUint64; _ = x }`).wantErr(t, "cannot use math.MaxUint64", "as int value", "overflows")
}

func TestIOBufioInterfacesAndIdentity(t *testing.T) {
	imp := newStdImporter()
	c := check(t, imp, `
import ("bufio"; "io"; "os"; "strings")
func f() {
	r := bufio.NewReader(strings.NewReader("a\nb"))
	var rd io.Reader = r
	line, err := r.ReadString('\n')
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() { _ = sc.Text() }
	rw := bufio.NewReadWriter(r, bufio.NewWriter(io.Discard))
	n, _ := rw.WriteString(line) // promoted through the embedded *bufio.Writer
	_, _, _ = rd, err, n
	var w io.Writer = os.Stdout
	_ = w
}`).ok(t)
	c.wantType(t, "r", "*bufio.Reader")
	c.wantType(t, "line", "string")
	c.wantType(t, "rw", "*bufio.ReadWriter")

	// bufio's io.Reader parameter is the very object importing io gives.
	ioReader := lookup(t, imp, "io", "Reader").Type()
	param := lookup(t, imp, "bufio", "NewReader").Type().(*types.Signature).Params().At(0).Type()
	if param != ioReader {
		t.Errorf("bufio.NewReader param %v is not io.Reader from io", param)
	}
	iface := ioReader.Underlying().(*types.Interface)
	if iface.NumMethods() != 1 || iface.Method(0).Name() != "Read" {
		t.Errorf("io.Reader methods = %v", iface)
	}

	bad := check(t, imp, `
import ("bufio"; "io"; "os"; "strings")
var _ io.Writer = bufio.NewReader(strings.NewReader(""))
var _ io.Reader = os.File{}`)
	bad.wantErr(t, "does not implement io.Writer", "missing method Write")
	bad.wantErr(t, "does not implement io.Reader", "pointer receiver")
}

func TestSortErrorsOS(t *testing.T) {
	imp := newStdImporter()
	c := check(t, imp, `
import ("errors"; "io/fs"; "os"; "sort")
func f() {
	xs := []int{3, 1, 2}
	sort.Ints(xs)
	sort.Slice(xs, func(i, j int) bool { return xs[i] > xs[j] })
	sort.Sort(sort.Reverse(sort.IntSlice(xs)))
	idx := sort.SearchInts(xs, 2)
	file, err := os.Open("x.csv")
	if err != nil { return }
	defer file.Close()
	var pe *os.PathError
	if errors.As(err, &pe) || errors.Is(err, os.ErrNotExist) { _ = pe.Op }
	wrapped := errors.New("boom")
	args := os.Args
	home := os.Getenv("HOME")
	var mode fs.FileMode = os.ModeDir
	info, _ := file.Stat()
	size := info.Size()
	_, _, _, _, _, _ = idx, wrapped, args, home, mode, size
	os.Exit(1)
}`).ok(t)
	c.wantType(t, "idx", "int")
	c.wantType(t, "file", "*os.File")
	c.wantType(t, "pe", "*os.PathError")
	fsPathError := lookup(t, imp, "io/fs", "PathError").Type()
	if pe := c.def(t, "pe").Type().(*types.Pointer).Elem(); types.Unalias(pe) != fsPathError {
		t.Errorf("os.PathError %v is not an alias of fs.PathError", pe)
	}
	c.wantType(t, "args", "[]string")
	c.wantType(t, "info", "io/fs.FileInfo")
	c.wantType(t, "size", "int64")
	if _, ok := lookup(t, imp, "os", "Args").(*types.Var); !ok {
		t.Error("os.Args is not a variable")
	}
	if _, ok := lookup(t, imp, "os", "Exit").(*types.Func); !ok {
		t.Error("os.Exit is not a function")
	}
	if o := lookup(t, imp, "os", "PathError").(*types.TypeName); !o.IsAlias() {
		t.Error("os.PathError should be an alias of fs.PathError")
	}
	check(t, imp, `
import "sort"
func f() { sort.Sort([]int{1}) }`).wantErr(t, "does not implement sort.Interface")
}

func TestMissingPackage(t *testing.T) {
	check(t, newStdImporter(), `import "example.com/nope"`).wantErr(t, `"example.com/nope" is not available`)
}
