package reports

import (
	"bytes"
	"image/png"
	"io"
	"math"
	"strings"
	"testing"
	"time"
)

func testChart() Chart {
	return Chart{Title: "各社区换届情况", Unit: "个", Labels: []string{"滨江社区", "南湖社区", "一个名字特别特别长的社区"},
		Series: []ChartSeries{
			{Name: "已逾期", Tone: ToneDanger, Values: []float64{3, 0, 1}},
			{Name: "90 天内到期", Tone: ToneWarning, Values: []float64{2, 4, 0}},
		}}
}

// Each segment's length is its value on the chart's scale, stacked in order;
// a click on a segment finds it.
func TestChartLayoutMatchesCounts(t *testing.T) {
	c := testChart()
	if c.AxisMax() != 5 {
		t.Fatalf("axis max = %v", c.AxisMax())
	}
	plot := Rect{100, 10, 500, 300}
	bars := c.Layout(plot)
	if len(bars) != 4 {
		t.Fatalf("%d segments, want 4 (zeros left out)", len(bars))
	}
	for _, b := range bars {
		want := c.Series[b.Series].Values[b.Index]
		if b.Value != want || math.Abs(b.W-want/c.AxisMax()*plot.W) > 1e-9 {
			t.Errorf("bar %d/%d: value %v width %v, want %v", b.Index, b.Series, b.Value, b.W, want)
		}
		if b.Series == 1 && b.Index == 0 && math.Abs(b.X-(plot.X+3.0/5*plot.W)) > 1e-9 {
			t.Errorf("second segment starts at %v, not after the first", b.X)
		}
		i, s, ok := c.BarAt(plot, b.X+b.W/2, b.Y+b.H/2)
		if !ok || i != b.Index || s != b.Series {
			t.Errorf("click on %d/%d found %d/%d %v", b.Index, b.Series, i, s, ok)
		}
	}
	if _, _, ok := c.BarAt(plot, 5, 5); ok {
		t.Error("a click outside the plot found a bar")
	}
}

func TestChartPNG(t *testing.T) {
	var buf bytes.Buffer
	if err := ChartPNG(&buf, testChart(), 800, 400); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 800 || img.Bounds().Dy() != 400 {
		t.Errorf("size %v", img.Bounds())
	}
	// the first bar's first segment is drawn in the danger tone
	c := testChart()
	plot := Rect{170, 66, 800 - 170 - 70, 400 - 100}
	b := c.Layout(plot)[0]
	r, g, bl, _ := img.At(int(b.X+b.W/2), int(b.Y+b.H/2)).RGBA()
	wr, wg, wb, _ := ToneStyle(ToneDanger)
	if uint8(r>>8) != wr || uint8(g>>8) != wg || uint8(bl>>8) != wb {
		t.Errorf("bar pixel %x %x %x", r>>8, g>>8, bl>>8)
	}
}

// The statistics report round-trips through pdftotext: title, cells, the
// 合计 row, chart labels and values.
func TestStatsPDFRoundTrip(t *testing.T) {
	r := StatsReport{Title: "华阳街道统计报表", Subtitle: "报表日期：2026年11月26日", Date: time.Date(2026, 11, 26, 0, 0, 0, 0, time.Local),
		Tables: []StatsTable{{Title: "社区与小区", Columns: []TableColumn{{Title: "社区"}, {Title: "户数", Align: CellRight}, {Title: "小区数", Align: CellRight}},
			Rows: []TableRow{{Record: "滨江社区", Cells: []string{"滨江社区", "36000余", "12"}},
				{Record: "南湖社区", Cells: []string{"南湖社区", "1200", "7"}},
				{Record: "合计", Cells: []string{"合计", "37200余", "19"}}}}},
		Charts: []Chart{testChart()},
		Notes:  []string{"户数中带“余”的为约数。"}}
	p := writePDF(t, func(w io.Writer) error { return StatsPDF(w, r, nil) })
	checkPDF(t, p)
	if pi := info(t, p); pi.w < pi.h {
		t.Errorf("not landscape: %v", pi)
	}
	txt := pageText(t, p, 0)
	for _, want := range []string{"华阳街道统计报表", "滨江社区36000余12", "合计", "37200余19", "各社区换届情况", "已逾期", "90天内到期", "一个名字特别", "户数中带“余”的为约数"} {
		if !strings.Contains(txt, want) {
			t.Errorf("%q missing from:\n%s", want, txt)
		}
	}
}
