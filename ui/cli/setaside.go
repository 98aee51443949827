package cli

import (
	"fmt"
	"io"
	"os"

	"jiayuan/data"
)

// printSetAside writes to w the data set aside (a damaged database, the data
// a restore replaced) that the clerk has not yet acknowledged. Every job
// does this, so the place is never forgotten.
func printSetAside(e *Env, w io.Writer) {
	dir := e.Dir
	if dir == "" {
		d, err := data.DefaultDir()
		if err != nil {
			return
		}
		dir = d
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return // no folder, nothing set aside (the job has said what is wrong with it)
	}
	list, err := data.SetAsideNotices(dir)
	if err != nil {
		fmt.Fprintf(w, "注意：%s\n", data.Explain(err))
		return
	}
	if len(list) == 0 {
		return
	}
	fmt.Fprintln(w, "注意：以下数据已移到一旁保存：")
	for _, n := range list {
		fmt.Fprintf(w, "  · %s\n", n.Message())
	}
	fmt.Fprintf(w, "知道了以后，运行 jiayuan -data %s setaside dismiss，不再提示（数据仍保留在原处）。\n", dir)
}

func init() {
	register(&Command{Name: "setaside", Args: "[dismiss]",
		Help:    "列出移到一旁保存的数据（损坏的数据库、恢复前的数据）在哪里；dismiss 表示已知道，不再提示",
		NoStore: true,
		Run: func(e *Env, args []string) error {
			dir, err := existingDataDir(e, data.SetAsideFile)
			if err != nil {
				return err
			}
			list, err := data.SetAsideNotices(dir)
			if err != nil {
				return err
			}
			switch {
			case len(args) == 0:
				if len(list) == 0 {
					fmt.Fprintln(e.Stdout, "没有移到一旁、尚未确认的数据。")
				}
				for _, n := range list {
					fmt.Fprintf(e.Stdout, "%s\n", n.Message())
				}
				return nil
			case len(args) == 1 && args[0] == "dismiss":
				lock, err := data.Acquire(dir, "命令行任务 setaside")
				if err != nil {
					return err
				}
				defer lock.Release()
				ids := make([]string, len(list))
				for i, n := range list {
					ids[i] = n.ID
				}
				if err := data.DismissSetAside(dir, ids...); err != nil {
					return err
				}
				fmt.Fprintf(e.Stdout, "已确认 %d 条，不再提示；数据仍保留在原处。\n", len(list))
				return nil
			}
			return usagef("setaside 只接受 dismiss")
		}})
}
