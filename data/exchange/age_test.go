package exchange

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jiayuan/data"
)

// setHouseholds saves 滨江社区 with n households (户数).
func setHouseholds(t *testing.T, st *data.Store, n int64) data.Community {
	t.Helper()
	var c data.Community
	for _, x := range mustCommunities(t, st) {
		if x.Name == "滨江社区" {
			c = x
		}
	}
	c.Households = data.Count{N: n, Set: true}
	if err := st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	return c
}

func households(t *testing.T, st *data.Store, uuid string) int64 {
	t.Helper()
	for _, c := range mustCommunities(t, st) {
		if c.UUID == uuid {
			return c.Households.N
		}
	}
	t.Fatalf("no community %s", uuid)
	return 0
}

// olderItem is the plan's item for the record, which must be left as it is
// because the file is older, and say so.
func olderItem(t *testing.T, p *Plan, uuid string) *Item {
	t.Helper()
	for _, it := range p.Items {
		if it.UUID == uuid {
			if !it.Older || it.Status != OursNewer || !strings.Contains(it.Note, "文件较旧") {
				t.Errorf("%s: status %s, older %v, note %q; want kept as older", it.Label(), it.Status.Label(), it.Older, it.Note)
			}
			if !strings.Contains(p.Summary(), "因文件较旧未采用") {
				t.Errorf("summary does not say the file is older: %s", p.Summary())
			}
			return it
		}
	}
	t.Fatalf("no item %s in %s", uuid, p.Summary())
	return nil
}

// Two files from the same community copy, the older one opened last: the
// older file never sets 户数 back, the preview and the result name the
// record as older and left as it is, and nothing in the store changes.
func TestOlderFileNeverRevertsNewerRecord(t *testing.T) {
	office := demoStore(t)
	comm := communityFromOffice(t, office)
	c := setHouseholds(t, comm, 999)
	a := export(t, comm, Options{})
	comm.SetClock(func() time.Time { return time.Date(2026, 11, 26, 10, 5, 0, 0, time.Local) })
	setHouseholds(t, comm, 1000)
	b := export(t, comm, Options{})

	if _, err := importFile(t, office, b, Decisions{}); err != nil {
		t.Fatal(err)
	}
	if got := households(t, office, c.UUID); got != 1000 {
		t.Fatalf("after the newer file: %d households", got)
	}
	before := dump(t, office)
	pkg, err := Read(a)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Preview(office, pkg)
	if err != nil {
		t.Fatal(err)
	}
	it := olderItem(t, p, c.UUID)
	if len(it.Diffs) == 0 || it.Diffs[0].Theirs != "999" || it.Diffs[0].Ours != "1000" {
		t.Errorf("older item's differences: %+v", it.Diffs)
	}
	for _, prefer := range []string{"", Theirs} {
		res, err := Apply(office, pkg, Decisions{Prefer: prefer})
		if err != nil {
			t.Fatal(err)
		}
		olderItem(t, res.Plan, c.UUID)
		if res.Written != 0 {
			t.Errorf("prefer %q: the older file wrote %d records", prefer, res.Written)
		}
		if got := households(t, office, c.UUID); got != 1000 {
			t.Errorf("prefer %q: the older file set 户数 back to %d", prefer, got)
		}
		if dump(t, office) != before {
			t.Errorf("prefer %q: the older file changed the store", prefer)
		}
	}
	// the newer file again is the same as here
	res, err := importFile(t, office, b, Decisions{})
	if err != nil || res.Written != 0 || len(res.Plan.Older()) != 0 {
		t.Errorf("newer file again: written %d, %s, %v", res.Written, res.Plan.Summary(), err)
	}
}

