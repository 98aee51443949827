package cli

import (
	"errors"
	"fmt"
	"strings"
)

func init() {
	register(&Command{Name: "snapshot", Args: "check",
		Help: "核对每个已提交申报的提交快照：都在、且与保存时一致（SHA-256）；有问题的逐个列出，退出码 1",
		Run: func(e *Env, args []string) error {
			if len(args) != 1 || args[0] != "check" {
				return usagef("snapshot 只接受 check")
			}
			probs, checked, err := e.Store.CheckSnapshots()
			if err != nil {
				return err
			}
			if len(probs) == 0 {
				fmt.Fprintf(e.Stdout, "已核对 %d 个已提交申报的提交快照，均完好。\n", checked)
				return nil
			}
			msgs := make([]string, len(probs))
			for i, p := range probs {
				msgs[i] = p.Message
			}
			return errors.New(fmt.Sprintf("已核对 %d 个已提交申报，%d 处提交快照有问题：\n", checked, len(probs)) +
				strings.Join(msgs, "\n"))
		}})
}
