package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"jiayuan/data"
	"jiayuan/data/sheet"
	"jiayuan/ui/documents"
)

// kindAndFile reads the two arguments of export, import and template.
func kindAndFile(job string, args []string) (sheet.Kind, string, error) {
	if len(args) != 2 {
		return "", "", usagef("%s 需要两个参数：名单（communities、compounds 或 orgs）和文件名", job)
	}
	k, err := sheet.ParseKind(args[0])
	if err != nil {
		return "", "", usagef("%s", err.Error())
	}
	if job == "import" {
		if err := sheet.CheckImportType(args[1]); err != nil {
			return "", "", usagef("%s：%s", args[1], err.Error())
		}
		return k, args[1], nil
	}
	if !strings.HasSuffix(strings.ToLower(args[1]), ".xlsx") {
		return "", "", usagef("文件名应以 .xlsx 结尾：%s", args[1])
	}
	return k, args[1], nil
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f 秒", d.Seconds()) }

func init() {
	register(&Command{Name: "export", Args: "communities|compounds|orgs FILE.xlsx | round ROUND FILE.xlsx | " +
		"overview FILE.xlsx | audit [-from DATE] [-to DATE] [-by NAME] [-record TEXT] FILE.xlsx | " +
		"objections ROUND FILE.xlsx | recycle FILE.xlsx",
		Help: "把社区、小区或党组织名单导出为 Excel 文件；round：一次评选的全部申报、评分、排名和状态；" +
			"overview：各社区概况（含合计行）；audit：操作记录；objections：一次评选的异议登记；recycle：回收站",
		Run: exportJob})
	register(&Command{Name: "import", Args: "communities|compounds|orgs FILE.xlsx|.xls|.csv | scores ROUND FILE.xlsx", Writes: true,
		Help: "从 Excel 文件（.xlsx、.xls 或 .csv）导入社区、小区、党组织或（scores）一次评选的评分表；有任何问题时不写入任何数据",
		Run:  importJob})
	register(&Command{Name: "template", Args: "communities|compounds|orgs FILE.xlsx", NoStore: true,
		Help: "生成空白的社区、小区或党组织 Excel 模板（含填写说明）",
		Run:  templateJob})
}

// exportJob writes a list (or, export round, a round) to an .xlsx file.
func exportJob(e *Env, args []string) error {
	if ok, err := RoundJob("export", e, args); ok {
		return err
	}
	if ok, err := listExportJob(e, args); ok {
		return err
	}
	k, file, err := kindAndFile("export", args)
	if err != nil {
		return err
	}
	if err := e.Store.CheckOutputPath(file); err != nil {
		return err
	}
	n, err := exportList(e.Store, k, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导出 %d 条%s记录到 %s\n", n, k.Label(), file)
	return nil
}

// exportList writes every record of kind k to file and counts them.
func exportList(st *data.Store, k sheet.Kind, file string) (int, error) {
	switch k {
	case sheet.Communities:
		rows, err := st.Communities()
		if err != nil {
			return 0, err
		}
		return len(rows), sheet.ExportCommunities(file, rows)
	case sheet.Compounds:
		rows, err := st.Compounds(0)
		if err != nil {
			return 0, err
		}
		return len(rows), sheet.ExportCompounds(file, rows)
	case sheet.Orgs:
		rows, err := st.Orgs(0)
		if err != nil {
			return 0, err
		}
		return len(rows), sheet.ExportOrgs(file, rows)
	}
	return 0, nil
}

// importJob reads a list (or, import scores, score sheets) from an .xlsx
// file: all or nothing, every problem listed on stderr.
func importJob(e *Env, args []string) error {
	if ok, err := RoundJob("import", e, args); ok {
		return err
	}
	k, file, err := kindAndFile("import", args)
	if err != nil {
		return err
	}
	res, err := sheet.Import(e.Store, k, file, nil)
	if res != nil && len(res.Ignored) > 0 {
		fmt.Fprintf(e.Stderr, "提示：以下列不是%s名单的列，已忽略：%s\n", k.Label(), strings.Join(res.Ignored, "、"))
	}
	var ie *sheet.ImportError
	if errors.As(err, &ie) {
		fmt.Fprintf(e.Stderr, "%s 有 %d 处问题，没有导入任何数据，数据未作改动：\n", file, len(ie.Problems))
		for _, p := range ie.Problems {
			fmt.Fprintln(e.Stderr, "  "+p.String())
		}
		return fmt.Errorf("请改正以上问题后重新导入")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导入%s名单（工作表“%s”）：新增 %d 条，修改 %d 条，未变 %d 条。\n",
		k.Label(), res.Sheet, res.Added, res.Updated, res.Unchanged)
	fmt.Fprintf(e.Stdout, "用时：读取 %s，检查 %s，写入 %s。\n", seconds(res.Read), seconds(res.Check), seconds(res.Write))
	warnUnprintable(e, k)
	return nil
}

// warnUnprintable tells on stderr which records of the kind hold characters
// the print fonts cannot draw; the import stands and the job still succeeds.
func warnUnprintable(e *Env, k sheet.Kind) {
	lines, err := documents.Unprintable(e.Store, string(k))
	tellUnprintable(e, k.Label(), lines, err)
}

// warnUnprintableTexts does the same for the records an exchange import wrote
// (label → their texts, see exchange.Plan.WrittenTexts).
func warnUnprintableTexts(e *Env, texts map[string]string) {
	lines, err := documents.UnprintableTexts(e.Store, texts)
	tellUnprintable(e, "导入的", lines, err)
}

func tellUnprintable(e *Env, what string, lines []string, err error) {
	if err != nil {
		fmt.Fprintf(e.Stderr, "提示：未能检查打印字体：%v\n", err)
		return
	}
	if len(lines) > 0 {
		fmt.Fprintf(e.Stderr, "注意：%d 条%s记录含有打印字体印不出的字：\n", len(lines), what)
	}
	for _, l := range lines {
		fmt.Fprintln(e.Stderr, "  "+l)
	}
}

// templateJob writes a blank list with its headers and notes.
func templateJob(e *Env, args []string) error {
	k, file, err := kindAndFile("template", args)
	if err != nil {
		return err
	}
	if err := checkOutputOutsideData(e, file); err != nil {
		return err
	}
	if err := sheet.Template(k, file); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已生成%s名单模板：%s\n", k.Label(), file)
	return nil
}
