package exchange

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/data"
	"jiayuan/data/sheet"
	"jiayuan/data/storetest"
)

// wantBoth checks that a refusal names both records that would share one UUID.
func wantBoth(t *testing.T, err error, records ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("a UUID another record has was accepted")
	}
	for _, r := range records {
		if !strings.Contains(err.Error(), r) {
			t.Errorf("message does not name %s: %v", r, err)
		}
	}
	t.Log(err)
	if !strings.Contains(err.Error(), "统一编号") && !strings.Contains(err.Error(), "UUID") {
		t.Errorf("message does not say it is the UUID: %v", err)
	}
}

func countRows(t *testing.T, st *data.Store, table string) int {
	t.Helper()
	var n int
	if err := storetest.Raw(t, st).Get(&n, `SELECT COUNT(*) FROM `+table); err != nil {
		t.Fatal(err)
	}
	return n
}

// A compound given a community's UUID is refused by every path that can
// set a UUID: the single save, the Excel import (a row's UUID column), the
// exchange import (a new record, and one linked by name), with a message
// naming both records. Before, it was saved, and every exchange file this
// copy made afterwards was refused by every receiver.
func TestUUIDOfAnotherKindRefusedOnEveryPath(t *testing.T) {
	t.Run("save", func(t *testing.T) {
		st := demoStore(t)
		cs := mustCommunities(t, st)
		before := countRows(t, st, "compounds")
		x := data.Compound{CommunityID: cs[0].ID, Name: "新建小区", UUID: cs[0].UUID}
		wantBoth(t, st.SaveCompound(&x), "小区“新建小区”", "社区“"+cs[0].Name+"”")
		if n := countRows(t, st, "compounds"); n != before {
			t.Errorf("compounds %d, want %d", n, before)
		}
		xs, _ := st.Compounds(cs[0].ID)
		o := data.Org{CommunityID: cs[0].ID, Name: "新建两新党委", Kind: data.OrgNewCommittee, UUID: xs[0].UUID}
		wantBoth(t, st.SaveOrg(&o), "党组织“新建两新党委”", "小区“"+xs[0].Name+"”")
		c := data.Community{Name: "新建社区", UUID: xs[0].UUID}
		wantBoth(t, st.SaveCommunity(&c), "社区“新建社区”", "小区“"+xs[0].Name+"”")
	})
	t.Run("bulk", func(t *testing.T) {
		st := demoStore(t)
		cs := mustCommunities(t, st)
		before := countRows(t, st, "compounds")
		x := data.Compound{CommunityID: cs[0].ID, Name: "新建小区", UUID: cs[0].UUID}
		err := st.Write(func(tx *data.Tx) error {
			b := tx.Bulk()
			defer b.Close()
			return b.InsertCompound(&x)
		})
		wantBoth(t, err, "小区“新建小区”", "社区“"+cs[0].Name+"”")
		if n := countRows(t, st, "compounds"); n != before {
			t.Errorf("compounds %d, want %d", n, before)
		}
	})
	t.Run("excel", func(t *testing.T) {
		src := demoStore(t)
		xs, err := src.AllCompounds()
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "小区.xlsx")
		if err := sheet.ExportCompounds(file, xs[:1]); err != nil {
			t.Fatal(err)
		}
		// the receiving copy has the compound's community, and another
		// community holding the compound's UUID
		dst := openStore(t)
		comm := data.Community{Name: xs[0].CommunityName}
		other := data.Community{Name: "另一社区", UUID: xs[0].UUID}
		for _, c := range []*data.Community{&comm, &other} {
			if err := dst.SaveCommunity(c); err != nil {
				t.Fatal(err)
			}
		}
		_, err = sheet.Import(dst, sheet.Compounds, file, nil)
		wantBoth(t, err, xs[0].Name, "社区“另一社区”")
		if n := countRows(t, dst, "compounds"); n != 0 {
			t.Errorf("%d compounds imported", n)
		}
	})
	t.Run("exchange new record", func(t *testing.T) {
		src := demoStore(t)
		file := export(t, src, Options{Community: "滨江社区"})
		pkg, err := Read(file)
		if err != nil {
			t.Fatal(err)
		}
		x := pkg.Records.Compounds[0]
		dst := openStore(t)
		other := data.Community{Name: "另一社区", UUID: x.UUID}
		if err := dst.SaveCommunity(&other); err != nil {
			t.Fatal(err)
		}
		before := dump(t, dst)
		p, err := Preview(dst, pkg)
		if err != nil {
			t.Fatal(err)
		}
		wantBoth(t, errors.New(strings.Join(p.Invalid, "；")), "小区“"+x.Fields["name"]+"”", "社区“另一社区”")
		_, err = Apply(dst, pkg, Decisions{})
		var inv *InvalidError
		if !errors.As(err, &inv) {
			t.Fatalf("import: %v", err)
		}
		wantBoth(t, err, "小区“"+x.Fields["name"]+"”", "社区“另一社区”")
		if dump(t, dst) != before {
			t.Error("a refused import changed the store")
		}
	})
	t.Run("exchange link by name", func(t *testing.T) {
		src := demoStore(t)
		pkg, err := Read(export(t, src, Options{Community: "滨江社区"}))
		if err != nil {
			t.Fatal(err)
		}
		x := pkg.Records.Compounds[0]
		// the receiver has the same community and compound under its own
		// UUIDs (linked by name), and another community with the compound's UUID
		dst := openStore(t)
		comm := data.Community{Name: "滨江社区"}
		other := data.Community{Name: "另一社区", UUID: x.UUID}
		for _, c := range []*data.Community{&comm, &other} {
			if err := dst.SaveCommunity(c); err != nil {
				t.Fatal(err)
			}
		}
		same := data.Compound{CommunityID: comm.ID, Name: x.Fields["name"]}
		if err := dst.SaveCompound(&same); err != nil {
			t.Fatal(err)
		}
		before := dump(t, dst)
		_, err = Apply(dst, pkg, Decisions{LinkByName: true, Prefer: Theirs})
		wantBoth(t, err, "小区“"+x.Fields["name"]+"”", "社区“另一社区”")
		if dump(t, dst) != before {
			t.Error("a refused import changed the store")
		}
	})
}

// A store that somehow holds one UUID twice (written by an older program,
// or by hand) makes no exchange file: every receiver would refuse it. The
// export says which records and leaves no file behind, not even a partial one.
func TestExportWithDuplicateUUIDWritesNothing(t *testing.T) {
	st := demoStore(t)
	cs := mustCommunities(t, st)
	xs, _ := st.Compounds(cs[0].ID)
	if _, err := storetest.Raw(t, st).Exec(`UPDATE compounds SET uuid = ? WHERE id = ?`, cs[0].UUID, xs[0].ID); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	_, err := Export(st, filepath.Join(dir, "交换.jyx"), Options{})
	if err == nil {
		t.Fatal("export wrote a file with a duplicate UUID")
	}
	t.Log(err)
	for _, want := range []string{"未写出", xs[0].Name, cs[0].Name, "UUID 重复"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message does not say %q: %v", want, err)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("export left %d files: %v", len(ents), ents[0].Name())
	}
}
