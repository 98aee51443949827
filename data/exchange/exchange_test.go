package exchange

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"jiayuan/data"
	"jiayuan/data/storetest"
)

func openStore(t testing.TB) *data.Store {
	t.Helper()
	st := storetest.Open(t)
	st.Operator = "测试员"
	st.SetClock(func() time.Time { return time.Date(2026, 11, 26, 10, 0, 0, 0, time.Local) })
	return st
}

func demoStore(t testing.TB) *data.Store {
	t.Helper()
	st := openStore(t)
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	return st
}

// records renders a store's live records as exchange records, sorted by UUID.
func records(t *testing.T, st *data.Store) []Record {
	t.Helper()
	loc, err := loadLocal(st.ExchangeSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	var out []Record
	for _, e := range entities {
		for _, l := range loc.list[e] {
			r := l.rec
			r.UpdatedAt = ""
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UUID < out[j].UUID })
	return out
}

// dump renders every row of every table, to show that nothing changed.
func dump(t *testing.T, st *data.Store) string {
	t.Helper()
	var tables []string
	if err := func() (err error) { tables, err = storetest.Raw(t, st).Tables(); return }(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, tbl := range tables {
		rows, err := storetest.Raw(t, st).Queryx(`SELECT * FROM "` + tbl + `" ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			v, _ := rows.SliceScan()
			for i := range v {
				if bs, ok := v[i].([]byte); ok {
					v[i] = string(bs)
				}
			}
			fmt.Fprintf(&b, "%s %v\n", tbl, v)
		}
		rows.Close()
	}
	return b.String()
}

func export(t testing.TB, st *data.Store, opt Options) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "交换.jyx")
	if _, err := Export(st, p, opt); err != nil {
		t.Fatal(err)
	}
	return p
}

func importFile(t testing.TB, st *data.Store, path string, dec Decisions) (Result, error) {
	t.Helper()
	pkg, err := Read(path)
	if err != nil {
		return Result{}, err
	}
	return Apply(st, pkg, dec)
}

func TestExportImportIntoEmptyStoreThenSecondImportIsNoOp(t *testing.T) {
	src := demoStore(t)
	file := export(t, src, Options{})
	dst := openStore(t)

	pkg, err := Read(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Preview(dst, pkg)
	if err != nil {
		t.Fatal(err)
	}
	want := records(t, src)
	if len(pkg.Rounds) == 0 {
		t.Fatal("the office's open round is not in its file")
	}
	if p.Count(Added) != len(want)+len(pkg.Rounds) || len(p.Invalid) != 0 || p.NoOp() {
		t.Fatalf("preview: %s, invalid %v", p.Summary(), p.Invalid)
	}
	if len(records(t, dst)) != 0 {
		t.Fatal("preview wrote records")
	}
	res, err := Apply(dst, pkg, Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != len(want)+len(pkg.Rounds) {
		t.Errorf("written %d, want %d", res.Written, len(want)+len(pkg.Rounds))
	}
	if got := records(t, dst); !reflect.DeepEqual(got, want) {
		t.Errorf("imported records differ from exported:\n got %v\nwant %v", got, want)
	}

	before := dump(t, dst)
	p2, err := Preview(dst, pkg)
	if err != nil {
		t.Fatal(err)
	}
	if !p2.NoOp() || p2.Count(Same) != len(want)+len(pkg.Rounds) {
		t.Errorf("second preview: %s", p2.Summary())
	}
	res, err = Apply(dst, pkg, Decisions{})
	if err != nil || res.Written != 0 {
		t.Fatalf("second import: written %d, %v", res.Written, err)
	}
	if dump(t, dst) != before {
		t.Error("second import changed the store")
	}
	// and the records go back unchanged: exporting from dst gives the same records
	back := openStore(t)
	if _, err := importFile(t, back, export(t, dst, Options{}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(records(t, back), want) {
		t.Error("round trip through a second store changed records")
	}
}

// communityStore is a community's own install: its 滨江社区 with a
// compound and a branch, made independently of the office's records.
func communityStore(t *testing.T) *data.Store {
	t.Helper()
	st := openStore(t)
	c := &data.Community{Name: "滨江社区", Households: data.Exact(13000), Secretary: "社区填写的书记"}
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	x := &data.Compound{CommunityID: c.ID, Name: "南湖尚景小区", Kind: "商品房", Households: data.Exact(2100)}
	if err := st.SaveCompound(x); err != nil {
		t.Fatal(err)
	}
	y := &data.Compound{CommunityID: c.ID, Name: "社区新报小区"}
	if err := st.SaveCompound(y); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleCommunity, CommunityUUID: c.UUID}); err != nil {
		t.Fatal(err)
	}
	return st
}

func find(t *testing.T, st *data.Store, entity, name string) Record {
	t.Helper()
	for _, r := range records(t, st) {
		if r.Fields["name"] == name {
			loc, _ := loadLocal(st.ExchangeSnapshot())
			if loc.byUUID[entity][r.UUID] != nil {
				return r
			}
		}
	}
	t.Fatalf("no %s %s", entity, name)
	return Record{}
}

func TestFirstMeetingLinksByNameOnlyWhenConfirmed(t *testing.T) {
	office := demoStore(t)
	comm := communityStore(t)
	file := export(t, comm, Options{})
	officeBinjiang := find(t, office, data.EntityCommunity, "滨江社区")
	commBinjiang := find(t, comm, data.EntityCommunity, "滨江社区")
	if officeBinjiang.UUID == commBinjiang.UUID {
		t.Fatal("setup: same UUID")
	}

	before := dump(t, office)
	_, err := importFile(t, office, file, Decisions{Prefer: Theirs})
	var und *UndecidedError
	if !errors.As(err, &und) || len(und.Links) != 2 {
		t.Fatalf("without link-by-name: %v, want the two name matches listed", err)
	}
	if !strings.Contains(err.Error(), "滨江社区") || !strings.Contains(err.Error(), "南湖尚景小区") {
		t.Errorf("message does not list the matches: %v", err)
	}
	if dump(t, office) != before {
		t.Fatal("a stopped import changed the store")
	}

	// linked, but the values differ and there is no history: conflicts, decided by the clerk
	_, err = importFile(t, office, file, Decisions{LinkByName: true})
	if !errors.As(err, &und) || len(und.Conflicts) != 2 || len(und.Links) != 0 {
		t.Fatalf("linked without a choice: %v", err)
	}
	if dump(t, office) != before {
		t.Fatal("a stopped import changed the store")
	}
	res, err := importFile(t, office, file, Decisions{LinkByName: true, Prefer: Theirs})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Plan.Count(Added); n != 1 {
		t.Errorf("added %d, want 1 (社区新报小区)", n)
	}
	got := find(t, office, data.EntityCommunity, "滨江社区")
	if got.UUID != commBinjiang.UUID {
		t.Errorf("office's 滨江社区 has UUID %s, want the community's %s", got.UUID, commBinjiang.UUID)
	}
	if got.Fields["secretary"] != "社区填写的书记" || got.Fields["households"] != "13000" {
		t.Errorf("theirs not applied: %v", got.Fields)
	}
	cs, _ := office.Communities()
	n := 0
	for _, c := range cs {
		if c.Name == "滨江社区" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d records named 滨江社区 after linking, want 1", n)
	}
	// the office's other data under 滨江社区 (its orgs) still hang on it
	orgs, _ := office.Orgs(0)
	for _, o := range orgs {
		if o.CommunityName == "" {
			t.Errorf("org %s lost its community", o.Name)
		}
	}

	// again: nothing to do
	before = dump(t, office)
	res, err = importFile(t, office, file, Decisions{})
	if err != nil || res.Written != 0 || dump(t, office) != before {
		t.Fatalf("second import: %v, written %d", err, res.Written)
	}
	// a file made before the link, with the office's old UUID, still matches through the alias
	var p *Plan
	err = office.Write(func(tx *data.Tx) error {
		var err error
		p, err = plan(tx, &Package{Records: Records{Communities: []Record{officeBinjiang}}})
		if err != nil {
			return err
		}
		return errDryRun
	})
	if !errors.Is(err, errDryRun) {
		t.Fatal(err)
	}
	if p.Items[0].Linked || p.Items[0].Status == Added {
		t.Errorf("old UUID not resolved through the alias: %+v", p.Items[0])
	}

	// the office's file back to the community: same UUIDs now, no name matching needed
	back := export(t, office, Options{Community: "滨江社区"})
	res, err = importFile(t, comm, back, Decisions{Prefer: Theirs})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Plan.Links()) != 0 {
		t.Errorf("names matched again on the way back: %d", len(res.Plan.Links()))
	}
	set, _ := comm.Settings()
	if set.CommunityUUID != commBinjiang.UUID {
		t.Errorf("community's own UUID changed")
	}
}

func TestChangesOursNewerAndConflicts(t *testing.T) {
	office := demoStore(t)
	comm := openStore(t)
	if _, err := importFile(t, comm, export(t, office, Options{Community: "滨江社区"}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	// the office learns the community's version (identical) once
	if _, err := importFile(t, office, export(t, comm, Options{}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	xs, _ := comm.Compounds(0)
	if len(xs) < 1 {
		t.Fatal("setup: no compounds")
	}
	edit := func(st *data.Store, name, notes string) {
		t.Helper()
		xs, _ := st.Compounds(0)
		for _, x := range xs {
			if x.Name == name {
				x.Notes = notes
				if err := st.SaveCompound(&x); err != nil {
					t.Fatal(err)
				}
				return
			}
		}
		t.Fatalf("no compound %s", name)
	}
	cs, _ := comm.Communities()
	c := cs[0]
	c.Notes = "社区改的"
	if err := comm.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	edit(office, xs[0].Name, "街道改的")
	ocs, _ := office.Communities()
	for _, oc := range ocs {
		if oc.Name == c.Name {
			oc.Notes = "街道也改了"
			if err := office.SaveCommunity(&oc); err != nil {
				t.Fatal(err)
			}
		}
	}
	file := export(t, comm, Options{})

	pkg, _ := Read(file)
	p, err := Preview(office, pkg)
	if err != nil {
		t.Fatal(err)
	}
	if p.Count(Conflict) != 1 || p.Count(OursNewer) != 1 || p.Count(Changed) != 0 {
		t.Fatalf("preview: %s", p.Summary())
	}
	cf := p.Filter(Conflict)[0]
	if len(cf.Diffs) != 1 || cf.Diffs[0].Ours != "街道也改了" || cf.Diffs[0].Theirs != "社区改的" || cf.Diffs[0].Label != "备注" {
		t.Errorf("conflict diff = %+v", cf.Diffs)
	}
	before := dump(t, office)
	if _, err := Apply(office, pkg, Decisions{}); err == nil {
		t.Fatal("undecided conflict imported")
	}
	if dump(t, office) != before {
		t.Fatal("stopped import changed the store")
	}
	if _, err := Apply(office, pkg, Decisions{Choices: map[string]string{cf.Key(): Ours}}); err != nil {
		t.Fatal(err)
	}
	for _, oc := range mustCommunities(t, office) {
		if oc.Name == c.Name && oc.Notes != "街道也改了" {
			t.Errorf("ours not kept: %q", oc.Notes)
		}
	}
	// the same file again: the decided conflict is not asked again
	before = dump(t, office)
	if res, err := Apply(office, pkg, Decisions{}); err != nil || res.Written != 0 {
		t.Fatalf("re-import: %v", err)
	}
	if dump(t, office) != before {
		t.Error("re-import changed the store")
	}
	// a later change on their side only is applied
	c.Households = data.Exact(99)
	if err := comm.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	pkg, _ = Read(export(t, comm, Options{}))
	p, _ = Preview(office, pkg)
	if p.Count(Conflict) != 1 {
		// both sides differ from the base on notes still: a conflict again
		t.Logf("preview: %s", p.Summary())
	}
}

func mustCommunities(t *testing.T, st *data.Store) []data.Community {
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestChangeOnTheirSideOnlyIsApplied(t *testing.T) {
	office := demoStore(t)
	comm := openStore(t)
	if _, err := importFile(t, comm, export(t, office, Options{Community: "龙河社区"}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := importFile(t, office, export(t, comm, Options{}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	c := mustCommunities(t, comm)[0]
	c.Population = data.About(150000)
	if err := comm.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	res, err := importFile(t, office, export(t, comm, Options{}), Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Count(Changed) != 1 || res.Written != 1 {
		t.Fatalf("plan: %s", res.Plan.Summary())
	}
	it := res.Plan.Filter(Changed)[0]
	if it.Diffs[0].Theirs != "15万余" {
		t.Errorf("diff shown as %+v", it.Diffs)
	}
	for _, oc := range mustCommunities(t, office) {
		if oc.Name == "龙河社区" && oc.Population != data.About(150000) {
			t.Errorf("population = %v", oc.Population)
		}
	}
	log, _ := office.AuditLog(data.AuditFilter{Entity: data.EntityExchange})
	if len(log) != 1 {
		t.Errorf("%d exchange audit rows, want 1", len(log))
	}
}

// jyx builds an exchange file from entries, with a manifest listing them
// (edit may change the manifest before it is written).
func jyx(t *testing.T, entries map[string][]byte, edit func(m *Manifest)) string {
	t.Helper()
	m := Manifest{Format: FormatName, Version: Version, Created: "2026-11-26T10:00:00+08:00"}
	var names []string
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		sum := sha256.Sum256(entries[n])
		m.Files = append(m.Files, data.ArchiveFile{Name: n, Size: int64(len(entries[n])), SHA256: hex.EncodeToString(sum[:])})
	}
	if edit != nil {
		edit(&m)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(entries[n])
	}
	mj, _ := json.Marshal(m)
	w, _ := zw.Create(manifestName)
	w.Write(mj)
	zw.Close()
	p := filepath.Join(t.TempDir(), "hostile.jyx")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

func recordsJSON(t *testing.T, r Records) []byte {
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lyingZip holds one entry whose header declares size bytes while it
// inflates to far more: a zip bomb that lies about itself.
func lyingZip(t *testing.T, m Manifest, declared uint64, real int) string {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	payload := bytes.Repeat([]byte{'['}, real)
	fw.Write(payload)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: recordsName, Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(payload[:declared]), CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	m.Files = []data.ArchiveFile{{Name: recordsName, Size: int64(declared), SHA256: strings.Repeat("0", 64)}}
	mj, _ := json.Marshal(m)
	mw, _ := zw.Create(manifestName)
	mw.Write(mj)
	zw.Close()
	p := filepath.Join(t.TempDir(), "bomb.jyx")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

func TestHostileFilesRefusedWithoutChange(t *testing.T) {
	src := demoStore(t)
	good := export(t, src, Options{})
	raw, _ := os.ReadFile(good)
	pkg, err := Read(good)
	if err != nil {
		t.Fatal(err)
	}
	recs := recordsJSON(t, pkg.Records)
	tmp := t.TempDir()
	bad := func(name string, b []byte) string {
		p := filepath.Join(tmp, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	invalid := pkg.Records
	invalid.Communities = append([]Record(nil), invalid.Communities...)
	c0 := invalid.Communities[0]
	c0.Fields = map[string]string{}
	for k, v := range pkg.Records.Communities[0].Fields {
		c0.Fields[k] = v
	}
	c0.Fields["division_code"] = "12345"
	invalid.Communities[0] = c0
	dupUUID := pkg.Records
	dupUUID.Compounds = append([]Record{dupUUID.Communities[0]}, dupUUID.Compounds...)
	orphan := Records{Compounds: []Record{{UUID: data.NewUUID(), Community: data.NewUUID(), Fields: map[string]string{"name": "无主小区"}}}}

	oldLimits := Limits
	t.Cleanup(func() { Limits = oldLimits })
	cases := []struct {
		name   string
		path   string
		limits *data.ArchiveLimits
		want   string
	}{
		{"unknown version", jyx(t, map[string][]byte{recordsName: recs}, func(m *Manifest) { m.Version = 99 }), nil, "格式版本 99"},
		{"other format", jyx(t, map[string][]byte{recordsName: recs}, func(m *Manifest) { m.Format = "x" }), nil, "不是家园的交换文件"},
		{"checksum mismatch", jyx(t, map[string][]byte{recordsName: recs}, func(m *Manifest) { m.Files[0].SHA256 = strings.Repeat("ab", 32) }), nil, "校验值"},
		{"truncated", bad("truncated.jyx", raw[:len(raw)-40]), nil, "不完整"},
		{"truncated half", bad("half.jyx", raw[:len(raw)/2]), nil, "不完整"},
		{"empty file", bad("empty.jyx", nil), nil, "不完整"},
		{"absolute path", jyx(t, map[string][]byte{recordsName: recs, "/etc/cron.d/x": []byte("x")}, nil), nil, "绝对路径"},
		{"dot-dot path", jyx(t, map[string][]byte{recordsName: recs, "../../x": []byte("x")}, nil), nil, "“..”"},
		{"windows path", jyx(t, map[string][]byte{recordsName: recs, `..\x`: []byte("x")}, nil), nil, "绝对路径"},
		{"unlisted entry", jyx(t, map[string][]byte{recordsName: recs}, func(m *Manifest) { m.Files = nil }), nil, "不在清单"},
		{"missing manifest", bad("nomanifest.jyx", func() []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			w, _ := zw.Create(recordsName)
			w.Write(recs)
			zw.Close()
			return b.Bytes()
		}()), nil, "缺少清单"},
		{"entry beyond limit", good, &data.ArchiveLimits{MaxEntries: 10, MaxEntry: int64(len(recs)) - 1, MaxTotal: 1 << 30}, "超过单个文件上限"},
		{"whole beyond limit", good, &data.ArchiveLimits{MaxEntries: 10, MaxEntry: 1 << 30, MaxTotal: int64(len(recs))}, "总量上限"},
		{"too many entries", good, &data.ArchiveLimits{MaxEntries: 1, MaxEntry: 1 << 30, MaxTotal: 1 << 30}, "超过上限"},
		{"bomb lying about its size", lyingZip(t, Manifest{Format: FormatName, Version: Version}, 100, 50<<20), nil, "已损坏"},
		{"invalid record", jyx(t, map[string][]byte{recordsName: recordsJSON(t, invalid)}, nil), nil, "区划代码"},
		{"duplicate uuid", jyx(t, map[string][]byte{recordsName: recordsJSON(t, dupUUID)}, nil), nil, "UUID 重复"},
		{"unknown parent", jyx(t, map[string][]byte{recordsName: recordsJSON(t, orphan)}, nil), nil, "不在本机也不在文件中"},
		{"not json", jyx(t, map[string][]byte{recordsName: []byte("{")}, nil), nil, "无法读取"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			Limits = oldLimits
			if c.limits != nil {
				Limits = *c.limits
			}
			dst := demoStore(t)
			before := dump(t, dst)
			_, err := importFile(t, dst, c.path, Decisions{LinkByName: true, Prefer: Theirs})
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want ErrRefused containing %q", err, c.want)
			}
			if dump(t, dst) != before {
				t.Error("a refused file changed the store")
			}
		})
	}
}

func TestLinkAtTheCommunityAdoptsTheOfficesUUIDInSettings(t *testing.T) {
	office := demoStore(t)
	comm := communityStore(t)
	set, _ := comm.Settings()
	old := set.CommunityUUID
	if _, err := importFile(t, comm, export(t, office, Options{Community: "滨江社区"}), Decisions{LinkByName: true, Prefer: Theirs}); err != nil {
		t.Fatal(err)
	}
	want := find(t, office, data.EntityCommunity, "滨江社区").UUID
	set, _ = comm.Settings()
	if set.CommunityUUID != want || set.CommunityUUID == old {
		t.Errorf("community's own UUID = %s, want the office's %s", set.CommunityUUID, want)
	}
	// its own compounds not known to the office are kept
	xs, _ := comm.Compounds(0)
	names := map[string]bool{}
	for _, x := range xs {
		names[x.Name] = true
	}
	if !names["社区新报小区"] || !names["南湖尚景小区"] {
		t.Errorf("compounds after linking: %v", names)
	}
	// and the next file from the community matches the office by UUID only
	res, err := importFile(t, office, export(t, comm, Options{}), Decisions{Prefer: Ours})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Plan.Links()) != 0 {
		t.Errorf("names matched again: %d", len(res.Plan.Links()))
	}
}

func TestEditOnTopOfTheReceivedVersionIsAChange(t *testing.T) {
	office := demoStore(t)
	comm := openStore(t)
	if _, err := importFile(t, comm, export(t, office, Options{Community: "龙河社区"}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	c := mustCommunities(t, comm)[0]
	c.Notes = "社区补充的备注"
	if err := comm.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	// the office never imported from this community, but the change was made
	// on top of the version it sent: a change, not a conflict
	res, err := importFile(t, office, export(t, comm, Options{}), Decisions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Plan.Count(Changed) != 1 || res.Plan.Count(Conflict) != 0 {
		t.Fatalf("plan: %s", res.Plan.Summary())
	}

	// the office edits and exports, but the file never arrives; the community
	// edits its older version: both changed since the last exchange, a conflict
	for _, oc := range mustCommunities(t, office) {
		if oc.Name == "龙河社区" {
			oc.Grids = data.Exact(30)
			if err := office.SaveCommunity(&oc); err != nil {
				t.Fatal(err)
			}
		}
	}
	export(t, office, Options{Community: "龙河社区"}) // not delivered
	c = mustCommunities(t, comm)[0]
	c.Grids = data.Exact(31)
	if err := comm.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	pkg, _ := Read(export(t, comm, Options{}))
	p, err := Preview(office, pkg)
	if err != nil {
		t.Fatal(err)
	}
	if p.Count(Conflict) != 1 {
		t.Errorf("plan: %s", p.Summary())
	}
}

// An exchange file named like the data folder's database would replace it;
// export refuses and the store stays as it was.
func TestExportRefusesTheDatabaseFile(t *testing.T) {
	st := demoStore(t)
	before := dump(t, st)
	for _, p := range []string{filepath.Join(st.Dir(), data.DBFile), filepath.Join(st.Dir(), data.AttachmentsDir, "x.jyx")} {
		if _, err := Export(st, p, Options{}); err == nil {
			t.Errorf("Export to %s accepted", p)
		}
	}
	if err := data.Check(st.Dir()); err != nil {
		t.Fatal(err)
	}
	if dump(t, st) != before {
		t.Error("a refused export changed the store")
	}
}

// A community that fails validation refuses the file; its compounds are
// listed as depending on it, not as pointing at nothing, and the
// community's own message names it once.
func TestInvalidParentNamedInItsChildrensRefusal(t *testing.T) {
	pkg, err := Read(export(t, demoStore(t), Options{}))
	if err != nil {
		t.Fatal(err)
	}
	recs := pkg.Records
	c0 := recs.Communities[0]
	c0.Fields = map[string]string{}
	for k, v := range pkg.Records.Communities[0].Fields {
		c0.Fields[k] = v
	}
	c0.Fields["division_code"] = "12"
	recs.Communities = append([]Record{c0}, recs.Communities[1:]...)
	dst := openStore(t)
	_, err = importFile(t, dst, jyx(t, map[string][]byte{recordsName: recordsJSON(t, recs)}, nil), Decisions{})
	var ie *InvalidError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want *InvalidError", err)
	}
	name := c0.Fields["name"]
	children := 0
	for _, m := range ie.Msgs {
		if strings.Contains(m, "不在本机也不在文件中") {
			t.Errorf("a child of the refused community said to point at nothing: %s", m)
		}
		if strings.Contains(m, "引用的社区“"+name+"”未能导入") {
			children++
		}
		if strings.Count(m, "社区“"+name+"”：") > 1 {
			t.Errorf("record named twice: %s", m)
		}
	}
	if children == 0 {
		t.Errorf("no child names the refused community: %q", ie.Msgs)
	}
}
