package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"jiayuan/data/calendar"
	"jiayuan/data/score"
)

// roundFixture is an office store with communities, a compound, the 2021
// round (quotas 2 and 1) and a panel.
type roundFixture struct {
	st   *Store
	r    Round
	comm map[string]*Community
	comp map[string]*Compound
	revs []Reviewer
}

func setRole(t *testing.T, st *Store, role, communityUUID string) {
	t.Helper()
	if err := st.SaveSettings(Settings{OfficeName: "华阳街道", Role: role, CommunityUUID: communityUUID}); err != nil {
		t.Fatal(err)
	}
}

func newRoundFixture(t *testing.T, reviewers int) *roundFixture {
	t.Helper()
	st := openTest(t)
	setRole(t, st, RoleOffice, "")
	f := &roundFixture{st: st, comm: map[string]*Community{}, comp: map[string]*Compound{}}
	for _, n := range []string{"滨江社区", "龙河社区", "通济社区", "华新社区"} {
		f.comm[n] = mustCommunity(t, st, n)
	}
	f.comp["南湖尚景小区"] = mustCompound(t, st, f.comm["滨江社区"].ID, "南湖尚景小区")
	f.comp["龙河湾小区"] = mustCompound(t, st, f.comm["龙河社区"].ID, "龙河湾小区")
	f.r = NewRound(2021)
	if err := st.SaveRound(&f.r); err != nil {
		t.Fatal(err)
	}
	names := []string{"张伟", "王静", "李强", "刘洋", "陈晨", "杨帆", "赵磊"}
	for i := 0; i < reviewers; i++ {
		v := Reviewer{RoundID: f.r.ID, Name: names[i], Unit: "评审单位"}
		if err := st.SaveReviewer(&v); err != nil {
			t.Fatal(err)
		}
		f.revs = append(f.revs, v)
	}
	return f
}

// content fills what a submission needs.
func (f *roundFixture) content(n *Nomination) {
	n.Methods = "以党建引领居民自治，建立议事会。"
	n.Highlights = "一干三支"
	n.Contact = "李华"
	n.ContactPhone = "028-85611001"
	n.Opinion = "同意推荐"
	n.SelfScores = CriterionScores{}
	for _, c := range f.r.Criteria {
		n.SelfScores[c.ID] = c.Max
	}
}

// nominate saves a complete draft for a community or compound by name.
func (f *roundFixture) nominate(t *testing.T, name string) *Nomination {
	t.Helper()
	n := &Nomination{RoundID: f.r.ID}
	if c, ok := f.comm[name]; ok {
		n.CommunityID, n.CategoryID = c.ID, f.r.Categories[0].ID
	} else {
		id := f.comp[name].ID
		n.CompoundID, n.CategoryID = &id, f.r.Categories[1].ID
	}
	f.content(n)
	if err := f.st.SaveNomination(n); err != nil {
		t.Fatal(err)
	}
	return n
}

// toReviewing takes a draft through submit, pass and review.
func (f *roundFixture) toReviewing(t *testing.T, id int64) {
	t.Helper()
	for _, a := range []Action{ActSubmit, ActPass, ActReview} {
		if err := f.st.Transition(id, a, ""); err != nil {
			t.Fatalf("%s: %v", a, err)
		}
	}
}

// sheetFor spreads total over the criteria, filling each to its maximum in order.
func (f *roundFixture) sheetFor(t *testing.T, total string) CriterionScores {
	t.Helper()
	left, err := score.ParseDecimal(total)
	if err != nil {
		t.Fatal(err)
	}
	out := CriterionScores{}
	for _, c := range f.r.Criteria {
		d := c.Max
		if left.Cmp(d) < 0 {
			d = left
		}
		out[c.ID] = d
		left = score.FromHundredths(left.Hundredths() - d.Hundredths())
	}
	if !left.IsZero() {
		t.Fatalf("total %s above the sheet's maximum", total)
	}
	return out
}

func (f *roundFixture) score(t *testing.T, nomID int64, rev int, total string) {
	t.Helper()
	sh := &ScoreSheet{NominationID: nomID, ReviewerID: f.revs[rev].ID, Scores: f.sheetFor(t, total)}
	if err := f.st.SaveScoreSheet(sh); err != nil {
		t.Fatal(err)
	}
}

func (f *roundFixture) state(t *testing.T, id int64) State {
	t.Helper()
	n, err := f.st.Nomination(id)
	if err != nil {
		t.Fatal(err)
	}
	return n.State
}

func (f *roundFixture) setClock(y, m, d int) {
	f.st.SetClock(func() time.Time { return time.Date(y, time.Month(m), d, 10, 0, 0, 0, time.Local) })
}

