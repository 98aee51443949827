package cli

import (
	"io"
	"testing"

	"jiayuan/data"
)

// A job run without -operator writes as the operator named in the settings,
// else as 命令行, never as the system's account.
func TestJobOperatorDefault(t *testing.T) {
	var got string
	register(&Command{Name: "operator-probe", Writes: true, Run: func(e *Env, args []string) error {
		got = e.Store.Operator
		return nil
	}})
	t.Cleanup(func() { delete(commands, "operator-probe") })
	dir := t.TempDir()
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := data.Settings{OfficeName: "华阳街道", Role: data.RoleOffice}
	if err := st.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ settings, flag, want string }{
		{"", "", "命令行"},
		{"", "李四", "李四"},
		{"张三", "", "张三"},
		{"张三", "李四", "李四"},
	} {
		s.Operator = tc.settings
		if err := st.SaveSettings(s); err != nil {
			t.Fatal(err)
		}
		got = ""
		if code := Run(dir, tc.flag, "test", []string{"operator-probe"}, io.Discard, io.Discard); code != 0 {
			t.Fatalf("the job exited %d", code)
		}
		if got != tc.want {
			t.Errorf("settings %q, -operator %q: the job wrote as %q, want %q", tc.settings, tc.flag, got, tc.want)
		}
	}
	st.Close()
}
