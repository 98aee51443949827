package data

import (
	"fmt"
	"strings"
)

// SnapshotDiff is a value of the 申报表 that the live records no longer hold.
type SnapshotDiff struct {
	Label string
	Then  string // as submitted
	Now   string // in the records today
}

// Note is the remark shown beside the value: 提交时 12800，现为 12900.
func (d SnapshotDiff) Note() string {
	return fmt.Sprintf("提交时 %s，现为 %s", blankAsNone(d.Then), blankAsNone(d.Now))
}

func blankAsNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "（空）"
	}
	return s
}

// Differences lists the nominee's values (name, community, category,
// figures, attachments) where now differs from d, in the 申报表's order.
func (d SnapshotData) Differences(now SnapshotData) []SnapshotDiff {
	var out []SnapshotDiff
	add := func(label, then, live string) {
		if then != live {
			out = append(out, SnapshotDiff{Label: label, Then: then, Now: live})
		}
	}
	add("申报对象", d.NomineeName, now.NomineeName)
	if d.NomineeKind == NomineeCompound {
		add("所属社区", d.CommunityName, now.CommunityName)
	}
	add("类别", d.CategoryName, now.CategoryName)
	live := map[string]string{}
	for _, f := range now.Facts {
		live[f.Field] = f.Value
	}
	for _, f := range d.Facts {
		add(f.Label, f.Value, live[f.Field])
	}
	add("附件", fileNames(d.Attachments), fileNames(now.Attachments))
	return out
}

func fileNames(fs []SnapshotFile) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return strings.Join(names, "、")
}

// SnapshotProblem is a submitted nomination whose snapshot is missing or
// no longer what was stored.
type SnapshotProblem struct {
	NominationID int64
	Version      int
	Message      string // names the nomination, its round and version
}

// CheckSnapshots verifies every submitted nomination's snapshot: the one of
// its current version is present, and every stored one still matches its
// SHA-256 and names its own version. It returns the problems found and how
// many nominations were checked.
func (s *Store) CheckSnapshots() ([]SnapshotProblem, int, error) {
	var noms []Nomination
	if err := s.db.Select(&noms, nominationSelect+` WHERE n.version > 0 ORDER BY n.round_id, n.id`); err != nil {
		return nil, 0, fmt.Errorf("无法读取申报：%w", err)
	}
	rounds := map[int64]string{}
	var out []SnapshotProblem
	for _, n := range noms {
		if _, ok := rounds[n.RoundID]; !ok {
			r, err := getRound(s.db, n.RoundID)
			if err != nil {
				return nil, 0, err
			}
			rounds[n.RoundID] = r.Label()
		}
		where := fmt.Sprintf("%s：%s（申报 #%d）", rounds[n.RoundID], n.Label(), n.ID)
		snaps, err := s.Snapshots(n.ID)
		if err != nil {
			return nil, 0, err
		}
		current := false
		for _, sn := range snaps {
			if sn.Version == n.Version {
				current = true
			}
			d, err := sn.Values()
			if err == nil && d.NominationUUID != n.UUID {
				err = fmt.Errorf("第 %d 版的提交快照属于另一个申报", sn.Version)
			}
			if err != nil {
				out = append(out, SnapshotProblem{NominationID: n.ID, Version: sn.Version, Message: where + err.Error()})
			}
		}
		if !current {
			out = append(out, SnapshotProblem{NominationID: n.ID, Version: n.Version,
				Message: fmt.Sprintf("%s第 %d 版的%s", where, n.Version, errNoSnapshot.Error())})
		}
	}
	return out, len(noms), nil
}