func auditCount(t *testing.T, st *Store) int {
	t.Helper()
	var n int
	if err := st.db.Get(&n, `SELECT COUNT(*) FROM audit`); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestTransitionTable tries every action from every state. The fixture
// meets every step's other rules (scored within quota, notice period over,
// an upheld objection on file), so only the state table decides.
func TestTransitionTable(t *testing.T) {
	for _, from := range States {
		for _, tr := range Transitions {
			t.Run(string(from)+"/"+string(tr.Action), func(t *testing.T) {
				f := newRoundFixture(t, 3)
				n := f.nominate(t, "滨江社区")
				db := f.st.db
				for _, v := range f.revs {
					sh := ScoreSheet{NominationID: n.ID, ReviewerID: v.ID, Scores: f.sheetFor(t, "90"), CreatedAt: "x", UpdatedAt: "x"}
					if _, err := db.NamedExec(`INSERT INTO score_sheets (nomination_id, reviewer_id, scores, bonus, veto, note, created_at, updated_at)
						VALUES (:nomination_id, :reviewer_id, :scores, :bonus, :veto, :note, :created_at, :updated_at)`, sh); err != nil {
						t.Fatal(err)
					}
				}
				mustExec(t, f.st, `UPDATE rounds SET notice_start = '2021-12-01', notice_end = '2021-12-07' WHERE id = ?`, f.r.ID)
				mustExec(t, f.st, `INSERT INTO objections (uuid, round_id, nomination_id, received, channel, from_kind, content, outcome, created_at, updated_at)
					VALUES ('u', ?, ?, '2021-12-02', '电话', '匿名', '内容', 'upheld', 'x', 'x')`, f.r.ID, n.ID)
				mustExec(t, f.st, `UPDATE nominations SET state = ? WHERE id = ?`, string(from), n.ID)
				before := auditCount(t, f.st)

				err := f.st.Transition(n.ID, tr.Action, "依规办理")
				got := f.state(t, n.ID)
				if tr.Allows(from) {
					if err != nil {
						t.Fatalf("allowed move refused: %v", err)
					}
					if got != tr.To {
						t.Fatalf("state %s, want %s", got, tr.To)
					}
					log, _ := f.st.AuditLog(AuditFilter{Entity: EntityNomination, EntityID: n.ID, Limit: 1})
					if len(log) != 1 || log[0].Action != string(tr.Action) || log[0].Reason != "依规办理" || log[0].Operator != "测试员" {
						t.Fatalf("audit row %+v", log)
					}
					return
				}
				var se *StateError
				if !errors.As(err, &se) {
					t.Fatalf("forbidden move: err %v, want a *StateError", err)
				}
				if got != from || auditCount(t, f.st) != before {
					t.Fatalf("forbidden move changed something: state %s", got)
				}
				if !strings.Contains(err.Error(), "滨江社区") {
					t.Errorf("message does not name the record: %v", err)
				}
			})
		}
	}
}

func mustExec(t *testing.T, st *Store, q string, args ...any) {
	t.Helper()
	if _, err := st.db.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}

func TestReasonRequired(t *testing.T) {
	for _, tr := range Transitions {
		if !tr.NeedReason {
			continue
		}
		t.Run(string(tr.Action), func(t *testing.T) {
			f := newRoundFixture(t, 1)
			n := f.nominate(t, "滨江社区")
			mustExec(t, f.st, `UPDATE nominations SET state = ? WHERE id = ?`, string(tr.From[0]), n.ID)
			err := f.st.Transition(n.ID, tr.Action, "  ")
			if err == nil || !strings.Contains(err.Error(), "原因") {
				t.Fatalf("no reason: err %v", err)
			}
		})
	}
}

func TestCommunityCopyOnlyDraftsAndSubmits(t *testing.T) {
	f := newRoundFixture(t, 1)
	own := f.nominate(t, "滨江社区")
	other := f.nominate(t, "龙河社区")
	setRole(t, f.st, RoleCommunity, f.comm["滨江社区"].UUID)

	// Its own nomination: it may edit and submit.
	own.Highlights = "社区美空间"
	if err := f.st.SaveNomination(own); err != nil {
		t.Fatalf("own draft: %v", err)
	}
	if err := f.st.Transition(own.ID, ActSubmit, ""); err != nil {
		t.Fatalf("own submit: %v", err)
	}
	// Another community's: no.
	if err := f.st.Transition(other.ID, ActSubmit, ""); err == nil || !strings.Contains(err.Error(), "只能提交本社区") {
		t.Fatalf("submitted another community's nomination: %v", err)
	}
	n := &Nomination{RoundID: f.r.ID, CommunityID: f.comm["通济社区"].ID, CategoryID: f.r.Categories[0].ID}
	if err := f.st.SaveNomination(n); err == nil || !strings.Contains(err.Error(), "本社区") {
		t.Fatalf("nominated another community: %v", err)
	}
	// Every office step is refused, whichever way it is called.
	for _, tr := range Transitions {
		if !tr.OfficeOnly {
			continue
		}
		mustExec(t, f.st, `UPDATE nominations SET state = ? WHERE id = ?`, string(tr.From[0]), own.ID)
		err := f.st.Transition(own.ID, tr.Action, "理由")
		var se *StateError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), "街道办事处") {
			t.Errorf("%s on a community copy: err %v", tr.Action, err)
		}
		if got := f.state(t, own.ID); got != tr.From[0] {
			t.Errorf("%s on a community copy moved the state to %s", tr.Action, got)
		}
	}
	if err := f.st.TransitionMany([]int64{own.ID}, ActWithdraw, "理由"); err == nil {
		t.Error("batch withdraw allowed on a community copy")
	}
	r := NewRound(2022)
	if err := f.st.SaveRound(&r); err == nil {
		t.Error("community copy created a round")
	}
	v := Reviewer{RoundID: f.r.ID, Name: "孙七"}
	if err := f.st.SaveReviewer(&v); err == nil {
		t.Error("community copy added a reviewer")
	}
}

