package dbtest

import (
	"database/sql"
	"fmt"
)

// TamperSnapshot edits, in the closed database at path, the stored text of
// a nomination's submission snapshots behind the program's back: the
// nominee's name gets "假" in front, the stored SHA-256 stays as it was.
func TamperSnapshot(path string, nominationID int64) error {
	return changeRows(path, fmt.Sprintf(`UPDATE nomination_snapshots SET data = replace(data, '"nominee":"', '"nominee":"假')
		WHERE nomination_id = %d`, nominationID))
}

// DropSnapshots deletes a nomination's submission snapshots in the closed database at path.
func DropSnapshots(path string, nominationID int64) error {
	return changeRows(path, fmt.Sprintf(`DELETE FROM nomination_snapshots WHERE nomination_id = %d`, nominationID))
}

// changeRows runs one statement and fails when it changed no row.
func changeRows(path, stmt string) error {
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := db.Exec(stmt)
	if err != nil {
		return fmt.Errorf("%s: %w", stmt, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s: no row changed", stmt)
	}
	return nil
}
