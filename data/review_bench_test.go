package data

import (
	"fmt"
	"testing"
)

// benchRound is a large round in review: 200 nominations (of 100
// communities and 100 compounds), 7 reviewers, every sheet in.
func benchRound(b *testing.B) (*Store, Round) {
	st, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := st.SaveSettings(Settings{OfficeName: "华阳街道", Role: RoleOffice}); err != nil {
		b.Fatal(err)
	}
	r := NewRound(2024)
	if err := st.SaveRound(&r); err != nil {
		b.Fatal(err)
	}
	err = st.Write(func(tx *Tx) error {
		var revs []Reviewer
		for i := 0; i < 7; i++ {
			v := Reviewer{RoundID: r.ID, Name: fmt.Sprintf("评审%d", i)}
			if err := tx.saveReviewer(&v, asOffice); err != nil {
				return err
			}
			revs = append(revs, v)
		}
		for i := 0; i < 100; i++ {
			c := &Community{Name: fmt.Sprintf("社区%03d", i)}
			if err := tx.SaveCommunity(c); err != nil {
				return err
			}
			x := &Compound{CommunityID: c.ID, Name: fmt.Sprintf("小区%03d", i)}
			if err := tx.SaveCompound(x); err != nil {
				return err
			}
			for k, n := range []*Nomination{
				{RoundID: r.ID, CommunityID: c.ID, CategoryID: r.Categories[0].ID},
				{RoundID: r.ID, CompoundID: &x.ID, CategoryID: r.Categories[1].ID},
			} {
				if err := tx.saveNomination(n, asOffice); err != nil {
					return err
				}
				if _, err := tx.q.Exec(`UPDATE nominations SET state = 'reviewing' WHERE id = ?`, n.ID); err != nil {
					return err
				}
				for j, v := range revs {
					sh := ScoreSheet{NominationID: n.ID, ReviewerID: v.ID, Scores: demoSheet(r, 60+(i+j+k)%40)}
					if err := tx.saveScoreSheet(&sh, asOffice); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return st, r
}

// BenchmarkRanking ranks the large round.
func BenchmarkRanking(b *testing.B) {
	st, r := benchRound(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rk, err := st.Ranking(r.ID)
		if err != nil || len(rk[0].Rows) != 100 {
			b.Fatalf("%v %d", err, len(rk[0].Rows))
		}
	}
}

// BenchmarkDecide fixes the proposed list of the large round (2 of 100
// communities, 1 of 100 compounds; the other 197 not selected).
func BenchmarkDecide(b *testing.B) {
	st, r := benchRound(b)
	rk, err := st.Ranking(r.ID)
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for _, c := range rk {
		for _, row := range c.Rows {
			if row.WithinQuota {
				ids = append(ids, row.ID)
			}
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := st.DecideNote(r.ID, ids, nil, "已请评审组长核查"); err != nil { // the bench round's spread is flagged
			b.Fatal(err)
		}
		b.StopTimer()
		if _, err := st.db.Exec(`UPDATE nominations SET state = 'reviewing'`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
