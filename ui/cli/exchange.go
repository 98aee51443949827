package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"jiayuan/data/exchange"
)

func init() {
	register(&Command{Name: "exchange",
		Args: "export [-community 社区名] FILE.jyx | import [-dry-run] [-link-by-name] [-prefer theirs|ours] FILE.jyx",
		Help: "交换文件：社区与街道之间互传记录（导入前列出新增、改动和冲突；冲突未决定时停止，不作改动）",
		// import may fill a new data folder (a community's first file from the office)
		StartsFolder: func(args []string) bool { return len(args) > 0 && args[0] == "import" },
		Run: func(e *Env, args []string) error {
			if len(args) == 0 {
				return usagef("exchange 后面要写 export 或 import")
			}
			switch args[0] {
			case "export":
				return exchangeExport(e, args[1:])
			case "import":
				return exchangeImport(e, args[1:])
			}
			return usagef("exchange 后面要写 export 或 import，不是“%s”", args[0])
		}})
}

func exchangeExport(e *Env, args []string) error {
	fs := flag.NewFlagSet("exchange export", flag.ContinueOnError)
	community := fs.String("community", "", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("exchange export 需要一个文件名")
	}
	m, err := exchange.Export(e.Store, fs.Arg(0), exchange.Options{Community: *community})
	if err != nil {
		return err
	}
	scope := "全部记录"
	if m.Scope != "" {
		scope = m.Scope
	}
	fmt.Fprintf(e.Stdout, "已导出 %s（%s）：%d 个社区，%d 个小区，%d 个党组织", fs.Arg(0), scope,
		m.Counts["communities"], m.Counts["compounds"], m.Counts["orgs"])
	if n := m.Counts["deleted"]; n > 0 {
		fmt.Fprintf(e.Stdout, "（其中 %d 条在回收站）", n)
	}
	for _, k := range []struct{ key, label string }{{"rounds", "个进行中的评选活动"}, {"nominations", "份申报"}, {"states", "份申报的办理结果"}} {
		if n := m.Counts[k.key]; n > 0 {
			fmt.Fprintf(e.Stdout, "，%d %s", n, k.label)
		}
	}
	fmt.Fprintln(e.Stdout, "。")
	return nil
}

func exchangeImport(e *Env, args []string) error {
	fs := flag.NewFlagSet("exchange import", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "")
	link := fs.Bool("link-by-name", false, "")
	prefer := fs.String("prefer", "stop", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("exchange import 需要一个文件名")
	}
	dec := exchange.Decisions{LinkByName: *link}
	switch *prefer {
	case "stop", "":
	case exchange.Theirs, exchange.Ours:
		dec.Prefer = *prefer
	default:
		return usagef("-prefer 只能是 theirs（采用对方）、ours（保留本机）或 stop（停止并列出冲突）")
	}
	pkg, err := exchange.Read(fs.Arg(0))
	if err != nil {
		return err
	}
	plan, err := exchange.Preview(e.Store, pkg)
	if err != nil {
		return err
	}
	m := pkg.Manifest
	fmt.Fprintf(e.Stdout, "交换文件 %s：来自 %s，生成于 %s。\n", fs.Arg(0), m.Sender.Label(), m.CreatedText())
	printPlan(e.Stdout, plan)
	if len(plan.Invalid) > 0 {
		return &exchange.InvalidError{Msgs: plan.Invalid}
	}
	if *dry {
		fmt.Fprintln(e.Stdout, "试运行：未作任何改动。")
		return nil
	}
	if plan.NoOp() && !plan.AgesToRemember() {
		fmt.Fprintln(e.Stdout, "没有需要导入的内容，未作改动。")
		return nil
	}
	release, err := e.acquire("命令行任务 exchange import")
	if err != nil {
		return err
	}
	defer release()
	res, err := exchange.Apply(e.Store, pkg, dec)
	if err != nil {
		return err
	}
	if plan.NoOp() {
		// only the records' ages were taken in, so that an older file is told as older
		fmt.Fprintln(e.Stdout, "没有需要导入的内容，未改动任何记录。")
		return nil
	}
	fmt.Fprintf(e.Stdout, "已导入：写入 %d 条记录（%s）。\n", res.Written, res.Plan.Summary())
	warnUnprintableTexts(e, res.Plan.WrittenTexts())
	if n := res.Plan.Count(exchange.Blocked); n > 0 {
		fmt.Fprintf(e.Stdout, "有 %d 项删除或恢复本机不能照办，已保留本机现状；处理上面列出的记录后再导入同一个文件即可。\n", n)
	}
	return nil
}

func printPlan(w io.Writer, p *exchange.Plan) {
	fmt.Fprintln(w, p.Summary()+"。")
	for _, it := range p.Links() {
		fmt.Fprintf(w, "  按名称对应：%s（本机记录与对方记录同名，确认后合并为同一条）\n", it.Label())
	}
	for _, s := range []exchange.Status{exchange.Added, exchange.Changed, exchange.Removed, exchange.Restored,
		exchange.Conflict, exchange.OursNewer, exchange.Blocked} {
		for _, it := range p.Filter(s) {
			note := ""
			if it.Note != "" {
				note = "（" + it.Note + "）"
			}
			label := s.Label()
			if it.IsState() {
				label = "办理结果" + label
			}
			if it.Older {
				label = "文件较旧，未采用"
			}
			fmt.Fprintf(w, "  %s：%s%s\n", label, it.Label(), note)
			if it.Problem != "" {
				fmt.Fprintf(w, "      %s\n", it.Problem)
			}
			for _, d := range it.Diffs {
				fmt.Fprintf(w, "      %s：本机“%s”  对方“%s”\n", d.Label, d.Ours, d.Theirs)
			}
		}
	}
	for _, m := range p.Invalid {
		fmt.Fprintf(w, "  未通过检查：%s\n", strings.TrimSpace(m))
	}
}
