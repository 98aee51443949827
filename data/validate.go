package data

import (
	"fmt"
	"strings"
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

func (c *checker) notFuture(field, label string, d Date, today Date) {
	if !d.IsZero() && today.Before(d) && !(d.MonthOnly() && d.Year == today.Year && d.Month == today.Month) {
		c.add(field, label, "%s 还没有到，不能是将来的日期", d)
	}
}

func (c *checker) maxLen(field, label, v string, n int) {
	if len([]rune(v)) > n {
		c.add(field, label, "最多 %d 个字，现在 %d 个", n, len([]rune(v)))
	}
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return &ValidationError{Record: c.record, Fields: c.errs}
}
