package data

import (
	"testing"
	"time"
)

// StatsRecords reads nothing again while nothing is written, and every
// kind of write — a save, a delete, a restore — makes the next read current.
func TestStatsRecordsCurrentAfterEveryWrite(t *testing.T) {
	st := openTest(t)
	c := mustCommunity(t, st, "甲社区")
	org := &Org{Name: "甲社区党委", Kind: OrgCommunityCommittee, CommunityID: c.ID, Members: Exact(120)}
	if err := st.SaveOrg(org); err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local)
	members := func() int64 {
		t.Helper()
		o, err := st.Overview(today)
		if err != nil {
			t.Fatal(err)
		}
		return o.Members
	}
	_, _, a, _ := st.StatsRecords()
	_, _, b, _ := st.StatsRecords()
	if len(a) != 1 || &a[0] != &b[0] {
		t.Error("a second read with nothing written read the records again")
	}
	file := backupOf(t, st) // 120 members
	org.Members = Exact(150)
	if err := st.SaveOrg(org); err != nil {
		t.Fatal(err)
	}
	if n := members(); n != 150 {
		t.Fatalf("after saving 150 members the overview counts %d", n)
	}
	if _, err := st.RestoreBackup(file); err != nil {
		t.Fatal(err)
	}
	if n := members(); n != 120 {
		t.Fatalf("after restoring the backup (120 members) the overview counts %d", n)
	}
	orgs, _ := st.Orgs(0)
	if err := st.Delete(EntityOrg, orgs[0].ID); err != nil {
		t.Fatal(err)
	}
	if o, _ := st.Overview(today); o.Orgs != 0 || o.Members != 0 {
		t.Fatalf("after deleting the only organisation the overview counts %d with %d members", o.Orgs, o.Members)
	}
}
