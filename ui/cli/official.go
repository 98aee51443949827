package cli

import (
	"flag"
	"fmt"
	"io"

	"jiayuan/data"
	"jiayuan/ui/documents"
)

func init() {
	register(&Command{Name: "wenhao", Help: "列出已印发的发文字号：机关代字、年份、序号、文件、评选活动、日期", Run: runWenhao})
}

// printOfficial prints a round's notice or decision. When the print issues a
// 发文字号 (a 版头 and no number recorded yet) it is a writing job: it holds
// the data folder's lock while it records the number.
func printOfficial(e *Env, what string, args []string) error {
	fs := flag.NewFlagSet("print "+what, flag.ContinueOnError)
	wenhao := fs.String("wenhao", "", "发文字号，如 华阳街道党工委发〔2021〕12号")
	letterhead := fs.Bool("letterhead", false, "按红头纸打印：只印发文字号和正文")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usagef("print %s 需要两个参数：评选活动编号（见 rounds 命令）和输出的 PDF 文件", what)
	}
	opt := documents.PrintOptions{Wenhao: *wenhao, Letterhead: *letterhead}
	doc, job := data.DocNotice, documents.NoticeWith
	if what == "decision" {
		doc, job = data.DocDecision, documents.DecisionWith
	}
	var before, after data.Wenhao
	var had, has bool
	err := printFromStore(e, fs.Arg(1), func(st *data.Store, w io.Writer) error {
		r, err := roundArg(st, fs.Arg(0))
		if err != nil {
			return err
		}
		if before, had, err = st.IssuedWenhao(r.ID, doc); err != nil {
			return err
		}
		if issue, err := documents.WillIssue(st, r.ID, doc, opt); err != nil {
			return err
		} else if issue {
			release, err := e.acquire("命令行任务 print " + what)
			if err != nil {
				return err
			}
			defer release()
			useOperator(e, st)
		}
		if err := job(st, r.ID, w, opt); err != nil {
			return err
		}
		after, has, err = st.IssuedWenhao(r.ID, doc)
		return err
	})
	if err != nil {
		return err
	}
	switch {
	case has && had && after.String() == before.String():
		fmt.Fprintf(e.Stdout, "沿用已登记的发文字号 %s。\n", after)
	case has:
		fmt.Fprintf(e.Stdout, "已登记发文字号 %s。\n", after)
	}
	return nil
}

// useOperator sets the operator the audit trail records, as run does for writing jobs.
func useOperator(e *Env, st *data.Store) {
	if st.Operator != "" {
		return
	}
	if s, err := st.Settings(); err == nil && s.Operator != "" {
		st.Operator = s.Operator
	}
}

func runWenhao(e *Env, args []string) error {
	if len(args) != 0 {
		return usagef("wenhao 不带参数")
	}
	ws, err := e.Store.Wenhaos()
	if err != nil {
		return err
	}
	if len(ws) == 0 {
		fmt.Fprintln(e.Stdout, "还没有印发过带发文字号的文件。")
		return nil
	}
	for _, w := range ws {
		fmt.Fprintf(e.Stdout, "%s\t%d\t%d\t%s\t%s\t%s\t%s\n", w.Daizi, w.Year, w.Seq, w.String(), data.DocLabel(w.Doc), w.Round, w.IssuedOn)
	}
	return nil
}