func TestSubmittedIsLockedAndAmendmentsKeepVersions(t *testing.T) {
	f := newRoundFixture(t, 1)
	n := f.nominate(t, "滨江社区")
	n.Methods = ""
	if err := f.st.SaveNomination(n); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Transition(n.ID, ActSubmit, ""); err == nil || !strings.Contains(err.Error(), "主要做法") {
		t.Fatalf("incomplete submission: %v", err)
	}
	f.content(n)
	n.Methods = "第一版做法"
	if err := f.st.SaveNomination(n); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Transition(n.ID, ActSubmit, ""); err != nil {
		t.Fatal(err)
	}
	n.Methods = "偷偷改动"
	if err := f.st.SaveNomination(n); err == nil || !strings.Contains(err.Error(), "锁定") {
		t.Fatalf("edit after submission: %v", err)
	}
	if got, _ := f.st.Nomination(n.ID); got.Methods != "第一版做法" {
		t.Fatalf("locked content changed to %q", got.Methods)
	}
	n.Methods = "第二版做法"
	if err := f.st.Amend(n, ""); err == nil {
		t.Fatal("amendment without a reason")
	}
	if err := f.st.Amend(n, "补充数据"); err != nil {
		t.Fatal(err)
	}
	vs, err := f.st.Versions(n.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 || vs[1].Reason != "补充数据" {
		t.Fatalf("versions %+v", vs)
	}
	v1, err := vs[0].Nomination()
	if err != nil {
		t.Fatal(err)
	}
	v2, _ := vs[1].Nomination()
	if v1.Methods != "第一版做法" || v2.Methods != "第二版做法" {
		t.Fatalf("versions read %q, %q", v1.Methods, v2.Methods)
	}
	if len(v1.SelfScores) != len(f.r.Criteria) {
		t.Fatalf("version 1 lost its self-scores: %v", v1.SelfScores)
	}
	// Returned: editable again, resubmission is version 3.
	if err := f.st.Transition(n.ID, ActReturn, "材料不全"); err != nil {
		t.Fatal(err)
	}
	n.Methods = "第三版做法"
	if err := f.st.SaveNomination(n); err != nil {
		t.Fatalf("edit after return: %v", err)
	}
	if err := f.st.Transition(n.ID, ActSubmit, ""); err != nil {
		t.Fatal(err)
	}
	if vs, _ = f.st.Versions(n.ID); len(vs) != 3 {
		t.Fatalf("%d versions after resubmission, want 3", len(vs))
	}
	// Naming states cannot be amended.
	mustExec(t, f.st, `UPDATE nominations SET state = ? WHERE id = ?`, string(StateOnNotice), n.ID)
	if err := f.st.Amend(n, "再改"); err == nil {
		t.Fatal("amended a nomination on notice")
	}
}

func TestNominationRules(t *testing.T) {
	f := newRoundFixture(t, 1)
	comp := f.comp["南湖尚景小区"].ID
	cases := []struct {
		name string
		n    Nomination
		want string
	}{
		{"community in compound category", Nomination{CommunityID: f.comm["滨江社区"].ID, CategoryID: f.r.Categories[1].ID}, "不能申报这一类"},
		{"compound in community category", Nomination{CompoundID: &comp, CategoryID: f.r.Categories[0].ID}, "不能申报这一类"},
		{"no nominee", Nomination{CategoryID: f.r.Categories[0].ID}, "请选择申报的社区或小区"},
		{"text too long", Nomination{CommunityID: f.comm["滨江社区"].ID, CategoryID: f.r.Categories[0].ID,
			Methods: strings.Repeat("字", f.r.TextLimit+1)}, "最多"},
		{"self-score above max", Nomination{CommunityID: f.comm["滨江社区"].ID, CategoryID: f.r.Categories[0].ID,
			SelfScores: CriterionScores{f.r.Criteria[0].ID: score.FromInt(21)}}, "超过满分"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := c.n
			n.RoundID = f.r.ID
			err := f.st.SaveNomination(&n)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %v, want %q", err, c.want)
			}
		})
	}
	f.nominate(t, "滨江社区")
	n := Nomination{RoundID: f.r.ID, CommunityID: f.comm["滨江社区"].ID, CategoryID: f.r.Categories[0].ID}
	if err := f.st.SaveNomination(&n); err == nil || !strings.Contains(err.Error(), "重复") {
		t.Fatalf("second nomination of the same community: %v", err)
	}
	// A nominated community cannot be deleted.
	if err := f.st.Delete(EntityCommunity, f.comm["滨江社区"].ID); err == nil {
		t.Fatal("deleted a nominated community")
	}
}

