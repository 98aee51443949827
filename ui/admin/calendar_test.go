package admin

import (
	"fmt"
	"strings"
	"testing"
)

func TestCalendarPanelSaysWhichYearsAreKnown(t *testing.T) {
	st := newTestStore(t, false)
	a := newTestApp(t, st)
	a.win.SetContent(calendarPanel(a))
	year := a.Today().Year()
	cal, err := st.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int{year, year + 1} {
		want := "已收录"
		if !cal.Known(y) {
			want = "尚未收录"
		}
		found := false
		for _, s := range shownTexts(a) {
			for _, line := range strings.Split(s, "\n") {
				found = found || strings.HasPrefix(line, fmt.Sprintf("%d年：", y)) && strings.Contains(line, want)
			}
		}
		if !found {
			t.Errorf("calendar panel does not say %d is %s: %q", y, want, shownTexts(a))
		}
	}
}