// -prefer theirs still settles a true conflict (both sides changed since the
// last exchange) the clerk's way; an older file is still not applied after
// it, nor when it would itself be a conflict.
func TestPreferTheirsOnlyForTrueConflicts(t *testing.T) {
	office := demoStore(t)
	comm := communityFromOffice(t, office)
	c := setHouseholds(t, comm, 999)
	a := export(t, comm, Options{})
	if _, err := importFile(t, office, a, Decisions{}); err != nil {
		t.Fatal(err)
	}
	setHouseholds(t, comm, 1000)
	b := export(t, comm, Options{})
	setHouseholds(t, office, 1001) // the office changed it too: a true conflict

	res, err := importFile(t, office, b, Decisions{Prefer: Theirs})
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Count(Conflict) != 1 || len(res.Plan.Older()) != 0 {
		t.Errorf("newer file: %s", res.Plan.Summary())
	}
	if got := households(t, office, c.UUID); got != 1000 {
		t.Errorf("the conflict decided for theirs left %d households", got)
	}
	res, err = importFile(t, office, a, Decisions{Prefer: Theirs})
	if err != nil {
		t.Fatal(err)
	}
	olderItem(t, res.Plan, c.UUID)
	if got := households(t, office, c.UUID); got != 1000 {
		t.Errorf("the older file set 户数 to %d", got)
	}
	// the office changes it again; the older file would be a conflict, and
	// is still not taken
	setHouseholds(t, office, 1002)
	res, err = importFile(t, office, a, Decisions{Prefer: Theirs})
	if err != nil {
		t.Fatal(err)
	}
	olderItem(t, res.Plan, c.UUID)
	if res.Plan.Count(Conflict) != 0 {
		t.Errorf("older file asked as a conflict: %s", res.Plan.Summary())
	}
	if got := households(t, office, c.UUID); got != 1002 {
		t.Errorf("the older file set 户数 to %d", got)
	}
}

// A nomination sent twice with the same version number (an attachment
// added, with a reason, after it was submitted): the older file, opened
// last, does not take the newer attachment away.
func TestOlderFileNeverRevertsNewerNomination(t *testing.T) {
	office, round := officeWithRound(t)
	comm := communityFromOffice(t, office)
	n := nominate(t, comm, roundByUUID(t, comm, round.UUID), "南湖尚景小区")
	a := export(t, comm, Options{})
	photo := filepath.Join(t.TempDir(), "楼栋长会议.jpg")
	os.WriteFile(photo, []byte("\xff\xd8\xff second photo"), 0o644)
	if _, err := comm.AddAttachment(n.ID, photo, "补充会议照片"); err != nil {
		t.Fatal(err)
	}
	b := export(t, comm, Options{})

	if _, err := importFile(t, office, b, Decisions{}); err != nil {
		t.Fatal(err)
	}
	got, ok := officeNomination(t, office, round, n.UUID)
	if !ok {
		t.Fatal("the nomination did not reach the office")
	}
	atts, _ := office.Attachments(got.ID, false)
	if len(atts) != 2 {
		t.Fatalf("office has %d attachments, want 2", len(atts))
	}
	before := dump(t, office)
	res, err := importFile(t, office, a, Decisions{Prefer: Theirs})
	if err != nil {
		t.Fatal(err)
	}
	olderItem(t, res.Plan, n.UUID)
	if atts, _ := office.Attachments(got.ID, false); len(atts) != 2 {
		t.Errorf("the older file left %d attachments, want 2", len(atts))
	}
	if dump(t, office) != before {
		t.Error("the older file changed the store")
	}
}

// stripAges rewrites an exchange file as an older program made it: no
// minor version, no sending copy, no per-record version or time.
func stripAges(t *testing.T, file string) string {
	t.Helper()
	pkg, err := Read(file)
	if err != nil {
		t.Fatal(err)
	}
	strip := func(list []Record) {
		for i := range list {
			list[i].Rev, list[i].ChangedAt = 0, ""
		}
	}
	strip(pkg.Records.Communities)
	strip(pkg.Records.Compounds)
	strip(pkg.Records.Orgs)
	raw, _ := json.Marshal(pkg.Records)
	if strings.Contains(string(raw), "changed_at") {
		t.Fatal("ages not stripped")
	}
	return jyx(t, map[string][]byte{recordsName: raw}, func(m *Manifest) {
		m.Sender = pkg.Manifest.Sender
		m.Sender.Copy = ""
	})
}