func TestRecusalEnforced(t *testing.T) {
	f := newRoundFixture(t, 2)
	comm := f.nominate(t, "滨江社区")
	comp := f.nominate(t, "南湖尚景小区")
	other := f.nominate(t, "龙河社区")
	for _, n := range []*Nomination{comm, comp, other} {
		f.toReviewing(t, n.ID)
	}
	cid := f.comm["滨江社区"].ID
	if err := f.st.AddConflict(&Conflict{ReviewerID: f.revs[0].ID, CommunityID: &cid, Reason: "在该社区工作"}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []*Nomination{comm, comp} {
		sh := &ScoreSheet{NominationID: n.ID, ReviewerID: f.revs[0].ID, Scores: f.sheetFor(t, "80")}
		err := f.st.SaveScoreSheet(sh)
		if err == nil || !strings.Contains(err.Error(), "回避") {
			t.Fatalf("recused reviewer scored %s: %v", n.NomineeName, err)
		}
	}
	f.score(t, other.ID, 0, "80") // not conflicted there
	// Declaring a conflict over an existing sheet is refused.
	oid := f.comm["龙河社区"].ID
	if err := f.st.AddConflict(&Conflict{ReviewerID: f.revs[0].ID, CommunityID: &oid}); err == nil || !strings.Contains(err.Error(), "已为") {
		t.Fatalf("conflict over a sheet: %v", err)
	}
	// The recused reviewer owes nothing, and does not count.
	f.score(t, comm.ID, 1, "70")
	rk, err := f.st.Ranking(f.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rk[0].Rows {
		if row.ID == comm.ID {
			if row.Owed != 0 || row.Result.Count != 1 || row.Result.Display != "70.00" || !row.Reviewers[0].Recused {
				t.Fatalf("recused row: owed %d count %d display %s", row.Owed, row.Result.Count, row.Result.Display)
			}
		}
	}
	owed, _ := f.st.Owed(f.r.ID)
	if len(owed[f.revs[0].ID]) != 0 || len(owed[f.revs[1].ID]) != 2 {
		t.Fatalf("owed: %d and %d", len(owed[f.revs[0].ID]), len(owed[f.revs[1].ID]))
	}
}

func TestScoreBounds(t *testing.T) {
	f := newRoundFixture(t, 1)
	n := f.nominate(t, "滨江社区")
	draft := f.nominate(t, "龙河社区")
	f.toReviewing(t, n.ID)
	c0, c1 := f.r.Criteria[0], f.r.Criteria[1]
	full := func(mod func(m CriterionScores)) CriterionScores {
		m := f.sheetFor(t, "60")
		mod(m)
		return m
	}
	cases := []struct {
		name  string
		nom   int64
		sc    CriterionScores
		bonus string
		want  string // "" for accepted
	}{
		{"at max", n.ID, full(func(m CriterionScores) { m[c0.ID] = c0.Max }), "0", ""},
		{"half point", n.ID, full(func(m CriterionScores) { m[c1.ID] = score.FromHundredths(850) }), "5", ""},
		{"above max", n.ID, full(func(m CriterionScores) { m[c0.ID] = score.FromHundredths(c0.Max.Hundredths() + 50) }), "0", "超过满分"},
		{"not a half point", n.ID, full(func(m CriterionScores) { m[c1.ID] = score.FromHundredths(830) }), "0", "半分"},
		{"missing criterion", n.ID, full(func(m CriterionScores) { delete(m, c1.ID) }), "0", "未填写"},
		{"unknown criterion", n.ID, full(func(m CriterionScores) { m[99999] = score.FromInt(1) }), "0", "不属于"},
		{"bonus above cap", n.ID, full(func(m CriterionScores) {}), "5.5", "加分"},
		{"not in review", draft.ID, full(func(m CriterionScores) {}), "0", "评审中"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := score.ParseDecimal(c.bonus)
			err := f.st.SaveScoreSheet(&ScoreSheet{NominationID: c.nom, ReviewerID: f.revs[0].ID, Scores: c.sc, Bonus: b})
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %v, want %q", err, c.want)
			}
		})
	}
}

// TestFinalScoreThroughStore: worked examples of the mean, the trimmed mean
// (five or more reviewers who scored; recused ones do not count) and the
// two-decimal half-up display.
func TestFinalScoreThroughStore(t *testing.T) {
	cases := []struct {
		name    string
		totals  []string // "" = recused
		bonus   []string
		display string
		count   int
		trimmed bool
	}{
		{"three reviewers, plain mean rounds up", []string{"85.5", "85", "85"}, nil, "85.17", 3, false},
		{"five reviewers drop highest and lowest", []string{"80", "85", "90", "95", "70.5"}, nil, "85.00", 3, true},
		{"four scored of five, one recused, no trim", []string{"80", "", "81", "82", "83.5"}, nil, "81.63", 4, false},
		{"six on the panel, one recused, five trimmed, bonus counts", []string{"85", "88", "", "87.5", "86", "90"},
			[]string{"3", "0", "", "0", "0", "0"}, "87.83", 3, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newRoundFixture(t, len(c.totals))
			n := f.nominate(t, "滨江社区")
			f.toReviewing(t, n.ID)
			cid := f.comm["滨江社区"].ID
			for i, tot := range c.totals {
				if tot == "" {
					if err := f.st.AddConflict(&Conflict{ReviewerID: f.revs[i].ID, CommunityID: &cid}); err != nil {
						t.Fatal(err)
					}
					continue
				}
				sh := &ScoreSheet{NominationID: n.ID, ReviewerID: f.revs[i].ID, Scores: f.sheetFor(t, tot)}
				if c.bonus != nil {
					sh.Bonus, _ = score.ParseDecimal(c.bonus[i])
				}
				if err := f.st.SaveScoreSheet(sh); err != nil {
					t.Fatal(err)
				}
			}
			rk, err := f.st.Ranking(f.r.ID)
			if err != nil {
				t.Fatal(err)
			}
			row := rk[0].Rows[0]
			if row.Result.Display != c.display || row.Result.Count != c.count || row.Result.Trimmed != c.trimmed {
				t.Fatalf("display %s count %d trimmed %v; want %s %d %v", row.Result.Display, row.Result.Count,
					row.Result.Trimmed, c.display, c.count, c.trimmed)
			}
			dropped := 0
			for _, rt := range row.Reviewers {
				if rt.Dropped {
					dropped++
				}
			}
			if (dropped == 2) != c.trimmed {
				t.Fatalf("%d totals marked dropped", dropped)
			}
		})
	}
}

