package data

import "strconv"

// notFound is the error for a record that does not exist: its message names the
// kind and the number ("没有编号为 99 的申报") and it matches ErrNotFound with errors.Is.
type notFound struct{ msg string }

func (e *notFound) Error() string        { return e.msg }
func (e *notFound) Is(target error) bool { return target == ErrNotFound }

// errNoID is the error for kind (申报, 评选活动…) with number id missing.
func errNoID(kind string, id int64) error {
	return &notFound{msg: "没有编号为 " + strconv.FormatInt(id, 10) + " 的" + kind}
}
