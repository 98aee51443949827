package admin

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data/calendar"
)

func TestHolidayDialogAddsOverride(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	EditHolidays(a, nil)
	var date *widget.Entry
	for _, o := range a.win.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "如 2021-12-06" {
				date = e
			}
		})
	}
	if date == nil {
		t.Fatal("no date box")
	}
	test.Type(date, "2090-01-03")
	tapButton(t, a, "添加")
	hs, _ := st.Holidays()
	if len(hs) != 1 || hs[0].Date != "2090-01-03" || hs[0].Work {
		t.Fatalf("overrides %+v", hs)
	}
}

func TestHolidayLinesGroupRuns(t *testing.T) {
	lines := holidayLines(calendar.OfficialDays(2021))
	for _, want := range []string{
		"国庆节：10-01至10-07 放假；09-26、10-09 上班",
		"中秋节：09-19至09-21 放假；09-18 上班",
	} {
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found {
			t.Errorf("no line %q in %q", want, lines)
		}
	}
}
