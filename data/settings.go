package data

import (
	"fmt"
	"reflect"
)

// Roles of an installation.
const (
	RoleOffice    = "office"    // the sub-district office: keeps all records, runs rounds
	RoleCommunity = "community" // one community: keeps its own records, prepares nominations
)

// Settings are the installation's own facts, one row per field in the settings table.
type Settings struct {
	OfficeName    string `key:"office_name" zh:"街道名称"`
	Role          string `key:"role" zh:"使用单位类型"`
	CommunityUUID string `key:"community_uuid" zh:"本社区"`
	Operator      string `key:"operator" zh:"操作人"`
	IssuingUnit   string `key:"issuing_unit" zh:"发文单位"`
	CertIssuer    string `key:"cert_issuer" zh:"证书落款单位"`
	Hotline       string `key:"hotline" zh:"热线电话"`
	Address       string `key:"address" zh:"通讯地址"`
	ContactPerson string `key:"contact_person" zh:"联系人"`
	ContactPhone  string `key:"contact_phone" zh:"联系电话"`
	Demo          string `key:"demo" zh:"演示数据"`
	// NoticeTemplate and DecisionTemplate are the bodies of the 公示 notice and
	// the 命名决定, one paragraph a line, with placeholders filled when printing
	// (see TemplatePlaceholders). Empty means the default.
	NoticeTemplate   string `key:"notice_template" zh:"公示正文模板"`
	DecisionTemplate string `key:"decision_template" zh:"命名决定正文模板"`
	// Print fonts chosen from the system per role, as "path" or "path#face"
	// (a face of a .ttc); empty means the embedded default.
	FontTitle string `key:"font_title" zh:"标题字体"`
	FontBody  string `key:"font_body" zh:"正文字体（仿宋）"`
	FontHei   string `key:"font_hei" zh:"黑体"`
	FontKai   string `key:"font_kai" zh:"楷体"`
	// CertLayout is the certificate paper and pre-printed-stock positions, as JSON
	// written by the printing code; empty means landscape A4, full certificate.
	CertLayout string `key:"cert_layout" zh:"证书版式"`
	// The official format's 版头, 版记 and signature (see settings_doc.go).
	HeaderDecision    string `key:"header_decision" zh:"命名决定版头"` // HeaderNone, HeaderFull (the default), HeaderLetterhead
	HeaderNotice      string `key:"header_notice" zh:"公示版头"`     // HeaderNone (the default), HeaderFull, HeaderLetterhead
	HeaderRed         string `key:"header_red" zh:"版头红色"`        // "R,G,B"; empty means 230,0,0
	Organs            string `key:"doc_organs" zh:"发文机关及机关代字"`   // one organ a line, "名称|机关代字", the lead organ first
	DecisionAddressee string `key:"decision_addressee" zh:"命名决定主送机关"`
	NoticeAddressee   string `key:"notice_addressee" zh:"公示主送机关"`
	CopyTo            string `key:"copy_to" zh:"抄送机关"`
	PrintedBy         string `key:"printed_by" zh:"印发机关"`
	LetterheadWenhao  string `key:"letterhead_wenhao_mm" zh:"红头纸发文字号位置（毫米）"`
	LetterheadBody    string `key:"letterhead_body_mm" zh:"红头纸正文起始位置（毫米）"`
	DocSeal           string `key:"doc_seal" zh:"公文印章图片"`
	// CertStockSeal is "off" when the seal image must not print on pre-printed
	// stock (stamped by hand); empty prints it in both modes.
	CertStockSeal string `key:"cert_stock_seal" zh:"套打时打印印章"`
	// DateFormCert and DateFormLists choose how certificates and the lists and
	// forms write dates: DateFormArabic, DateFormChinese or DateFormChineseMonth;
	// empty means the document's default (Chinese for certificates, Arabic for lists).
	DateFormCert  string `key:"date_form_cert" zh:"证书日期写法"`
	DateFormLists string `key:"date_form_lists" zh:"名册和表格日期写法"`
	// DateFormWindow is how the window writes dates in lists and forms:
	// DateFormArabic (2021年12月6日) or empty for 2021-12-06.
	DateFormWindow string `key:"date_form_window" zh:"日期写法"`
}

// Date forms of the DateForm settings.
const (
	DateFormArabic       = "arabic"        // 2021年12月10日
	DateFormChinese      = "chinese"       // 二〇二一年十二月十日
	DateFormChineseMonth = "chinese_month" // 二〇二一年十二月
)

// TemplatePlaceholders are the names a notice or decision template may use, with what they stand for.
var TemplatePlaceholders = [][2]string{
	{"{年度}", "如 2021"},
	{"{评选名称}", "评选活动的名称"},
	{"{主办单位}", "组织评选的单位"},
	{"{街道名称}", "本街道的名称"},
	{"{公示天数}", "公示期的工作日数"},
	{"{公示开始日期}", "如 2021年12月6日"},
	{"{公示结束日期}", "如 2021年12月10日"},
	{"{热线电话}", "监督热线"},
	{"{通讯地址}", "来信地址"},
	{"{联系人}", "经办人姓名"},
	{"{联系电话}", "经办人电话"},
}

