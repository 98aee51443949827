package data

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// setHouseholds changes a community's 户数 the way the window does.
func setHouseholds(t *testing.T, st *Store, id int64, n int64) {
	t.Helper()
	c, err := st.Community(id)
	if err != nil {
		t.Fatal(err)
	}
	c.Households = Exact(n)
	if err := st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
}

// submitted is the fixture's 滨江社区 (户数 12800), submitted with an attachment.
func submitted(t *testing.T) (*roundFixture, *Nomination) {
	t.Helper()
	f := newRoundFixture(t, 1)
	setHouseholds(t, f.st, f.comm["滨江社区"].ID, 12800)
	n := f.nominate(t, "滨江社区")
	file := filepath.Join(t.TempDir(), "台账.txt")
	if err := os.WriteFile(file, []byte("议事会台账"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.AddAttachment(n.ID, file, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Transition(n.ID, ActSubmit, ""); err != nil {
		t.Fatal(err)
	}
	got, err := f.st.Nomination(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	return f, &got
}

// What the documents print of a submitted nomination stays what was
// submitted when the community's record changes afterwards; the difference
// is reported beside the value.
func TestSubmissionFreezesNomineeValues(t *testing.T) {
	f, n := submitted(t)
	setHouseholds(t, f.st, n.CommunityID, 12900)
	c, _ := f.st.Community(n.CommunityID)
	c.Name = "滨江新城社区"
	if err := f.st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	d, err := f.st.PrintValues(*n)
	if err != nil {
		t.Fatal(err)
	}
	if d.FactValue("户数") != "12800" || d.NomineeName != "滨江社区" || d.CategoryName != f.r.Categories[0].Name {
		t.Fatalf("printed values after the change: 户数 %q, name %q, category %q", d.FactValue("户数"), d.NomineeName, d.CategoryName)
	}
	if len(d.Attachments) != 1 || d.Attachments[0].Name != "台账.txt" || len(d.Attachments[0].SHA256) != 64 {
		t.Fatalf("attachments %+v", d.Attachments)
	}
	live, err := f.st.LiveValues(*n)
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{}
	for _, x := range d.Differences(live) {
		notes[x.Label] = x.Note()
	}
	if notes["户数"] != "提交时 12800，现为 12900" || notes["申报对象"] != "提交时 滨江社区，现为 滨江新城社区" || len(notes) != 2 {
		t.Fatalf("differences %v", notes)
	}
	// A draft prints what the records hold now.
	other := f.nominate(t, "龙河社区")
	setHouseholds(t, f.st, other.CommunityID, 500)
	if d, _ := f.st.PrintValues(*other); d.FactValue("户数") != "500" {
		t.Fatalf("a draft prints 户数 %q", d.FactValue("户数"))
	}
}

// An amendment makes a new snapshot version; the first one stays as it was.
func TestAmendmentAddsSnapshotVersion(t *testing.T) {
	f, n := submitted(t)
	before, _ := f.st.Snapshots(n.ID)
	if len(before) != 1 || before[0].Source != SnapshotSubmit || before[0].Version != 1 {
		t.Fatalf("after submission: %+v", before)
	}
	setHouseholds(t, f.st, n.CommunityID, 12900)
	n.Methods = "第二版做法"
	if err := f.st.Amend(n, "补充数据"); err != nil {
		t.Fatal(err)
	}
	after, _ := f.st.Snapshots(n.ID)
	if len(after) != 2 || after[0] != before[0] || after[1].Version != 2 || after[1].Source != SnapshotAmend {
		t.Fatalf("after the amendment: %+v", after)
	}
	v1, err1 := after[0].Values()
	v2, err2 := after[1].Values()
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if v1.Methods == "第二版做法" || v1.FactValue("户数") != "12800" || v2.Methods != "第二版做法" || v2.FactValue("户数") != "12900" {
		t.Fatalf("v1 %q %s, v2 %q %s", v1.Methods, v1.FactValue("户数"), v2.Methods, v2.FactValue("户数"))
	}
	cur, _ := f.st.Nomination(n.ID)
	if d, _ := f.st.PrintValues(cur); d.Version != 2 || d.Methods != "第二版做法" {
		t.Fatalf("prints version %d %q", d.Version, d.Methods)
	}
}

// CheckSnapshots passes a sound store and names a nomination whose
// snapshot was edited behind the program's back or is missing; printing
// refuses such a nomination instead of printing today's values.
func TestCheckSnapshotsFindsTamperedAndMissing(t *testing.T) {
	f, n := submitted(t)
	other := f.nominate(t, "龙河社区")
	if err := f.st.Transition(other.ID, ActSubmit, ""); err != nil {
		t.Fatal(err)
	}
	if probs, checked, err := f.st.CheckSnapshots(); err != nil || len(probs) != 0 || checked != 2 {
		t.Fatalf("sound store: %v, %d checked, %v", probs, checked, err)
	}
	mustExec(t, f.st, `UPDATE nomination_snapshots SET data = replace(data, '12800', '99999') WHERE nomination_id = ?`, n.ID)
	mustExec(t, f.st, `DELETE FROM nomination_snapshots WHERE nomination_id = ?`, other.ID)
	probs, _, err := f.st.CheckSnapshots()
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) != 2 {
		t.Fatalf("problems %+v", probs)
	}
	if p := probs[0]; p.NominationID != n.ID || !strings.Contains(p.Message, "滨江社区") || !strings.Contains(p.Message, "已被改动") {
		t.Errorf("tampered: %+v", p)
	}
	if p := probs[1]; p.NominationID != other.ID || !strings.Contains(p.Message, "龙河社区") || !strings.Contains(p.Message, "缺失") {
		t.Errorf("missing: %+v", p)
	}
	if _, err := f.st.PrintValues(*n); err == nil || !strings.Contains(err.Error(), "滨江社区") {
		t.Errorf("printing a tampered snapshot: %v", err)
	}
	o, _ := f.st.Nomination(other.ID)
	if _, err := f.st.PrintValues(o); err == nil || !strings.Contains(err.Error(), "snapshot check") {
		t.Errorf("printing without a snapshot: %v", err)
	}
}

// stepIndex is the position of the snapshot step in the migrations.
func stepIndex(t *testing.T) int {
	for i, m := range migrations {
		if m == stepSnapshots {
			return i
		}
	}
	t.Fatal("no snapshot step in the migrations")
	return 0
}

// A database from before snapshots: its submitted nominations get one on
// upgrade, from the day's values, marked as taken then, with an audit row;
// a draft gets none.
func TestMigrationBackfillsSnapshots(t *testing.T) {
	dir := t.TempDir()
	k := stepIndex(t)
	now := "2021-10-08T09:00:00+08:00"
	stmts := append([]string{}, migrations[:k]...)
	stmts = append(stmts, fmt.Sprintf("PRAGMA user_version = %d", k),
		`INSERT INTO communities (id, uuid, name, households, created_at, updated_at) VALUES (1, 'c1', '滨江社区', '12800', '`+now+`', '`+now+`')`,
		`INSERT INTO rounds (id, uuid, year, title, created_at, updated_at) VALUES (1, 'r1', 2021, '2021年度评选', '`+now+`', '`+now+`')`,
		`INSERT INTO round_categories (id, round_id, name, nominee_kind) VALUES (1, 1, '百佳示范社区', 'community')`,
		`INSERT INTO nominations (id, uuid, round_id, category_id, nominee_kind, community_id, nominee_uuid, nominee_name, state,
			methods, version, submitted_at, created_at, updated_at)
			VALUES (1, 'n1', 1, 1, 'community', 1, 'c1', '滨江社区', 'named', '议事会', 1, '`+now+`', '`+now+`', '`+now+`'),
			(2, 'n2', 1, 1, 'community', 1, 'c1', '滨江社区', 'draft', '', 0, '', '`+now+`', '`+now+`')`)
	alter(t, filepath.Join(dir, DBFile), stmts...)
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snaps, _ := st.Snapshots(1)
	if len(snaps) != 1 || !snaps[0].Migrated() || snaps[0].Version != 1 {
		t.Fatalf("snapshots after the upgrade: %+v", snaps)
	}
	d, err := snaps[0].Values()
	if err != nil || d.FactValue("户数") != "12800" || d.Methods != "议事会" {
		t.Fatalf("migrated snapshot %+v, %v", d, err)
	}
	if s, _ := st.Snapshots(2); len(s) != 0 {
		t.Errorf("a draft got a snapshot: %+v", s)
	}
	log, err := st.AuditLog(AuditFilter{Entity: EntityNomination, EntityID: 1})
	if err != nil || len(log) != 1 || log[0].Action != ActionSnapshotMigrated || log[0].Operator != "数据升级" ||
		!strings.Contains(log[0].Reason, "2021-10-08") || ActionLabel(log[0].Action) != "补建提交快照" {
		t.Fatalf("audit %+v, %v", log, err)
	}
	if probs, _, err := st.CheckSnapshots(); err != nil || len(probs) != 0 {
		t.Fatalf("check after the upgrade: %v %v", probs, err)
	}
}
