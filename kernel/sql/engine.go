// Package sql is the kernel's SQL engine: one in-process, in-memory DuckDB per kernel, opened
// on first use (kernel start stays fast), the SQL cells that run on it and the result tables
// the app pages through. Only this package and kernel/frame link DuckDB.
package sql

import (
	"context"
	gosql "database/sql"
	"fmt"
	"net/url"
	"runtime"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

// Options configure the database. Zero values keep DuckDB's defaults.
type Options struct {
	MemoryLimit int64 // bytes DuckDB may use (the kernel passes 3/4 of its own limit)
	Threads     int   // worker threads; 0: GOMAXPROCS
}

// Engine is the kernel's DuckDB. Its methods are safe for concurrent use: a page request
// runs on its own connection while a cell's query runs on another.
type Engine struct {
	opts Options

	once sync.Once
	db   *gosql.DB
	err  error

	mu      sync.Mutex
	n       int               // number of the last result table
	results map[string]*table // by handle
	order   []string          // handles, oldest first, to drop the oldest beyond keepResults

	sortMu sync.Mutex  // one sorted copy is made at a time
	sorted *sortedCopy // the latest sorted copy of a result (sorted.go); guarded by sortMu
}

// keepResults bounds the result tables kept for paging: a re-run cell makes a new one, and
// a million-row result should not live for the whole session.
const keepResults = 32

// New returns an engine; DuckDB opens on first use.
func New(opts Options) *Engine {
	return &Engine{opts: opts, results: map[string]*table{}}
}

// DSN returns the connection string: an in-memory database, the memory limit, the threads,
// and no extension autoloading (it downloads from the network).
func (o Options) DSN() string {
	v := url.Values{}
	v.Set("autoinstall_known_extensions", "false")
	v.Set("autoload_known_extensions", "false")
	threads := o.Threads
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	v.Set("threads", fmt.Sprint(threads))
	if o.MemoryLimit > 0 {
		v.Set("memory_limit", fmt.Sprintf("%dKiB", max(o.MemoryLimit>>10, 1)))
	}
	return "?" + v.Encode()
}

// DB opens the database the first time and returns it. Relative file paths in queries
// resolve against the kernel's working directory, which is the notebook's folder.
func (e *Engine) DB() (*gosql.DB, error) {
	e.once.Do(func() {
		c, err := duckdb.NewConnector(e.opts.DSN(), nil)
		if err != nil {
			e.err = fmt.Errorf("opening DuckDB: %w", err)
			return
		}
		e.db = gosql.OpenDB(c)
		if _, err := e.db.Exec("CREATE SCHEMA IF NOT EXISTS " + resultSchema); err != nil {
			e.err = fmt.Errorf("opening DuckDB: %w", err)
		}
	})
	return e.db, e.err
}

// Conn returns a dedicated connection, for work that needs one (appenders).
func (e *Engine) Conn(ctx context.Context) (*gosql.Conn, error) {
	db, err := e.DB()
	if err != nil {
		return nil, err
	}
	return db.Conn(ctx)
}

// Exec runs statements that return no rows.
func (e *Engine) Exec(ctx context.Context, query string, args ...any) error {
	db, err := e.DB()
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, query, args...)
	return err
}

// Query runs a query.
func (e *Engine) Query(ctx context.Context, query string, args ...any) (*gosql.Rows, error) {
	db, err := e.DB()
	if err != nil {
		return nil, err
	}
	return db.QueryContext(ctx, query, args...)
}

// Close closes the database.
func (e *Engine) Close() error {
	if e.db == nil {
		return nil
	}
	return e.db.Close()
}
