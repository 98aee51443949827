package cli

// export overview|audit|objections|recycle: the lists that are not records.

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"jiayuan/data"
	"jiayuan/data/sheet"
)

// listExportJob runs export overview, audit, objections and recycle; ok is
// false for any other export.
func listExportJob(e *Env, args []string) (ok bool, err error) {
	if len(args) == 0 {
		return false, nil
	}
	switch args[0] {
	case "overview":
		return true, exportOverviewJob(e, args[1:])
	case "audit":
		return true, exportAuditJob(e, args[1:])
	case "objections":
		return true, exportObjectionsJob(e, args[1:])
	case "recycle":
		return true, exportRecycleJob(e, args[1:])
	}
	return false, nil
}

// xlsxOut checks the one file argument of an export.
func xlsxOut(e *Env, job string, args []string) (string, error) {
	if len(args) != 1 {
		return "", usagef("%s 需要一个参数：.xlsx 文件名", job)
	}
	if !strings.HasSuffix(strings.ToLower(args[0]), ".xlsx") {
		return "", usagef("文件名应以 .xlsx 结尾：%s", args[0])
	}
	return args[0], e.Store.CheckOutputPath(args[0])
}

func exportOverviewJob(e *Env, args []string) error {
	file, err := xlsxOut(e, "export overview", args)
	if err != nil {
		return err
	}
	rows, err := e.Store.CommunityOverview(time.Now())
	if err != nil {
		return err
	}
	if err := sheet.ExportOverview(file, rows); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导出 %d 个社区的概况（含合计行）到 %s\n", len(rows), file)
	return nil
}

// exportAuditJob writes the audit trail, filtered like 操作记录:
// -from/-to dates, -by operator, -record text in the record's name or changes.
func exportAuditJob(e *Env, args []string) error {
	fs := flag.NewFlagSet("export audit", flag.ContinueOnError)
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	by := fs.String("by", "", "")
	record := fs.String("record", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	file, err := xlsxOut(e, "export audit", fs.Args())
	if err != nil {
		return err
	}
	f := data.AuditFilter{Operator: *by, Text: *record, Limit: 1_000_000}
	for _, d := range []struct {
		flag string
		in   *string
		out  *string
	}{{"-from", from, &f.From}, {"-to", to, &f.To}} {
		if *d.in == "" {
			continue
		}
		day, err := data.ParseDate(*d.in)
		if err != nil || day.Day == 0 {
			return usagef("%s 应是日期，如 2024-03-01：%s", d.flag, *d.in)
		}
		*d.out = day.String()
	}
	rows, err := e.Store.AuditLog(f)
	if err != nil {
		return err
	}
	if err := sheet.ExportAudit(file, rows); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导出 %d 条操作记录到 %s\n", len(rows), file)
	return nil
}

func exportObjectionsJob(e *Env, args []string) error {
	r, file, err := roundAndFile("export objections", e, args)
	if err != nil {
		return err
	}
	if err := e.Store.CheckOutputPath(file); err != nil {
		return err
	}
	rows, err := e.Store.Objections(r.ID)
	if err != nil {
		return err
	}
	if err := sheet.ExportObjections(file, rows); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导出%s的 %d 条异议登记到 %s\n", r.Label(), len(rows), file)
	return nil
}

func exportRecycleJob(e *Env, args []string) error {
	file, err := xlsxOut(e, "export recycle", args)
	if err != nil {
		return err
	}
	rows, err := e.Store.RecycleBin()
	if err != nil {
		return err
	}
	if err := sheet.ExportRecycle(file, rows); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导出回收站的 %d 条记录到 %s\n", len(rows), file)
	return nil
}
