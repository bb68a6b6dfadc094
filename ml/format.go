package ml

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// FormatVersion is the model file format this package writes; it reads 1 too
// (docs/model-format.md). Version 2 added the binary section.
const FormatVersion = 2

// magic starts every model file.
const magic = "cairn-model"

// maxBody bounds the JSON body Load accepts (a forest of 1000 deep trees
// stays far below).
const maxBody = 1 << 31

// fileModel is the JSON body of a model file.
type fileModel struct {
	Kind       string          `json:"kind"`
	Schema     Schema          `json:"schema"`
	Encoding   Encoding        `json:"encoding"`
	Estimator  json.RawMessage `json:"estimator"` // null when it is in the binary section
	binary     []byte          // the binary section (version 2), not JSON
	Metrics    *Metrics        `json:"metrics,omitempty"`
	Importance Importances     `json:"importance,omitempty"`
	GroupBy    string          `json:"group_by,omitempty"`
	Groups     []GroupMetrics  `json:"groups,omitempty"`
	Reference  []Reference     `json:"reference"`
	Created    time.Time       `json:"created"`
	Versions   Versions        `json:"versions"`
	DataHash   string          `json:"data_hash"`
	TrainRows  int             `json:"train_rows"`
	Seed       uint64          `json:"seed"`
	Problem    string          `json:"problem,omitempty"`
}

// Save writes the model: a header line "cairn-model 2 sha256:<hex> <n> <m>",
// n bytes of JSON, then m bytes of the estimator in binary when it has a
// binary form (encoding.BinaryMarshaler: big tree ensembles, which load 50×
// faster so); the SHA-256 covers both.
func Save(w io.Writer, m *Model) error {
	var est, bin []byte
	var err error
	if bm, ok := m.Estimator.(encoding.BinaryMarshaler); ok {
		bin, err = bm.MarshalBinary()
	} else {
		est, err = json.Marshal(m.Estimator)
	}
	if err != nil {
		return fmt.Errorf("ml: cannot save the %s estimator: %w", m.Kind, err)
	}
	body, err := json.Marshal(fileModel{Kind: m.Kind, Schema: m.Schema, Encoding: m.Encoding,
		Estimator: est, Metrics: m.Metrics, Importance: m.Importance, GroupBy: m.GroupBy, Groups: m.Groups, Reference: m.Reference, Created: m.Created,
		Versions: m.Versions, DataHash: m.DataHash, TrainRows: m.TrainRows, Seed: m.Seed, Problem: m.Problem})
	if err != nil {
		return fmt.Errorf("ml: cannot save the model: %w", err)
	}
	h := sha256.New()
	h.Write(body)
	h.Write(bin)
	if _, err := fmt.Fprintf(w, "%s %d sha256:%x %d %d\n", magic, FormatVersion, h.Sum(nil), len(body), len(bin)); err != nil {
		return err
	}
	if _, err = w.Write(body); err == nil {
		_, err = w.Write(bin)
	}
	return err
}

// LoadOptions tune LoadBytes.
type LoadOptions struct {
	// SkipChecksum accepts the body without checking its SHA-256 first, for bytes the caller
	// has already checked with a checksum of its own, as the exported service does with its
	// bundle's CRC-32C: SHA-256 costs about 3 ms a MB on CPUs without SHA instructions, 0.2 s
	// of a big forest's start. Both sums only catch accidental damage (a file carries its
	// own sum, so neither proves who wrote it). Every check of the header, the lengths, the
	// body and the estimator's structure still applies, and when one fails the SHA-256 is
	// computed after all, so a damaged file is still reported as corrupt, as Load does.
	SkipChecksum bool
}

