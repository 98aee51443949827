package documents

import (
	"strconv"
	"testing"

	"jiayuan/data"
)

// Rosters print in pinyin order, as the window sorts: 龙泉 (long) before 南湖
// (nan) although 南 comes first by character code.
func TestRosterPinyinOrder(t *testing.T) {
	st := demo(t)
	for _, name := range []string{"南湖测试社区", "龙泉测试社区"} {
		c := data.Community{Name: name, DivisionCode: "510116001" + map[string]string{"南湖测试社区": "901", "龙泉测试社区": "902"}[name]}
		if err := st.SaveCommunity(&c); err != nil {
			t.Fatal(err)
		}
	}
	tb, err := RecordsTable(st, KindCommunities)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range tb.Rows {
		if !r.Total { // the 合计 line closes the list
			names = append(names, r.Cells[1])
		}
	}
	pos := map[string]int{}
	for i, n := range names {
		pos[n] = i
		if i > 0 && data.PinyinKey(names[i-1]) > data.PinyinKey(n) {
			t.Errorf("%s before %s: not pinyin order: %v", names[i-1], n, names)
		}
	}
	if pos["龙泉测试社区"] > pos["南湖测试社区"] {
		t.Errorf("龙泉 after 南湖: %v", names)
	}
	if last := tb.Rows[len(tb.Rows)-1]; !last.Total || last.Cells[0] != "合计" {
		t.Errorf("the list does not end with its 合计 line: %v", last.Cells)
	}
	for i, r := range tb.Rows[:len(tb.Rows)-1] { // 序号 follows the printed order
		if r.Cells[0] != itoa(i+1) {
			t.Errorf("row %d numbered %s", i+1, r.Cells[0])
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
