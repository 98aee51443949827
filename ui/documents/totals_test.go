package documents

import (
	"bytes"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"jiayuan/data"
)

// TestRosterTotals: each roster ends with a 合计 line whose sums are the sums
// of their columns; a sum with an approximate count says 约 and a note says why.
func TestRosterTotals(t *testing.T) {
	st := demo(t)
	for _, c := range []struct {
		kind string
		cols []int
	}{
		{KindCommunities, []int{4, 5, 6}},
		{KindCompounds, []int{5, 6, 7}},
	} {
		tb, err := RecordsTable(st, c.kind)
		if err != nil {
			t.Fatal(err)
		}
		total := tb.Rows[len(tb.Rows)-1]
		if !total.Total || total.Cells[0] != "合计" {
			t.Fatalf("%s: last row %v is not a 合计 line", c.kind, total.Cells)
		}
		for _, j := range c.cols {
			var sum int64
			approx, set := false, false
			for _, r := range tb.Rows[:len(tb.Rows)-1] {
				cnt, err := data.ParseCount(r.Cells[j])
				if err != nil {
					t.Fatal(err)
				}
				sum += cnt.N
				approx = approx || cnt.Approx
				set = set || cnt.Set
			}
			want := strconv.FormatInt(sum, 10)
			if !set {
				want = "" // nothing known: nothing summed
			}
			if approx {
				want = "约" + want
			}
			if total.Cells[j] != want {
				t.Errorf("%s %s: 合计 %q, want %q", c.kind, tb.Columns[j].Title, total.Cells[j], want)
			}
			if approx && !strings.Contains(strings.Join(tb.Notes, ""), "约") {
				t.Errorf("%s: an approximate sum without a note: %v", c.kind, tb.Notes)
			}
		}
	}
	tb, err := RecordsTable(st, KindOrgs)
	if err != nil {
		t.Fatal(err)
	}
	orgs, _ := st.Orgs(0)
	var top []data.Count
	for _, o := range orgs {
		if o.ParentID == nil {
			top = append(top, o.Members)
		}
	}
	if got, want := tb.Rows[len(tb.Rows)-1].Cells[7], data.TotalText(data.SumCounts(top...)); got != want || got == "" {
		t.Errorf("orgs: 党员人数合计 %q, want %q (top-level organisations only)", got, want)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	var pdf bytes.Buffer
	if err := Records(st, KindCompounds, &pdf); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = &pdf
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "合计") {
		t.Error("the printed roster has no 合计 line")
	}
}