func TestRankingTiesAndQuotaLine(t *testing.T) {
	f := newRoundFixture(t, 1)
	ids := map[string]int64{}
	for name, tot := range map[string]string{"滨江社区": "90", "龙河社区": "85", "通济社区": "85", "华新社区": "70"} {
		n := f.nominate(t, name)
		f.toReviewing(t, n.ID)
		f.score(t, n.ID, 0, tot)
		ids[name] = n.ID
	}
	rk, err := f.st.Ranking(f.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]RankRow{}
	for _, row := range rk[0].Rows {
		got[row.NomineeName] = row
	}
	want := map[string]struct {
		rank        int
		within, tie bool
	}{"滨江社区": {1, true, false}, "龙河社区": {2, false, true}, "通济社区": {2, false, true}, "华新社区": {4, false, false}}
	for name, w := range want {
		g := got[name]
		if g.Rank != w.rank || g.WithinQuota != w.within || g.TieAtLine != w.tie {
			t.Errorf("%s: rank %d within %v tie %v; want %+v", name, g.Rank, g.WithinQuota, g.TieAtLine, w)
		}
	}
	if rk[0].SeatsAtLine != 1 {
		t.Errorf("seats at line %d, want 1", rk[0].SeatsAtLine)
	}
	// The tie is the office's to break, with a reason.
	err = f.st.Transition(ids["龙河社区"], ActPropose, "")
	if err == nil || !strings.Contains(err.Error(), "名额线") {
		t.Fatalf("tie broken silently: %v", err)
	}
	// Passing over the first needs a reason; picking the fourth needs one too.
	err = f.st.Decide(f.r.ID, []int64{ids["华新社区"], ids["龙河社区"]}, map[int64]string{ids["龙河社区"]: "实地查看更优"})
	if err == nil || !strings.Contains(err.Error(), "滨江社区") || !strings.Contains(err.Error(), "华新社区") {
		t.Fatalf("decision against the ranking without reasons: %v", err)
	}
	if s := f.state(t, ids["滨江社区"]); s != StateReviewing {
		t.Fatalf("refused decision left 滨江社区 %s", s)
	}
	err = f.st.Decide(f.r.ID, []int64{ids["滨江社区"], ids["龙河社区"]}, map[int64]string{ids["龙河社区"]: "实地查看更优"})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]State{"滨江社区": StateProposed, "龙河社区": StateProposed, "通济社区": StateNotSelected, "华新社区": StateNotSelected} {
		if s := f.state(t, ids[name]); s != want {
			t.Errorf("%s: %s, want %s", name, s, want)
		}
	}
	// Quota full.
	if err := f.st.Transition(ids["通济社区"], ActReconsider, "复议"); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Transition(ids["通济社区"], ActPropose, "复议"); err == nil || !strings.Contains(err.Error(), "名额") {
		t.Fatalf("quota exceeded: %v", err)
	}
}

func TestVetoAndMissingSheetsBlockProposal(t *testing.T) {
	f := newRoundFixture(t, 2)
	n := f.nominate(t, "滨江社区")
	f.toReviewing(t, n.ID)
	f.score(t, n.ID, 0, "90")
	if err := f.st.Transition(n.ID, ActPropose, ""); err == nil || !strings.Contains(err.Error(), "未评分") {
		t.Fatalf("proposed with a sheet missing: %v", err)
	}
	// An absent reviewer: proposed on the sheets handed in, with the reason on record.
	m := f.nominate(t, "龙河社区")
	f.toReviewing(t, m.ID)
	f.score(t, m.ID, 0, "88")
	if err := f.st.Transition(m.ID, ActPropose, "王静因病缺席评审会"); err != nil {
		t.Fatalf("proposing with a reason while a reviewer is absent: %v", err)
	}
	if log, _ := f.st.AuditLog(AuditFilter{Entity: EntityNomination, EntityID: m.ID, Limit: 1}); len(log) != 1 || log[0].Reason != "王静因病缺席评审会" {
		t.Fatalf("the reason is not on record: %+v", log)
	}
	sh := &ScoreSheet{NominationID: n.ID, ReviewerID: f.revs[1].ID, Scores: f.sheetFor(t, "90"), Veto: true}
	if err := f.st.SaveScoreSheet(sh); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Transition(n.ID, ActPropose, "理由"); err == nil || !strings.Contains(err.Error(), "一票否决") {
		t.Fatalf("proposed a vetoed nomination: %v", err)
	}
	if err := f.st.Transition(n.ID, ActReject, ""); err != nil {
		t.Fatalf("rejecting a vetoed nomination: %v", err)
	}
}

