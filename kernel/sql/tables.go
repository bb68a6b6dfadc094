package sql

import "context"

// TableInfo describes a table or view that cells made, for the app's table list.
type TableInfo struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"` // "table" or "view"
	Columns int    `json:"columns"`
	Rows    int64  `json:"rows"` // -1 for a view: counting would run it
}

// Tables lists the tables and views of the main schema (temporary ones and the result
// tables are the engine's, not the user's), by name.
func (e *Engine) Tables(ctx context.Context) ([]TableInfo, error) {
	out := []TableInfo{}
	rows, err := e.Query(ctx, `SELECT table_name, 'table', column_count, estimated_size FROM duckdb_tables()
		WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
		UNION ALL
		SELECT view_name, 'view', column_count, -1 FROM duckdb_views()
		WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal
		ORDER BY 1`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t TableInfo
		if err := rows.Scan(&t.Name, &t.Kind, &t.Columns, &t.Rows); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
