package cli

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"jiayuan/data"
)

func init() {
	register(&Command{Name: "backup", Args: "FILE.jyb",
		Help: "把数据库和附件备份到一个文件（程序运行时也可以备份）",
		Run:  backupJob})
	register(&Command{Name: "restore", Args: "FILE.jyb",
		Help:    "从备份文件恢复（先完整检查备份；被替换的数据另存为备份；数据库损坏时把它移到一旁）",
		NoStore: true,
		Run:     restoreJob})
	register(&Command{Name: "backups", Help: "列出数据目录里的自动备份和恢复前保存的数据，并检查每一份",
		NoStore: true,
		Run:     backupsJob})
	register(&Command{Name: "check", Args: "[-quick]",
		Help:    "完整检查数据库是否完好，损坏时说明怎样修复（-quick 只做快速检查，查不出索引的问题）",
		NoStore: true,
		Run:     checkJob})
	register(&Command{Name: "repair",
		Help:    "修复数据库：只有索引与数据表不一致时重建索引（REINDEX）并再次完整检查；其他损坏请用 restore 从备份恢复",
		NoStore: true,
		Run: func(e *Env, args []string) error {
			if len(args) != 0 {
				return usagef("repair 不带参数")
			}
			return repair(e)
		}})
}

// backupJob is the backup job: the store and its attachments into one file.
func backupJob(e *Env, args []string) error {
	if len(args) != 1 {
		return usagef("backup 需要一个文件名")
	}
	if !strings.EqualFold(filepath.Ext(args[0]), data.BackupExt) {
		return usagef("备份文件应以 %s 结尾，现在是“%s”", data.BackupExt, args[0])
	}
	m, err := e.Store.BackupTo(args[0])
	var failed *data.BackupCheckError
	if errors.As(err, &failed) {
		return fmt.Errorf("%w\n%s", err, wayOut(failed.Diagnosis))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已备份到 %s：%s。\n", args[0], m.Summary())
	return nil
}

// restoreJob is the restore job: a damaged database is set aside and
// replaced; a sound one is replaced after it is saved as a backup; a disk
// problem moves and replaces nothing.
func restoreJob(e *Env, args []string) error {
	if len(args) != 1 {
		return usagef("restore 需要一个备份文件名")
	}
	dir, err := dataDir(e)
	if err != nil {
		return err
	}
	if e.Server != "" {
		return restoreServer(e, args[0])
	}
	lock, err := data.Acquire(dir, "命令行任务 restore")
	if err != nil {
		return err
	}
	defer lock.Release()
	checkErr := data.Check(dir)
	if _, damaged := data.IsDamaged(checkErr); damaged {
		return restoreOverDamaged(e, dir, args[0])
	}
	if _, ioErr := data.IsIOError(checkErr); ioErr {
		return checkErr // the disk, not the data: nothing is moved or replaced
	}
	st, err := data.OpenChecked(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	return restoreInto(e, st, args[0])
}

// restoreServer replaces the office server's data with a backup's, in one
// transaction; what it replaces is saved first in the local folder.
func restoreServer(e *Env, file string) error {
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	return restoreInto(e, st, file)
}

func restoreInto(e *Env, st *data.Store, file string) error {
	st.Operator = operator(e, st)
	res, err := st.RestoreBackup(file)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已从 %s 恢复（备份于 %s，%s）。\n", file,
		res.Manifest.Time().Format("2006-01-02 15:04"), res.Manifest.Summary())
	if res.Saved != "" {
		fmt.Fprintf(e.Stdout, "恢复前的数据已另存为 %s。\n", res.Saved)
	}
	return nil
}

// restoreOverDamaged restores file into dir, whose database is damaged: it
// is moved aside untouched first.
func restoreOverDamaged(e *Env, dir, file string) error {
	aside, err := data.RestoreDamaged(dir, file)
	if err != nil {
		return err
	}
	if aside != "" {
		fmt.Fprintf(e.Stdout, "原数据库已损坏，已移到 %s（未作改动）；已从 %s 恢复。\n", aside, file)
	} else {
		fmt.Fprintf(e.Stdout, "已从 %s 恢复。\n", file)
	}
	return nil
}

// backupsJob lists the backups in the data folder, each checked.
func backupsJob(e *Env, args []string) error {
	if len(args) != 0 {
		return usagef("backups 不带参数")
	}
	dir, err := existingDataDir(e, data.BackupsFolder)
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
		if b.Err == nil && !b.Good() {
			state = "未通过完整检查，不能用来恢复：" + b.Manifest.Damage
		} else if _, err := data.VerifyBackup(b.Path); err != nil {
			state = "不可用：" + err.Error()
		}
		fmt.Fprintf(e.Stdout, "%s  %s  %s  %s  %s\n", filepath.Base(b.Path), b.Manifest.Time().Format("2006-01-02 15:04"),
			data.BackupKindLabel(b.Manifest.Kind), b.Manifest.Summary(), state)
	}
	return nil
}

