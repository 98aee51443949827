package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

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

func init() {
	register(&Command{Name: "server", Args: "init postgres://管理员@主机/数据库 [-account 账号名]", NoStore: true,
		Help: "为办公室服务器建立家园的表、三种权限和第一个管理账号（密码从标准输入读），并列出做了什么",
		Run:  serverInitJob})
	register(&Command{Name: "account", Args: "add 账号名 -role 查看|录入|管理 | list | disable 账号名",
		Help: "办公室服务器的账号（需 -db）：新增（密码从标准输入读）、列出、停用", NoStore: true,
		Run: accountJob})
}

// passwordInput is where passwords are read from (tests replace it).
var passwordInput io.Reader = os.Stdin

// readPassword reads one line from standard input.
func readPassword(e *Env) (string, error) {
	line, err := bufio.NewReader(passwordInput).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("请从标准输入给出密码（一行）")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func serverInitJob(e *Env, args []string) error {
	if len(args) < 2 || args[0] != "init" || !data.IsServerURL(args[1]) {
		return usagef("server 的用法：server init postgres://管理员@主机/数据库 [-account 账号名]")
	}
	fs := flag.NewFlagSet("server init", flag.ContinueOnError)
	name := fs.String("account", "管理员", "第一个管理账号")
	if err := parseFlags(fs, args[2:]); err != nil {
		return err
	}
	pw, err := readPassword(e)
	if err != nil {
		return err
	}
	did, err := data.ServerInit(args[1], *name, pw)
	for _, d := range did {
		fmt.Fprintln(e.Stdout, d)
	}
	return err
}

func accountJob(e *Env, args []string) error {
	if e.Server == "" {
		return usagef("账号只在办公室服务器上使用：请加 -db postgres://…")
	}
	if len(args) == 0 {
		return usagef("account 的用法：account add 账号名 -role 查看|录入|管理，account list，account disable 账号名")
	}
	if _, err := dataDir(e); err != nil {
		return err
	}
	st, err := e.open()
	if err != nil {
		return err
	}
	defer st.Close()
	st.Operator = operatorFor(e.Operator, st)
	switch {
	case args[0] == "list" && len(args) == 1:
		accts, err := st.Accounts()
		if err != nil {
			return err
		}
		for _, a := range accts {
			state := "可登录"
			if !a.Enabled {
				state = "已停用"
			}
			fmt.Fprintf(e.Stdout, "%s\t%s\t%s\n", a.Name, a.Role, state)
		}
		return nil
	case args[0] == "add" && len(args) >= 2:
		fs := flag.NewFlagSet("account add", flag.ContinueOnError)
		role := fs.String("role", "", "查看|录入|管理")
		if err := parseFlags(fs, args[2:]); err != nil {
			return err
		}
		r, err := data.ParseRole(*role)
		if err != nil {
			return usagef("%s", err.Error())
		}
		pw, err := readPassword(e)
		if err != nil {
			return err
		}
		if err := st.AddAccount(args[1], r, pw); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已建立账号“%s”（%s）。\n", args[1], r)
		return nil
	case args[0] == "disable" && len(args) == 2:
		if err := st.DisableAccount(args[1]); err != nil {
			return err
		}
		fmt.Fprintf(e.Stdout, "已停用账号“%s”；它做过的修改仍记在操作记录里。\n", args[1])
		return nil
	}
	return usagef("account 的用法：account add 账号名 -role 查看|录入|管理，account list，account disable 账号名")
}
