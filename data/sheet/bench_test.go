package sheet

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

const benchRows = 20000

// benchFile is a 20,000-row, 20-column list of compounds saved as Excel
// saves one: strings in the shared string table, dates as numbers with a
// date format. It is made once and kept in the temporary directory (its
// path is logged, for comparing with other programs).
func benchFile(b *testing.B) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("jiayuan-bench-compounds-%d.xlsx", benchRows))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	f := excelize.NewFile()
	defer f.Close()
	day, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	monthFmt := `yyyy"年"m"月"`
	month, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &monthFmt})
	headers := []string{"序号", "所属社区", "小区名称", "地址", "类型", "建成年份", "楼栋数", "户数", "居民人数",
		"物业服务企业", "物业联系人", "物业电话", "业委会", "业委会主任", "业委会成立时间", "治理方法", "备注",
		"网格员", "网格员电话", "UUID"}
	set := func(col, row int, v any) {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellValue("Sheet1", ref, v); err != nil {
			b.Fatal(err)
		}
	}
	for j, h := range headers {
		set(j+1, 1, h)
	}
	kinds := data.CompoundKinds
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
	for i := 0; i < benchRows; i++ {
		r := i + 2
		comm := i % 20
		hasCommittee := i%3 != 0
		vals := []any{
			i + 1,
			fmt.Sprintf("测试社区%02d", comm+1),
			fmt.Sprintf("锦华%d号小区", i+1),
			fmt.Sprintf("华阳街道锦华路%d段%d号", i%7+1, i%500+1),
			kinds[i%len(kinds)],
			1980 + i%40,
			i%30 + 1,
			200 + i%900,
			fmt.Sprintf("约%d", (i%50+5)*100),
			fmt.Sprintf("华阳第%d物业服务有限公司", i%300+1),
			string(surnames[i%len(surnames)]) + "经理",
			fmt.Sprintf("028-85%06d", i),
			map[bool]string{true: "是", false: "否"}[hasCommittee],
			nil, nil,
			[]string{"“365”工作法", "院落自治", "红色物业", "楼栋长制"}[i%4],
			fmt.Sprintf("第%d批纳入网格化管理", i%12+1),
			string(surnames[(i+7)%len(surnames)]) + "网格员",
			fmt.Sprintf("1391234%04d", i%10000),
			data.NewUUID(),
		}
		if hasCommittee {
			vals[13] = string(surnames[(i+3)%len(surnames)]) + "主任"
			vals[14] = 40000 + i%3000 // a date serial, formatted below
		}
		for j, v := range vals {
			if v != nil {
				set(j+1, r, v)
			}
		}
		if hasCommittee {
			ref, _ := excelize.CoordinatesToCellName(15, r)
			style := day
			if i%2 == 0 {
				style = month
			}
			if err := f.SetCellStyle("Sheet1", ref, ref, style); err != nil {
				b.Fatal(err)
			}
		}
	}
	tmp := path + ".tmp.xlsx"
	if err := f.SaveAs(tmp); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchStore is an empty store with the twenty communities the file names.
func benchStore(b *testing.B) *data.Store {
	b.Helper()
	st, err := data.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	st.Operator = "基准"
	err = st.Write(func(tx *data.Tx) error {
		for i := 1; i <= 20; i++ {
			if err := tx.SaveCommunity(&data.Community{Name: fmt.Sprintf("测试社区%02d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return st
}

func reportStages(b *testing.B, read, check, write time.Duration) {
	n := float64(b.N)
	b.ReportMetric(read.Seconds()*1000/n, "read-ms")
	b.ReportMetric(check.Seconds()*1000/n, "check-ms")
	b.ReportMetric(write.Seconds()*1000/n, "write-ms")
}

// BenchmarkImportCompounds20k imports the file into an empty store: every
// row read, checked and added in one transaction with its audit row.
func BenchmarkImportCompounds20k(b *testing.B) {
	path := benchFile(b)
	b.Logf("file: %s", path)
	benchImportInto(b, path)
}

// BenchmarkReimportCompounds20k imports the same file again: every row
// matches its record by UUID and nothing changes.
func BenchmarkReimportCompounds20k(b *testing.B) {
	path := benchFile(b)
	st := benchStore(b)
	defer st.Close()
	if _, err := Import(st, Compounds, path, nil); err != nil {
		b.Fatal(err)
	}
	var read, check, write time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Import(st, Compounds, path, nil)
		if err != nil {
			b.Fatal(err)
		}
		if res.Unchanged != benchRows {
			b.Fatalf("%+v", res)
		}
		read, check, write = read+res.Read, check+res.Check, write+res.Write
	}
	reportStages(b, read, check, write)
}

// BenchmarkExportCompounds20k writes 20,000 compounds.
func BenchmarkExportCompounds20k(b *testing.B) {
	st := benchStore(b)
	defer st.Close()
	if _, err := Import(st, Compounds, benchFile(b), nil); err != nil {
		b.Fatal(err)
	}
	rows, err := st.Compounds(0)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "out.xlsx")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := ExportCompounds(out, rows); err != nil {
			b.Fatal(err)
		}
	}
}

// benchCSV is benchFile's rows as a GBK .csv, the way Excel saves “CSV (逗号分隔)”
// on a Chinese Windows: dates as the clerk sees them.
func benchCSV(b *testing.B) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("jiayuan-bench-compounds-%d-gbk.csv", benchRows))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.WriteFile(path+".tmp", gbk(b, csvOf(b, benchFile(b))), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkImportCompounds20kCSV is BenchmarkImportCompounds20k from the same rows as a GBK .csv.
func BenchmarkImportCompounds20kCSV(b *testing.B) {
	benchImportInto(b, benchCSV(b))
}

// benchImportInto imports path into a new empty store per run, timing the
// import alone, and reports its stages.
func benchImportInto(b *testing.B, path string) {
	var read, check, write time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := benchStore(b)
		b.StartTimer()
		res, err := Import(st, Compounds, path, nil)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if res.Added != benchRows {
			b.Fatalf("%+v", res)
		}
		read, check, write = read+res.Read, check+res.Check, write+res.Write
		st.Close()
		b.StartTimer()
	}
	reportStages(b, read, check, write)
}
