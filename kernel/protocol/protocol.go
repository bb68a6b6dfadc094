// Package protocol defines the messages the app and a kernel process exchange: one JSON object
// per line on a dedicated pipe pair, so that the kernel's fd 1 and 2 stay free to be captured as
// cell output. It is Jupyter-like in spirit, much smaller in size.
package protocol

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sync"
)

// Message types. Requests go from the app to the kernel; the rest flow back.
const (
	// Requests.
	Execute   = "execute"    // run Code (Lang) as cell Cell with Options; the kernel answers with outputs, then Done
	TablePage = "table_page" // a page of result Handle: Offset, Limit, SortBy ("" = result order), Desc; answered even while a cell runs
	Profile   = "profile"    // the column profile of result Handle, or of table Table; answered even while a cell runs
	Tables    = "tables"     // the tables and views SQL cells made; answered even while a cell runs
	Interrupt = "interrupt"  // cancel the running cell
	Shutdown  = "shutdown"   // exit cleanly

	// ExportModel asks for the *ml.Model in Go variable Name as an ml.Save file; Problem
	// becomes its problem card when it has none. Models asks which of Names hold one.
	ExportModel = "export_model"
	Models      = "models"

	// Replies and notifications.
	Status        = "status"         // State: idle (ready for work) or busy
	Display       = "display"        // Data: a MIME bundle shown by the cell, DisplayID optional
	UpdateDisplay = "update_display" // Data replaces the display with DisplayID in place
	Result        = "result"         // Data: the value of the cell's trailing expression
	Fail          = "error"          // Error: why the cell failed
	Done          = "done"           // the cell ended; Seq names the sync marker written to fd 1 and 2
	Exiting       = "exiting"        // the cell called os.Exit(Code); the process ends next
	// TablePageResult answers TablePage (same ID) with Data holding the table MIME type; a
	// failed page request is answered with Fail and the request's ID.
	TablePageResult = "table_page_result"
	// ProfileResult answers Profile the same way, Data holding the profile MIME type.
	ProfileResult = "profile_result"
	// ExportModelResult answers ExportModel, Data holding ModelFileMIME; ModelsResult answers
	// Models, Data holding ModelsMIME. A refusal is a Fail with the request's ID.
	ExportModelResult = "export_model_result"
	ModelsResult      = "models_result"
	// TablesResult answers Tables, Data holding TablesMIME.
	TablesResult = "tables_result"
)

// TablesMIME is the JSON list of tables in a TablesResult:
// [{"name", "kind": "table"|"view", "columns": n, "rows": n (-1 for views)}].
const TablesMIME = "application/vnd.cairn.tables+json"

// ModelFileMIME is a model file (ml.Save's text form) in an ExportModelResult.
const ModelFileMIME = "application/vnd.cairn.model-file"

// ModelsMIME is the JSON list of model variables in a ModelsResult: [{"name", "kind",
// "task", "target"}].
const ModelsMIME = "application/vnd.cairn.models+json"

// Msg is one protocol message. Fields unused by a type stay empty.
type Msg struct {
	Type      string            `json:"type"`
	ID        string            `json:"id,omitempty"`   // execution id; replies carry their request's
	Cell      string            `json:"cell,omitempty"` // cell id, for messages about a cell
	Lang      string            `json:"lang,omitempty"`
	Code      string            `json:"code,omitempty"`
	State     string            `json:"state,omitempty"`
	Data      map[string]string `json:"data,omitempty"`
	DisplayID string            `json:"display_id,omitempty"`
	Error     *Error            `json:"error,omitempty"`
	Seq       uint64            `json:"seq,omitempty"`
	ExitCode  int               `json:"exit_code,omitempty"`

	// Options are the cell's fence options (bind=df on a SQL cell), on Execute.
	Options map[string]string `json:"options,omitempty"`
	// Handle, Offset, Limit, SortBy and Desc are a TablePage request; Handle or Table a
	// Profile one.
	Handle string `json:"handle,omitempty"`
	Table  string `json:"table,omitempty"`
	Offset int    `json:"offset,omitempty"`
	Limit  int    `json:"limit,omitempty"`
	SortBy string `json:"sort_by,omitempty"`
	Desc   bool   `json:"desc,omitempty"`

	// Name and Problem are an ExportModel request; Names a Models one.
	Name    string   `json:"name,omitempty"`
	Problem string   `json:"problem,omitempty"`
	Names   []string `json:"names,omitempty"`
}

// Error describes a failed cell. Line and Col are 1-based in the cell's source, 0 when unknown.
type Error struct {
	Kind  string `json:"kind"` // compile, runtime, panic, interrupted, unsupported
	Msg   string `json:"msg"`
	Line  int    `json:"line,omitempty"`
	Col   int    `json:"col,omitempty"`
	Stack string `json:"stack,omitempty"`
}

// Error formats the error as one line: "line 3:5: undefined: x".
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("line %d:%d: %s", e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Conn reads and writes messages. Send is safe for concurrent use; Recv is not.
type Conn struct {
	mu  sync.Mutex
	w   io.Writer
	enc *json.Encoder
	r   *bufio.Reader
}

// NewConn returns a Conn reading from r and writing to w.
func NewConn(r io.Reader, w io.Writer) *Conn {
	return &Conn{w: w, enc: json.NewEncoder(w), r: bufio.NewReaderSize(r, 64<<10)}
}

// Send writes one message as a line of JSON.
func (c *Conn) Send(m *Msg) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.enc.Encode(m)
}

// Recv reads the next message. It returns io.EOF when the peer closed the pipe.
func (c *Conn) Recv() (*Msg, error) {
	line, err := c.r.ReadBytes('\n')
	if err != nil {
		if err == io.EOF && len(line) > 0 {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	var m Msg
	if err := json.Unmarshal(line, &m); err != nil {
		return nil, fmt.Errorf("kernel protocol: bad message %.80q: %w", line, err)
	}
	return &m, nil
}
