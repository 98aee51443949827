package data

// The rules for the text fields of the records: which characters a field may
// hold and how long it may be. They are applied in the records' check
// functions, which every way in goes through: a save from the window
// (Save*/Validate*), the Excel import (Check*Fields) and the exchange import
// (which saves through Tx.Save*). So a value refused in one is refused in the
// others, with the same message.

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Length limits of the text fields, in characters.
const (
	LimitCommunityName = 40
	LimitCompoundName  = 40
	LimitOrgName       = 60
	LimitCode          = 20   // 区划代码, 面积, 类型
	LimitPerson        = 30   // a person's name: 书记, 主任, 联系人
	LimitPhone         = 40   // one or two phone numbers
	LimitAddress       = 200  // 地址
	LimitMethod        = 100  // 工作法, 治理方法
	LimitCompany       = 100  // 物业服务企业
	LimitNotes         = 2000 // 备注
)

// TextKind is the kind of a text field, which decides its characters.
type TextKind uint8

const (
	// OneLine is a name, a code or another field of one line: no control
	// characters at all (tab, line breaks, NUL, C0/C1, bidi controls).
	// Line breaks and tabs around the value are trimmed.
	OneLine TextKind = iota
	// MultiLine is a text of several lines (备注): line breaks and tabs are
	// kept, CRLF, CR and U+2028/U+2029 become LF; other controls are refused.
	MultiLine
)

// textField is one text field of a record, with its rule.
type textField struct {
	field, label string
	v            *string
	kind         TextKind
	max          int
}

// text normalises a text field by its kind and refuses bad characters and
// a value longer than its limit.
func (c *checker) text(f textField) {
	var err error
	switch f.kind {
	case MultiLine:
		*f.v, err = CleanMultiLine(*f.v)
	default:
		*f.v = trimLineBreaks(*f.v)
		err = CheckOneLine(*f.v)
	}
	if err != nil {
		c.add(f.field, f.label, "%s", err.Error())
	}
	c.maxLen(f.field, f.label, *f.v, f.max)
}

func (c *checker) texts(fields []textField) {
	for _, f := range fields {
		c.text(f)
	}
}

// trimLineBreaks drops tabs and line breaks around a one-line value, as
// they are invisible in a one-line box and harmless to drop.
func trimLineBreaks(s string) string {
	return strings.Trim(s, "\t\n\r\v\f\u0085\u2028\u2029")
}

// CheckOneLine refuses in a one-line field (a name, a code, an address…)
// invalid UTF-8, tabs, line breaks, NUL and the other C0 and C1 controls,
// and the bidi controls (U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C),
// naming the first such character and its place.
func CheckOneLine(s string) error {
	return checkChars(s, false)
}

// CleanMultiLine normalises the line breaks of a multi-line text (CRLF, CR,
// U+2028 and U+2029 become LF) and refuses invalid UTF-8, NUL and the other
// controls but tab and LF, and the bidi controls.
func CleanMultiLine(s string) (string, error) {
	if strings.ContainsAny(s, "\r\u2028\u2029") {
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	}
	return s, checkChars(s, true)
}

func checkChars(s string, multi bool) error {
	pos := 0
	for i, r := range s {
		pos++
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fmt.Errorf("第 %d 个字不是有效的字符（文字编码有误），请重新输入", pos)
			}
		}
		if multi && (r == '\n' || r == '\t') {
			continue
		}
		if name := controlName(r); name != "" {
			if !multi && (r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029') {
				return fmt.Errorf("第 %d 个字是%s，这一项只能写一行", pos, name)
			}
			return fmt.Errorf("第 %d 个字是%s，不能出现在这一项中，请删除", pos, name)
		}
	}
	return nil
}

// controlName names a control character for the clerk, or is "" for any
// other character.
func controlName(r rune) string {
	if (r >= 0x20 && r < 0x7f) || (r >= 0xa0 && r < 0x61c) || r > 0x2069 {
		return ""
	}
	switch {
	case r == '\t':
		return "制表符（Tab）"
	case r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085':
		return "换行"
	case r == '\r':
		return "回车"
	case r == 0:
		return "空字符（U+0000）"
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return fmt.Sprintf("控制字符（U+%04X）", r)
	case isBidiControl(r):
		return fmt.Sprintf("文字方向控制符（U+%04X）", r)
	}
	return ""
}

// isBidiControl reports the invisible characters that reorder text.
func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' ||
		(r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// Excerpt is a value as messages quote it: whole when short, else its first
// characters and its length ("滨江滨江…共 100000 字"); control characters are
// shown as [U+202E], [换行], so that they neither hide nor reorder the message.
func Excerpt(s string) string {
	const whole, prefix = 40, 16
	n, plain := 0, true
	for _, r := range s {
		n++
		plain = plain && controlName(r) == ""
	}
	if n <= whole && plain {
		return s
	}
	var b strings.Builder
	i := 0
	for _, r := range s {
		if n > whole && i == prefix {
			break
		}
		i++
		switch name := controlName(r); {
		case name == "":
			b.WriteRune(r)
		case r == '\n':
			b.WriteString("[换行]")
		case r == '\t':
			b.WriteString("[Tab]")
		default:
			fmt.Fprintf(&b, "[U+%04X]", r)
		}
	}
	if n > whole {
		fmt.Fprintf(&b, "…共 %d 字", n)
	}
	return b.String()
}
