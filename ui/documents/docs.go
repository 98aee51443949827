// Package documents builds the printed documents from the store: it reads the records
// and the round, fills the templates from the settings and hands plain structs to
// package reports, which writes the PDF. The window and the command line share it,
// so a document prints the same from either. It imports data and reports only:
// never Fyne, the window (package ui and the packages under it) or database/sql.
package documents

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"jiayuan/data"
	"jiayuan/reports"
)

// Kind of a record list.
const (
	KindCommunities = "communities"
	KindCompounds   = "compounds"
	KindOrgs        = "orgs"
)

// Kinds of record lists, as the command line names them.
var Kinds = []string{KindCommunities, KindCompounds, KindOrgs}

// FontRoles pairs each settings field with its role, for the settings panel.
var FontRoles = []struct {
	Role  reports.Role
	Field func(s *data.Settings) *string
}{
	{reports.RoleTitle, func(s *data.Settings) *string { return &s.FontTitle }},
	{reports.RoleBody, func(s *data.Settings) *string { return &s.FontBody }},
	{reports.RoleHei, func(s *data.Settings) *string { return &s.FontHei }},
	{reports.RoleKai, func(s *data.Settings) *string { return &s.FontKai }},
}

// SplitFontSpec reads a settings font value: "path" or "path#face".
func SplitFontSpec(spec string) (path string, face int) {
	spec = strings.TrimSpace(spec)
	if i := strings.LastIndex(spec, "#"); i > 0 {
		if n, err := strconv.Atoi(spec[i+1:]); err == nil && n >= 0 {
			return spec[:i], n
		}
	}
	return spec, 0
}

// FontSpec writes a settings font value.
func FontSpec(path string, face int) string {
	if face > 0 || strings.HasSuffix(strings.ToLower(path), ".ttc") {
		return fmt.Sprintf("%s#%d", path, face)
	}
	return path
}

type fontKey struct {
	path  string
	face  int
	size  int64
	mtime time.Time
}

var fontCache sync.Map // fontKey -> []byte

// LoadFont reads one system font for printing (cached while the file is unchanged).
func LoadFont(spec string) ([]byte, error) {
	path, face := SplitFontSpec(spec)
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("找不到字体文件“%s”", path)
	}
	k := fontKey{path, face, fi.Size(), fi.ModTime()}
	if v, ok := fontCache.Load(k); ok {
		return v.([]byte), nil
	}
	b, err := reports.LoadFontFile(path, face)
	if err != nil {
		return nil, err
	}
	fontCache.Store(k, b)
	return b, nil
}

// Fonts reads the print fonts chosen in the settings; roles left empty use the
// embedded fonts (nil fields). A chosen font that cannot be used stops the job
// with a message saying which role and what to do.
func Fonts(s data.Settings) (*reports.Fonts, error) {
	var f reports.Fonts
	any := false
	for _, fr := range FontRoles {
		spec := strings.TrimSpace(*fr.Field(&s))
		if spec == "" {
			continue
		}
		b, err := LoadFont(spec)
		if err != nil {
			return nil, fmt.Errorf("“设置—打印”中选择的%s不能使用：%w。请重新选择字体，或清空该项改用内置字体", fr.Role, err)
		}
		switch fr.Role {
		case reports.RoleTitle:
			f.Title = b
		case reports.RoleBody:
			f.Body = b
		case reports.RoleHei:
			f.Hei = b
		case reports.RoleKai:
			f.Kai = b
		}
		any = true
	}
	if !any {
		return nil, nil
	}
	return &f, nil
}

// settingsFonts reads the settings and their fonts.
func settingsFonts(st *data.Store) (data.Settings, *reports.Fonts, error) {
	s, err := st.Settings()
	if err != nil {
		return s, nil, err
	}
	f, err := Fonts(s)
	return s, f, err
}

// today is the store's clock (tests set it).
func today(st *data.Store) time.Time { return st.Now() }

// dateOf reads a stored timestamp (RFC 3339 or YYYY-MM-DD) as a date; zero if unreadable.
func dateOf(s string) time.Time {
	if len(s) >= 10 {
		if t, err := time.ParseInLocation("2006-01-02", s[:10], time.Local); err == nil {
			return t
		}
	}
	return time.Time{}
}

func dateText(d data.Date) string {
	if d.IsZero() {
		return ""
	}
	if d.MonthOnly() {
		return fmt.Sprintf("%d年%d月", d.Year, d.Month)
	}
	return reports.FormatDate(d.Time())
}

// chineseOrdinal is 一、二、… for headings (1–99).
func chineseOrdinal(n int) string {
	d := []rune("〇一二三四五六七八九")
	switch {
	case n < 10:
		return string(d[n])
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + string(d[n%10])
	default:
		s := string(d[n/10]) + "十"
		if n%10 != 0 {
			s += string(d[n%10])
		}
		return s
	}
}
