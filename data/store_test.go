package data

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openTest opens a fresh store with a fixed clock (2026-11-26).
func openTest(t *testing.T) *Store {
	t.Helper()
	st, err := openFresh(t)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Operator = "测试员"
	st.SetClock(func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.Local) })
	return st
}

func mustCommunity(t *testing.T, st *Store, name string) *Community {
	t.Helper()
	c := &Community{Name: name}
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	return c
}

func mustCompound(t *testing.T, st *Store, communityID int64, name string) *Compound {
	t.Helper()
	c := &Compound{CommunityID: communityID, Name: name}
	if err := st.SaveCompound(c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMigrationsSetVersionAndReopen(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	st.db.Get(&v, "PRAGMA user_version")
	if v != SchemaVersion() {
		t.Fatalf("user_version = %d, want %d", v, SchemaVersion())
	}
	var mode string
	st.db.Get(&mode, "PRAGMA journal_mode")
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var sync int
	st.db.Get(&sync, "PRAGMA synchronous")
	if sync != 2 {
		t.Errorf("synchronous = %d, want 2 (FULL): a saved change must survive a power cut", sync)
	}
	var fk int
	st.db.Get(&fk, "PRAGMA foreign_keys")
	if fk != 1 {
		t.Errorf("foreign_keys = %d, want 1", fk)
	}
	var busy int
	st.db.Get(&busy, "PRAGMA busy_timeout")
	if busy < 1000 {
		t.Errorf("busy_timeout = %d ms, want a wait of a second or more", busy)
	}
	mustCommunity(t, st, "滨江社区")
	st.Close()
	st, err = Open(dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	cs, _ := st.Communities()
	if len(cs) != 1 {
		t.Fatalf("after reopen %d communities, want 1", len(cs))
	}
}

func TestNewerDatabaseRefusedAndUntouched(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DBFile)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	db.Exec("CREATE TABLE future (x)")
	db.Exec("PRAGMA user_version = 999")
	db.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(dir)
	if !errors.Is(err, ErrTooNew) {
		t.Fatalf("err = %v, want ErrTooNew", err)
	}
	if !strings.Contains(err.Error(), "升级") {
		t.Errorf("message %q should tell the clerk to upgrade", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the newer database file was changed")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("a WAL file was created beside the newer database")
	}
}

func TestCommunityValidation(t *testing.T) {
	st := openTest(t)
	mustCommunity(t, st, "滨江社区")
	cases := []struct {
		name  string
		c     Community
		field string
		want  string
	}{
		{"name required", Community{Name: "  "}, "Name", "不能为空"},
		{"name unique", Community{Name: "滨江社区"}, "Name", "已经存在"},
		{"name unique after full-width trim", Community{Name: "　滨江社区 "}, "Name", "已经存在"},
		{"division code 12 digits", Community{Name: "甲", DivisionCode: "51011600500"}, "DivisionCode", "12 位数字"},
		{"founded not in future", Community{Name: "甲", Founded: Date{2027, 1, 5}}, "Founded", "将来"},
		{"phone plausible", Community{Name: "甲", SecretaryPhone: "12"}, "SecretaryPhone", "位数不对"},
		{"mobile second digit", Community{Name: "甲", DirectorPhone: "12000000000"}, "DirectorPhone", "第二位"},
		{"area decimal", Community{Name: "甲", Area: "很大"}, "Area", "不是面积"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			err := st.SaveCommunity(&c)
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			if msg := ve.For(tc.field); !strings.Contains(msg, tc.want) {
				t.Fatalf("message for %s = %q, want it to contain %q (all: %v)", tc.field, msg, tc.want, err)
			}
		})
	}
	ok := []Community{
		{Name: "乙", DivisionCode: "510116005009", SecretaryPhone: "96110", DirectorPhone: "(028)8561-1001"},
		{Name: "丙", Founded: Date{2026, 11, 0}, Area: "２.５", SecretaryPhone: "13800000000"},
	}
	for _, c := range ok {
		c := c
		if err := st.SaveCommunity(&c); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
}

func TestMonthPreciseDateKept(t *testing.T) {
	st := openTest(t)
	d, err := ParseDate("2015年8月")
	if err != nil {
		t.Fatal(err)
	}
	c := &Community{Name: "龙河社区", Founded: d}
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Community(c.ID)
	if got.Founded.String() != "2015-08" || !got.Founded.MonthOnly() {
		t.Fatalf("founded = %q, want month-precise 2015-08", got.Founded)
	}
	var raw string
	st.db.Get(&raw, "SELECT founded FROM communities WHERE id = ?", c.ID)
	if raw != "2015-08" {
		t.Fatalf("stored %q, want 2015-08 (never invented as the 1st)", raw)
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{"2015-08-01", "2015-08-01", ""},
		{"2015-08", "2015-08", ""},
		{"2015.8", "2015-08", ""},
		{"2015/8/1", "2015-08-01", ""},
		{"2015年8月", "2015-08", ""},
		{"2015年8月1日", "2015-08-01", ""},
		{"２０１５－０８", "2015-08", ""},
		{"201508", "2015-08", ""},
		{"", "", ""},
		{"2015-13", "", "月份"},
		{"2015-02-30", "", "不存在"},
		{"八月", "", "不是日期"},
	}
	for _, tc := range cases {
		d, err := ParseDate(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseDate(%q) err = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || d.String() != tc.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tc.in, d, err, tc.want)
		}
	}
}

func TestParseCount(t *testing.T) {
	cases := []struct {
		in     string
		n      int64
		approx bool
		err    bool
	}{
		{"1500", 1500, false, false},
		{"1,500", 1500, false, false},
		{"１５００", 1500, false, false},
		{"14万余", 140000, true, false},
		{"14万余人", 140000, true, false},
		{"10余处", 10, true, false},
		{"约500", 500, true, false},
		{"2.5万", 25000, false, false},
		{"-3", 0, false, true},
		{"1.5", 0, false, true},
		{"很多", 0, false, true},
	}
	for _, tc := range cases {
		c, err := ParseCount(tc.in)
		if tc.err {
			if err == nil {
				t.Errorf("ParseCount(%q) = %v, want an error", tc.in, c)
			}
			if strings.HasPrefix(tc.in, "-") && err != nil && !strings.Contains(err.Error(), "负数") {
				t.Errorf("ParseCount(%q): %v, want it to say the count is negative", tc.in, err)
			}
			continue
		}
		if err != nil || c.N != tc.n || c.Approx != tc.approx || !c.Set {
			t.Errorf("ParseCount(%q) = %+v, %v; want %d approx=%v", tc.in, c, err, tc.n, tc.approx)
		}
		// What the clerk sees parses back to the same count.
		back, err := ParseCount(c.String())
		if err != nil || back != c {
			t.Errorf("round trip of %q via %q = %+v, %v", tc.in, c.String(), back, err)
		}
	}
}

func TestApproximateCountStored(t *testing.T) {
	st := openTest(t)
	c := &Community{Name: "龙河社区", Population: About(140000), Enterprises: Exact(1500)}
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Community(c.ID)
	if got.Population != About(140000) || got.Population.String() != "14万余" {
		t.Errorf("population = %+v (%s)", got.Population, got.Population)
	}
	if got.Enterprises != Exact(1500) || got.Grids.Set {
		t.Errorf("enterprises = %+v, grids = %+v", got.Enterprises, got.Grids)
	}
}

func TestCompoundRules(t *testing.T) {
	st := openTest(t)
	a := mustCommunity(t, st, "滨江社区")
	b := mustCommunity(t, st, "龙河社区")
	mustCompound(t, st, a.ID, "南湖尚景小区")
	// The same name in another community is fine.
	mustCompound(t, st, b.ID, "南湖尚景小区")
	cases := []struct {
		name  string
		c     Compound
		field string
		want  string
	}{
		{"unique within community", Compound{CommunityID: a.ID, Name: "南湖尚景小区"}, "Name", "已经存在"},
		{"community required", Compound{Name: "新小区"}, "CommunityID", "请选择"},
		{"kind from list", Compound{CommunityID: a.ID, Name: "新小区", Kind: "别墅"}, "Kind", "不是可选"},
		{"year plausible", Compound{CommunityID: a.ID, Name: "新小区", YearBuilt: 2030}, "YearBuilt", "不合理"},
		{"committee consistent", Compound{CommunityID: a.ID, Name: "新小区", CommitteeChair: "张三"}, "OwnersCommittee", "没有业委会"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			err := st.SaveCompound(&c)
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(ve.For(tc.field), tc.want) {
				t.Fatalf("err = %v, want %s: %q", err, tc.field, tc.want)
			}
		})
	}
}

func TestOrgTreeRules(t *testing.T) {
	st := openTest(t)
	a := mustCommunity(t, st, "滨江社区")
	b := mustCommunity(t, st, "龙河社区")
	xa := mustCompound(t, st, a.ID, "南湖尚景小区")
	xb := mustCompound(t, st, b.ID, "龙河湾小区")
	top := &Org{Name: "中共滨江社区委员会", Kind: OrgCommunityCommittee, CommunityID: a.ID}
	if err := st.SaveOrg(top); err != nil {
		t.Fatal(err)
	}
	branch := &Org{Name: "南湖尚景小区党支部", Kind: OrgCompoundBranch, CommunityID: a.ID, ParentID: &top.ID, CompoundID: &xa.ID}
	if err := st.SaveOrg(branch); err != nil {
		t.Fatal(err)
	}
	group := &Org{Name: "第一党小组", Kind: OrgGroup, CommunityID: a.ID, ParentID: &branch.ID}
	if err := st.SaveOrg(group); err != nil {
		t.Fatal(err)
	}
	check := func(name string, o Org, field, want string) {
		t.Helper()
		err := st.SaveOrg(&o)
		var ve *ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.For(field), want) {
			t.Errorf("%s: err = %v, want %s: %q", name, err, field, want)
		}
	}
	check("compound branch needs compound", Org{Name: "某支部", Kind: OrgCompoundBranch, CommunityID: a.ID}, "CompoundID", "必须属于")
	check("compound of another community", Org{Name: "某支部", Kind: OrgCompoundBranch, CommunityID: a.ID, CompoundID: &xb.ID}, "CompoundID", "不在所属社区")
	check("group needs parent", Org{Name: "第二党小组", Kind: OrgGroup, CommunityID: a.ID}, "ParentID", "必须有上级")
	check("nothing under a group", Org{Name: "某组", Kind: OrgJointBranch, CommunityID: a.ID, ParentID: &group.ID}, "ParentID", "党小组下")
	check("name unique under parent", Org{Name: "第一党小组", Kind: OrgGroup, CommunityID: a.ID, ParentID: &branch.ID}, "Name", "已经存在")
	check("kind required", Org{Name: "某组织", CommunityID: a.ID}, "Kind", "不能为空")
	// 两新 organisations under one 两新党委 may sit in different communities;
	// their names are still unique under that parent.
	newTop := &Org{Name: "华阳两新党委", Kind: OrgNewCommittee, CommunityID: a.ID}
	if err := st.SaveOrg(newTop); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveOrg(&Org{Name: "某企业党支部", Kind: OrgNewBranch, CommunityID: a.ID, ParentID: &newTop.ID}); err != nil {
		t.Fatal(err)
	}
	check("name unique under a parent across communities", Org{Name: "某企业党支部", Kind: OrgNewBranch, CommunityID: b.ID, ParentID: &newTop.ID}, "Name", "已经存在")
	check("top-level name unique in community", Org{Name: "中共滨江社区委员会", Kind: OrgCommunityCommittee, CommunityID: a.ID}, "Name", "已经存在")
	if err := st.SaveOrg(&Org{Name: "中共滨江社区委员会", Kind: OrgCommunityCommittee, CommunityID: b.ID}); err != nil {
		t.Errorf("same top-level name in another community: %v", err)
	}
	check("election after founding", Org{Name: "某组织", Kind: OrgJointBranch, CommunityID: a.ID, Founded: Date{2020, 5, 0}, LastElection: Date{2019, 1, 1}}, "LastElection", "早于成立")

	// A cycle: making the committee a child of its own grandchild's parent.
	cyc := *top
	cyc.ParentID = &branch.ID
	cyc.Kind = OrgJointBranch
	check("no cycles", cyc, "ParentID", "循环")
	self := *branch
	self.ParentID = &branch.ID
	check("not its own parent", self, "ParentID", "自己")
}

