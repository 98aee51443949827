package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// SetAsideFile lists, in the data folder, the data that was moved out of the
// way (a damaged database, the data a restore replaced) until the clerk has
// seen where it went. It is a small JSON file rather than a table: the
// database may be the very thing that was set aside.
const SetAsideFile = "set-aside.json"

// Kinds of set-aside data.
const (
	SetAsideDamaged       = "damaged"        // a damaged database moved to damaged-…/
	SetAsideBeforeRestore = "before-restore" // the data a restore replaced, kept as backups/before-restore-….jyb
)

// SetAsideNotice is one piece of data moved aside, not yet acknowledged.
type SetAsideNotice struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Path string `json:"path"` // where the data is now
	At   string `json:"at"`   // RFC 3339
	What string `json:"what"` // what was set aside and why, in Chinese
}

// Message is the notice for the clerk: when, what, and where it is.
func (n SetAsideNotice) Message() string {
	t, err := time.Parse(time.RFC3339, n.At)
	if err != nil {
		return n.What
	}
	return t.Local().Format("2006-01-02 15:04") + "：" + n.What
}

// SetAsideNotices lists the notices not yet dismissed, oldest first.
func SetAsideNotices(dir string) ([]SetAsideNotice, error) {
	b, err := os.ReadFile(filepath.Join(dir, SetAsideFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%s", filepath.Join(dir, SetAsideFile), ExplainReason(err))
	}
	var list []SetAsideNotice
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("%s 的内容无法读取（可以删除这个文件，它只记录移到一旁的数据的位置）", filepath.Join(dir, SetAsideFile))
	}
	return list, nil
}

// DismissSetAside removes the notices with the given IDs (the clerk has
// seen them); the data they name stays where it is. The caller holds the
// data folder's lock.
func DismissSetAside(dir string, ids ...string) error {
	list, err := SetAsideNotices(dir)
	if err != nil {
		return err
	}
	drop := map[string]bool{}
	for _, id := range ids {
		drop[id] = true
	}
	var keep []SetAsideNotice
	for _, n := range list {
		if !drop[n.ID] {
			keep = append(keep, n)
		}
	}
	return writeSetAside(dir, keep)
}

// noteSetAside records that data was moved to path. It is best effort: the
// data is already safe where it went, and the caller reports that place too.
func noteSetAside(dir, kind, path, what string) error {
	list, err := SetAsideNotices(dir)
	if err != nil {
		list = nil // an unreadable list is replaced rather than blocking the notice
	}
	now := time.Now()
	id := now.Format("20060102-150405.000000000") + "-" + kind
	for i := 2; hasNotice(list, id); i++ {
		id = now.Format("20060102-150405.000000000") + "-" + kind + "-" + strconv.Itoa(i)
	}
	list = append(list, SetAsideNotice{ID: id, Kind: kind, Path: path, At: now.Format(time.RFC3339), What: what})
	return writeSetAside(dir, list)
}

func hasNotice(list []SetAsideNotice, id string) bool {
	for _, n := range list {
		if n.ID == id {
			return true
		}
	}
	return false
}

func writeSetAside(dir string, list []SetAsideNotice) error {
	path := filepath.Join(dir, SetAsideFile)
	if len(list) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("无法更新 %s：%s", path, Explain(err))
		}
		return nil
	}
	js, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	err = WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(js); return err })
	if err != nil {
		return fmt.Errorf("无法更新 %s：%s", path, Explain(err))
	}
	return nil
}
