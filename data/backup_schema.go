package data

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// A backup's database is data, not code: it restores only when its schema
// (tables, their columns, indexes, triggers, views) is exactly the one this
// program's migrations build for its schema version, so that once migrated it
// is exactly the current schema. Anything more (a trigger, a view, an extra
// table) or less is refused, naming each difference.

// schemaObject is one entry of sqlite_master, with a table's columns.
type schemaObject struct {
	kind, name, table, sql string
	columns                []string // "name type notnull default pk", in order
}

// dbSchema is a database's schema by kind and name ("table communities").
type dbSchema map[string]schemaObject

var (
	schemaMu    sync.Mutex
	schemaCache = map[int]dbSchema{}
)

// expectedSchema is the schema the migrations build up to version v,
// built once in a database in memory.
func expectedSchema(v int) (dbSchema, error) {
	schemaMu.Lock()
	defer schemaMu.Unlock()
	if s, ok := schemaCache[v]; ok {
		return s, nil
	}
	db, err := sql.Open("sqlite3", "file::memory:?_foreign_keys=on")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for i := 0; i < v && i < len(migrations); i++ {
		if _, err := db.Exec(migrations[i]); err != nil {
			return nil, fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	s, err := readSchema(db)
	if err != nil {
		return nil, err
	}
	schemaCache[v] = s
	return s, nil
}

// readSchema reads sqlite_master and every table's columns. Indexes SQLite
// makes for UNIQUE and PRIMARY KEY constraints follow from the table's SQL
// and are left out, as are ANALYZE's statistics tables.
func readSchema(db *sql.DB) (dbSchema, error) {
	rows, err := db.Query(`SELECT type, name, tbl_name, IFNULL(sql, '') FROM sqlite_master`)
	if err != nil {
		return nil, err
	}
	s := dbSchema{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.kind, &o.name, &o.table, &o.sql); err != nil {
			rows.Close()
			return nil, err
		}
		if strings.HasPrefix(o.name, "sqlite_autoindex_") || strings.HasPrefix(o.name, "sqlite_stat") {
			continue
		}
		o.sql = strings.Join(strings.Fields(o.sql), " ")
		s[o.kind+" "+o.name] = o
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for k, o := range s {
		if o.kind != "table" {
			continue
		}
		cols, err := tableColumns(db, o.name)
		if err != nil {
			return nil, err
		}
		o.columns = cols
		s[k] = o
	}
	return s, nil
}

func tableColumns(db *sql.DB, table string) ([]string, error) {
	rows, err := db.Query(`SELECT name, type, "notnull", IFNULL(dflt_value, 'NULL'), pk FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var name, typ, dflt string
		var notNull, pk int
		if err := rows.Scan(&name, &typ, &notNull, &dflt, &pk); err != nil {
			return nil, err
		}
		cols = append(cols, fmt.Sprintf("%s\x00%s %d %s %d", name, typ, notNull, dflt, pk))
	}
	return cols, rows.Err()
}

var schemaKindLabels = map[string]string{"table": "表", "index": "索引", "trigger": "触发器", "view": "视图"}

func schemaKindLabel(kind string) string {
	if l, ok := schemaKindLabels[kind]; ok {
		return l
	}
	return "对象"
}

// schemaDiff names, in Chinese, how got differs from want.
func schemaDiff(got, want dbSchema) []string {
	var diffs []string
	for _, k := range sortedKeys(want) {
		w := want[k]
		g, ok := got[k]
		if !ok {
			diffs = append(diffs, fmt.Sprintf("缺少%s“%s”", schemaKindLabel(w.kind), w.name))
			continue
		}
		if w.kind == "table" {
			if d := columnDiff(w.name, g.columns, w.columns); len(d) > 0 {
				diffs = append(diffs, d...)
				continue
			}
		}
		if g.sql != w.sql || g.table != w.table {
			diffs = append(diffs, fmt.Sprintf("%s“%s”的定义被改动", schemaKindLabel(w.kind), w.name))
		}
	}
	for _, k := range sortedKeys(got) {
		if _, ok := want[k]; !ok {
			g := got[k]
			diffs = append(diffs, fmt.Sprintf("多出%s“%s”", schemaKindLabel(g.kind), g.name))
		}
	}
	return diffs
}

// columnDiff names the columns of table that are missing, extra or changed.
func columnDiff(table string, got, want []string) []string {
	split := func(cols []string) (map[string]string, []string) {
		m := map[string]string{}
		var order []string
		for _, c := range cols {
			name, def, _ := strings.Cut(c, "\x00")
			m[name] = def
			order = append(order, name)
		}
		return m, order
	}
	g, gOrder := split(got)
	w, wOrder := split(want)
	var diffs []string
	for _, n := range wOrder {
		def, ok := g[n]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("表“%s”缺少列“%s”", table, n))
		case def != w[n]:
			diffs = append(diffs, fmt.Sprintf("表“%s”的列“%s”的类型、默认值或约束被改动", table, n))
		}
	}
	for _, n := range gOrder {
		if _, ok := w[n]; !ok {
			diffs = append(diffs, fmt.Sprintf("表“%s”多出列“%s”", table, n))
		}
	}
	if len(diffs) == 0 && strings.Join(gOrder, ",") != strings.Join(wOrder, ",") {
		diffs = append(diffs, fmt.Sprintf("表“%s”的列顺序被改动", table))
	}
	return diffs
}

func sortedKeys(s dbSchema) []string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkBackupSchema refuses a backup database (already unpacked at path,
// schema version v) whose schema is not what this program builds for v.
func checkBackupSchema(path, name string, v int) error {
	want, err := expectedSchema(v)
	if err != nil {
		return fmt.Errorf("无法确定数据版本 %d 的结构：%w", v, err)
	}
	db, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return badArchive("%s 里的数据库无法读取", name)
	}
	defer db.Close()
	got, err := readSchema(db)
	if err != nil {
		return badArchive("%s 里的数据库结构无法读取（%s）", name, sqliteDetail(err))
	}
	diffs := schemaDiff(got, want)
	if len(diffs) == 0 {
		return nil
	}
	if len(diffs) > 8 {
		diffs = append(diffs[:8], fmt.Sprintf("等共 %d 处", len(diffs)))
	}
	return badArchive("%s 里的数据库结构与本程序的不一致（%s），不能用它恢复", name, strings.Join(diffs, "；"))
}
