package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"jiayuan/data"
	"jiayuan/ui/documents"
)

// printRound are the documents of a round; printLists the record lists.
var (
	printRound = map[string]func(ctx context.Context, st *data.Store, roundID int64, w io.Writer) error{
		"notice": func(_ context.Context, st *data.Store, id int64, w io.Writer) error {
			return documents.Notice(st, id, w)
		},
		"certificates": func(ctx context.Context, st *data.Store, id int64, w io.Writer) error {
			return documents.Certificates(ctx, st, id, w, nil)
		},
		"scoresheets": func(ctx context.Context, st *data.Store, id int64, w io.Writer) error {
			return documents.ScoreSheets(ctx, st, id, w, nil)
		},
		"summary": func(_ context.Context, st *data.Store, id int64, w io.Writer) error {
			return documents.Summary(st, id, w)
		},
		"decision": func(_ context.Context, st *data.Store, id int64, w io.Writer) error {
			return documents.Decision(st, id, w)
		},
	}
	printRoundOrder = []string{"notice", "certificates", "scoresheets", "summary", "decision"}
)

func init() {
	register(&Command{Name: "print",
		Args: "notice|decision [-wenhao 文号] [-letterhead] ROUND FILE.pdf | certificates|scoresheets [-blank]|summary ROUND FILE.pdf | feedback ROUND FILE.pdf [-nominee ID] | communities|compounds|orgs FILE.pdf | nomination ID FILE.pdf | calibration [-paper 297x210] [-letterhead] FILE.pdf | guide FILE.pdf",
		Help: "打印成 PDF：评选活动的公示、命名决定（-wenhao 指定发文字号，否则沿用已登记的或取下一个空号；-letterhead 按红头纸只印可变部分）、证书、评分表（-blank 为空白表）、评审汇总表、评审结果反馈（-nominee 只打一份申报的；ROUND 为 rounds 列出的编号），社区、小区、党组织名册，一份申报表，证书套打校准页（-letterhead 为红头纸校准页），或本程序的使用说明（guide）",
		// A reading job: no lock. It opens the store itself, since the calibration page needs none.
		NoStore: true,
		Run:     runPrint,
	})
}

func runPrint(e *Env, args []string) error {
	if len(args) == 0 {
		return usagef("print 需要指明打印什么：%s、feedback、%s、nomination、calibration 或 guide",
			strings.Join(printRoundOrder, "、"), strings.Join(documents.Kinds, "、"))
	}
	what, rest := args[0], args[1:]
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	switch {
	case what == "guide":
		if len(rest) != 1 {
			return usagef("print guide 需要一个参数：输出的 PDF 文件")
		}
		return writePDF(e, outputDataDir(e), rest[0], documents.Guide)
	case what == "calibration":
		fs := flag.NewFlagSet("print calibration", flag.ContinueOnError)
		paper := fs.String("paper", "297x210", "纸张宽x高（毫米）")
		letterhead := fs.Bool("letterhead", false, "红头纸校准页（A4，按设置画出发文字号和正文起始线）")
		if err := parseFlags(fs, rest); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usagef("print calibration 需要一个参数：输出的 PDF 文件")
		}
		if *letterhead {
			return printFromStore(e, fs.Arg(0), func(st *data.Store, w io.Writer) error { return documents.LetterheadCalibration(st, w) })
		}
		var l documents.CertLayout
		if _, err := fmt.Sscanf(strings.ReplaceAll(strings.ToLower(*paper), "×", "x"), "%gx%g", &l.PaperW, &l.PaperH); err != nil || l.PaperW < 100 || l.PaperH < 100 || l.PaperW > 600 || l.PaperH > 600 {
			return usagef("纸张尺寸应写成“宽x高”（毫米，100～600），如 297x210，现在是“%s”", *paper)
		}
		if err := checkOutputOutsideData(e, fs.Arg(0)); err != nil {
			return err
		}
		return writePDF(e, outputDataDir(e), fs.Arg(0), func(w io.Writer) error { return documents.Calibration(w, l) })
	case what == "notice" || what == "decision":
		return printOfficial(e, what, rest)
	case printRound[what] != nil:
		job := printRound[what]
		if what == "scoresheets" {
			fs := flag.NewFlagSet("print scoresheets", flag.ContinueOnError)
			blank := fs.Bool("blank", false, "空白评分表（不填已录入的分数）")
			if err := parseFlags(fs, rest); err != nil {
				return err
			}
			rest = fs.Args()
			if *blank {
				job = func(ctx context.Context, st *data.Store, id int64, w io.Writer) error {
					return documents.BlankScoreSheets(ctx, st, id, w, nil)
				}
			}
		}
		if len(rest) != 2 {
			return usagef("print %s 需要两个参数：评选活动编号（见 rounds 命令）和输出的 PDF 文件", what)
		}
		return printFromStore(e, rest[1], func(st *data.Store, w io.Writer) error {
			r, err := roundArg(st, rest[0])
			if err != nil {
				return err
			}
			return job(ctx, st, r.ID, w)
		})
	case what == "feedback":
		return printFeedback(e, ctx, rest)
	case what == "nomination":
		if len(rest) != 2 {
			return usagef("print nomination 需要两个参数：申报编号和输出的 PDF 文件")
		}
		id, err := strconv.ParseInt(strings.TrimSpace(rest[0]), 10, 64)
		if err != nil || id < 1 {
			return usagef("申报编号应为数字，现在是“%s”", rest[0])
		}
		return printFromStore(e, rest[1], func(st *data.Store, w io.Writer) error { return documents.Nomination(st, id, w) })
	default:
		for _, k := range documents.Kinds {
			if what != k {
				continue
			}
			if len(rest) != 1 {
				return usagef("print %s 需要一个参数：输出的 PDF 文件", what)
			}
			return printFromStore(e, rest[0], func(st *data.Store, w io.Writer) error { return documents.Records(st, what, w) })
		}
	}
	return usagef("不能打印“%s”：可选 %s、feedback、%s、nomination、calibration 或 guide", what,
		strings.Join(printRoundOrder, "、"), strings.Join(documents.Kinds, "、"))
}

