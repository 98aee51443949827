package exchange

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"jiayuan/data"
	"jiayuan/data/score"
)

// officeWithRound is the demo office with an open 2026 round.
func officeWithRound(t testing.TB) (*data.Store, data.Round) {
	t.Helper()
	office := demoStore(t)
	r := data.NewRound(2026)
	r.Title = "2026年度党建引领百佳示范社区、百佳示范小区"
	r.Deadline = data.Date{Year: 2026, Month: 12, Day: 31}
	if err := office.SaveRound(&r); err != nil {
		t.Fatal(err)
	}
	return office, r
}

// communityFromOffice is 滨江社区's copy, set up from the office's file.
func communityFromOffice(t testing.TB, office *data.Store) *data.Store {
	t.Helper()
	comm := openStore(t)
	if _, err := importFile(t, comm, export(t, office, Options{Community: "滨江社区"}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	cs, _ := comm.Communities()
	if err := comm.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleCommunity, CommunityUUID: cs[0].UUID}); err != nil {
		t.Fatal(err)
	}
	return comm
}

func roundByUUID(t testing.TB, st *data.Store, uuid string) data.Round {
	t.Helper()
	rs, err := st.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.UUID == uuid {
			return r
		}
	}
	t.Fatalf("no round %s", uuid)
	return data.Round{}
}

// nominate makes and submits a complete nomination of a compound, with a photo.
func nominate(t testing.TB, st *data.Store, r data.Round, compound string) data.Nomination {
	t.Helper()
	xs, _ := st.Compounds(0)
	var x data.Compound
	for _, c := range xs {
		if c.Name == compound {
			x = c
		}
	}
	var cat int64
	for _, c := range r.Categories {
		if c.NomineeKind == data.NomineeCompound {
			cat = c.ID
		}
	}
	n := data.Nomination{RoundID: r.ID, CategoryID: cat, CompoundID: &x.ID, Methods: "“365”工作法：党支部领办，居民议事。",
		Contact: "王芳", ContactPhone: "13800000000", Opinion: "同意推荐。", SelfScores: data.CriterionScores{}}
	for _, c := range r.Criteria {
		n.SelfScores[c.ID] = score.FromInt(8)
	}
	if err := st.SaveNomination(&n); err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(t.TempDir(), "小区活动.jpg")
	os.WriteFile(photo, []byte("\xff\xd8\xff photo of "+compound), 0o644)
	if _, err := st.AddAttachment(n.ID, photo, ""); err != nil {
		t.Fatal(err)
	}
	if err := st.Transition(n.ID, data.ActSubmit, ""); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Nomination(n.ID)
	return got
}

func officeNomination(t *testing.T, office *data.Store, r data.Round, uuid string) (data.Nomination, bool) {
	t.Helper()
	ns, err := office.Nominations(r.ID, data.NominationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		if n.UUID == uuid {
			return n, true
		}
	}
	return data.Nomination{}, false
}

