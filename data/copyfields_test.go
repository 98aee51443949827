package data

import "testing"

func TestCopyFieldsTakesOnlyTheNamedFields(t *testing.T) {
	theirs := Community{ID: 3, Version: 5, Name: "滨江社区", Secretary: "王芳", Address: "滨江路 1 号"}
	mine := Community{ID: 3, Version: 4, Name: "滨江社区", Secretary: "李红", Address: "滨江路 9 号"}
	CopyFields(&theirs, &mine, []string{"Address"})
	if theirs.Address != "滨江路 9 号" || theirs.Secretary != "王芳" || theirs.Version != 5 {
		t.Errorf("merged %+v", theirs)
	}
}
