package admin

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/exchange"
	"jiayuan/ui/internal/uitest"
)

// within, hasText and eventually are uitest's, under the names these tests use.
func within(o fyne.CanvasObject) []string           { return uitest.Within(o) }
func hasText(o fyne.CanvasObject, want string) bool { return uitest.HasText(o, want) }
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	uitest.Eventually(t, what, cond)
}

func TestExchangePreviewShowsConflictSideBySideAndClerkDecides(t *testing.T) {
	office := newTestStore(t, true)
	comm := newTestStore(t, false)
	file := filepath.Join(t.TempDir(), "滨江社区.jyx")
	if _, err := exchange.Export(office, file, exchange.Options{Community: "滨江社区"}); err != nil {
		t.Fatal(err)
	}
	pkg, _ := exchange.Read(file)
	if _, err := exchange.Apply(comm, pkg, exchange.Decisions{}); err != nil {
		t.Fatal(err)
	}
	// both sides edit the same record
	edit := func(st *data.Store, notes string) {
		cs, _ := st.Communities()
		for _, c := range cs {
			if c.Name == "滨江社区" {
				c.Notes = notes
				if err := st.SaveCommunity(&c); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	edit(comm, "社区写的备注")
	edit(office, "街道写的备注")
	back := filepath.Join(t.TempDir(), "回传.jyx")
	if _, err := exchange.Export(comm, back, exchange.Options{}); err != nil {
		t.Fatal(err)
	}

	x, a := previewFile(t, office, back)
	for _, want := range []string{"冲突（1）", "社区“滨江社区”", "街道写的备注", "社区写的备注", "本机", "对方（文件）"} {
		if !hasText(x.preview, want) {
			t.Errorf("preview does not show %q: %v", want, within(x.preview))
		}
	}
	var radio *widget.RadioGroup
	var importBtn *widget.Button
	walk(x.preview, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.RadioGroup:
			radio = w
		case *widget.Button:
			if w.Text == "导入" {
				importBtn = w
			}
		}
	})
	if radio == nil || importBtn == nil {
		t.Fatal("no choice or no import button")
	}
	// undecided: refused, nothing written
	test.Tap(importBtn)
	if !showsText(a, "还没有决定") {
		t.Error("undecided conflict not reported")
	}
	radio.SetSelected(takeTheirs)
	test.Tap(importBtn)
	eventually(t, "import applied", func() bool {
		cs, _ := office.Communities()
		for _, c := range cs {
			if c.Name == "滨江社区" {
				return c.Notes == "社区写的备注"
			}
		}
		return false
	})
}

func TestExchangePreviewRefusesInvalidRecords(t *testing.T) {
	office := newTestStore(t, true)
	a := newTestApp(t, office)
	x := &exchangeView{a: a}
	x.content()
	plan := &exchange.Plan{Invalid: []string{"社区“甲”：区划代码：应为 12 位数字"}}
	x.show(&exchange.Package{Path: "x.jyx"}, plan)
	offered := false
	walk(x.preview, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "导入" {
			offered = true
		}
	})
	if !hasText(x.preview, "不能导入") || !hasText(x.preview, "区划代码") || offered {
		t.Errorf("invalid file offered for import: %v", within(x.preview))
	}
}

func TestBackupPanelListsBackups(t *testing.T) {
	st := newTestStore(t, true)
	if _, err := st.AutoBackup(); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	p := backupPanel(a)
	var list *widget.List
	walk(p, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok {
			list = l
		}
	})
	if list == nil || list.Length() != 1 {
		t.Fatalf("backup list = %v", list)
	}
	if !hasText(p, "备份到文件") || !hasText(p, "从备份文件恢复") {
		t.Error("manual backup and restore not offered")
	}
}

func TestExchangePreviewShowsDeletionsAndRefusedOnes(t *testing.T) {
	office := newTestStore(t, true)
	comm := newTestStore(t, false)
	file := filepath.Join(t.TempDir(), "滨江社区.jyx")
	if _, err := exchange.Export(office, file, exchange.Options{Community: "滨江社区"}); err != nil {
		t.Fatal(err)
	}
	pkg, _ := exchange.Read(file)
	if _, err := exchange.Apply(comm, pkg, exchange.Decisions{}); err != nil {
		t.Fatal(err)
	}
	// the community deletes two compounds; the office holds a nomination of one
	xs, _ := comm.Compounds(0)
	for _, x := range xs {
		if x.Name == "河池院落" || x.Name == "滨河安置小区" {
			if err := comm.Delete(data.EntityCompound, x.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	back := filepath.Join(t.TempDir(), "回传.jyx")
	if _, err := exchange.Export(comm, back, exchange.Options{}); err != nil {
		t.Fatal(err)
	}
	x, a := previewFile(t, office, back)
	for _, want := range []string{"对方已删除，将移到本机回收站（1）", "小区“河池院落”", "本机不能照办", "小区“滨河安置小区”",
		"申报“2022年滨河安置小区”"} {
		if !hasText(x.preview, want) {
			t.Errorf("preview does not show %q: %v", want, within(x.preview))
		}
	}
	importBtn := importButton(x)
	if importBtn == nil {
		t.Fatal("no import button")
	}
	test.Tap(importBtn)
	inBin := func(name string) bool {
		bin, _ := office.RecycleBin()
		for _, d := range bin {
			if d.Name == name {
				return true
			}
		}
		return false
	}
	eventually(t, "deletion imported", func() bool { return inBin("河池院落") })
	if inBin("滨河安置小区") {
		t.Error("a compound with a nomination was deleted")
	}
	eventually(t, "refusal reported after the import", func() bool { return showsText(a, "不能照办") })
}

// An exchange import whose records hold a character no print font has ends
// with the warning naming the record and the character (the records saved);
// a printable file ends with the plain message.
func TestExchangeImportWarnsUnprintable(t *testing.T) {
	office := newTestStore(t, false)
	for _, name := range []string{"滨江社区", "南湖𠀀社区"} {
		if err := office.SaveCommunity(&data.Community{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "全部.jyx")
	if _, err := exchange.Export(office, file, exchange.Options{}); err != nil {
		t.Fatal(err)
	}
	comm := newTestStore(t, false)
	x, a := previewFile(t, comm, file)
	importBtn := importButton(x)
	if importBtn == nil {
		t.Fatal("no import button")
	}
	test.Tap(importBtn)
	eventually(t, "the warning", func() bool { return showsText(a, "有字印不出") })
	for _, want := range []string{"社区“南湖𠀀社区”", "“𠀀”(U+20000)", "设置—打印"} {
		if !showsText(a, want) {
			t.Errorf("warning lacks %q", want)
		}
	}
	if showsText(a, "社区“滨江社区”：") {
		t.Error("warning names a printable record")
	}
	if cs, _ := comm.Communities(); len(cs) != 2 {
		t.Errorf("%d communities saved, want 2", len(cs))
	}
}

// previewFile is 交换文件 on st with file's preview shown, as the clerk's
// 选择交换文件并预览… leaves it.
func previewFile(t *testing.T, st *data.Store, file string) (*exchangeView, *App) {
	t.Helper()
	a := newTestApp(t, st)
	x := &exchangeView{a: a}
	x.content()
	x.load(file)
	return x, a
}
