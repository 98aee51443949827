package cli

import (
	"flag"
	"fmt"
	"path/filepath"

	"jiayuan/data"
)

func init() {
	register(&Command{Name: "backup", Args: "FILE.jyb",
		Help: "把数据库和附件备份到一个文件（程序运行时也可以备份）",
		Run: func(e *Env, args []string) error {
			if len(args) != 1 {
				return usagef("backup 需要一个文件名")
			}
			m, err := e.Store.BackupTo(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(e.Stdout, "已备份到 %s：%s。\n", args[0], m.Summary())
			return nil
		}})

	register(&Command{Name: "restore", Args: "FILE.jyb",
		Help:    "从备份文件恢复（先完整检查备份；被替换的数据另存为备份；数据库损坏时把它移到一旁）",
		NoStore: true,
		Run: func(e *Env, args []string) error {
			if len(args) != 1 {
				return usagef("restore 需要一个备份文件名")
			}
			dir, err := dataDir(e)
			if err != nil {
				return err
			}
			lock, err := data.Acquire(dir, "命令行任务 restore")
			if err != nil {
				return err
			}
			defer lock.Release()
			checkErr := data.Check(dir)
			if _, damaged := data.IsDamaged(checkErr); damaged {
				aside, err := data.RestoreDamaged(dir, args[0])
				if err != nil {
					return err
				}
				if aside != "" {
					fmt.Fprintf(e.Stdout, "原数据库已损坏，已移到 %s（未作改动）；已从 %s 恢复。\n", aside, args[0])
				} else {
					fmt.Fprintf(e.Stdout, "已从 %s 恢复。\n", args[0])
				}
				return nil
			}
			if _, ioErr := data.IsIOError(checkErr); ioErr {
				return checkErr // the disk, not the data: nothing is moved or replaced
			}
			st, err := data.OpenChecked(dir)
			if err != nil {
				return err
			}
			defer st.Close()
			st.Operator = operator(e, st)
			res, err := st.RestoreBackup(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(e.Stdout, "已从 %s 恢复（备份于 %s，%s）。\n", args[0],
				res.Manifest.Time().Format("2006-01-02 15:04"), res.Manifest.Summary())
			if res.Saved != "" {
				fmt.Fprintf(e.Stdout, "恢复前的数据已另存为 %s。\n", res.Saved)
			}
			return nil
		}})

	register(&Command{Name: "backups", Help: "列出数据目录里的自动备份和恢复前保存的数据，并检查每一份",
		NoStore: true,
		Run: func(e *Env, args []string) error {
			if len(args) != 0 {
				return usagef("backups 不带参数")
			}
			dir, err := dataDir(e)
			if err != nil {
				return err
			}
			list, err := data.ListBackups(dir)
			if err != nil {
				return err
			}
			if len(list) == 0 {
				fmt.Fprintf(e.Stdout, "%s 里还没有备份。\n", data.BackupDir(dir))
				return nil
			}
			for _, b := range list {
				state := "完好"
				if _, err := data.VerifyBackup(b.Path); err != nil {
					state = "不可用：" + err.Error()
				}
				fmt.Fprintf(e.Stdout, "%s  %s  %s  %s  %s\n", filepath.Base(b.Path), b.Manifest.Time().Format("2006-01-02 15:04"),
					data.BackupKindLabel(b.Manifest.Kind), b.Manifest.Summary(), state)
			}
			return nil
		}})

	register(&Command{Name: "check", Args: "[-full]",
		Help:    "检查数据库是否完好（-full 做完整检查，较慢）",
		NoStore: true,
		Run: func(e *Env, args []string) error {
			fs := flag.NewFlagSet("check", flag.ContinueOnError)
			full := fs.Bool("full", false, "")
			if err := parseFlags(fs, args); err != nil {
				return err
			}
			dir, err := dataDir(e)
			if err != nil {
				return err
			}
			check := data.Check
			if *full {
				check = data.CheckFull
			}
			if err := check(dir); err != nil {
				return err
			}
			fmt.Fprintln(e.Stdout, "数据库完好。")
			return nil
		}})
}

// dataDir is the data folder for a job that opens the store itself.
func dataDir(e *Env) (string, error) {
	if e.Dir != "" {
		return e.Dir, nil
	}
	d, err := data.DefaultDir()
	if err != nil {
		return "", err
	}
	e.Dir = d
	return d, nil
}

// operator is who the audit trail names for a job that opens the store itself.
func operator(e *Env, st *data.Store) string {
	if e.Operator != "" {
		return e.Operator
	}
	if s, err := st.Settings(); err == nil && s.Operator != "" {
		return s.Operator
	}
	return "命令行"
}