func TestElectionState(t *testing.T) {
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local)
	cases := []struct {
		last Date
		term int
		want string
	}{
		{Date{2023, 12, 15}, 3, ElectionSoon},    // due 2026-12-15
		{Date{2023, 11, 25}, 3, ElectionOverdue}, // due yesterday
		{Date{2024, 6, 5}, 3, ElectionOK},        // due 2027-06-05
		{Date{2021, 11, 0}, 5, ElectionSoon},     // due 2026-11 (month): not overdue until the month ends
		{Date{2021, 10, 0}, 5, ElectionOverdue},  // due 2026-10
		{Date{2024, 2, 24}, 3, ElectionSoon},     // due 2027-02-24, 90 days ahead
		{Date{2024, 2, 25}, 3, ElectionOK},       // due 2027-02-25, 91 days ahead
		{Date{}, 3, ElectionUnknown},
		{Date{2024, 1, 1}, 0, ElectionUnknown},
	}
	for _, tc := range cases {
		o := Org{LastElection: tc.last, TermYears: tc.term}
		if got := o.ElectionState(today); got != tc.want {
			t.Errorf("last %s term %d: state %q, want %q (due %s)", tc.last, tc.term, got, tc.want, o.ElectionDue())
		}
	}
}

func TestAuditWrittenWithChanges(t *testing.T) {
	st := openTest(t)
	c := mustCommunity(t, st, "滨江社区")
	c.WorkMethod = "一干三支"
	c.Population = About(36000)
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	// Saving unchanged writes nothing.
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	log, err := st.AuditLog(AuditFilter{Entity: EntityCommunity, EntityID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 {
		t.Fatalf("%d audit rows, want 2 (create, update)", len(log))
	}
	upd := log[0]
	if upd.Action != ActionUpdate || upd.Operator != "测试员" || upd.Record != "滨江社区" {
		t.Errorf("update row = %+v", upd)
	}
	ch := upd.Changes()
	if len(ch) != 2 || ch[0].Label != "服务人口" && ch[1].Label != "服务人口" {
		t.Fatalf("changes = %+v", ch)
	}
	if s := upd.Summary(); !strings.Contains(s, "工作法：一干三支") || !strings.Contains(s, "服务人口：36000余") {
		t.Errorf("summary = %q", s)
	}
}

func TestFailedTransactionLeavesNoRecordAndNoAudit(t *testing.T) {
	st := openTest(t)
	err := st.Write(func(tx *Tx) error {
		if err := tx.SaveCommunity(&Community{Name: "甲社区"}); err != nil {
			return err
		}
		return tx.SaveCommunity(&Community{Name: "甲社区"}) // duplicate: fails
	})
	if err == nil {
		t.Fatal("duplicate in one transaction was accepted")
	}
	var n int
	st.db.Get(&n, "SELECT (SELECT COUNT(*) FROM communities) + (SELECT COUNT(*) FROM audit)")
	if n != 0 {
		t.Fatalf("%d rows left after a failed transaction, want 0", n)
	}
}

func TestDeleteRefusedWithDependentsThenRecycleAndRestore(t *testing.T) {
	st := openTest(t)
	a := mustCommunity(t, st, "滨江社区")
	x := mustCompound(t, st, a.ID, "南湖尚景小区")
	err := st.Delete(EntityCommunity, a.ID)
	var de *DependentsError
	if !errors.As(err, &de) || len(de.Dependents) != 1 || !strings.Contains(err.Error(), "南湖尚景小区") {
		t.Fatalf("err = %v, want DependentsError naming the compound", err)
	}
	if err := st.Delete(EntityCompound, x.ID); err != nil {
		t.Fatal(err)
	}
	if cs, _ := st.Compounds(0); len(cs) != 0 {
		t.Fatal("deleted compound still listed")
	}
	// The name is free again while the old one sits in the bin.
	other := mustCompound(t, st, a.ID, "南湖尚景小区")
	if err := st.Restore(EntityCompound, x.ID); err == nil || !strings.Contains(err.Error(), "同名") {
		t.Fatalf("restore over a live namesake: err = %v", err)
	}
	if err := st.Delete(EntityCompound, other.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.Delete(EntityCommunity, a.ID); err != nil {
		t.Fatal(err)
	}
	// A compound can't come back while its community is in the bin.
	if err := st.Restore(EntityCompound, x.ID); err == nil || !strings.Contains(err.Error(), "先恢复") {
		t.Fatalf("restore under a deleted community: err = %v", err)
	}
	bin, _ := st.RecycleBin()
	if len(bin) != 3 {
		t.Fatalf("recycle bin has %d, want 3", len(bin))
	}
	if err := st.Restore(EntityCommunity, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.Restore(EntityCompound, x.ID); err != nil {
		t.Fatal(err)
	}
	cs, _ := st.Compounds(a.ID)
	if len(cs) != 1 || cs[0].ID != x.ID {
		t.Fatalf("after restore: %+v", cs)
	}
	log, _ := st.AuditLog(AuditFilter{Entity: EntityCompound, EntityID: x.ID})
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	if strings.Join(actions, ",") != "restore,delete,create" {
		t.Errorf("audit actions = %v", actions)
	}
}

func TestLockIsExclusive(t *testing.T) {
	dir := t.TempDir()
	l, err := Acquire(dir, "家园窗口")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(dir, "命令行任务")
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "家园窗口") {
		t.Fatalf("second acquire: %v, want ErrLocked naming the holder", err)
	}
	l.Release()
	l2, err := Acquire(dir, "命令行任务")
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

func TestSettingsRules(t *testing.T) {
	st := openTest(t)
	err := st.SaveSettings(Settings{OfficeName: "华阳街道", Role: RoleCommunity})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.For("CommunityUUID") == "" {
		t.Fatalf("community role without community: %v", err)
	}
	if err := st.SaveSettings(Settings{OfficeName: "华阳街道", Role: RoleOffice, Operator: "张敏"}); err != nil {
		t.Fatal(err)
	}
	s, _ := st.Settings()
	if !s.Configured() || !s.IsOffice() || s.Operator != "张敏" {
		t.Fatalf("settings = %+v", s)
	}
}

func TestLoadDemo(t *testing.T) {
	st := openTest(t)
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	cs, _ := st.Communities()
	byName := map[string]Community{}
	for _, c := range cs {
		byName[c.Name] = c
		if !c.Demo {
			t.Errorf("%s not marked demo", c.Name)
		}
	}
	lh := byName["龙河社区"]
	if lh.Founded.String() != "2015-08" || lh.Population.String() != "14万余" || lh.Enterprises.N != 1500 || lh.WorkMethod != "红领社企共同体" {
		t.Errorf("龙河社区 = %+v", lh)
	}
	if byName["滨江社区"].WorkMethod != "一干三支" || byName["滨江社区"].SocialOrgs.N != 16 {
		t.Errorf("滨江社区 = %+v", byName["滨江社区"])
	}
	xs, _ := st.Compounds(byName["滨江社区"].ID)
	found := false
	for _, x := range xs {
		found = found || x.Name == "南湖尚景小区"
	}
	if !found {
		t.Error("南湖尚景小区 missing from 滨江社区")
	}
	if err := LoadDemo(st); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("second LoadDemo: %v, want ErrNotEmpty", err)
	}
}

func TestCheckPhone(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"96110", true},
		{"12345", true},
		{"13800000000", true},
		{"+86 138 0000 0000", true},
		{"8613800000000", true},
		{"028-85611001", true},
		{"(028)8561-1001", true},
		{"028-85611001-8001", true},
		{"85611001", true},
		{"4008001234", true},
		{"１３８００００００００", true},
		{"", true},
		{"12", false},
		{"1381234567", false},   // a mobile missing a digit
		{"138123456789", false}, // one too many
		{"12000000000", false},
		{"02885611", false}, // area code, number cut short
		{"400800123", false},
		{"123456789", false},
		{"电话", false},
		{"028-85611001/13800000000", true},
		{"028-85611001、96110", true},
		{"028-85611001/1380000000", false},
	} {
		err := CheckPhone(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("CheckPhone(%q) = %v, want ok=%v", tc.in, err, tc.ok)
		}
	}
}

func TestExplain(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "缺少.xlsx"))
	got := Explain(fmt.Errorf("无法读取：%w", err))
	if strings.Contains(got, "no such file") || strings.Contains(got, "open ") || !strings.Contains(got, "缺少.xlsx：文件或文件夹不存在") {
		t.Errorf("Explain = %q", got)
	}
	if Explain(nil) != "" {
		t.Error("Explain(nil) is not empty")
	}
}
