package records

import (
	"testing"

	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// conflictSetup opens 社区 in the window on one store and, through a second
// store on the same folder, has 王芳 change the secretary of the community
// the window has open; the window's clerk then changes its address.
func conflictSetup(t *testing.T) (*App, *recordsPage[data.Community], *data.Store, data.Community) {
	t.Helper()
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	p := openPage[*recordsPage[data.Community]](t, a, "社区")
	opened := *p.tbl.Row(0)
	p.Show(opened.ID)

	other, err := data.Open(st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	other.Operator = "王芳"
	theirs, _ := other.Community(opened.ID)
	theirs.Secretary = "王芳芳"
	if err := other.SaveCommunity(&theirs); err != nil {
		t.Fatal(err)
	}
	field[*widget.Entry](t, p.form, "Address").SetText("滨江路 99 号")
	pressShortcut(a, shortcutSave)
	return a, p, st, opened
}

func TestConflictingSaveShowsBothSidesAndMergesTheChosenFields(t *testing.T) {
	a, p, st, opened := conflictSetup(t)
	v := p.conflictView
	if v == nil {
		t.Fatal("the refused save opened no dialog")
	}
	if got, _ := st.Community(opened.ID); got.Address != opened.Address || got.Secretary != "王芳芳" {
		t.Fatalf("the refused save wrote: %+v", got)
	}
	if p.editing.Address != "滨江路 99 号" {
		t.Error("the clerk's typed address left the form before they chose")
	}
	for _, want := range []string{"对方保存的", "我的修改", "王芳芳", opened.Secretary, "滨江路 99 号", opened.Address, "王芳", "按所选合并"} {
		if !showsText(a, want) {
			t.Errorf("the dialog does not show %q", want)
		}
	}
	chosen := map[string]string{}
	for i, c := range v.changes {
		chosen[c.Field] = v.choice[i].Selected
	}
	if chosen["Secretary"] != takeTheirs || chosen["Address"] != takeMine || len(chosen) != 2 {
		t.Fatalf("choices start as %v; want the secretary theirs and the address mine", chosen)
	}
	tapButton(t, a, "按所选合并")

	got, _ := st.Community(opened.ID)
	if got.Secretary != "王芳芳" || got.Address != "滨江路 99 号" {
		t.Errorf("merged record stored as secretary %q, address %q", got.Secretary, got.Address)
	}
	if p.conflictView != nil || p.editing.Version != got.Version || p.editing.Secretary != "王芳芳" {
		t.Errorf("the form after merging: %+v (stored version %d)", *p.editing, got.Version)
	}
}

func TestConflictKeepMineAndKeepTheirs(t *testing.T) {
	a, p, st, opened := conflictSetup(t)
	tapButton(t, a, "保留我的")
	got, _ := st.Community(opened.ID)
	if got.Secretary != opened.Secretary || got.Address != "滨江路 99 号" {
		t.Errorf("保留我的 stored secretary %q, address %q", got.Secretary, got.Address)
	}

	a, p, st, opened = conflictSetup(t)
	tapButton(t, a, "保留对方的")
	got, _ = st.Community(opened.ID)
	if got.Secretary != "王芳芳" || got.Address != opened.Address {
		t.Errorf("保留对方的 changed the stored record: %+v", got)
	}
	if p.editing.Secretary != "王芳芳" || p.editing.Address != opened.Address || p.form.Dirty() {
		t.Errorf("保留对方的 left the form at %q / %q", p.editing.Secretary, p.editing.Address)
	}
}
