package cli

import (
	"fmt"

	"jiayuan/data"
)

// The office server's jobs: copying a whole store between a data folder and
// the server (both ways).

func init() {
	register(&Command{Name: "store", Args: "copy 来源 目标", NoStore: true,
		Help: "把全部数据从数据文件夹复制到办公室服务器（postgres://…）或反过来；目标必须是空的，复制后逐表核对",
		Run:  storeJob})
}

func storeJob(e *Env, args []string) error {
	if len(args) != 3 || args[0] != "copy" {
		return usagef("store 的用法：store copy 来源 目标（数据文件夹或 postgres://用户名@主机/数据库）")
	}
	if args[1] == args[2] {
		return usagef("来源和目标是同一个地方")
	}
	src, closeSrc, err := openEnd(e, args[1], false)
	if err != nil {
		return err
	}
	defer closeSrc()
	dst, closeDst, err := openEnd(e, args[2], true)
	if err != nil {
		return err
	}
	defer closeDst()
	rep, err := data.CopyStore(src, dst)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已从 %s 复制到 %s：%d 张表共 %d 行，附件 %d 个；逐表行数和校验值核对一致。\n",
		src.Where(), dst.Where(), len(rep.Tables), rep.Rows(), rep.Attachments)
	return nil
}

// openEnd opens one end of a copy: a server, or a data folder held with its
// lock (the target folder is created when missing).
func openEnd(e *Env, where string, target bool) (*data.Store, func(), error) {
	if data.IsServerURL(where) {
		dir, err := dataDir(e)
		if err != nil {
			return nil, nil, err
		}
		st, err := data.OpenServer(where, ServerCache(dir))
		if err != nil {
			return nil, nil, err
		}
		return st, func() { st.Close() }, nil
	}
	if !target {
		if err := requireData(e, where); err != nil {
			return nil, nil, err
		}
	}
	lock, err := data.Acquire(where, "命令行任务 store copy")
	if err != nil {
		return nil, nil, err
	}
	st, err := data.OpenChecked(where)
	if err != nil {
		lock.Release()
		return nil, nil, err
	}
	return st, func() { st.Close(); lock.Release() }, nil
}
