package cli

import (
	"fmt"
	"strings"

	"jiayuan/ui/documents"
)

func init() {
	register(&Command{Name: "stats", Args: "[-yearly 快照名] [-compare 快照名] FILE.xlsx|FILE.pdf",
		Help: "统计报表（各社区一行和合计）导出为 Excel 或 PDF；-yearly：某个年度快照的报表；-compare：与某个年度快照对比（默认与今天对比）",
		Run:  statsJob})
	register(&Command{Name: "yearly", Args: "take [名称] | list | delete 名称", Writes: true,
		Help: "年度快照：take 拍摄（默认名称为“某年某月某日快照”），list 列出，delete 删除",
		Run:  yearlyJob})
}

// statsJob writes the statistics report or a comparison.
func statsJob(e *Env, args []string) error {
	var yearly, compare, file string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; a {
		case "-yearly", "-compare":
			if i+1 >= len(args) || strings.TrimSpace(args[i+1]) == "" {
				return usagef("%s 后面要写年度快照的名称", a)
			}
			if a == "-yearly" {
				yearly = args[i+1]
			} else {
				compare = args[i+1]
			}
			i++
		default:
			if file != "" || strings.HasPrefix(a, "-") {
				return usagef("stats 不认识参数“%s”", a)
			}
			file = a
		}
	}
	if file == "" {
		return usagef("stats 需要输出文件名（.xlsx 或 .pdf）")
	}
	low := strings.ToLower(file)
	if !strings.HasSuffix(low, ".xlsx") && !strings.HasSuffix(low, ".pdf") {
		return usagef("文件名应以 .xlsx 或 .pdf 结尾：%s", file)
	}
	if err := e.Store.CheckOutputPath(file); err != nil {
		return err
	}
	if _, err := documents.WriteStats(e.Store, file, yearly, compare); err != nil {
		return err
	}
	what := "统计报表"
	if compare != "" {
		what = "年度对比"
	}
	fmt.Fprintf(e.Stdout, "已把%s写入 %s\n", what, file)
	return nil
}

// yearlyJob takes, lists or deletes yearly snapshots.
func yearlyJob(e *Env, args []string) error {
	if len(args) == 0 {
		return usagef("yearly 需要 take、list 或 delete")
	}
	switch args[0] {
	case "take":
		if len(args) > 2 {
			return usagef("yearly take 只接受一个名称")
		}
		name := e.Store.Now().Format("2006年1月2日快照")
		if len(args) == 2 {
			name = args[1]
		}
		y, err := e.Store.TakeYearly(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已拍摄年度快照“%s”：%d 个社区、%d 个小区、%d 个党组织\n", y.Name, y.Communities, y.Compounds, y.Orgs)
	case "list":
		if len(args) != 1 {
			return usagef("yearly list 不接受参数")
		}
		list, err := e.Store.YearlySnapshots()
		if err != nil {
			return err
		}
		if len(list) == 0 {
			fmt.Fprintln(e.Stdout, "还没有年度快照。")
		}
		for _, y := range list {
			auto := ""
			if y.Auto {
				auto = "（自动）"
			}
			fmt.Fprintf(e.Stdout, "%s\t%s%s\t%d 个社区、%d 个小区、%d 个党组织\n", y.Name, y.Date(), auto, y.Communities, y.Compounds, y.Orgs)
		}
	case "delete":
		if len(args) != 2 {
			return usagef("yearly delete 需要快照的名称")
		}
		if err := e.Store.DeleteYearly(args[1]); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已删除年度快照“%s”\n", args[1])
	default:
		return usagef("yearly 不认识“%s”，可选 take、list、delete", args[0])
	}
	return nil
}