// checkJob is the check job: SQLite's full integrity check, or with -quick
// the quick one; damage comes with the way out.
func checkJob(e *Env, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	quick := fs.Bool("quick", false, "")
	fs.Bool("full", true, "") // the full check is the default now
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	dir, err := existingDataDir(e)
	if err != nil {
		return err
	}
	if *quick {
		if err := data.Check(dir); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, "数据库通过快速检查。")
		return nil
	}
	d, err := data.DiagnoseDir(dir)
	if err != nil {
		return err
	}
	if !d.OK() {
		return fmt.Errorf("数据库 %s 已损坏：%s%s。\n%s", filepath.Join(dir, data.DBFile), d.Summary(), indexNames(d), wayOut(d))
	}
	fmt.Fprintln(e.Stdout, "数据库完好（完整检查）。")
	return nil
}

// repair is the repair job: diagnose, then rebuild the indexes when that is the cure.
func repair(e *Env) error {
	dir, err := existingDataDir(e)
	if err != nil {
		return err
	}
	lock, err := data.Acquire(dir, "命令行任务 repair")
	if err != nil {
		return err
	}
	defer lock.Release()
	d, err := data.DiagnoseDir(dir)
	if err != nil {
		return err
	}
	if d.OK() {
		fmt.Fprintln(e.Stdout, "数据库完好（完整检查），无需修复。")
		return nil
	}
	if !d.IndexOnly {
		return fmt.Errorf("数据库已损坏：%s，重建索引修不好。\n%s", d.Summary(), wayOut(d))
	}
	st, err := data.Open(dir)
	if err != nil {
		return err
	}
	defer st.Close()
	st.Operator = operator(e, st)
	if _, err := st.RebuildIndexes(); err != nil {
		var re *data.RepairError
		if errors.As(err, &re) {
			return fmt.Errorf("%w\n%s", err, restoreHint)
		}
		return err
	}
	fmt.Fprintf(e.Stdout, "已重建「%s」的索引%s，数据库通过完整检查。\n", strings.Join(d.Tables, "」「"), indexNames(d))
	return nil
}

const restoreHint = "请用 jiayuan backups 找一份完好的备份，再用 jiayuan restore 备份文件 恢复（现有数据会先另存为一份备份）。"

// indexNames names the indexes of index-only damage, for whoever looks into it.
func indexNames(d data.Diagnosis) string {
	if !d.IndexOnly {
		return ""
	}
	return "（索引名 " + strings.Join(d.Indexes, "、") + "）"
}

// wayOut tells the clerk what to run for the damage d found.
func wayOut(d data.Diagnosis) string {
	if d.IndexOnly {
		return "数据表本身完好：请运行 jiayuan repair 重建索引，数据不会丢失。"
	}
	return restoreHint
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
	e.defaultDir = true
	return d, nil
}

// outputDataDir is the data folder a job that needs no store must still keep
// its output out of (the template, the calibration page): -data, else the
// default folder. With no folder to be found there is none to protect: "".
func outputDataDir(e *Env) string {
	dir, err := dataDir(e)
	if err != nil {
		return ""
	}
	return dir
}

// checkOutputOutsideData refuses an output of a job that needs no store (the
// template, the calibration page) inside the data folder of -data (else the
// default one) or inside any other data folder recognised around it.
func checkOutputOutsideData(e *Env, path string) error {
	if err := data.CheckOutputPath(outputDataDir(e), path); err != nil {
		return err
	}
	return data.CheckOutputPath(data.DataFolderAbove(path), path)
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
