package sheet

import (
	"reflect"
	"testing"
)

func TestParseSheetXML(t *testing.T) {
	sst := parseSharedStrings([]byte(`<?xml version="1.0"?><sst xmlns="x" count="3">` +
		`<si><t>社区名称</t></si>` +
		`<si><r><rPr><b/></rPr><t>滨江</t></r><r><t xml:space="preserve">社区 </t></r><rPh sb="0" eb="1"><t>ビン</t></rPh></si>` +
		`<si><t>A&amp;B &lt;1&gt; &#x4E2D;&#25991;</t></si><si/></sst>`))
	if want := []string{"社区名称", "滨江社区 ", "A&B <1> 中文", ""}; !reflect.DeepEqual(sst, want) {
		t.Fatalf("sst %q", sst)
	}
	styles := parseStyles([]byte(`<styleSheet><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>` +
		`<numFmt numFmtId="177" formatCode="0.00_);[Red]\(0.00\)"/></numFmts>` +
		`<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
		`<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="57"/></cellXfs></styleSheet>`))
	if want := []dateFmt{notDate, dateDay, dateMonth, notDate, dateMonth}; !reflect.DeepEqual(styles, want) {
		t.Fatalf("styles %v", styles)
	}
	rows, err := parseSheet([]byte(`<x:worksheet xmlns:x="m"><x:sheetData>`+
		`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>`+
		`<x:row r="3" spans="1:4"><x:c r="A3" s="2"><x:v>42217</x:v></x:c><x:c r="B3" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c>`+
		`<x:c r="C3" t="str"><x:f>A1&amp;""</x:f><x:v>=SUM(1)</x:v></x:c><x:c r="D3" t="b"><x:v>1</x:v></x:c><x:c r="E3" s="1"/></x:row>`+
		`<x:row r="4"><x:c r="A4" t="s"><x:v>3</x:v></x:c></x:row>`+
		`</x:sheetData></x:worksheet>`), sst, styles)
	if err != nil {
		t.Fatal(err)
	}
	want := []sheetRow{
		{num: 1, cells: []cell{{text: "社区名称", typ: cellText}, {}, {text: "滨江社区 ", typ: cellText}}},
		{num: 3, cells: []cell{{text: "42217", typ: cellNumber, date: dateMonth}, {text: "内联", typ: cellText},
			{text: "=SUM(1)", typ: cellText}, {text: "1", typ: cellBool}}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("rows\n%+v\nwant\n%+v", rows, want)
	}
	if _, err := parseSheet([]byte(`<row r="1"><c r="A1" t="s"><v>9</v></c></row>`), sst, nil); err == nil {
		t.Error("a shared string index out of range was accepted")
	}
}

func TestColumnNames(t *testing.T) {
	for _, tc := range []struct {
		ref string
		n   int
	}{{"A1", 1}, {"Z9", 26}, {"AA10", 27}, {"XFD1", 16384}, {"1", 0}} {
		if got := colIndex(tc.ref); got != tc.n {
			t.Errorf("colIndex(%s) = %d", tc.ref, got)
		}
		if tc.n > 0 && colName(tc.n)+tc.ref[len(colName(tc.n)):] != tc.ref {
			t.Errorf("colName(%d) = %s", tc.n, colName(tc.n))
		}
	}
}

func TestClassifyFormat(t *testing.T) {
	for _, tc := range []struct {
		code string
		want dateFmt
	}{
		{"General", notDate}, {"@", notDate}, {"0.00E+00", notDate}, {`#,##0.00_);[Red]\(#,##0.00\)`, notDate},
		{"h:mm:ss", notDate}, {`[$-F800]dddd\,\ mmmm\ dd\,\ yyyy`, dateDay}, {"yyyy-mm-dd", dateDay},
		{"YYYY/M/D", dateDay}, {`yyyy"年"m"月"`, dateMonth}, {"mmm-yy", dateMonth}, {`m"月"d"日"`, dateDay},
		{`"day "0`, notDate}, {"yyyy-mm-dd hh:mm;@", dateDay},
	} {
		if got := classifyFormat(tc.code); got != tc.want {
			t.Errorf("classifyFormat(%q) = %v, want %v", tc.code, got, tc.want)
		}
	}
}
