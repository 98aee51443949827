package admin

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/exchange"
)

// ageFiles sets up an office and a community that exchanged once, then has
// the community write two files: older (户数 999) and, after it, newer
// (户数 1000). When same, the office has made the newer change itself, so
// the newer file has nothing to import.
func ageFiles(t *testing.T, same bool) (office *data.Store, older, newer string) {
	t.Helper()
	office = newTestStore(t, true)
	comm := newTestStore(t, false)
	dir := t.TempDir()
	toComm := filepath.Join(dir, "给滨江社区.jyx")
	if _, err := exchange.Export(office, toComm, exchange.Options{Community: "滨江社区"}); err != nil {
		t.Fatal(err)
	}
	pkg, err := exchange.Read(toComm)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Apply(comm, pkg, exchange.Decisions{}); err != nil {
		t.Fatal(err)
	}
	older, newer = filepath.Join(dir, "早.jyx"), filepath.Join(dir, "晚.jyx")
	setHouseholds(t, comm, 999)
	if _, err := exchange.Export(comm, older, exchange.Options{}); err != nil {
		t.Fatal(err)
	}
	setHouseholds(t, comm, 1000)
	if _, err := exchange.Export(comm, newer, exchange.Options{}); err != nil {
		t.Fatal(err)
	}
	if same {
		setHouseholds(t, office, 1000)
	}
	return office, older, newer
}

// setHouseholds sets 滨江社区's 户数 in st (n > 0) and returns it.
func setHouseholds(t *testing.T, st *data.Store, n int64) int64 {
	t.Helper()
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Name != "滨江社区" {
			continue
		}
		if n > 0 {
			c.Households = data.Count{N: n, Set: true}
			if err := st.SaveCommunity(&c); err != nil {
				t.Fatal(err)
			}
		}
		return c.Households.N
	}
	t.Fatal("no 滨江社区")
	return 0
}

// importButton is the preview's 导入 button, nil when none is offered.
func importButton(x *exchangeView) *widget.Button {
	var found *widget.Button
	walk(x.preview, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "导入" {
			found = b
		}
	})
	return found
}

func auditCount(t *testing.T, st *data.Store) int {
	t.Helper()
	es, err := st.AuditLog(data.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// The community's older file, opened at the office after its newer one was
// imported through the window, is listed in its own section with the reason
// and not under 本机较新; nothing is offered for import and 户数 stays.
func TestExchangeOlderFileIsListedAsOlderAndChangesNothing(t *testing.T) {
	office, older, newer := ageFiles(t, false)
	a := newTestApp(t, office)
	x := &exchangeView{a: a}
	x.content()
	x.load(newer)
	b := importButton(x)
	if b == nil {
		t.Fatalf("newer file not offered for import: %v", within(x.preview))
	}
	test.Tap(b)
	eventually(t, "newer file imported", func() bool { return setHouseholds(t, office, 0) == 1000 })
	dismissDialogs(a)
	before := auditCount(t, office)

	x.load(older)
	for _, want := range []string{"文件较旧，未采用（1）", "社区“滨江社区”", "较旧的不再采用，本机保持不变", "户数"} {
		if !hasText(x.preview, want) {
			t.Errorf("preview does not show %q: %v", want, within(x.preview))
		}
	}
	if hasText(x.preview, "本机较新，保留本机（") {
		t.Errorf("the older record is also listed as 本机较新: %v", within(x.preview))
	}
	if b := importButton(x); b != nil {
		test.Tap(b)
		a.Wait()
	}
	if n := setHouseholds(t, office, 0); n != 1000 {
		t.Errorf("the older file set 户数 to %d", n)
	}
	if n := auditCount(t, office); n != before {
		t.Errorf("the older file wrote %d audit rows", n-before)
	}
}

// A newer file with nothing to import (the office made the same change) is
// imported all the same for its ages: the older file opened after it is
// then told as older, not offered as a conflict that could take 户数 back.
func TestExchangeNothingToImportStillRemembersAges(t *testing.T) {
	office, older, newer := ageFiles(t, true)
	a := newTestApp(t, office)
	x := &exchangeView{a: a}
	x.content()
	x.load(newer)
	a.Wait()
	if !hasText(x.preview, "没有需要导入的内容") || importButton(x) != nil {
		t.Fatalf("newer file not shown as nothing to import: %v", within(x.preview))
	}
	if !strings.Contains(a.Status.Text, "已记下") {
		t.Errorf("status does not say the ages were kept: %q", a.Status.Text)
	}
	x.load(older)
	if !hasText(x.preview, "文件较旧，未采用（1）") || hasText(x.preview, "冲突（") {
		t.Errorf("older file after a same newer one not told as older: %v", within(x.preview))
	}
	if n := setHouseholds(t, office, 0); n != 1000 {
		t.Errorf("户数 changed to %d", n)
	}
}

// A file from an older program cannot tell its records' ages: the preview
// warns, in a line of its own, that they are compared by content.
func TestExchangePreviewWarnsWhenAgesAreUnknown(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	x := &exchangeView{a: a}
	x.content()
	show := func(unknown bool) (warned bool) {
		x.show(&exchange.Package{Path: "旧版.jyx"}, &exchange.Plan{AgeUnknown: unknown})
		walk(x.preview, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Importance == widget.WarningImportance &&
				strings.Contains(l.Text, "无法判断") && strings.Contains(l.Text, "按内容") {
				warned = true
			}
		})
		return warned
	}
	if !show(true) {
		t.Errorf("no warning that the file's age cannot be told: %v", within(x.preview))
	}
	if show(false) {
		t.Error("the warning is shown for a file with ages")
	}
}
