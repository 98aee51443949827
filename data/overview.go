package data

import (
	"fmt"
	"time"
)

// Overview is what the first screen shows.
type Overview struct {
	Communities      int
	Compounds        int
	Orgs             int
	Members          int64 // Party members counted in the organisations without a parent
	ElectionsSoon    []Org // 换届 due within 90 days
	ElectionsOverdue []Org // 换届 overdue
}

// Overview counts the records and finds the organisations due for election on the day today.
func (s *Store) Overview(today time.Time) (Overview, error) {
	var o Overview
	err := s.db.QueryRow(`SELECT
		(SELECT COUNT(*) FROM communities WHERE deleted_at IS NULL),
		(SELECT COUNT(*) FROM compounds WHERE deleted_at IS NULL),
		(SELECT COUNT(*) FROM orgs WHERE deleted_at IS NULL)`).Scan(&o.Communities, &o.Compounds, &o.Orgs)
	if err != nil {
		return o, fmt.Errorf("无法统计记录：%w", err)
	}
	orgs, err := s.Orgs(0)
	if err != nil {
		return o, err
	}
	for _, org := range orgs {
		if org.ParentID == nil {
			o.Members += org.Members.N
		}
		switch org.ElectionState(today) {
		case ElectionSoon:
			o.ElectionsSoon = append(o.ElectionsSoon, org)
		case ElectionOverdue:
			o.ElectionsOverdue = append(o.ElectionsOverdue, org)
		}
	}
	return o, nil
}