// Load reads a model written by Save. It refuses other files, newer format
// versions, truncated or altered bodies and unregistered estimator kinds
// (import the package that registers it, e.g. ml/tree).
func Load(r io.Reader) (*Model, error) {
	size := remaining(r)
	br := bufio.NewReader(r)
	line, err := br.ReadString('\n')
	h, herr := parseHeader(line, err == nil)
	if herr != nil {
		return nil, herr
	}
	if want := int64(len(line)) + h.n + h.m; want <= size { // the body is there: read it once
		body := make([]byte, h.n+h.m)
		if got, err := io.ReadFull(br, body); err == io.ErrUnexpectedEOF { // it shrank meanwhile
			return nil, h.truncated(int64(got))
		} else if err != nil {
			return nil, fmt.Errorf("ml: reading the model file: %w", err)
		}
		return h.decode(body, true)
	}
	// Grown as it arrives: a damaged header must not make a short file allocate gigabytes.
	buf := bytes.NewBuffer(make([]byte, 0, min(h.n+h.m, 1<<20)))
	got, err := io.CopyN(buf, br, h.n+h.m)
	if errors.Is(err, io.EOF) {
		return nil, h.truncated(got)
	} else if err != nil {
		return nil, fmt.Errorf("ml: reading the model file: %w", err)
	}
	return h.decode(buf.Bytes(), true)
}

// remaining is how many bytes r still holds when it can tell (in-memory readers, regular
// files), else -1. Growing a buffer to a 70 MB body cost more than the SHA-256 of it.
func remaining(r io.Reader) int64 {
	switch x := r.(type) {
	case interface{ Len() int }: // bytes.Reader, bytes.Buffer, strings.Reader
		return int64(x.Len())
	case *os.File:
		st, err := x.Stat()
		pos, serr := x.Seek(0, io.SeekCurrent)
		if err == nil && serr == nil && st.Mode().IsRegular() {
			return st.Size() - pos
		}
	}
	return -1
}

// LoadBytes reads a model file held in b as Load does, without copying its body; with
// opt.SkipChecksum it does not verify the SHA-256.
func LoadBytes(b []byte, opt LoadOptions) (*Model, error) {
	line := b[:min(len(b), maxHeader+1)]
	i := bytes.IndexByte(line, '\n')
	if i >= 0 {
		line = line[:i+1]
	}
	h, err := parseHeader(string(line), i >= 0)
	if err != nil {
		return nil, err
	}
	body := b[len(line):]
	if int64(len(body)) < h.n+h.m {
		return nil, h.truncated(int64(len(body)))
	}
	return h.decode(body[:h.n+h.m], !opt.SkipChecksum)
}

// maxHeader bounds the header line.
const maxHeader = 200

// header is a model file's first line, parsed.
type header struct {
	sum  string // "sha256:<hex>"
	n, m int64  // body and binary section lengths
}

// parseHeader checks the header line; complete says it ended in a newline.
func parseHeader(line string, complete bool) (header, error) {
	line = strings.TrimSpace(line)
	var h header
	if len(line) > maxHeader || (!complete && !strings.HasPrefix(magic, line)) {
		return h, fmt.Errorf("ml: not a Cairn model file (it does not start with %q)", magic)
	}
	if !complete {
		return h, fmt.Errorf("ml: the model file is truncated: its header line is incomplete")
	}
	f := strings.Fields(line)
	if len(f) == 0 || f[0] != magic {
		return h, fmt.Errorf("ml: not a Cairn model file (it does not start with %q)", magic)
	}
	if len(f) < 2 {
		return h, fmt.Errorf("ml: model file header %q has no format version", line)
	}
	v, err := strconv.Atoi(f[1])
	if err != nil || v < 1 || v > FormatVersion {
		return h, fmt.Errorf("ml: model file format version %s is not supported (this Cairn reads versions 1 to %d)", f[1], FormatVersion)
	}
	if len(f) != 3+v || !strings.HasPrefix(f[2], "sha256:") { // version 2 adds the binary length
		return h, fmt.Errorf("ml: malformed model file header %q", line)
	}
	h.sum = f[2]
	if h.n, err = strconv.ParseInt(f[3], 10, 64); err != nil || h.n < 0 || h.n > maxBody {
		return h, fmt.Errorf("ml: malformed body length %q in the model file header", f[3])
	}
	if v == 2 {
		if h.m, err = strconv.ParseInt(f[4], 10, 64); err != nil || h.m < 0 || h.m > maxBody {
			return h, fmt.Errorf("ml: malformed binary length %q in the model file header", f[4])
		}
	}
	return h, nil
}

