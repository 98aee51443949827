package data

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestOneLineAndMultiLineRules(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // "" when accepted
	}{
		{"滨江社区", ""},
		{"“365”工作法（试行）", ""},
		{"阿卜杜热合曼·买买提明", ""},
		{"滨江\u202e社区", "第 3 个字是文字方向控制符（U+202E）"},
		{"滨江\u202a社区", "第 3 个字是文字方向控制符（U+202A）"},
		{"\u2067滨江社区", "第 1 个字是文字方向控制符（U+2067）"},
		{"滨江\u200f社区", "第 3 个字是文字方向控制符（U+200F）"},
		{"滨江\u061c社区", "第 3 个字是文字方向控制符（U+061C）"},
		{"滨江\x00社区", "第 3 个字是空字符（U+0000）"},
		{"滨江\x07社区", "第 3 个字是控制字符（U+0007）"},
		{"滨江\x7f社区", "第 3 个字是控制字符（U+007F）"},
		{"滨江\u009b社区", "第 3 个字是控制字符（U+009B）"},
		{"滨江\t社区", "第 3 个字是制表符（Tab）"},
		{"滨江\n社区", "第 3 个字是换行，这一项只能写一行"},
		{"滨江\r社区", "第 3 个字是回车，这一项只能写一行"},
		{"滨江\u2028社区", "第 3 个字是换行，这一项只能写一行"},
		{"滨江\xff社区", "第 3 个字不是有效的字符"},
	} {
		err := CheckOneLine(tc.in)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckOneLine(%q) = %v", tc.in, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("CheckOneLine(%q) = %v, want %s", tc.in, err, tc.want)
		}
	}
	for _, tc := range []struct {
		in, out, want string
	}{
		{"第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行", ""},
		{"第一行\u2028第二行\t附注", "第一行\n第二行\t附注", ""},
		{"第一行\n\u202e第二行", "", "第 5 个字是文字方向控制符（U+202E）"},
		{"第一行\n第二\x00行", "", "第 7 个字是空字符（U+0000）"},
		{"第一行\x0c", "", "第 4 个字是控制字符（U+000C）"},
	} {
		out, err := CleanMultiLine(tc.in)
		switch {
		case tc.want == "" && (err != nil || out != tc.out):
			t.Errorf("CleanMultiLine(%q) = %q, %v; want %q", tc.in, out, err, tc.out)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("CleanMultiLine(%q) = %v, want %s", tc.in, err, tc.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	for in, want := range map[string]string{
		"滨江社区":                       "滨江社区",
		strings.Repeat("华", 40):      strings.Repeat("华", 40),
		strings.Repeat("华", 100000):  strings.Repeat("华", 16) + "…共 100000 字",
		"滨江\u202e区社":                 "滨江[U+202E]区社",
		"第一行\n第二行\t\x00":             "第一行[换行]第二行[Tab][U+0000]",
		strings.Repeat("\u202e", 50): strings.Repeat("[U+202E]", 16) + "…共 50 字",
	} {
		if got := Excerpt(in); got != want {
			t.Errorf("Excerpt(%.40q) = %q, want %q", in, got, want)
		}
	}
}

// recordTexts gives a valid record of each kind in st and its text fields.
func recordTexts(t *testing.T, st *Store) map[string]func() ([]textField, func() error) {
	comm := mustCommunity(t, st, "滨江社区")
	return map[string]func() ([]textField, func() error){
		"community": func() ([]textField, func() error) {
			c := &Community{Name: "龙河社区"}
			return c.textFields(), func() error { return st.SaveCommunity(c) }
		},
		"compound": func() ([]textField, func() error) {
			c := &Compound{Name: "南湖小区", CommunityID: comm.ID, Kind: "商品房"}
			return c.textFields(), func() error { return st.SaveCompound(c) }
		},
		"org": func() ([]textField, func() error) {
			o := &Org{Name: "滨江社区党委", Kind: OrgCommunityCommittee, CommunityID: comm.ID}
			return o.textFields(), func() error { return st.SaveOrg(o) }
		},
	}
}

// Every text field of every record refuses a value one character over its
// limit, and a bidi control, by name; the value is never cut.
func TestEveryTextFieldHasItsLimitAndCharacterRule(t *testing.T) {
	st := openTest(t)
	for kind, rec := range recordTexts(t, st) {
		fields, _ := rec()
		for i := range fields {
			for _, bad := range []struct{ value, want string }{
				{strings.Repeat("1", fields[i].max+1), fmt.Sprintf("最多 %d 个字，现在 %d 个", fields[i].max, fields[i].max+1)},
				{"1\u202e2", "第 2 个字是文字方向控制符（U+202E）"},
			} {
				fs, save := rec()
				*fs[i].v = bad.value
				err := save()
				var ve *ValidationError
				if !errors.As(err, &ve) || !strings.HasPrefix(ve.For(fs[i].field), bad.want) {
					t.Errorf("%s.%s = %.20q: %v, want %s", kind, fs[i].field, bad.value, err, bad.want)
				}
			}
		}
	}
	// A 100,000-character address is refused whole, not stored cut.
	c := &Community{Name: "华阳社区", Address: strings.Repeat("华阳大道", 25000)}
	err := st.SaveCommunity(c)
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.For("Address") != fmt.Sprintf("最多 %d 个字，现在 100000 个", LimitAddress) {
		t.Fatalf("100,000-character address: %v", err)
	}
	if len(err.Error()) > 200 {
		t.Errorf("the message quotes the value: %d bytes", len(err.Error()))
	}
}

// The window's inline check (Validate*) and its save give the same message,
// and surrounding line breaks of a one-line field are dropped, not refused.
func TestValidateAndSaveAgreeOnText(t *testing.T) {
	st := openTest(t)
	c := &Community{Name: "滨江社区", Secretary: "王\u202e芳"}
	v := st.ValidateCommunity(c)
	s := st.SaveCommunity(c)
	if v == nil || s == nil || v.Error() != s.Error() || !strings.Contains(s.Error(), "党组织书记：第 2 个字是文字方向控制符（U+202E）") {
		t.Fatalf("validate %v, save %v", v, s)
	}
	c = &Community{Name: "滨江社区", Address: "华阳大道一段\r\n", Notes: "一\r\n二"}
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Community(c.ID)
	if got.Address != "华阳大道一段" || got.Notes != "一\n二" {
		t.Errorf("stored %q, %q", got.Address, got.Notes)
	}
}

// TestNormalizeKeepsChinesePunctuation: names keep （）：；，！？、。 while
// full-width letters, digits and the ideographic space fold; codes fold every
// full-width sign.
func TestNormalizeKeepsChinesePunctuation(t *testing.T) {
	for in, want := range map[string]string{
		"华新社区（筹），一期！":        "华新社区（筹），一期！",
		"周建国（演示）":            "周建国（演示）",
		"问：何时？答；好、是。":        "问：何时？答；好、是。",
		"\u3000Ａ区１２栋\u200b ": "A区12栋",
		"《通知》「第一」［甲］～":       "《通知》「第一」［甲］～",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"（028）８５６１１００１":     "(028)85611001",
		"５１０１１２，００１":        "510112,001",
		"１．５平方公里":           "1.5平方公里",
		"028－85611001－8001": "028-85611001-8001",
	} {
		if got := NormalizeCode(in); got != want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", in, got, want)
		}
	}
	if err := CheckPhone("（028）85611001；13800001111"); err != nil {
		t.Errorf("a full-width phone pair is still a phone: %v", err)
	}
	if a, err := ParseArea("１．５"); err != nil || a != "1.5" {
		t.Errorf("ParseArea(１．５) = %q, %v", a, err)
	}
}