func TestWorkingDaysThroughStoreCalendar(t *testing.T) {
	st := openTest(t)
	cal, err := st.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		start string
		n     int
		want  string
	}{
		{"2022-10-31", 5, "2022-11-04"},
		{"2021-09-28", 5, "2021-10-09"}, // National Day; Saturday 10-09 is a 调休 working day
		{"2021-02-10", 5, "2021-02-22"}, // Spring Festival 02-11..17 off; Saturday 02-20 works
		{"2021-02-06", 1, "2021-02-07"}, // Sunday 02-07 is a 调休 working day
	}
	for _, c := range cases {
		start, _ := time.Parse("2006-01-02", c.start)
		end, err := cal.PeriodEnd(start, c.n)
		if err != nil {
			t.Fatal(err)
		}
		if got := end.Format("2006-01-02"); got != c.want {
			t.Errorf("%s + %d working days ends %s, want %s", c.start, c.n, got, c.want)
		}
	}
	// The office's override for a year the source does not know.
	start, _ := time.Parse("2006-01-02", "2090-01-02")
	if _, err := cal.PeriodEnd(start, 5); err == nil {
		t.Skip("the source knows 2090; pick a later year")
	}
	if err := st.SaveHoliday(calendarOverride("2090-01-03", false, "元旦补休")); err != nil {
		t.Fatal(err)
	}
	cal, _ = st.Calendar()
	end, err := cal.PeriodEnd(start, 2) // 2090-01-02 is a Monday; 01-03 now off
	if err != nil {
		t.Fatal(err)
	}
	if got := end.Format("2006-01-02"); got != "2090-01-04" {
		t.Errorf("with the override: %s, want 2090-01-04", got)
	}
}

