package data

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// FieldError is one problem with one field, in Chinese, for the clerk.
type FieldError struct {
	Field string // the struct field's name, for the window to place the message
	Label string // the field's Chinese label
	Msg   string
}

func (e FieldError) Error() string { return e.Label + "：" + e.Msg }

// ValidationError lists every problem found in one record.
type ValidationError struct {
	Record string // e.g. 社区“滨江社区”
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Error()
	}
	prefix := ""
	if e.Record != "" {
		prefix = e.Record + "："
	}
	return prefix + strings.Join(parts, "；")
}

// For returns the message for a field, or "".
func (e *ValidationError) For(field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Msg
		}
	}
	return ""
}

type checker struct {
	record string
	errs   []FieldError
}

func (c *checker) add(field, label, format string, a ...any) {
	c.errs = append(c.errs, FieldError{Field: field, Label: label, Msg: fmt.Sprintf(format, a...)})
}

func (c *checker) required(field, label, v string) {
	if strings.TrimSpace(v) == "" {
		c.add(field, label, "不能为空")
	}
}

func (c *checker) phone(field, label, v string) {
	if err := CheckPhone(v); err != nil {
		c.add(field, label, "%s", err.Error())
	}
}

// notFuture refuses a date after today; a month-precise date of this month is
// not after today (Date.Before compares it by its month).
func (c *checker) notFuture(field, label string, d Date, today Date) {
	if !d.IsZero() && today.Before(d) {
		c.add(field, label, "%s 还没有到，不能是将来的日期", d)
	}
}

func (c *checker) maxLen(field, label, v string, n int) {
	if len(v) <= n {
		return // no more characters than bytes
	}
	if k := utf8.RuneCountInString(v); k > n {
		c.add(field, label, "最多 %d 个字，现在 %d 个", n, k)
	}
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return &ValidationError{Record: c.record, Fields: c.errs}
}

// osWords are the English phrases the operating system's errors end in,
// with their Chinese, for messages shown to the clerk.
var osWords = []struct{ en, zh string }{
	{"no such file or directory", "文件或文件夹不存在"},
	{"The system cannot find the file specified.", "找不到指定的文件"},
	{"The system cannot find the path specified.", "找不到指定的路径"},
	{"permission denied", "没有权限"},
	{"Access is denied.", "没有权限"},
	{"is a directory", "这是一个文件夹"},
	{"not a directory", "不是文件夹"},
	{"file exists", "文件已存在"},
	{"read-only file system", "磁盘只读"},
	{"no space left on device", "磁盘空间不足"},
	{"There is not enough space on the disk.", "磁盘空间不足"},
	{"The process cannot access the file because it is being used by another process.", "文件正被其他程序使用"},
	{"database is locked", "数据库正被占用"},
	{"database or disk is full", "磁盘空间不足，数据库写不下"},
	{"disk I/O error", "磁盘读写出错"},
	{"unable to open database file", "无法打开数据库文件"},
	{"attempt to write a readonly database", "数据库是只读的，无法写入"},
	{"database disk image is malformed", "数据库文件已损坏"},
	{"file is not a database", "不是数据库文件"},
}

// ExplainReason is Explain without the path of a file-system error, for a
// message that names the path already: “无法读取数据库 X：不是文件夹”, not
// “X：X：不是文件夹”.
func ExplainReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return Explain(pe.Err)
	}
	return Explain(err)
}

// Explain is err's message for the clerk, with the operating system's English
// phrases (no such file or directory, permission denied…) put into Chinese.
func Explain(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	// "open C:\\x.xlsx: …" becomes "C:\\x.xlsx：…", or just "…" when the message names the path already.
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if i := strings.Index(s, pe.Error()); i >= 0 {
			repl := pe.Err.Error()
			if !strings.Contains(s[:i], pe.Path) {
				repl = pe.Path + "：" + repl
			}
			s = s[:i] + repl + s[i+len(pe.Error()):]
		}
	}
	for _, w := range osWords {
		s = strings.ReplaceAll(s, w.en, w.zh)
	}
	return s
}
