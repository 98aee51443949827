package exchange

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/data"
	"jiayuan/data/storetest"
)

// submittedAtBoth is the demo office with an open round and 滨江社区's copy
// made from the office's file; the community has nominated 南湖尚景小区 and
// sent it, so both copies hold it, submitted.
func submittedAtBoth(t *testing.T) (office, comm *data.Store, round data.Round, commNom, officeNom data.Nomination) {
	t.Helper()
	office, round = officeWithRound(t)
	comm = communityFromOffice(t, office)
	commNom = nominate(t, comm, roundByUUID(t, comm, round.UUID), "南湖尚景小区")
	if _, err := importFile(t, office, export(t, comm, Options{}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	officeNom, ok := officeNomination(t, office, round, commNom.UUID)
	if !ok || officeNom.State != data.StateSubmitted {
		t.Fatalf("setup: office's nomination %+v", officeNom)
	}
	return office, comm, round, commNom, officeNom
}

// officeSets puts the office's nomination in a state reached after review
// and notice (the steps there need reviewers and scores, tested in data);
// the certificate, when given, is issued as naming does.
func officeSets(t *testing.T, office *data.Store, n data.Nomination, st data.State, reason, cert string, revoked bool) {
	t.Helper()
	db := storetest.Raw(t, office)
	if _, err := db.Exec(`UPDATE nominations SET state = ?, state_reason = ?, state_at = ? WHERE id = ?`,
		string(st), reason, "2026-11-27T09:00:00+08:00", n.ID); err != nil {
		t.Fatal(err)
	}
	if cert != "" {
		rev := ""
		if revoked {
			rev = "2026-11-28T09:00:00+08:00"
		}
		if _, err := db.Exec(`INSERT INTO certificates (round_id, category_id, seq, number, nomination_id, issued_at, revoked_at)
			VALUES (?, ?, 1, ?, ?, ?, ?)`, n.RoundID, n.CategoryID, cert, n.ID, "2026-11-27T09:00:00+08:00", rev); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOfficeStatesReachTheCommunity(t *testing.T) {
	cases := []struct {
		name     string
		office   func(t *testing.T, office *data.Store, n data.Nomination)
		want     data.State
		text     []string // in the community's 说明
		editable bool
		cert     string
		revoked  bool
	}{
		{name: "退回修改 with its reason",
			office: func(t *testing.T, o *data.Store, n data.Nomination) {
				if err := o.Transition(n.ID, data.ActReturn, "请补充小区议事会照片"); err != nil {
					t.Fatal(err)
				}
			},
			want: data.StateReturned, text: []string{"请补充小区议事会照片"}, editable: true},
		{name: "初审通过",
			office: func(t *testing.T, o *data.Store, n data.Nomination) {
				if err := o.Transition(n.ID, data.ActPass, ""); err != nil {
					t.Fatal(err)
				}
			},
			want: data.StatePassed},
		{name: "拟命名",
			office: func(t *testing.T, o *data.Store, n data.Nomination) {
				officeSets(t, o, n, data.StateProposed, "", "", false)
			},
			want: data.StateProposed},
		{name: "未入选 with the office's reason",
			office: func(t *testing.T, o *data.Store, n data.Nomination) {
				officeSets(t, o, n, data.StateNotSelected, "名额已满，排名第 7", "", false)
			},
			want: data.StateNotSelected, text: []string{"名额已满，排名第 7"}},
		{name: "公示中",
			office: func(t *testing.T, o *data.Store, n data.Nomination) {
				officeSets(t, o, n, data.StateOnNotice, "", "", false)
			},
			want: data.StateOnNotice},
		{name: "已命名 with the certificate number",
			office: func(t *testing.T, o *data.Store, n data.Nomination) {
				officeSets(t, o, n, data.StateNamed, "", "华阳示范〔2026〕第001号", false)
			},
			want: data.StateNamed, text: []string{"证书编号 华阳示范〔2026〕第001号"}, cert: "华阳示范〔2026〕第001号"},
		{name: "撤销 (objection upheld) with its reason",
			office: func(t *testing.T, o *data.Store, n data.Nomination) {
				officeSets(t, o, n, data.StateRemoved, "公示期间异议经核查属实", "", false)
			},
			want: data.StateRemoved, text: []string{"异议经核查属实"}},
		{name: "撤销命名 keeps the number retired",
			office: func(t *testing.T, o *data.Store, n data.Nomination) {
				officeSets(t, o, n, data.StateRevoked, "发生重大安全事故", "华阳示范〔2026〕第002号", true)
			},
			want: data.StateRevoked, text: []string{"发生重大安全事故", "第002号 已注销"}, cert: "华阳示范〔2026〕第002号", revoked: true},
		{name: "撤回",
			office: func(t *testing.T, o *data.Store, n data.Nomination) {
				if err := o.Transition(n.ID, data.ActWithdraw, "社区要求撤回"); err != nil {
					t.Fatal(err)
				}
			},
			want: data.StateWithdrawn, text: []string{"社区要求撤回"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			office, comm, _, cn, on := submittedAtBoth(t)
			c.office(t, office, on)
			file := filepath.Join(t.TempDir(), "给滨江社区.jyx")
			if _, err := Export(office, file, Options{Community: "滨江社区"}); err != nil {
				t.Fatal(err)
			}
			pkg, err := Read(file)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Preview(comm, pkg)
			if err != nil {
				t.Fatal(err)
			}
			var item *Item
			for _, it := range p.Items {
				if it.UUID == cn.UUID {
					item = it
				}
			}
			if item == nil || item.Status != Changed || !strings.Contains(item.Note, c.want.Label()) || p.NoOp() {
				t.Fatalf("preview: %+v (%s)", item, p.Summary())
			}
			if got, _ := comm.Nomination(cn.ID); got.State != data.StateSubmitted {
				t.Fatal("preview changed the state")
			}
			if _, err := Apply(comm, pkg, Decisions{}); err != nil {
				t.Fatal(err)
			}
			got, _ := comm.Nomination(cn.ID)
			if got.State != c.want {
				t.Errorf("community's state %s, want %s", got.State.Label(), c.want.Label())
			}
			for _, s := range c.text {
				if !strings.Contains(got.StateReason, s) {
					t.Errorf("community's 说明 %q lacks %q", got.StateReason, s)
				}
			}
			if got.State.Editable() != c.editable {
				t.Errorf("editable = %v, want %v", got.State.Editable(), c.editable)
			}
			rs, _ := comm.Rounds()
			var certs []data.Certificate
			for _, r := range rs {
				cs, _ := comm.Certificates(r.ID)
				certs = append(certs, cs...)
			}
			switch {
			case c.cert == "" && len(certs) != 0:
				t.Errorf("certificates at the community: %+v", certs)
			case c.cert != "" && (len(certs) != 1 || certs[0].Number != c.cert || certs[0].NominationID != cn.ID || (certs[0].RevokedAt != "") != c.revoked):
				t.Errorf("certificate at the community: %+v, want %s revoked %v", certs, c.cert, c.revoked)
			}
			log, _ := comm.AuditLog(data.AuditFilter{Entity: data.EntityNomination, EntityID: cn.ID})
			if len(log) == 0 || log[0].Action != data.ActionReceiveState || !strings.Contains(log[0].Reason, "街道办事处") ||
				!strings.Contains(log[0].Reason, "给滨江社区.jyx") {
				t.Errorf("not audited with the sender and the file: %+v", log[0])
			}
			if on2, _ := office.Nomination(on.ID); on2.StateReason != "" && !strings.Contains(log[0].Reason, on2.StateReason) {
				t.Errorf("audit reason %q lacks the office's reason %q", log[0].Reason, on2.StateReason)
			}

			// the same file again changes nothing
			before := dump(t, comm)
			res, err := Apply(comm, pkg, Decisions{})
			if err != nil || res.Written != 0 || !res.Plan.NoOp() {
				t.Fatalf("second import: %v, written %d (%s)", err, res.Written, res.Plan.Summary())
			}
			if dump(t, comm) != before {
				t.Error("second import changed the store")
			}
		})
	}
}

func TestReturnedNominationIsFixedAndResubmitted(t *testing.T) {
	office, comm, round, cn, on := submittedAtBoth(t)

	// the community's copy still cannot take the office's steps itself
	for _, act := range []data.Action{data.ActPass, data.ActReturn, data.ActWithdraw} {
		err := comm.Transition(cn.ID, act, "社区自己办")
		var se *data.StateError
		if !errors.As(err, &se) {
			t.Errorf("community's copy took %s: %v", act, err)
		}
	}
	// nor take a state except from an office's file
	err := comm.Write(func(tx *data.Tx) error {
		_, err := tx.ReceiveState(cn.ID, data.ReceivedState{State: data.StatePassed})
		return err
	})
	if err == nil {
		t.Error("a state with no sender was taken")
	}
	// and the office's copy takes no state from a file
	err = office.Write(func(tx *data.Tx) error {
		_, err := tx.ReceiveState(on.ID, data.ReceivedState{State: data.StateNamed, Sender: "某街道", File: "x.jyx"})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "只有社区的家园") {
		t.Errorf("office's copy took a received state: %v", err)
	}

	if err := office.Transition(on.ID, data.ActReturn, "自评分偏高，请核实"); err != nil {
		t.Fatal(err)
	}
	returned := export(t, office, Options{Community: "滨江社区"})
	if _, err := importFile(t, comm, returned, Decisions{}); err != nil {
		t.Fatal(err)
	}
	n, _ := comm.Nomination(cn.ID)
	if n.State != data.StateReturned {
		t.Fatalf("community's state %s", n.State.Label())
	}
	// sent back: not in the community's file until resubmitted
	pkg, _ := Read(export(t, comm, Options{}))
	if len(pkg.Nominations) != 0 {
		t.Errorf("a returned nomination not yet resubmitted was sent: %+v", pkg.Nominations)
	}
	// editable again: fixed and resubmitted at the community
	n.Highlights = "自评分已按标准核实"
	if err := comm.SaveNomination(&n); err != nil {
		t.Fatalf("returned nomination not editable: %v", err)
	}
	if err := comm.Transition(n.ID, data.ActSubmit, ""); err != nil {
		t.Fatalf("returned nomination not resubmittable: %v", err)
	}
	n, _ = comm.Nomination(n.ID)
	if n.State != data.StateSubmitted || n.Version != cn.Version+1 {
		t.Fatalf("after resubmitting: %s version %d", n.State.Label(), n.Version)
	}
	// the office's old file arriving again does not send it back a second time
	res, err := importFile(t, comm, returned, Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Count(OursNewer) != 1 || res.Written != 0 {
		t.Errorf("stale office file: %s", res.Plan.Summary())
	}
	if got, _ := comm.Nomination(n.ID); got.State != data.StateSubmitted {
		t.Errorf("stale office file reverted the resubmission: %s", got.State.Label())
	}

	// the office takes the resubmission in, and passes it
	res, err = importFile(t, office, export(t, comm, Options{}), Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	on2, _ := officeNomination(t, office, round, n.UUID)
	if on2.State != data.StateSubmitted || on2.Highlights != n.Highlights || on2.Version != n.Version {
		t.Fatalf("office after the resubmission: %s v%d %q (%s)", on2.State.Label(), on2.Version, on2.Highlights, res.Plan.Summary())
	}
	// nothing new for the community before the office acts
	res, err = importFile(t, comm, export(t, office, Options{Community: "滨江社区"}), Decisions{})
	if err != nil || !res.Plan.NoOp() {
		t.Fatalf("office's file with the resubmission: %v (%s)", err, res.Plan.Summary())
	}
	if err := office.Transition(on2.ID, data.ActPass, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := importFile(t, comm, export(t, office, Options{Community: "滨江社区"}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := comm.Nomination(n.ID); got.State != data.StatePassed || got.State.Editable() {
		t.Errorf("community after 初审通过: %s", got.State.Label())
	}
}

func TestStatesOnlyFromTheOfficeAndOnlyForThatCommunity(t *testing.T) {
	office, comm, _, cn, on := submittedAtBoth(t)
	if err := office.Transition(on.ID, data.ActReturn, "请补充材料"); err != nil {
		t.Fatal(err)
	}
	// the file for another community carries none of 滨江社区's states
	pkg, err := Read(export(t, office, Options{Community: "龙河社区"}))
	if err != nil {
		t.Fatal(err)
	}
	carries := func(pkg *Package) *StateRec {
		for i := range pkg.States {
			if pkg.States[i].UUID == cn.UUID {
				return &pkg.States[i]
			}
		}
		return nil
	}
	if carries(pkg) != nil {
		t.Error("龙河社区's file carries 滨江社区's state")
	}
	// the file for all communities carries none either
	pkg, _ = Read(export(t, office, Options{}))
	if len(pkg.States) != 0 {
		t.Errorf("the office's whole file carries %d states", len(pkg.States))
	}
	// a community's file with states is refused
	pkg, _ = Read(export(t, office, Options{Community: "滨江社区"}))
	sr := carries(pkg)
	if sr == nil || sr.State != string(data.StateReturned) || sr.Reason != "请补充材料" {
		t.Fatalf("滨江社区's file: %+v", sr)
	}
	file := jyx(t, map[string][]byte{recordsName: recordsJSON(t, Records{}), statesName: []byte(canonicalJSON([]StateRec{*sr}))},
		func(m *Manifest) {
			m.Sender = Sender{Role: data.RoleCommunity, Office: "华阳街道", CommunityName: "滨江社区"}
		})
	before := dump(t, comm)
	if _, err := importFile(t, comm, file, Decisions{}); err == nil || !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "只有街道办事处") {
		t.Errorf("states from a community's file: %v", err)
	}
	if dump(t, comm) != before {
		t.Error("refused file changed the store")
	}
	if got, _ := comm.Nomination(cn.ID); got.State != data.StateSubmitted {
		t.Errorf("state taken from a community's file: %s", got.State.Label())
	}
}
