package data

import (
	"errors"
	"strings"
	"testing"
)

// A missing record is named by kind and number, once, and still matches ErrNotFound.
func TestNotFoundMessage(t *testing.T) {
	st := openTest(t)
	_, err := st.Nomination(99)
	if err == nil || err.Error() != "没有编号为 99 的申报" {
		t.Fatalf("missing nomination: %v", err)
	}
	if !errors.Is(err, ErrNotFound) {
		t.Error("the error no longer matches ErrNotFound")
	}
	for _, e := range []error{func() error { _, err := st.Round(7); return err }(), func() error { _, err := st.Community(8); return err }()} {
		if e == nil || strings.Count(e.Error(), "不存在") > 0 || !strings.HasPrefix(e.Error(), "没有编号为 ") || !errors.Is(e, ErrNotFound) {
			t.Errorf("missing record: %v", e)
		}
	}
}
