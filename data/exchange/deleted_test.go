package exchange

import (
	"strings"
	"testing"

	"jiayuan/data"
)

// ref names a record: its entity and name (names are unique within the demo's 滨江社区).
type ref struct{ entity, name string }

// lookup finds a record, live or in the recycle bin, by name.
func lookup(t *testing.T, st *data.Store, r ref) *local {
	t.Helper()
	loc, err := loadLocal(st.ExchangeSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range loc.all(r.entity) {
		if l.name == r.name {
			return l
		}
	}
	t.Fatalf("no %s %s", r.entity, r.name)
	return nil
}

func deleteRec(t *testing.T, st *data.Store, r ref) {
	t.Helper()
	if err := st.Delete(r.entity, lookup(t, st, r).id); err != nil {
		t.Fatal(err)
	}
}

func setNotes(t *testing.T, st *data.Store, r ref, notes string) {
	t.Helper()
	id := lookup(t, st, r).id
	switch r.entity {
	case data.EntityCompound:
		x, err := st.Compound(id)
		if err != nil {
			t.Fatal(err)
		}
		x.Notes = notes
		if err := st.SaveCompound(&x); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("setNotes: %s", r.entity)
	}
}

// recordCounts counts the plan's record items (not rounds, nominations, states) by status.
func recordCounts(p *Plan) map[Status]int {
	out := map[Status]int{}
	for _, it := range p.Items {
		if it.Entity == data.EntityCommunity || it.Entity == data.EntityCompound || it.Entity == data.EntityOrg {
			out[it.Status]++
		}
	}
	return out
}

func TestDeletionsTravel(t *testing.T) {
	var (
		hechi    = ref{data.EntityCompound, "河池院落"}
		binhe    = ref{data.EntityCompound, "滨河安置小区"} // a 2022 nomination at the office
		garden   = ref{data.EntityCompound, "滨江花园小区"}
		gardenPB = ref{data.EntityOrg, "滨江花园小区党支部"} // under 滨江花园小区
		joint    = ref{data.EntityOrg, "河池滨河联合党支部"}
		jinjiang = ref{data.EntityOrg, "锦江苑小区党支部"}
	)
	cases := []struct {
		name        string
		fromOffice  bool                                     // the office deletes and sends (else the community)
		prep, then  func(t *testing.T, sender *data.Store)   // the sender\'s other changes, before and after deleting
		del         []ref                                    // deleted on the sender, in order
		meanwhile   func(t *testing.T, receiver *data.Store) // a change on the receiving side before the import
		dec         Decisions
		want        map[Status]int
		gone, kept  []ref  // in the receiver's recycle bin / still live after the import
		problem     string // listed for a refused deletion
		problemAlso string
	}{
		{name: "compound deleted at the community", del: []ref{hechi},
			want: map[Status]int{Removed: 1, Conflict: 0}, gone: []ref{hechi}, kept: []ref{garden}},
		{name: "organisation deleted at the community", del: []ref{joint},
			want: map[Status]int{Removed: 1}, gone: []ref{joint}},
		{name: "compound and its branch deleted together", del: []ref{gardenPB, garden},
			want: map[Status]int{Removed: 2}, gone: []ref{gardenPB, garden}},
		{name: "branch moved to another compound, then its compound deleted",
			prep: func(t *testing.T, comm *data.Store) {
				o, err := comm.Org(lookup(t, comm, gardenPB).id)
				if err != nil {
					t.Fatal(err)
				}
				o.CompoundID = &lookup(t, comm, ref{data.EntityCompound, "锦江苑小区"}).id
				if err := comm.SaveOrg(&o); err != nil {
					t.Fatal(err)
				}
			},
			del: []ref{garden}, want: map[Status]int{Removed: 1, Changed: 1}, gone: []ref{garden}, kept: []ref{gardenPB}},
		{name: "deleted, and a new compound of the same name made",
			del: []ref{hechi},
			then: func(t *testing.T, comm *data.Store) {
				c := lookup(t, comm, ref{data.EntityCommunity, "滨江社区"})
				if err := comm.SaveCompound(&data.Compound{CommunityID: c.id, Name: "河池院落", Notes: "重新建档"}); err != nil {
					t.Fatal(err)
				}
			},
			want: map[Status]int{Removed: 1, Added: 1}},
		{name: "deleted at the office, sent to the community", fromOffice: true, del: []ref{jinjiang},
			want: map[Status]int{Removed: 1}, gone: []ref{jinjiang}},
		{name: "office holds a nomination of it: refused and listed, the rest imported", del: []ref{binhe, hechi},
			want: map[Status]int{Removed: 1, Blocked: 1}, gone: []ref{hechi}, kept: []ref{binhe},
			problem: "申报“2022年滨河安置小区”", problemAlso: "不能删除"},
		{name: "office added a branch under it meanwhile: refused and listed", del: []ref{hechi},
			meanwhile: func(t *testing.T, office *data.Store) {
				c := lookup(t, office, ref{data.EntityCommunity, "滨江社区"})
				x := lookup(t, office, hechi)
				pb := lookup(t, office, joint)
				o := &data.Org{CommunityID: c.id, CompoundID: &x.id, ParentID: &pb.id, Name: "河池院落功能型党小组", Kind: "党小组"}
				if err := office.SaveOrg(o); err != nil {
					t.Fatal(err)
				}
			},
			want: map[Status]int{Blocked: 1}, kept: []ref{hechi}, problem: "河池院落功能型党小组"},
		{name: "office edited it meanwhile: a conflict, ours kept", del: []ref{hechi},
			meanwhile: func(t *testing.T, office *data.Store) { setNotes(t, office, hechi, "街道补了备注") },
			dec:       Decisions{Prefer: Ours}, want: map[Status]int{Conflict: 1}, kept: []ref{hechi}},
		{name: "office edited it meanwhile: a conflict, theirs deletes", del: []ref{hechi},
			meanwhile: func(t *testing.T, office *data.Store) { setNotes(t, office, hechi, "街道补了备注") },
			dec:       Decisions{Prefer: Theirs}, want: map[Status]int{Conflict: 1}, gone: []ref{hechi}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			office := demoStore(t)
			comm := communityFromOffice(t, office)
			sender, receiver := comm, office
			if c.fromOffice {
				sender, receiver = office, comm
			}
			if c.prep != nil {
				c.prep(t, sender)
			}
			for _, r := range c.del {
				deleteRec(t, sender, r)
			}
			if c.then != nil {
				c.then(t, sender)
			}
			if c.meanwhile != nil {
				c.meanwhile(t, receiver)
			}
			opt := Options{}
			if c.fromOffice {
				opt.Community = "滨江社区"
			}
			pkg, err := Read(export(t, sender, opt))
			if err != nil {
				t.Fatal(err)
			}
			p, err := Preview(receiver, pkg)
			if err != nil {
				t.Fatal(err)
			}
			got := recordCounts(p)
			for s, n := range c.want {
				if got[s] != n {
					t.Errorf("preview: %d %s, want %d (%s)", got[s], s.Label(), n, p.Summary())
				}
			}
			for _, it := range p.Filter(Removed) {
				if len(it.Diffs) == 0 || it.Diffs[0].Label != "状态" || !strings.Contains(it.Diffs[0].Theirs, "已删除") {
					t.Errorf("%s: removal not shown as such: %+v", it.Label(), it.Diffs)
				}
			}
			if wantNoOp := c.want[Removed]+c.want[Conflict] == 0; p.NoOp() != wantNoOp {
				t.Errorf("preview NoOp = %v with %s", p.NoOp(), p.Summary())
			}
			for _, r := range append(c.gone, c.kept...) {
				if lookup(t, receiver, r).deleted {
					t.Errorf("preview deleted %s", r.name)
				}
			}
			res, err := Apply(receiver, pkg, c.dec)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range c.gone {
				l := lookup(t, receiver, r)
				if !l.deleted {
					t.Errorf("%s not moved to the recycle bin", r.name)
					continue
				}
				log, _ := receiver.AuditLog(data.AuditFilter{Entity: r.entity, EntityID: l.id})
				if len(log) == 0 || log[0].Action != data.ActionDelete || !strings.Contains(log[0].Reason, "交换文件") {
					t.Errorf("%s: deletion not audited with the file: %+v", r.name, log)
				}
			}
			for _, r := range c.kept {
				if lookup(t, receiver, r).deleted {
					t.Errorf("%s deleted, want kept", r.name)
				}
			}
			blocked := res.Plan.Filter(Blocked)
			if c.problem == "" && len(blocked) > 0 {
				t.Errorf("unexpected problems: %s", blocked[0].Problem)
			}
			if c.problem != "" {
				if len(blocked) != 1 || !strings.Contains(blocked[0].Problem, c.problem) || !strings.Contains(blocked[0].Problem, c.problemAlso) {
					t.Errorf("refused deletion not listed with %q: %+v", c.problem, blocked)
				}
			}

			// the same file again changes nothing
			before := dump(t, receiver)
			res, err = Apply(receiver, pkg, Decisions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Written != 0 || dump(t, receiver) != before {
				t.Errorf("second import: written %d, store changed %v (%s)", res.Written, dump(t, receiver) != before, res.Plan.Summary())
			}
			if n := res.Plan.Count(Removed) + res.Plan.Count(Restored) + res.Plan.Count(Conflict); n != 0 {
				t.Errorf("second import plans %s", res.Plan.Summary())
			}
		})
	}
}

func TestRestoreTravelsAndDeletedRecordsStayOut(t *testing.T) {
	office := demoStore(t)
	comm := communityFromOffice(t, office)
	hechi := ref{data.EntityCompound, "河池院落"}
	deleteRec(t, comm, hechi)
	if _, err := importFile(t, office, export(t, comm, Options{}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	if !lookup(t, office, hechi).deleted {
		t.Fatal("setup: deletion did not travel")
	}
	// the community takes it back out of its recycle bin and edits it
	if err := comm.Restore(data.EntityCompound, lookup(t, comm, hechi).id); err != nil {
		t.Fatal(err)
	}
	setNotes(t, comm, hechi, "恢复后补充")
	res, err := importFile(t, office, export(t, comm, Options{}), Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Count(Restored) != 1 || res.Plan.Count(Conflict) != 0 {
		t.Fatalf("plan: %s", res.Plan.Summary())
	}
	l := lookup(t, office, hechi)
	x, _ := office.Compound(l.id)
	if l.deleted || x.Notes != "恢复后补充" {
		t.Errorf("restored at the office: deleted %v, notes %q", l.deleted, x.Notes)
	}
	// a store that never had the deleted record does not get it
	deleteRec(t, comm, ref{data.EntityOrg, "河池滨河联合党支部"})
	fresh := openStore(t)
	pkg, err := Read(export(t, comm, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Manifest.Version != Version {
		t.Errorf("written as version %d", pkg.Manifest.Version)
	}
	res, err = Apply(fresh, pkg, Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	bin, _ := fresh.RecycleBin()
	if len(bin) != 0 {
		t.Errorf("deleted records brought into a new store: %+v", bin)
	}
	orgs, _ := fresh.Orgs(0)
	for _, o := range orgs {
		if o.Name == "河池滨河联合党支部" {
			t.Error("a deleted organisation was added as live")
		}
	}
}

func TestVersionOneFilesStillRead(t *testing.T) {
	src := demoStore(t)
	pkg, err := Read(export(t, src, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		version int
		ok      bool
	}{{MinVersion, true}, {Version, true}, {Version + 1, false}, {0, false}} {
		file := jyx(t, map[string][]byte{recordsName: recordsJSON(t, pkg.Records)}, func(m *Manifest) { m.Version = v.version })
		_, err := Read(file)
		if (err == nil) != v.ok {
			t.Errorf("version %d: %v", v.version, err)
		}
	}
}