func TestOfficeSendsOpenRoundsCommunitySendsNominations(t *testing.T) {
	office, round := officeWithRound(t)
	comm := communityFromOffice(t, office)

	// the community has the office's round, with the same categories and scoring sheet
	cr := roundByUUID(t, comm, round.UUID)
	if got, want := roundRec(cr), roundRec(round); !reflect.DeepEqual(got, want) {
		t.Errorf("round at the community:\n got %+v\nwant %+v", got, want)
	}
	// a round already named is not sent
	rs, _ := office.Rounds()
	named := 0
	for _, r := range rs {
		if !r.NamedOn.IsZero() {
			named++
			err := comm.Write(func(tx *data.Tx) error { _, err := tx.RoundByUUID(r.UUID); return err })
			if err == nil {
				t.Errorf("named round %s sent to the community", r.Title)
			}
		}
	}
	if named == 0 {
		t.Error("setup: the demo has no named round")
	}

	n := nominate(t, comm, cr, "南湖尚景小区")
	file := export(t, comm, Options{})
	pkg, err := Read(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkg.Nominations) != 1 || len(pkg.Nominations[0].Attachments) != 1 {
		t.Fatalf("community's file: %+v", pkg.Nominations)
	}
	res, err := Apply(office, pkg, Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Count(Added) != 1 {
		t.Errorf("plan: %s", res.Plan.Summary())
	}
	on, ok := officeNomination(t, office, round, n.UUID)
	if !ok {
		t.Fatal("nomination not at the office")
	}
	if on.State != data.StateSubmitted || on.NomineeName != "南湖尚景小区" || on.Methods != n.Methods {
		t.Errorf("office's nomination: %+v", on)
	}
	for _, c := range round.Criteria {
		if on.SelfScores[c.ID] != score.FromInt(8) {
			t.Errorf("self-score %s = %v", c.Name, on.SelfScores[c.ID])
		}
	}
	atts, _ := office.Attachments(on.ID, false)
	if len(atts) != 1 {
		t.Fatalf("%d attachments at the office", len(atts))
	}
	if b, err := os.ReadFile(office.AttachmentPath(atts[0])); err != nil || !strings.Contains(string(b), "南湖尚景小区") {
		t.Errorf("attachment file at the office: %q, %v", b, err)
	}

	// the same file again: nothing
	before := dump(t, office)
	if res, err := Apply(office, pkg, Decisions{}); err != nil || res.Written != 0 {
		t.Fatalf("second import: %v %d", err, res.Written)
	}
	if dump(t, office) != before {
		t.Error("second import changed the store")
	}

	// sent again after an amendment at the community: an amendment at the office
	n.Methods = "“365”工作法（补充了议事规则）。"
	if err := comm.Amend(&n, "补充议事规则"); err != nil {
		t.Fatal(err)
	}
	pkg, _ = Read(export(t, comm, Options{}))
	p, err := Preview(office, pkg)
	if err != nil {
		t.Fatal(err)
	}
	if p.Count(Changed) != 1 || !strings.Contains(p.Filter(Changed)[0].Note, "补正") {
		t.Fatalf("preview of the resent nomination: %s %+v", p.Summary(), p.Items)
	}
	if _, err := Apply(office, pkg, Decisions{}); err != nil {
		t.Fatal(err)
	}
	on2, _ := officeNomination(t, office, round, n.UUID)
	if on2.Methods != n.Methods || on2.Version != on.Version+1 {
		t.Errorf("after resending: version %d→%d, methods %q", on.Version, on2.Version, on2.Methods)
	}
	vs, _ := office.Versions(on2.ID)
	if len(vs) == 0 {
		t.Error("earlier version not kept")
	}

	// once the office has withdrawn it, a resent one is not taken in
	if err := office.Transition(on2.ID, data.ActWithdraw, "社区要求撤回"); err != nil {
		t.Fatal(err)
	}
	n.Methods = "又改了"
	if err := comm.Amend(&n, "再改"); err != nil {
		t.Fatal(err)
	}
	pkg, _ = Read(export(t, comm, Options{}))
	res, err = Apply(office, pkg, Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Count(OursNewer) != 1 || res.Written != 0 {
		t.Errorf("withdrawn nomination: %s", res.Plan.Summary())
	}
}

func TestNominationsRefusedWhereTheyDoNotBelong(t *testing.T) {
	office, _ := officeWithRound(t)
	comm := communityFromOffice(t, office)
	cr := roundByUUID(t, comm, roundByUUID(t, office, mustRoundUUID(t, office)).UUID)
	nominate(t, comm, cr, "南湖尚景小区")
	file := export(t, comm, Options{})

	// another community's copy does not take nominations
	other := communityFromOffice(t, office)
	before := dump(t, other)
	_, err := importFile(t, other, file, Decisions{LinkByName: true, Prefer: Theirs})
	if err == nil || !strings.Contains(err.Error(), "只有街道办事处") {
		t.Fatalf("nominations into a community's copy: %v", err)
	}
	if dump(t, other) != before {
		t.Error("refused import changed the store")
	}
	// the office without that round refuses the file as a whole
	office2 := demoStore(t)
	before = dump(t, office2)
	_, err = importFile(t, office2, file, Decisions{LinkByName: true, Prefer: Theirs})
	if err == nil || !strings.Contains(err.Error(), "评选活动不在本机") {
		t.Fatalf("nomination for an unknown round: %v", err)
	}
	if dump(t, office2) != before {
		t.Error("refused import changed the store")
	}
}

func TestAttachmentNotMatchingItsNameRefused(t *testing.T) {
	office, _ := officeWithRound(t)
	comm := communityFromOffice(t, office)
	nominate(t, comm, roundByUUID(t, comm, mustRoundUUID(t, office)), "南湖尚景小区")
	pkg, err := Read(export(t, comm, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	// a consistent manifest, but the attachment's content is not what its name says
	entries := map[string][]byte{recordsName: recordsJSON(t, pkg.Records)}
	entries[pkg.Nominations[0].Attachments[0].entry()] = []byte("\xff\xd8\xff something else!!")
	pkg.Nominations[0].Attachments[0].Size = int64(len(entries[pkg.Nominations[0].Attachments[0].entry()]))
	entries[nominationsName] = []byte(canonicalJSON(pkg.Nominations))
	file := jyx(t, entries, func(m *Manifest) { m.Sender.Role = data.RoleCommunity })
	before := dump(t, office)
	_, err = importFile(t, office, file, Decisions{})
	if err == nil || !strings.Contains(err.Error(), "内容与编号不符") {
		t.Fatalf("err = %v", err)
	}
	if dump(t, office) != before {
		t.Error("refused file changed the store")
	}
}

func TestNominationForAnotherCommunityRefused(t *testing.T) {
	office, _ := officeWithRound(t)
	comm := communityFromOffice(t, office)
	nominate(t, comm, roundByUUID(t, comm, mustRoundUUID(t, office)), "南湖尚景小区")
	pkg, err := Read(export(t, comm, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	longhe := find(t, office, data.EntityCommunity, "龙河社区")
	entries := map[string][]byte{recordsName: recordsJSON(t, Records{}), nominationsName: []byte(canonicalJSON(pkg.Nominations))}
	for _, a := range pkg.Nominations[0].Attachments {
		b, _ := os.ReadFile(filepath.Join(comm.Dir(), data.AttachmentsDir, a.SHA256+a.Ext))
		entries[a.entry()] = b
	}
	file := jyx(t, entries, func(m *Manifest) {
		m.Sender = Sender{Role: data.RoleCommunity, Office: "华阳街道", CommunityUUID: longhe.UUID, CommunityName: "龙河社区"}
	})
	before := dump(t, office)
	_, err = importFile(t, office, file, Decisions{})
	if err == nil || !strings.Contains(err.Error(), "不属于发出文件的龙河社区") {
		t.Fatalf("err = %v", err)
	}
	if dump(t, office) != before {
		t.Error("refused file changed the store")
	}
}

func mustRoundUUID(t *testing.T, st *data.Store) string {
	t.Helper()
	rs, _ := st.Rounds()
	for _, r := range rs {
		if r.Year == 2026 {
			return r.UUID
		}
	}
	t.Fatal("no 2026 round")
	return ""
}

// Files that cross in the mail: the community's amendment (version 2)
// arrives first, its earlier file (version 1) after it. The earlier file
// never undoes the amendment, whatever the clerk prefers for conflicts.
func TestOlderNominationFileTakenInLaterChangesNothing(t *testing.T) {
	for _, prefer := range []string{"", Theirs} {
		t.Run("prefer "+prefer, func(t *testing.T) {
			office, round := officeWithRound(t)
			comm := communityFromOffice(t, office)
			n := nominate(t, comm, roundByUUID(t, comm, round.UUID), "南湖尚景小区")
			first := export(t, comm, Options{})
			n.Highlights = "补正：增加了楼栋长制度。"
			if err := comm.Amend(&n, "补充材料"); err != nil {
				t.Fatal(err)
			}
			second := export(t, comm, Options{})

			if _, err := importFile(t, office, second, Decisions{Prefer: prefer}); err != nil {
				t.Fatal(err)
			}
			before := dump(t, office)
			got, ok := officeNomination(t, office, round, n.UUID)
			if !ok || got.Highlights != n.Highlights {
				t.Fatalf("office after the amendment: %+v", got)
			}
			res, err := importFile(t, office, first, Decisions{Prefer: prefer})
			if err != nil {
				t.Fatal(err)
			}
			if c := res.Plan.Count(OursNewer); c != 1 {
				t.Errorf("older file: %d items kept as ours, want 1 (%s)", c, res.Plan.Summary())
			}
			if res.Written != 0 {
				t.Errorf("older file wrote %d records", res.Written)
			}
			if got, _ := officeNomination(t, office, round, n.UUID); got.Highlights != n.Highlights {
				t.Errorf("older file changed the nomination: highlights %q", got.Highlights)
			}
			if dump(t, office) != before {
				t.Error("older file changed the store")
			}
			// the same amendment sent again is still taken as the same
			res, err = importFile(t, office, second, Decisions{Prefer: prefer})
			if err != nil || res.Written != 0 {
				t.Errorf("second file again: written %d, %v", res.Written, err)
			}
		})
	}
}

// An older office file opened after a newer one leaves the round's newer
// settings as they are.
func TestOlderRoundFileTakenInLaterChangesNothing(t *testing.T) {
	office, round := officeWithRound(t)
	first := export(t, office, Options{Community: "滨江社区"})
	comm := openStore(t)
	if _, err := importFile(t, comm, first, Decisions{}); err != nil {
		t.Fatal(err)
	}
	office.SetClock(func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local) })
	round.Deadline = data.Date{Year: 2027, Month: 1, Day: 15}
	if err := office.SaveRound(&round); err != nil {
		t.Fatal(err)
	}
	second := export(t, office, Options{Community: "滨江社区"})
	if _, err := importFile(t, comm, second, Decisions{}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, comm)
	res, err := importFile(t, comm, first, Decisions{Prefer: Theirs})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 0 || res.Plan.Count(OursNewer) != 1 {
		t.Errorf("older file: written %d, %s", res.Written, res.Plan.Summary())
	}
	if got := roundByUUID(t, comm, round.UUID).Deadline; got != round.Deadline {
		t.Errorf("deadline after the older file: %v, want %v", got, round.Deadline)
	}
	if dump(t, comm) != before {
		t.Error("older file changed the store")
	}
}

// The office's file made for another community is refused on a community's
// copy; the copy's own file is taken, also before the two copies first met
// (its community then matches by name).
func TestOfficeFileForAnotherCommunityRefused(t *testing.T) {
	office, _ := officeWithRound(t)
	comm := communityFromOffice(t, office)
	before := dump(t, comm)
	_, err := importFile(t, comm, export(t, office, Options{Community: "龙河社区"}), Decisions{LinkByName: true, Prefer: Theirs})
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "龙河社区") {
		t.Fatalf("another community's file: %v, want a refusal naming it", err)
	}
	if dump(t, comm) != before {
		t.Error("the refused file changed the store")
	}
	if _, err := importFile(t, comm, export(t, office, Options{Community: "滨江社区"}), Decisions{}); err != nil {
		t.Errorf("the community's own file: %v", err)
	}

	// a copy that typed its own 滨江社区 before ever receiving a file
	fresh := openStore(t)
	c := data.Community{Name: "滨江社区"}
	if err := fresh.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	if err := fresh.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleCommunity, CommunityUUID: c.UUID}); err != nil {
		t.Fatal(err)
	}
	if _, err := importFile(t, fresh, export(t, office, Options{Community: "滨江社区"}), Decisions{LinkByName: true, Prefer: Theirs}); err != nil {
		t.Errorf("first meeting with the community's own file: %v", err)
	}
	if _, err := importFile(t, fresh, export(t, office, Options{Community: "龙河社区"}), Decisions{LinkByName: true, Prefer: Theirs}); !errors.Is(err, ErrRefused) {
		t.Errorf("another community's file after the first meeting: %v, want refused", err)
	}
}

// A refused import leaves no attachment files behind in the data folder.
func TestRefusedImportLeavesNoAttachmentFiles(t *testing.T) {
	office, round := officeWithRound(t)
	comm := communityFromOffice(t, office)
	nominate(t, comm, roundByUUID(t, comm, round.UUID), "南湖尚景小区")
	pkg, err := Read(export(t, comm, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	c := pkg.Records.Communities[0]
	fields := map[string]string{}
	for k, v := range c.Fields {
		fields[k] = v
	}
	fields["division_code"] = "12"
	c.Fields = fields
	pkg.Records.Communities[0] = c
	attDir := filepath.Join(office.Dir(), data.AttachmentsDir)
	before, _ := os.ReadDir(attDir)
	if _, err := Apply(office, pkg, Decisions{Prefer: Theirs}); !errors.Is(err, ErrRefused) {
		t.Fatalf("err = %v, want refused", err)
	}
	after, _ := os.ReadDir(attDir)
	if len(after) != len(before) {
		t.Errorf("attachments folder: %d files before, %d after the refused import", len(before), len(after))
	}
	// the same file, valid, brings its attachment in
	good, _ := Read(pkg.Path)
	if _, err := Apply(office, good, Decisions{Prefer: Theirs}); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadDir(attDir); len(after) != len(before)+1 {
		t.Errorf("attachments folder after the good import: %d files, want %d", len(after), len(before)+1)
	}
}