// A file from an older program carries no ages: it still imports, by the
// rules as before (so an older such file still changes the record), and
// the preview says that its age could not be told.
func TestFileWithoutAgesImportsAsBefore(t *testing.T) {
	office := demoStore(t)
	comm := communityFromOffice(t, office)
	c := setHouseholds(t, comm, 999)
	a := stripAges(t, export(t, comm, Options{}))
	setHouseholds(t, comm, 1000)
	b := export(t, comm, Options{})
	if _, err := importFile(t, office, b, Decisions{}); err != nil {
		t.Fatal(err)
	}
	res, err := importFile(t, office, a, Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Plan.AgeUnknown || !strings.Contains(res.Plan.Summary(), "无法判断") {
		t.Errorf("the plan does not say the age is unknown: %s", res.Plan.Summary())
	}
	if len(res.Plan.Older()) != 0 || households(t, office, c.UUID) != 999 {
		t.Errorf("a file without ages was judged by age: %s, %d households", res.Plan.Summary(), households(t, office, c.UUID))
	}
	// a current file says nothing of the kind
	res, err = importFile(t, office, b, Decisions{})
	if err != nil || res.Plan.AgeUnknown {
		t.Errorf("current file: %s, %v", res.Plan.Summary(), err)
	}
}

// An item is older only when its version and time both say so: a copy
// restored from a backup (lower versions at later times) or a clock put
// right (higher versions at earlier times) never has new changes taken for
// old ones.
func TestAgeOlderOnlyWhenVersionAndTimeAgree(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2026, 11, 26, 10, m, 0, 0, time.Local) }
	seen := age{Rev: 6, At: at(30)}
	for _, c := range []struct {
		name string
		in   age
		want bool
	}{
		{"earlier version, earlier time", age{5, at(20)}, true},
		{"earlier version, same second", age{5, at(30)}, true},
		{"same version, earlier time", age{6, at(20)}, true},
		{"the same", age{6, at(30)}, false},
		{"restored copy: lower version, later time", age{5, at(40)}, false},
		{"clock put right: higher version, earlier time", age{7, at(10)}, false},
		{"newer", age{7, at(40)}, false},
		{"unknown age", age{}, false},
	} {
		if got := c.in.olderThan(seen); got != c.want {
			t.Errorf("%s: older %v, want %v", c.name, got, c.want)
		}
	}
	if (age{5, at(20)}).olderThan(age{}) {
		t.Error("older than nothing taken in")
	}
}

// Both sides made the same change: the newer file is the same as here,
// nothing to import, yet it has ages to remember; importing it anyway takes
// them in, so the older file opened after it is still told as older.
func TestSameNewerFileStillTakesItsAgesIn(t *testing.T) {
	office := demoStore(t)
	comm := communityFromOffice(t, office)
	c := setHouseholds(t, comm, 999)
	a := export(t, comm, Options{})
	setHouseholds(t, comm, 1000)
	b := export(t, comm, Options{})
	setHouseholds(t, office, 1000)

	pkg, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Preview(office, pkg)
	if err != nil {
		t.Fatal(err)
	}
	if p.Count(Same) == 0 || p.Count(Changed)+p.Count(Added)+p.Count(Conflict) != 0 {
		t.Fatalf("newer file: %s", p.Summary())
	}
	if !p.NoOp() || !p.AgesToRemember() {
		t.Errorf("newer file the same here: nothing to import %v, ages to remember %v", p.NoOp(), p.AgesToRemember())
	}
	res, err := Apply(office, pkg, Decisions{})
	if err != nil || res.Written != 0 {
		t.Fatalf("newer file: written %d, %v", res.Written, err)
	}
	if p, err = Preview(office, pkg); err != nil || !p.NoOp() || p.AgesToRemember() {
		t.Errorf("the same file again: %v, %v", p.Summary(), err)
	}
	res, err = importFile(t, office, a, Decisions{Prefer: Theirs})
	if err != nil {
		t.Fatal(err)
	}
	olderItem(t, res.Plan, c.UUID)
	if got := households(t, office, c.UUID); got != 1000 {
		t.Errorf("the older file set 户数 to %d", got)
	}
}