func TestNoticeObjectionsAndNaming(t *testing.T) {
	f := newRoundFixture(t, 1)
	a := f.nominate(t, "滨江社区")
	b := f.nominate(t, "龙河社区")
	c := f.nominate(t, "南湖尚景小区")
	for i, n := range []*Nomination{a, b, c} {
		f.toReviewing(t, n.ID)
		f.score(t, n.ID, 0, []string{"90", "88", "86"}[i])
	}
	f.setClock(2021, 9, 27)
	if _, err := f.st.StartNotice(f.r.ID, Date{2021, 9, 28}); err == nil {
		t.Fatal("notice started while nominations are in review")
	}
	if err := f.st.Decide(f.r.ID, []int64{a.ID, b.ID, c.ID}, nil); err != nil {
		t.Fatal(err)
	}
	r, err := f.st.StartNotice(f.r.ID, Date{2021, 9, 28})
	if err != nil {
		t.Fatal(err)
	}
	if r.NoticeEnd != (Date{2021, 10, 9}) {
		t.Fatalf("notice ends %s, want 2021-10-09", r.NoticeEnd)
	}
	for _, n := range []*Nomination{a, b, c} {
		if s := f.state(t, n.ID); s != StateOnNotice {
			t.Fatalf("%s is %s after the notice started", n.NomineeName, s)
		}
	}
	// An objection that is not upheld; one that is.
	o1 := &Objection{NominationID: a.ID, Received: Date{2021, 9, 30}, Channel: ChannelPhone, FromKind: FromAnonymous, Content: "环境卫生差"}
	if err := f.st.SaveObjection(o1); err != nil {
		t.Fatal(err)
	}
	o2 := &Objection{NominationID: b.ID, Received: Date{2021, 9, 29}, Channel: ChannelLetter, FromKind: FromPerson, Content: "材料不实"}
	if err := f.st.SaveObjection(o2); err == nil || !strings.Contains(err.Error(), "真实姓名") {
		t.Fatalf("a person's objection without a name: %v", err)
	}
	o2.FromName = "王五"
	if err := f.st.SaveObjection(o2); err != nil {
		t.Fatal(err)
	}
	// Period over, but objections pending: refused, all or nothing.
	f.setClock(2021, 10, 11)
	if err := f.st.NameAll(f.r.ID, ""); err == nil || !strings.Contains(err.Error(), "异议未办结") {
		t.Fatalf("named with objections pending: %v", err)
	}
	o1.Outcome, o1.CheckNotes = OutcomeRejected, "经实地查看，反映情况不属实"
	if err := f.st.SaveObjection(o1); err != nil {
		t.Fatal(err)
	}
	o2.Outcome, o2.CheckNotes = OutcomeUpheld, "经核实，部分数据有误"
	if err := f.st.SaveObjection(o2); err != nil {
		t.Fatal(err)
	}
	if s := f.state(t, a.ID); s != StateOnNotice {
		t.Fatalf("rejected objection moved 滨江社区 to %s", s)
	}
	if s := f.state(t, b.ID); s != StateRemoved {
		t.Fatalf("upheld objection left 龙河社区 %s", s)
	}
	o2.Outcome = OutcomeRejected
	if err := f.st.SaveObjection(o2); err == nil {
		t.Fatal("changed a final outcome")
	}
	if err := f.st.NameAll(f.r.ID, ""); err != nil {
		t.Fatal(err)
	}
	named, err := f.st.Named(f.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range named {
		got[e.NomineeName] = e.Certificate
	}
	if len(got) != 2 || got["滨江社区"] != "2021-SQ-001" || got["南湖尚景小区"] != "2021-XQ-001" {
		t.Fatalf("named %v", got)
	}
}

func TestNamingBeforePeriodEndNeedsOverride(t *testing.T) {
	f := newRoundFixture(t, 1)
	n := f.nominate(t, "滨江社区")
	f.toReviewing(t, n.ID)
	f.score(t, n.ID, 0, "90")
	if err := f.st.Decide(f.r.ID, []int64{n.ID}, nil); err != nil {
		t.Fatal(err)
	}
	f.setClock(2022, 10, 31)
	if _, err := f.st.StartNotice(f.r.ID, Date{2022, 10, 31}); err != nil {
		t.Fatal(err)
	}
	f.setClock(2022, 11, 4) // the last day of the period
	if err := f.st.Transition(n.ID, ActName, ""); err == nil || !strings.Contains(err.Error(), "提前命名") {
		t.Fatalf("named during the period: %v", err)
	}
	if err := f.st.NameEarly(n.ID, ""); err == nil {
		t.Fatal("override without a reason")
	}
	if err := f.st.NameEarly(n.ID, "上级通知提前报送"); err != nil {
		t.Fatal(err)
	}
	log, _ := f.st.AuditLog(AuditFilter{Entity: EntityNomination, EntityID: n.ID, Limit: 1})
	if log[0].Action != ActionOverride || log[0].Reason != "上级通知提前报送" {
		t.Fatalf("override not recorded: %+v", log[0])
	}
}

func TestCertificateNumbersNeverReused(t *testing.T) {
	f := newRoundFixture(t, 1)
	f.r.Categories[0].Quota = 3
	if err := f.st.SaveRound(&f.r); err != nil {
		t.Fatal(err)
	}
	var ns []*Nomination
	for i, name := range []string{"滨江社区", "龙河社区", "通济社区"} {
		n := f.nominate(t, name)
		f.toReviewing(t, n.ID)
		f.score(t, n.ID, 0, []string{"90", "85", "80"}[i])
		ns = append(ns, n)
	}
	if err := f.st.Decide(f.r.ID, []int64{ns[0].ID, ns[1].ID, ns[2].ID}, nil); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 12, 1)
	if _, err := f.st.StartNotice(f.r.ID, Date{2021, 12, 1}); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 12, 20)
	for _, n := range ns[:2] {
		if err := f.st.Transition(n.ID, ActName, ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.st.Transition(ns[1].ID, ActRevoke, "发生重大安全事故"); err != nil {
		t.Fatal(err)
	}
	if err := f.st.Transition(ns[2].ID, ActName, ""); err != nil {
		t.Fatal(err)
	}
	certs, _ := f.st.Certificates(f.r.ID)
	got := map[int64]string{}
	revoked := map[string]bool{}
	for _, c := range certs {
		got[c.NominationID] = c.Number
		revoked[c.Number] = c.RevokedAt != ""
	}
	if got[ns[0].ID] != "2021-SQ-001" || got[ns[1].ID] != "2021-SQ-002" || got[ns[2].ID] != "2021-SQ-003" {
		t.Fatalf("numbers %v", got)
	}
	if !revoked["2021-SQ-002"] || revoked["2021-SQ-001"] || revoked["2021-SQ-003"] {
		t.Fatalf("revoked %v", revoked)
	}
	named, _ := f.st.Named(f.r.ID)
	if len(named) != 2 {
		t.Fatalf("%d named after a revocation, want 2", len(named))
	}
}

func TestCertNumberPattern(t *testing.T) {
	cases := []struct {
		pattern string
		seq     int
		want    string
	}{
		{"{year}-SQ-{seq:03}", 7, "2021-SQ-007"},
		{"2021-XQ-{seq:3}", 12, "2021-XQ-012"},
		{"SQ{seq}", 12, "SQ12"},
		{"{year}-{seq:02}", 123, "2021-123"},
	}
	for _, c := range cases {
		if got := CertNumber(c.pattern, 2021, c.seq); got != c.want {
			t.Errorf("CertNumber(%q, %d) = %q, want %q", c.pattern, c.seq, got, c.want)
		}
	}
}

func TestRoundRulesAndCopy(t *testing.T) {
	f := newRoundFixture(t, 2)
	bad := NewRound(2022)
	bad.Categories[0].CertPattern = "2022-SQ"
	bad.Criteria[0].Max = score.FromHundredths(830)
	bad.Categories[1].Quota = 0
	err := f.st.SaveRound(&bad)
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 3 {
		t.Fatalf("bad round: %v", err)
	}
	dup := NewRound(2021)
	if err := f.st.SaveRound(&dup); err == nil || !strings.Contains(err.Error(), "已经存在") {
		t.Fatalf("a second round of the same title: %v", err)
	}
	n := f.nominate(t, "滨江社区")
	f.toReviewing(t, n.ID)
	f.score(t, n.ID, 0, "80")
	f.r.Criteria[0].Max = score.FromInt(25)
	if err := f.st.SaveRound(&f.r); err == nil || !strings.Contains(err.Error(), "评分表") {
		t.Fatalf("criteria changed after scoring: %v", err)
	}
	cp, err := f.st.CopyRound(f.r.ID, 2022)
	if err != nil {
		t.Fatal(err)
	}
	if cp.Year != 2022 || !strings.HasPrefix(cp.Title, "2022年度") || cp.Categories[0].CertPattern != "{year}-SQ-{seq:03}" ||
		len(cp.Criteria) != len(f.r.Criteria) || cp.Categories[0].ID == f.r.Categories[0].ID {
		t.Fatalf("copy %+v", cp)
	}
	revs, _ := f.st.Reviewers(cp.ID)
	if len(revs) != 2 {
		t.Fatalf("copy has %d reviewers", len(revs))
	}
	sums, err := f.st.RoundSummaries()
	if err != nil || len(sums) != 2 || sums[1].Counts[StateReviewing] != 1 {
		t.Fatalf("summaries %+v %v", sums, err)
	}
}

func calendarOverride(date string, work bool, name string) calendar.Override {
	return calendar.Override{Date: date, Work: work, Name: name}
}

func TestUnconfiguredCopyRefused(t *testing.T) {
	st := openTest(t)
	r := NewRound(2021)
	err := st.SaveRound(&r)
	if err == nil || !strings.Contains(err.Error(), "尚未在“设置”中选择") {
		t.Fatalf("round saved on an unconfigured copy: %v", err)
	}
}

// TestStateTableAsSpecified pins the state table to the words, so a
// change to it is a deliberate one: 草稿 → 已提交 → 初审通过 or 退回修改 (back
// to editing) → 评审中 → 拟命名 or 未入选 → 公示中 → 已命名 or 撤销; 撤回 at
// any point before naming; 撤销命名 after naming.
func TestStateTableAsSpecified(t *testing.T) {
	type move struct {
		from []State
		to   State
	}
	want := map[Action]move{
		ActSubmit:     {[]State{StateDraft, StateReturned}, StateSubmitted},
		ActReturn:     {[]State{StateSubmitted}, StateReturned},
		ActPass:       {[]State{StateSubmitted}, StatePassed},
		ActReview:     {[]State{StatePassed}, StateReviewing},
		ActPropose:    {[]State{StateReviewing}, StateProposed},
		ActReject:     {[]State{StateReviewing}, StateNotSelected},
		ActReconsider: {[]State{StateProposed, StateNotSelected}, StateReviewing},
		ActPublish:    {[]State{StateProposed}, StateOnNotice},
		ActName:       {[]State{StateOnNotice}, StateNamed},
		ActRemove:     {[]State{StateOnNotice}, StateRemoved},
		ActWithdraw: {[]State{StateDraft, StateSubmitted, StateReturned, StatePassed, StateReviewing,
			StateProposed, StateNotSelected, StateOnNotice}, StateWithdrawn},
		ActRevoke: {[]State{StateNamed}, StateRevoked},
	}
	if len(Transitions) != len(want) {
		t.Fatalf("%d transitions, want %d", len(Transitions), len(want))
	}
	for _, tr := range Transitions {
		w, ok := want[tr.Action]
		if !ok {
			t.Errorf("unexpected action %s", tr.Action)
			continue
		}
		if tr.To != w.to || fmt.Sprint(tr.From) != fmt.Sprint(w.from) {
			t.Errorf("%s: %v → %s, want %v → %s", tr.Action, tr.From, tr.To, w.from, w.to)
		}
		if tr.OfficeOnly != (tr.Action != ActSubmit) {
			t.Errorf("%s: office only %v", tr.Action, tr.OfficeOnly)
		}
	}
	// Nothing leaves a final state but 撤销命名 from 已命名.
	for _, s := range []State{StateRemoved, StateWithdrawn, StateRevoked} {
		if got := ActionsFrom(s, true); len(got) != 0 {
			t.Errorf("%s has moves %v", s, got)
		}
	}
}

func TestCategoryWithNominationsKeepsItsKind(t *testing.T) {
	f := newRoundFixture(t, 1)
	f.nominate(t, "滨江社区")
	tests := []struct {
		name string
		edit func(r *Round)
		want string
	}{
		{"delete", func(r *Round) { r.Categories = r.Categories[1:] }, "不能删除"},
		{"change kind", func(r *Round) { r.Categories[0].NomineeKind = NomineeCompound }, "不能再改"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := f.st.Round(f.r.ID)
			if err != nil {
				t.Fatal(err)
			}
			tt.edit(&r)
			if err := f.st.SaveRound(&r); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("saved: %v", err)
			}
			after, _ := f.st.Round(f.r.ID)
			if len(after.Categories) != 2 || after.Categories[0].NomineeKind != NomineeCommunity {
				t.Fatalf("categories changed: %+v", after.Categories)
			}
		})
	}
	// The empty category may still go, and the quota may change.
	r, _ := f.st.Round(f.r.ID)
	r.Categories[0].Quota = 3
	r.Categories = r.Categories[:1]
	if err := f.st.SaveRound(&r); err != nil {
		t.Fatalf("an unused category could not be removed: %v", err)
	}
}