// printFromStore opens the store and writes the PDF that gen makes from it
// to path, checking first that path may be written.
func printFromStore(e *Env, path string, gen func(st *data.Store, w io.Writer) error) error {
	if err := checkOut(path); err != nil {
		return err
	}
	st, err := openStore(e)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.CheckOutputPath(path); err != nil {
		return err
	}
	return writePDF(e, st.Dir(), path, func(w io.Writer) error { return gen(st, w) })
}

// openStore opens the data folder as run does for jobs that need a store.
func openStore(e *Env) (*data.Store, error) {
	if e.Server == "" {
		if _, err := existingDataDir(e); err != nil {
			return nil, err
		}
	} else if _, err := dataDir(e); err != nil {
		return nil, err
	}
	st, err := e.open()
	if err != nil {
		return nil, err
	}
	e.Store = st
	st.Operator = e.Operator
	return st, nil
}

// checkOut refuses an output name that is not a .pdf in an existing folder, before any work.
func checkOut(path string) error {
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		return usagef("输出文件应以 .pdf 结尾，现在是“%s”", path)
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return fmt.Errorf("输出文件夹“%s”不存在", filepath.Dir(path))
	}
	return nil
}

// writePDF writes the document to a temporary file beside path and renames it
// into place only when the whole document was written: a failed or cancelled
// job never leaves a half PDF, nor touches an existing file of that name. A
// path in the data folder dataDir is refused (see data.WriteOutput).
func writePDF(e *Env, dataDir, path string, gen func(w io.Writer) error) error {
	if err := checkOut(path); err != nil {
		return err
	}
	n, fallback, err := documents.WriteFileTelling(dataDir, path, gen)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "已生成 %s（%s）\n", path, data.HumanSize(n))
	if fallback != "" {
		fmt.Fprintln(e.Stderr, fallback)
	}
	return nil
}

// printFeedback is print feedback ROUND FILE.pdf [-nominee ID]: the
// 评审结果反馈, one page a nominee, or one nomination's alone.
func printFeedback(e *Env, _ context.Context, args []string) error {
	fs := flag.NewFlagSet("print feedback", flag.ContinueOnError)
	nominee := fs.Int64("nominee", 0, "只打印这份申报（申报编号）的反馈")
	var pos []string
	for len(args) > 0 { // flags may come after the arguments
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	if len(pos) != 2 {
		return usagef("print feedback 需要两个参数：评选活动编号（见 rounds 命令）和输出的 PDF 文件，可加 -nominee 申报编号")
	}
	if *nominee < 0 {
		return usagef("申报编号应为正整数，现在是“%d”", *nominee)
	}
	return printFromStore(e, pos[1], func(st *data.Store, w io.Writer) error {
		r, err := roundArg(st, pos[0])
		if err != nil {
			return err
		}
		return documents.Feedback(st, r.ID, *nominee, w)
	})
}