func (h header) truncated(got int64) error {
	return fmt.Errorf("ml: the model file is truncated: %d of %d body bytes", got, h.n+h.m)
}

// decode rebuilds the model from body (the n+m bytes after the header), checking it against
// the header's sum first when verify is set. Without verify, the sum is still computed when
// decoding fails, so a damaged file is named as such, as Load names it.
func (h header) decode(body []byte, verify bool) (*Model, error) {
	if verify {
		if err := h.verify(body); err != nil {
			return nil, err
		}
	}
	var fm fileModel
	err := json.Unmarshal(body[:h.n], &fm)
	if err != nil {
		err = fmt.Errorf("ml: the model file's body is invalid: %w", err)
	}
	var m *Model
	if err == nil {
		fm.binary = body[h.n:] // read in place: estimators copy what they keep
		m, err = fm.model()
	}
	if err != nil && !verify {
		if cerr := h.verify(body); cerr != nil {
			return nil, cerr
		}
	}
	return m, err
}

// verify checks body against the header's SHA-256.
func (h header) verify(body []byte) error {
	sum := sha256.Sum256(body)
	if "sha256:"+hex.EncodeToString(sum[:]) != h.sum {
		return fmt.Errorf("ml: the model file is corrupt: its body does not match the header's checksum")
	}
	return nil
}

// model rebuilds a Model from a decoded file, checking it can predict.
func (fm *fileModel) model() (*Model, error) {
	var err error
	est, ok := newKind(fm.Kind)
	if !ok {
		return nil, fmt.Errorf("ml: unknown estimator kind %q (known: %v); is its package imported?", fm.Kind, Kinds())
	}
	if bu, ok := est.(encoding.BinaryUnmarshaler); ok && len(fm.binary) > 0 {
		err = bu.UnmarshalBinary(fm.binary)
	} else {
		err = json.Unmarshal(fm.Estimator, est)
	}
	if err != nil {
		return nil, fmt.Errorf("ml: the %s estimator in the model file is invalid: %w", fm.Kind, err)
	}
	if err := fm.Schema.check(); err != nil {
		return nil, err
	}
	enc, err := newEncoder(fm.Schema, fm.Encoding)
	if err != nil {
		return nil, err
	}
	m := &Model{Kind: fm.Kind, Schema: fm.Schema, Encoding: fm.Encoding, Estimator: est,
		Metrics: fm.Metrics, Importance: fm.Importance, GroupBy: fm.GroupBy, Groups: fm.Groups, Reference: fm.Reference, Created: fm.Created, Versions: fm.Versions,
		DataHash: fm.DataHash, TrainRows: fm.TrainRows, Seed: fm.Seed, Problem: fm.Problem, enc: enc}
	if err := m.checkEstimator(); err != nil {
		return nil, err
	}
	return m, nil
}

// check validates a schema read from a file.
func (s *Schema) check() error {
	if len(s.Features) == 0 {
		return fmt.Errorf("ml: the model file's schema has no features")
	}
	if s.Task == Classification && len(s.Classes) < 2 {
		return fmt.Errorf("ml: the model file's schema has %d classes", len(s.Classes))
	}
	if s.Task != Classification && s.Task != Regression {
		return fmt.Errorf("ml: the model file's schema has unknown task %q", s.Task)
	}
	for _, f := range s.Features {
		if f.Kind != Numeric && f.Kind != Categorical {
			return fmt.Errorf("ml: feature %q in the model file has unknown kind %q", f.Name, f.Kind)
		}
	}
	return nil
}