// TemplateNames are the placeholders' first, English names (as in
// {organizer}) with their Chinese ones: templates saved before the Chinese
// names are filled all the same.
var TemplateNames = map[string]string{
	"year": "年度", "title": "评选名称", "organizer": "主办单位", "office": "街道名称",
	"days": "公示天数", "start": "公示开始日期", "end": "公示结束日期",
	"hotline": "热线电话", "address": "通讯地址", "contact": "联系人", "phone": "联系电话",
}

// DefaultNoticeTemplate is the body of the 公示 notice before the list.
const DefaultNoticeTemplate = `根据{主办单位}关于开展{评选名称}评选工作的安排，经社区申报、资格初审、实地查看和评审组评审，拟命名以下对象，现予以公示。
公示期为{公示天数}个工作日（{公示开始日期}至{公示结束日期}）。公示期间，如对公示对象有异议，可通过来电、来信、来访等方式向我们反映。单位反映情况的须加盖公章，个人反映情况的须署实名并提供联系方式。`

// DefaultDecisionTemplate is the body of the 命名决定 before the list.
const DefaultDecisionTemplate = `根据{评选名称}评选工作安排，经社区申报、资格初审、评审组评审和公示（{公示开始日期}至{公示结束日期}），公示期间无异议或异议不成立，决定命名以下对象为{年度}年度示范对象。
希望受到命名的社区和小区珍惜荣誉，再接再厉，充分发挥示范引领作用。各社区要以先进为榜样，不断提升党建引领基层治理水平。`

// Notice is the notice template in force.
func (s Settings) Notice() string {
	if s.NoticeTemplate != "" {
		return s.NoticeTemplate
	}
	return DefaultNoticeTemplate
}

// Decision is the decision template in force.
func (s Settings) Decision() string {
	if s.DecisionTemplate != "" {
		return s.DecisionTemplate
	}
	return DefaultDecisionTemplate
}

// Configured reports whether the first-start questions were answered.
func (s Settings) Configured() bool { return s.Role != "" }

// IsOffice reports whether this copy is the office's.
func (s Settings) IsOffice() bool { return s.Role == RoleOffice }

// RoleLabel is the Chinese name of the role.
func (s Settings) RoleLabel() string {
	switch s.Role {
	case RoleOffice:
		return "街道办事处"
	case RoleCommunity:
		return "社区"
	}
	return "未设置"
}

// Settings reads the settings.
func (s *Store) Settings() (Settings, error) {
	var rows []struct {
		Key   string `db:"key"`
		Value string `db:"value"`
	}
	if err := s.db.Select(&rows, `SELECT key, value FROM settings`); err != nil {
		return Settings{}, fmt.Errorf("无法读取设置：%w", err)
	}
	m := map[string]string{}
	for _, r := range rows {
		m[r.Key] = r.Value
	}
	var out Settings
	v := reflect.ValueOf(&out).Elem()
	for i := 0; i < v.NumField(); i++ {
		v.Field(i).SetString(m[v.Type().Field(i).Tag.Get("key")])
	}
	return out, nil
}

func (st *Settings) check() error {
	st.OfficeName = Normalize(st.OfficeName)
	ck := &checker{record: "设置"}
	ck.required("OfficeName", "街道名称", st.OfficeName)
	switch st.Role {
	case RoleOffice:
	case RoleCommunity:
		if st.CommunityUUID == "" {
			ck.add("CommunityUUID", "本社区", "社区使用时请选择是哪个社区")
		}
	default:
		ck.add("Role", "使用单位类型", "请选择街道办事处或社区")
	}
	ck.phone("Hotline", "热线电话", st.Hotline)
	ck.phone("ContactPhone", "联系电话", st.ContactPhone)
	st.checkDoc(ck)
	return ck.err()
}

// SaveSettings validates and saves the settings, auditing the changed fields.
func (s *Store) SaveSettings(st Settings) error {
	if err := st.check(); err != nil {
		return err
	}
	return s.Write(func(tx *Tx) error {
		old, err := s.Settings()
		if err != nil {
			return err
		}
		var changes []Change
		ov, nv := reflect.ValueOf(old), reflect.ValueOf(st)
		for i := 0; i < nv.NumField(); i++ {
			f := nv.Type().Field(i)
			a, b := ov.Field(i).String(), nv.Field(i).String()
			if a == b {
				continue
			}
			changes = append(changes, Change{Field: f.Name, Label: f.Tag.Get("zh"), Old: a, New: b})
			if _, err := tx.q.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT(key) DO UPDATE SET value = excluded.value`, f.Tag.Get("key"), b); err != nil {
				return fmt.Errorf("无法保存设置：%w", err)
			}
		}
		if len(changes) == 0 {
			return nil
		}
		return tx.Audit(EntitySettings, 0, "", "设置", ActionUpdate, "", changes)
	})
}

// Empty reports whether the store holds no records and no settings yet.
func (s *Store) Empty() (bool, error) {
	var n int
	err := s.db.Get(&n, `SELECT (SELECT COUNT(*) FROM settings) + (SELECT COUNT(*) FROM communities)`)
	if err != nil {
		return false, fmt.Errorf("无法读取数据：%w", err)
	}
	return n == 0, nil
}
