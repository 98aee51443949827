package cli

import (
	"fmt"

	"jiayuan/data"
)

func init() {
	register(&Command{Name: "demo", Help: "向空的数据目录装入演示数据（华阳街道 2021 年“双百佳”）", Writes: true,
		Run: func(e *Env, args []string) error {
			if len(args) != 0 {
				return usagef("demo 不带参数")
			}
			if err := data.LoadDemo(e.Store); err != nil {
				return err
			}
			o, err := e.Store.Overview(e.Store.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(e.Stdout, "已装入演示数据：%d 个社区，%d 个小区，%d 个党组织。\n", o.Communities, o.Compounds, o.Orgs)
			return nil
		}})
}
