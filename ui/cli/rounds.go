package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"jiayuan/data"
	"jiayuan/data/calendar"
	"jiayuan/data/sheet"
)

// workdaysCalendar is the data folder's calendar, with the office's
// overrides; a folder without data (nothing is created in it) has only the
// statutory holidays and swapped working days, and stderr says so.
func workdaysCalendar(e *Env) (*calendar.Calendar, error) {
	dir, err := dataDir(e)
	if err != nil {
		return nil, err
	}
	if requireData(e, dir) != nil {
		fmt.Fprintf(e.Stderr, "注意：数据目录 %s 里没有家园的数据，只按法定节假日和调休计算，没有“设置”中的调整。\n", dir)
		return calendar.New(nil)
	}
	st, err := openStore(e)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Calendar()
}

func init() {
	register(&Command{Name: "workdays", Args: "FROM N",
		Help: "计算从 FROM（年-月-日）起 N 个工作日的最后一天（按法定节假日、调休和“设置”中的调整）",
		// It opens the store itself, if there is one: the statutory calendar needs none.
		NoStore: true,
		Run: func(e *Env, args []string) error {
			if len(args) != 2 {
				return usagef("workdays 需要两个参数：开始日期（如 2022-10-31）和工作日天数")
			}
			start, err := calendar.ParseDate(args[0])
			if err != nil {
				return usagef("%s", err.Error())
			}
			n, err := strconv.Atoi(strings.TrimSpace(args[1]))
			if err != nil || n < 1 {
				return usagef("工作日天数应为正整数，现在是“%s”", args[1])
			}
			cal, err := workdaysCalendar(e)
			if err != nil {
				return err
			}
			end, err := cal.PeriodEnd(start, n)
			if err != nil {
				return err
			}
			fmt.Fprintln(e.Stdout, end.Format(calendar.DateLayout))
			return nil
		}})

	register(&Command{Name: "rounds", Help: "列出评选活动：编号、年度、名称和各状态的申报数",
		Run: func(e *Env, args []string) error {
			if len(args) != 0 {
				return usagef("rounds 不带参数")
			}
			rs, err := e.Store.RoundSummaries()
			if err != nil {
				return err
			}
			if len(rs) == 0 {
				fmt.Fprintln(e.Stderr, "还没有评选活动。")
			}
			for _, r := range rs {
				fmt.Fprintf(e.Stdout, "%d\t%d\t%s\t%s\n", r.ID, r.Year, r.Title, stateCounts(r))
			}
			return nil
		}})
}

// stateCounts reads "已命名 3，未入选 4" (or "无申报").
func stateCounts(r data.RoundSummary) string {
	var parts []string
	for _, s := range data.States {
		if n := r.Counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", s.Label(), n))
		}
	}
	if len(parts) == 0 {
		return "无申报"
	}
	return strings.Join(parts, "，")
}

// roundArg reads a ROUND argument: a round's id.
func roundArg(st *data.Store, s string) (data.Round, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id < 1 {
		return data.Round{}, usagef("评选活动编号应为数字（见 rounds 命令），现在是“%s”", s)
	}
	r, err := st.Round(id)
	if errors.Is(err, data.ErrNotFound) {
		return r, fmt.Errorf("没有编号为 %d 的评选活动（见 rounds 命令）", id)
	}
	return r, err
}

// RoundJob runs the round forms of the export and import jobs:
// `export round ROUND FILE.xlsx` and `import scores ROUND FILE.xlsx`. It
// reports whether args named one; the export and import commands call it
// first.
func RoundJob(job string, e *Env, args []string) (bool, error) {
	switch {
	case job == "export" && len(args) > 0 && args[0] == "round":
		return true, exportRoundJob(e, args[1:])
	case job == "import" && len(args) > 0 && args[0] == "scores":
		return true, importScoresJob(e, args[1:])
	}
	return false, nil
}

func roundAndFile(job string, e *Env, args []string) (data.Round, string, error) {
	if len(args) != 2 {
		return data.Round{}, "", usagef("%s 需要两个参数：评选活动编号（见 rounds 命令）和 .xlsx 文件名", job)
	}
	if !strings.HasSuffix(strings.ToLower(args[1]), ".xlsx") {
		return data.Round{}, "", usagef("文件名应以 .xlsx 结尾：%s", args[1])
	}
	r, err := roundArg(e.Store, args[0])
	return r, args[1], err
}

func exportRoundJob(e *Env, args []string) error {
	r, file, err := roundAndFile("export round", e, args)
	if err != nil {
		return err
	}
	if err := e.Store.CheckOutputPath(file); err != nil {
		return err
	}
	n, err := sheet.ExportRound(e.Store, r.ID, nil, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导出%s的 %d 份申报（汇总及各评审评分）到 %s\n", r.Label(), n, file)
	return nil
}

func importScoresJob(e *Env, args []string) error {
	r, file, err := roundAndFile("import scores", e, args)
	if err != nil {
		return err
	}
	res, err := sheet.ImportRoundScores(e.Store, r.ID, file)
	var ie *sheet.ImportError
	if errors.As(err, &ie) {
		fmt.Fprintf(e.Stderr, "%s 有 %d 处问题，没有导入任何评分，数据未作改动：\n", file, len(ie.Problems))
		for _, p := range ie.Problems {
			fmt.Fprintln(e.Stderr, "  "+p.String())
		}
		return fmt.Errorf("请改正以上问题后重新导入")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已导入%s的评分（工作表“%s”）：新增 %d 份，修改 %d 份，未变 %d 份，空行或回避 %d 行。\n",
		r.Label(), res.Sheet, res.Added, res.Updated, res.Unchanged, res.Skipped)
	return nil
}
