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

// Load reads a model written by Save. It refuses other files, newer format
// versions, truncated or altered bodies and unregistered estimator kinds
// (import the package that registers it, e.g. ml/tree).
func Load(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	head, err := br.ReadString('\n')
	if len(head) > 200 || (err != nil && !strings.HasPrefix(magic, strings.TrimSpace(head))) {
		return nil, fmt.Errorf("ml: not a Cairn model file (it does not start with %q)", magic)
	}
	if err != nil {
		return nil, fmt.Errorf("ml: the model file is truncated: its header line is incomplete")
	}
	f := strings.Fields(head)
	if len(f) == 0 || f[0] != magic {
		return nil, fmt.Errorf("ml: not a Cairn model file (it does not start with %q)", magic)
	}
	if len(f) < 2 {
		return nil, fmt.Errorf("ml: model file header %q has no format version", strings.TrimSpace(head))
	}
	v, err := strconv.Atoi(f[1])
	if err != nil || v < 1 || v > FormatVersion {
		return nil, fmt.Errorf("ml: model file format version %s is not supported (this Cairn reads versions 1 to %d)", f[1], FormatVersion)
	}
	if len(f) != 3+v || !strings.HasPrefix(f[2], "sha256:") { // version 2 adds the binary length
		return nil, fmt.Errorf("ml: malformed model file header %q", strings.TrimSpace(head))
	}
	n, err := strconv.ParseInt(f[3], 10, 64)
	if err != nil || n < 0 || n > maxBody {
		return nil, fmt.Errorf("ml: malformed body length %q in the model file header", f[3])
	}
	var m int64
	if v == 2 {
		if m, err = strconv.ParseInt(f[4], 10, 64); err != nil || m < 0 || m > maxBody {
			return nil, fmt.Errorf("ml: malformed binary length %q in the model file header", f[4])
		}
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(n+m, 1<<20)))
	got, err := io.CopyN(buf, br, n+m)
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("ml: the model file is truncated: %d of %d body bytes", got, n+m)
	} else if err != nil {
		return nil, fmt.Errorf("ml: reading the model file: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	if "sha256:"+hex.EncodeToString(sum[:]) != f[2] {
		return nil, fmt.Errorf("ml: the model file is corrupt: its body does not match the header's checksum")
	}
	var fm fileModel
	if err := json.Unmarshal(buf.Bytes()[:n], &fm); err != nil {
		return nil, fmt.Errorf("ml: the model file's body is invalid: %w", err)
	}
	fm.binary = buf.Bytes()[n:]
	return fm.model()
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
